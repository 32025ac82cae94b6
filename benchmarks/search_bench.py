"""Benchmark the catalog search on generated records in headless Chromium.

    /work/venv/bin/python benchmarks/search_bench.py --n 1000

Generates N realistic Chinese achievement records from ~200 technical terms,
builds the index with ``usefirst.search.build_search_index``, serves a tiny
site on 127.0.0.1 (gzip for text files, as static hosts do; Pagefind's own
files are already gzipped) and, per query, measures in /usr/bin/chromium:
recall and precision against the records whose folded text contains the query,
whether title matches come first, bytes and time of a first search in a fresh
browser and of a following search on the same page. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import gzip
import posixpath
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))
sys.path.insert(0, str(REPO / "benchmarks"))

from browser import QuietHandler, launch, serve  # noqa: E402

from usefirst.search import SearchDoc, build_search_index, fold  # noqa: E402

REPEAT = 3


def _terms(text: str) -> list[str]:
    """Terms listed with the Chinese enumeration comma (some contain spaces)."""
    return text.split("、")


QUERIES = _terms(
    "锂电池、电池、石墨烯、新能源汽车、人工智能、5G基站、SiC、半导体、储能、机器人、"
    "中药、水稻、固态锂电池、深度学习算法、电、光、ｓｉｃ"
)


# (industry cluster, terms) per topic; terms overlap on purpose (电池, SiC ...).
TOPICS: dict[str, tuple[str, list[str]]] = {
    "energy": (
        "新能源",
        _terms(
            "锂电池、固态锂电池、钠离子电池、燃料电池、动力电池、储能、光伏、氢能、"
            "风电、新能源汽车、充电桩、电池管理系统、超级电容、热管理、锂电池正极材料、"
            "储能电站、海上风电、钙钛矿、氢燃料、智能电网"
        ),
    ),
    "materials": (
        "前沿新材料",
        _terms(
            "石墨烯、碳纤维、纳米材料、高分子材料、陶瓷材料、稀土、铝合金、功能涂层、"
            "复合材料、生物降解材料、石墨烯导热膜、液态金属、气凝胶、高熵合金、"
            "特种玻璃、纤维素、膜材料"
        ),
    ),
    "semi": (
        "半导体与集成电路",
        _terms(
            "半导体、SiC、GaN、芯片、集成电路、功率器件、SiC MOSFET、光刻胶、先进封装、"
            "传感器、MEMS、第三代半导体、4H-SiC、射频芯片、晶圆、EDA、存储器"
        ),
    ),
    "ict": (
        "新一代电子信息",
        _terms(
            "人工智能、机器学习、深度学习、深度学习算法、大数据、云计算、物联网、"
            "5G基站、5G通信、区块链、边缘计算、计算机视觉、自然语言处理、工业互联网、"
            "数字孪生、人工智能芯片、毫米波、光通信、北斗导航、信息安全"
        ),
    ),
    "robot": (
        "智能机器人",
        _terms(
            "机器人、工业机器人、服务机器人、无人机、智能制造、数控机床、激光加工、"
            "3D打印、自动驾驶、机器视觉、协作机器人、减速器、伺服电机、AGV、外骨骼、"
            "手术机器人"
        ),
    ),
    "bio": (
        "生物医药与健康",
        _terms(
            "中药、中药提取、生物医药、疫苗、单克隆抗体、基因编辑、医疗器械、体外诊断、"
            "干细胞、微生物发酵、酶制剂、岭南中药、中药配方颗粒、mRNA、CAR-T、"
            "医学影像、康复器械"
        ),
    ),
    "agri": (
        "现代农业与食品",
        _terms(
            "水稻、杂交水稻、荔枝、柑橘、茶叶、水产养殖、种质资源、分子育种、生物农药、"
            "土壤修复、农产品保鲜、丝苗米、畜禽养殖、食品加工、功能食品、智慧农业、"
            "南美白对虾"
        ),
    ),
    "env": (
        "安全应急与环保",
        _terms(
            "污水处理、废气治理、固废资源化、碳捕集、节能、环境监测、海水淡化、VOCs、"
            "重金属污染、垃圾焚烧、应急救援、消防、膜分离、光催化、土壤修复剂"
        ),
    ),
    "chem": (
        "绿色石化",
        _terms(
            "催化剂、乙烯裂解、精细化工、聚氨酯、可降解塑料、水性涂料、表面活性剂、"
            "电子化学品、锂电池电解液、炼化一体化、分子筛"
        ),
    ),
    "light": (
        "现代轻工纺织",
        _terms(
            "功能纤维、智能纺织品、陶瓷釉料、定制家具、皮革鞣制、印染废水、纳米纤维膜、"
            "特种纸、日用化学品"
        ),
    ),
    "instrument": (
        "精密仪器设备",
        _terms(
            "质谱仪、拉曼光谱、电子显微镜、色谱分析、传感芯片、计量校准、无损检测、"
            "太赫兹成像"
        ),
    ),
    "quantum": (
        "区块链与量子信息",
        _terms("量子通信、量子计算、量子密钥分发、隐私计算、国密算法、可信执行环境"),
    ),
    "equip": (
        "高端装备制造",
        _terms(
            "海洋工程、船舶、轨道交通、航空发动机、精密仪器、激光雷达、工业软件、液压、"
            "轴承、超精密加工、检测装备、智能家电、超高清显示、OLED、Micro LED"
        ),
    ),
}
# unit:city pairs.
UNITS: list[tuple[str, str]] = [
    tuple(pair.split(":"))  # type: ignore[misc]
    for pair in _terms(
        "华南理工大学:广州市、中山大学:广州市、暨南大学:广州市、华南农业大学:广州市、"
        "广东工业大学:广州市、华南师范大学:广州市、广州大学:广州市、"
        "南方医科大学:广州市、广州中医药大学:广州市、深圳大学:深圳市、"
        "南方科技大学:深圳市、哈尔滨工业大学（深圳）:深圳市、"
        "中国科学院深圳先进技术研究院:深圳市、汕头大学:汕头市、广东海洋大学:湛江市、"
        "佛山科学技术学院:佛山市、东莞理工学院:东莞市、五邑大学:江门市、"
        "惠州学院:惠州市、韶关学院:韶关市、嘉应学院:梅州市、肇庆学院:肇庆市、"
        "岭南师范学院:湛江市、广东石油化工学院:茂名市、韩山师范学院:潮州市、"
        "中山大学（珠海校区）:珠海市、北京师范大学珠海校区:珠海市、"
        "电子科技大学中山学院:中山市、广东省科学院:广州市、"
        "中国科学院广州能源研究所:广州市、广东省农业科学院:广州市、"
        "松山湖材料实验室:东莞市、季华实验室:佛山市、鹏城实验室:深圳市、"
        "阳江职业技术学院:阳江市、清远职业技术学院:清远市、云浮职业技术学院:云浮市、"
        "揭阳职业技术学院:揭阳市、河源职业技术学院:河源市、汕尾职业技术学院:汕尾市"
    )
]
RIGHTS = _terms(
    "发明专利、实用新型专利、软件著作权、植物新品种、技术秘密、集成电路布图设计"
)
LICENCES = _terms("普通许可、排他许可、独占许可、先使用后付费")
TITLE_PREFIX = _terms("高效、低成本、新型、高性能、智能化、绿色、高可靠、大规模、一种")
TITLE_SUFFIX = _terms(
    "制备技术、关键技术、系统及装置、方法及应用、集成装备、工艺与产业化、检测平台、设计与制造"
)
SENTENCES = [
    "本成果围绕{a}领域的共性技术难题，提出了一种结合{b}的新方案。",
    "项目团队长期从事{a}研究，在{b}与{c}方面积累了丰富经验。",
    "该技术突破了{a}的性能瓶颈，相比传统工艺成本降低约三成。",
    "经中试验证，{a}产品的稳定性和一致性达到行业先进水平。",
    "成果可应用于{a}、{b}等场景，具有广阔的市场前景。",
    "研究团队建立了{a}的评价方法，并与多家企业开展合作。",
    "通过优化{a}结构设计，显著提升了{b}的使用寿命。",
    "目前已申请相关专利多项，形成了较完整的知识产权布局。",
    "技术方案工艺简单、易于放大，适合珠三角地区中小企业转化实施。",
    "在{a}示范线上连续运行超过一千小时，各项指标满足设计要求。",
    "拟通过先使用后付费方式向企业开放许可，降低企业试用门槛。",
    "成果与{a}产业链上下游紧密衔接，可带动{b}相关产业升级。",
]


@dataclass(frozen=True)
class Record:
    """A generated record with its search document and its plain-text haystack."""

    doc: SearchDoc
    haystack: str  # folded title + text, the ground truth for "contains"
    title: str  # folded title


def generate(n: int, seed: int = 7) -> list[Record]:
    """``n`` reproducible records; every query term occurs in a known subset."""
    rng = random.Random(seed)
    return [_record(i, rng) for i in range(n)]


def _record(i: int, rng: random.Random) -> Record:
    key = rng.choice(list(TOPICS))
    cluster, terms = TOPICS[key]
    other = TOPICS[rng.choice(list(TOPICS))][1]
    picks = rng.sample(terms, 4) + [rng.choice(other)]
    unit, city = rng.choice(UNITS)
    title = rng.choice(TITLE_PREFIX) + picks[0] + rng.choice(TITLE_SUFFIX)
    text = _text(rng, picks, unit)
    doc = SearchDoc(
        url=f"achievements/gen-{i:05d}/",
        title=title,
        text=text,
        excerpt=text[:120],
        meta={"unit": unit, "number": f"GD-{2024 + i % 3}-{i:05d}"},
        filters={
            "cluster": [cluster],
            "city": [city],
            "right": [rng.choice(RIGHTS)],
            "trl": [f"{rng.randint(3, 9)}级"],
            "licence": [rng.choice(LICENCES)],
            "unit": [unit],
        },
    )
    return Record(doc=doc, haystack=fold(title + "\n" + text), title=fold(title))


def _text(rng: random.Random, picks: list[str], unit: str) -> str:
    # Summary terms skip picks[0] half of the time, so some records match a
    # term in the title only and others in the summary only.
    pool = picks[1:] if rng.random() < 0.5 else picks
    body = []
    while sum(map(len, body)) < 560:
        a, b, c = (rng.choice(pool) for _ in range(3))
        body.append(rng.choice(SENTENCES).format(a=a, b=b, c=c))
    fields = "、".join(rng.sample(pool, 3))
    return (
        f"成果简介：{''.join(body)}\n应用领域：{fields}\n"
        f"关键词：{'；'.join(pool)}\n成果单位：{unit}"
    )


# ---- serving ----

_GZIP_TYPES = (".js", ".css", ".html", ".json")


class _GzipHandler(QuietHandler):
    """Static files; text types gzipped on request like a production host."""

    def do_GET(self) -> None:  # noqa: N802
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.suffix in _GZIP_TYPES and path.is_file()):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>搜索成果</title>
<link rel="stylesheet" href="../assets/stylesheets/catalog-search.css"></head>
<body><main><h1>搜索成果</h1><div id="catalog-search" data-index="../search/"></div>
</main><script src="../assets/javascripts/catalog-search.js"></script></body></html>
"""


