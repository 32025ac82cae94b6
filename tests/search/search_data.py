"""Generated catalog records for the search tests, with known trap records.

>>> len(make_docs(10))
16
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from usefirst.search import SearchDoc, fold

XSS_TITLE = (
    '<img src=x onerror="window.__xss=1">钠离子电池<script>window.__xss=2</script>'
)

TERMS = [
    "锂电池",
    "石墨烯",
    "新能源汽车",
    "人工智能",
    "5G基站",
    "SiC",
    "半导体",
    "储能",
    "机器人",
    "中药",
    "水稻",
    "深度学习算法",
    "固态锂电池",
    "燃料电池",
    "碳纤维",
    "物联网",
    "4H-SiC",
    "无人机",
    "荔枝",
    "污水处理",
    "光伏",
    "集成电路",
]
FILLERS = [
    "本成果针对行业共性难题提出了新的技术方案。",
    "经中试验证，产品稳定性达到行业先进水平。",
    "项目团队已与多家企业开展合作。",
    "技术工艺简单、易于放大，适合中小企业转化实施。",
]
CITIES = ["广州市", "深圳市", "佛山市", "东莞市", "珠海市"]
CLUSTERS = [
    "新能源",
    "前沿新材料",
    "半导体与集成电路",
    "新一代电子信息",
    "现代农业与食品",
]
UNITS = ["华南理工大学", "中山大学", "深圳大学", "广东工业大学"]

# Records that make sub-word and adjacency mistakes visible.
SPECIAL: list[tuple[str, str]] = [
    ("锂电材料与电池回收技术", "锂电材料回收，以及废旧电池拆解。"),  # not 锂电池
    ("基站节能方案", "面向5G 基站的节能控制。"),  # not 5G基站 (a space between)
    ("全宽字符成果", "采用ＳｉＣ功率器件与ＧａＮ射频器件。"),  # full-width SiC
    ("钙钛矿叠层电池", "高效光伏组件。"),  # title-only 钙钛矿
    ("光伏组件封装", "组件采用钙钛矿与晶硅叠层结构，提升效率。"),  # summary-only 钙钛矿
    (XSS_TITLE, "恶意标题测试：<img src=x onerror=alert(1)>钠离子电池正极材料。"),
]


@dataclass(frozen=True)
class Built:
    """Generated records, in index order, and the folder holding the site."""

    docs: list[SearchDoc]
    site: Path

    def containing(self, query: str) -> set[int]:
        """Record numbers whose title or text contains ``query`` (folded)."""
        needle = fold(query)
        return {
            i
            for i, d in enumerate(self.docs)
            if needle in fold(d.title + "\n" + d.text)
        }

    def in_title(self, query: str) -> set[int]:
        return {i for i, d in enumerate(self.docs) if fold(query) in fold(d.title)}


def make_docs(n: int = 300, seed: int = 11) -> list[SearchDoc]:
    """``n`` generated records followed by the special ones."""
    rng = random.Random(seed)
    docs = [_generated(i, rng) for i in range(n)]
    for i, (title, text) in enumerate(SPECIAL):
        docs.append(_doc(f"special-{i}", title, text, rng))
    return docs


def _generated(i: int, rng: random.Random) -> SearchDoc:
    terms = rng.sample(TERMS, 4)
    title = (
        rng.choice(["高效", "新型", "低成本"])
        + terms[0]
        + rng.choice(["制备技术", "系统"])
    )
    body = [rng.choice(FILLERS)]
    for term in terms[1 if rng.random() < 0.5 else 0 :]:
        body.append(f"成果可应用于{term}等领域。{rng.choice(FILLERS)}")
    return _doc(f"gen-{i:04d}", title, "".join(body), rng)


def _doc(slug: str, title: str, text: str, rng: random.Random) -> SearchDoc:
    unit = rng.choice(UNITS)
    return SearchDoc(
        url=f"achievements/{slug}/",
        title=title,
        text=f"{text}成果单位：{unit}",
        excerpt=text[:80],
        meta={"unit": unit, "number": f"T-{slug}"},
        filters={
            "cluster": [rng.choice(CLUSTERS)],
            "city": [rng.choice(CITIES)],
            "right": [rng.choice(["发明专利", "软件著作权"])],
            "trl": ["6级"],
            "licence": [rng.choice(["普通许可", "独占许可"])],
            "unit": [unit],
        },
    )