def build_site(records: list[Record], site: Path) -> tuple[int, int, float]:
    """Write the index and the search page; return (files, bytes, seconds)."""
    assets = site / "assets"
    for sub in ("javascripts/catalog-search.js", "stylesheets/catalog-search.css"):
        (assets / sub).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "site" / "assets" / sub, assets / sub)
    start = time.perf_counter()
    stats = build_search_index((r.doc for r in records), site / "search")
    seconds = time.perf_counter() - start
    (site / "search" / "index.html").write_text(PAGE, encoding="utf-8")
    return stats.files, stats.bytes, seconds


def record_urls(index_dir: Path) -> dict[int, str]:
    """Record number -> record url, read from the record files on disk."""
    import json

    out = {}
    for path in (index_dir / "records").glob("*.bin"):
        href = json.loads(gzip.decompress(path.read_bytes()))["href"]
        out[int(path.stem)] = posixpath.normpath(f"{index_dir.name}/{href}") + "/"
    return out


# ---- measuring ----


@dataclass
class Measure:
    query: str
    truth: int
    found: int
    recall: float
    precision: float
    title_first: bool
    first_kb: float
    first_ms: float
    next_kb: float
    next_ms: float


class _Traffic:
    """Bytes received per phase, and every host asked."""

    def __init__(self) -> None:
        self.bytes = 0
        self.hosts: set[str] = set()

    def on_finished(self, request: Any) -> None:
        from urllib.parse import urlsplit

        self.hosts.add(urlsplit(request.url).hostname or "")
        sizes = request.sizes()
        self.bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]


_STATE_DONE = (
    "() => ['done','empty','idle','error'].includes("
    "document.getElementById('catalog-search').getAttribute('data-state'))"
)
_RESULT_IDS = (
    "() => document.getElementById('catalog-search').catalogSearch"
    ".results.map(r => r.doc)"
)
_SHOWN = (
    "() => Array.from(document.querySelectorAll('.cs-result-title a'))"
    ".map(a => new URL(a.href).pathname)"
)


def measure_all(
    records: list[Record], site: Path, queries: list[str]
) -> tuple[list[Measure], set[str]]:
    from playwright.sync_api import sync_playwright

    urls = record_urls(site / "search")
    hosts: set[str] = set()
    with serve(site, _GzipHandler) as root, sync_playwright() as playwright:
        browser = launch(playwright)
        base = root + "search/"
        pairs = zip(queries, queries[1:] + queries[:1], strict=True)
        out = [_measure(browser, base, records, urls, q, nq, hosts) for q, nq in pairs]
        browser.close()
    return out, hosts


def _measure(
    browser: Any,
    base: str,
    records: list[Record],
    urls: dict[int, str],
    query: str,
    next_query: str,
    hosts: set[str],
) -> Measure:
    # A fresh browser context per try: an empty cache, as for a first visitor.
    # The time is the median of REPEAT tries, as single tries vary by ±50 %.
    tries = [_first_search(browser, base, query) for _ in range(REPEAT)]
    first_ms = statistics.median(t[1] for t in tries)
    page, traffic = tries[-1][2], tries[-1][3]
    found = {urls[i] for i in page.evaluate(_RESULT_IDS)}
    shown = page.evaluate(_SHOWN)
    next_bytes, next_ms = _next_search(page, traffic, next_query)
    for _, _, tab, seen in tries:
        hosts |= seen.hosts
        tab.context.close()
    return _score(
        records, query, found, shown, tries[0][0], first_ms, next_bytes, next_ms
    )


def _first_search(browser: Any, base: str, query: str) -> tuple[int, float, Any, Any]:
    """Bytes and ms to the first results in a new context, its page and traffic."""
    from urllib.parse import quote

    page = browser.new_context().new_page()
    traffic = _Traffic()
    page.on("requestfinished", traffic.on_finished)
    page.goto(base + "?q=" + quote(query))
    page.wait_for_function(_STATE_DONE, timeout=60_000)
    ms = float(page.get_attribute("#catalog-search", "data-ready-ms") or "nan")
    page.wait_for_timeout(150)  # let the last requestfinished events arrive
    return traffic.bytes, ms, page, traffic


def _next_search(page: Any, traffic: _Traffic, query: str) -> tuple[int, float]:
    before = traffic.bytes
    page.fill("#catalog-search input[type=search]", query)
    page.press("#catalog-search input[type=search]", "Enter")
    page.wait_for_function(_STATE_DONE, timeout=60_000)
    ms = float(page.get_attribute("#catalog-search", "data-search-ms") or "nan")
    page.wait_for_timeout(150)
    return traffic.bytes - before, ms


def _score(
    records: list[Record],
    query: str,
    found: set[str],
    shown: list[str],
    first_bytes: int,
    first_ms: float,
    next_bytes: int,
    next_ms: float,
) -> Measure:
    needle = fold(query)
    truth = {r.doc.url for r in records if needle in r.haystack}
    titled = {"/" + r.doc.url for r in records if needle in r.title}
    hit = len(truth & found)
    return Measure(
        query=query,
        truth=len(truth),
        found=len(found),
        recall=hit / len(truth) if truth else 1.0,
        precision=hit / len(found) if found else 1.0,
        title_first=_title_first(shown, titled),
        first_kb=first_bytes / 1024,
        first_ms=first_ms,
        next_kb=next_bytes / 1024,
        next_ms=next_ms,
    )


def _title_first(shown: list[str], titled: set[str]) -> bool:
    """No summary-only result is shown above a title match (first page)."""
    paths = [p for p in shown]
    flags = [p in titled for p in paths]
    return flags == sorted(flags, reverse=True)


def table(rows: list[Measure]) -> Iterator[str]:
    yield (
        "| query | in text | found | recall | precision | title first "
        "| 1st search KB | 1st results ms | next search KB | next ms |"
    )
    yield "|---|---:|---:|---:|---:|:---:|---:|---:|---:|---:|"
    for m in rows:
        yield (
            f"| {m.query} | {m.truth} | {m.found} | {m.recall:.1%} "
            f"| {m.precision:.1%} | {'yes' if m.title_first else 'no'} "
            f"| {m.first_kb:.0f} | {m.first_ms:.0f} | {m.next_kb:.0f} "
            f"| {m.next_ms:.0f} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="records to generate")
    parser.add_argument("--keep", type=Path, help="build the site here and keep it")
    args = parser.parse_args(argv)
    records = generate(args.n)
    site = args.keep or Path(tempfile.mkdtemp(prefix="search-bench-"))
    files, size, build_s = build_site(records, site)
    rows, hosts = measure_all(records, site, QUERIES)
    text_kb = sum(len(r.doc.text.encode()) for r in records) / len(records) / 1024
    print(f"### {args.n} records (avg text {text_kb:.1f} KB)\n")
    print(
        f"Index: {files} files, {size / 1e6:.1f} MB on disk, built in {build_s:.0f} s. "
        f"Hosts requested: {', '.join(sorted(hosts))}.\n"
    )
    print("\n".join(table(rows)))
    if not args.keep:
        shutil.rmtree(site, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
