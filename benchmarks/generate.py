"""Generate a complete, valid catalog repository of any size for benchmarks.

    from benchmarks.generate import generate_catalog
    generated = generate_catalog(Path("/tmp/bench"), 1000, seed=0)
    generated.achievements[0].text      # title, summary, keywords … as searched
    generated.containing("固态电解质")   # ids whose text contains a term

The repository holds the real schemas and settings, about one unit per 50
achievements (plus city bureaus, enterprises and an insurer), achievements with
about 2 KB of Chinese text built from a shared vocabulary of technical terms,
first-use contracts for about 30 % of them, pay-later or cooperation contracts
for about 10 %, recognition applications, exercise-rights filings, technology
needs, and attachments referenced with the SHA-256 of small generated files.
Patent numbers and unified social credit codes carry valid check characters.
The same ``n`` and ``seed`` always give the same files.
"""

from __future__ import annotations

import datetime
import hashlib
import random
import shutil
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from usefirst.identifiers import compute_patent_check, compute_uscc_check

SCHEMA_SOURCE = Path(__file__).resolve().parent.parent / "schemas"
ACHIEVEMENTS_PER_UNIT = 50
FIRST_USE_SHARE = 0.30
LATER_SHARE = 0.10
RECOGNITION_THRESHOLD = 500_000

CLUSTER_TERMS: dict[str, list[str]] = {
    "electronics": ["毫米波天线", "射频前端", "光通信模块", "物联网终端", "边缘计算"],
    "green-petrochem": ["催化裂解", "分子筛催化剂", "乙烯裂解炉", "聚烯烃改性"],
    "smart-appliances": ["变频压缩机", "智能温控", "低噪声风机", "语音交互"],
    "automotive": ["整车控制器", "线控底盘", "热管理系统", "轻量化车身"],
    "advanced-materials": ["高熵合金", "碳纤维复合材料", "陶瓷基复合材料", "稀土永磁"],
    "light-textile": ["功能性纤维", "无水染色", "生物基皮革", "智能纺织品"],
    "software": ["知识图谱", "低代码平台", "分布式数据库", "工业软件"],
    "uhd-display": ["量子点显示", "微型发光二极管", "柔性显示屏", "激光投影"],
    "biomedicine": ["单克隆抗体", "基因编辑", "细胞治疗", "医学影像识别"],
    "agri-food": ["水稻育种", "荔枝保鲜", "水产养殖", "益生菌发酵"],
    "semiconductors": ["碳化硅功率器件", "氮化镓外延", "先进封装", "芯片设计自动化"],
    "high-end-equipment": ["数控机床", "精密减速器", "盾构机刀盘", "海上风电装备"],
    "robotics": ["协作机器人", "视觉伺服", "灵巧手", "移动机器人导航"],
    "blockchain-quantum": ["量子密钥分发", "联盟链", "隐私计算", "量子传感"],
    "frontier-materials": ["石墨烯", "超材料", "钙钛矿薄膜", "液态金属"],
    "new-energy": ["固态电解质", "锂离子电池", "氢燃料电池", "光伏组件", "储能电站"],
    "laser-additive": ["激光熔覆", "金属增材制造", "超快激光加工", "激光焊接"],
    "digital-creative": ["数字孪生", "虚拟现实", "动作捕捉", "三维重建"],
    "safety-environment": ["污水处理", "土壤修复", "挥发性有机物治理", "应急监测"],
    "precision-instruments": ["光谱仪", "质谱分析", "高精度传感器", "原子力显微镜"],
}
METHODS = [
    "深度学习",
    "有限元仿真",
    "多目标优化",
    "机器视觉",
    "微流控",
    "等离子体处理",
    "溶胶凝胶法",
    "强化学习",
    "自适应控制",
    "高通量筛选",
]
OBJECTS = ["制备方法", "检测系统", "控制方法", "装置", "工艺", "评估方法"]
CITIES = {
    "440100": ("广州", "020"),
    "440300": ("深圳", "0755"),
    "440400": ("珠海", "0756"),
    "440600": ("佛山", "0757"),
    "441300": ("惠州", "0752"),
    "441900": ("东莞", "0769"),
    "442000": ("中山", "0760"),
    "440700": ("江门", "0750"),
    "440800": ("湛江", "0759"),
    "440500": ("汕头", "0754"),
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志红文斌"
SENTENCES = [
    "本成果面向{field}领域，针对{term}在实际应用中{pain}的共性难题，"
    "提出了一种基于{method}的{object}。",
    "项目团队围绕{term}开展了系统研究，建立了从材料、器件到系统的完整技术链条，"
    "关键指标达到国内领先水平。",
    "与现有技术相比，本成果将{metric}提高了{percent}%，同时使综合成本降低约"
    "{percent2}%，具有明显的性价比优势。",
    "核心创新点包括：一是提出了{term}的新型结构设计；二是采用{method}实现了"
    "过程参数的精准调控；三是形成了可复制的{object}。",
    "成果已在{city}的{count}家企业开展中试验证，连续运行{months}个月，"
    "性能稳定，未出现重大故障。",
    "该技术可广泛应用于{field}、{field2}等场景，适合具备一定{term2}基础的企业"
    "承接转化，预计产业化后年产值可达{value}亿元。",
    "团队已围绕{term}申请发明专利{count}项，形成了较为完整的知识产权布局，"
    "可为企业提供技术培训、工艺包和持续的技术支持。",
    "在{term2}方面，成果进一步结合{method}，解决了传统方案中{pain}的问题，"
    "显著提升了产品一致性和可靠性。",
    "目前技术成熟度较高，已完成{object}的工程样机，具备小批量生产条件，"
    "欢迎有意向的企业以先使用后付费方式合作。",
]
PAINS = ["效率偏低", "成本过高", "稳定性不足", "能耗偏高", "精度不够", "寿命较短"]
METRICS = ["转换效率", "检测精度", "使用寿命", "良品率", "能量密度", "响应速度"]


@dataclass
class GeneratedAchievement:
    """One generated achievement and the text a search would index."""

    id: str
    unit: str
    title: str
    summary: str
    keywords: list[str]
    terms: list[str]
    clusters: list[str]
    city: str

    @property
    def text(self) -> str:
        return "\n".join([self.title, self.summary, *self.keywords])


@dataclass
class GeneratedCatalog:
    """What was written: the repository root, its units and achievements."""

    root: Path
    units: list[str] = field(default_factory=list)
    achievements: list[GeneratedAchievement] = field(default_factory=list)
    record_count: int = 0
    attachment_count: int = 0

    def containing(self, term: str) -> set[str]:
        """Return the ids of achievements whose text contains ``term``."""
        return {a.id for a in self.achievements if term in a.text}


def generate_catalog(
    root: Path, n_achievements: int, seed: int = 0
) -> GeneratedCatalog:
    """Write a complete valid repository with ``n_achievements`` under ``root``."""
    writer = _Writer(root, random.Random(seed))
    writer.repository()
    units = max(1, round(n_achievements / ACHIEVEMENTS_PER_UNIT))
    for index in range(units):
        share = n_achievements // units + (index < n_achievements % units)
        writer.research_unit(index, share)
    writer.city_bureau()
    writer.enterprises(max(1, units // 10))
    writer.insurer()
    return writer.generated


class _Writer:
    """Write records and attachments, remembering what was written."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root = root
        self.rng = rng
        self.generated = GeneratedCatalog(root)
        self.numbers = {"CG": 0, "HT": 0}
        self.patent_serial = 0

    # -- files --------------------------------------------------------------

    def repository(self) -> None:
        shutil.copytree(SCHEMA_SOURCE, self.root / "schemas", dirs_exist_ok=True)
        catalog = self.root / "catalog"
        catalog.mkdir(parents=True, exist_ok=True)
        settings = {"reviewers": ["gd-xyhz-review"], "uscc_overrides": []}
        _dump(catalog / "settings.yaml", settings)

    def record(self, unit: str, folder: str | None, data: dict[str, Any]) -> None:
        base = self.root / "catalog" / unit
        path = base / "unit.yaml" if folder is None else base / folder / data["id"]
        if folder is not None:
            path = path.with_suffix(".yaml")
        _dump(path, data)
        self.generated.record_count += 1

    def attachment(self, unit: str, name: str, title: str) -> dict[str, str]:
        content = _pdf(f"{unit}/{name}")
        path = self.root / "catalog" / unit / "attachments" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        self.generated.attachment_count += 1
        return {
            "file": f"attachments/{name}",
            "sha256": hashlib.sha256(content).hexdigest(),
            "title": title,
        }

    def number(self, kind: str, year: int) -> str:
        self.numbers[kind] += 1
        return f"XYHZ-{kind}-{year}-{self.numbers[kind]:06d}"

    # -- units ----------------------------------------------------------------

    def research_unit(self, index: int, achievements: int) -> None:
        unit_id = f"u{index + 1:04d}"
        city = list(CITIES)[index % len(CITIES)]
        kind, suffix = [
            ("university", "理工大学"),
            ("institute", "先进技术研究院"),
            ("hospital", "医科大学附属医院"),
        ][index % 3]
        name = f"{CITIES[city][0]}第{index + 1}{suffix}"
        self.record(unit_id, None, self.unit_data(unit_id, name, kind, city))
        self.generated.units.append(unit_id)
        for serial in range(achievements):
            self.achievement(unit_id, city, serial)

    def unit_data(
        self, unit_id: str, name: str, kind: str, city: str
    ) -> dict[str, Any]:
        return {
            "kind": "unit",
            "id": unit_id,
            "name": name,
            "type": kind,
            "uscc": self.uscc(city, _USCC_HEADS.get(kind, "12")),
            "city": city,
            "introduction": f"{name}是广东省重要的科技创新主体，长期开展产学研合作。",
            "contact": self.contact(unit_id, city, "技术转移中心"),
            "maintainers": [f"{unit_id}-ttc"],
        }

    def city_bureau(self) -> None:
        unit_id, city = "gz-bureau", "440100"
        data = self.unit_data(unit_id, "广州市科学技术局", "city_bureau", city)
        self.record(unit_id, None, data)
        self.generated.units.append(unit_id)
        for serial in range(3):
            self.achievement(unit_id, city, serial, channel="city_batch")

    def enterprises(self, count: int) -> None:
        for index in range(count):
            unit_id = f"e{index + 1:04d}"
            city = list(CITIES)[index % len(CITIES)]
            name = f"{CITIES[city][0]}智造科技有限公司第{index + 1}分公司"
            self.record(
                unit_id, None, self.unit_data(unit_id, name, "enterprise", city)
            )
            self.generated.units.append(unit_id)
            self.technology_need(unit_id, city)

    def insurer(self) -> None:
        unit_id, city = "gd-insurer", "440100"
        name = "广东科技保险股份有限公司"
        self.record(unit_id, None, self.unit_data(unit_id, name, "insurer", city))
        self.generated.units.append(unit_id)
        self.record(unit_id, "insurance_products", _insurance(unit_id, name))
        unit_id, name = "gd-guarantor", "广东科技融资担保有限公司"
        self.record(unit_id, None, self.unit_data(unit_id, name, "guarantor", city))
        self.generated.units.append(unit_id)
        self.record(unit_id, "insurance_products", _insurance(unit_id, name, "g"))

    # -- achievements ---------------------------------------------------------

    def achievement(
        self, unit: str, city: str, serial: int, channel: str | None = None
    ) -> None:
        rng = self.rng
        year = rng.choice([2023, 2024, 2025])
        record_id = f"{unit}-{year}-{serial + 1:04d}"
        cluster = rng.choice(list(CLUSTER_TERMS))
        terms = rng.sample(CLUSTER_TERMS[cluster], 2)
        method, thing = rng.choice(METHODS), rng.choice(OBJECTS)
        title = f"基于{method}的{terms[0]}{thing}"
        summary = self.summary(cluster, terms, method, thing, city)
        keywords = [*terms, method]
        channel = channel or rng.choices(["inventor", "unit_batch"], [85, 15])[0]
        data = self.achievement_data(record_id, unit, title, summary, channel)
        data.update(keywords=keywords, clusters=[cluster], city=city)
        self.add_status(data, year, unit)
        self.record(unit, "achievements", _ordered_achievement(data))
        self.generated.achievements.append(
            GeneratedAchievement(
                record_id, unit, title, summary, keywords, terms, [cluster], city
            )
        )
        self.contracts(data)

    def summary(
        self, cluster: str, terms: list[str], method: str, thing: str, city: str
    ) -> str:
        rng, parts = self.rng, []
        fields = rng.sample(list(CLUSTER_TERMS[cluster]), 2)
        while sum(len(part) for part in parts) < 600:
            sentence = rng.choice(SENTENCES)
            parts.append(
                sentence.format(
                    field=fields[0],
                    field2=fields[1],
                    term=terms[0],
                    term2=terms[1],
                    method=method,
                    object=thing,
                    pain=rng.choice(PAINS),
                    metric=rng.choice(METRICS),
                    percent=rng.randint(10, 60),
                    percent2=rng.randint(5, 30),
                    city=CITIES[city][0],
                    count=rng.randint(2, 9),
                    months=rng.randint(3, 24),
                    value=rng.randint(1, 20),
                )
            )
        return "".join(parts)

    def achievement_data(
        self, record_id: str, unit: str, title: str, summary: str, channel: str
    ) -> dict[str, Any]:
        rng = self.rng
        inventors = [self.inventor() for _ in range(rng.randint(2, 5))]
        data: dict[str, Any] = {
            "kind": "achievement",
            "id": record_id,
            "title": title,
            "unit": unit,
            "channel": channel,
            "inventors": inventors,
            "rights": [self.right(title) for _ in range(rng.randint(1, 3))],
            "summary": summary,
            "application_fields": rng.sample(["工业制造", "新能源汽车", "医疗健康"], 2),
            "trl": rng.randint(4, 8),
        }
        if channel == "inventor":
            data["filed_by"] = inventors[0]["name"]
            data["offer"] = self.offer()
            data["funding"] = self.funding()
        if channel == "city_batch":
            data["holder"] = f"广州第{rng.randint(1, 99)}研究所"
        return data

    def add_status(self, data: dict[str, Any], year: int, unit: str) -> None:
        data["number"] = self.number("CG", year)
        data["admitted_on"] = _date(datetime.date(year, 1, 1), self.rng, 300)
        data["status"] = "in_stock"
        if self.rng.random() < 0.02:
            data["status"] = "exited"
            data["exit"] = {"date": "2026-06-30", "reason": "已转让给企业实施"}
            if data.get("funding", {}).get("provincial_fiscal"):
                data["exit"]["proof_type"] = "transfer"
                name = f"{data['id']}-exit.pdf"
                data["exit"]["proof"] = self.attachment(unit, name, "技术转让合同")

    def inventor(self) -> dict[str, str]:
        rng = self.rng
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2)))
        return {
            "name": name,
            "title": rng.choice(["教授", "副教授", "研究员", "高级工程师"]),
            "department": rng.choice(["材料学院", "电子信息学院", "机械学院"]),
        }

    def right(self, title: str) -> dict[str, Any]:
        rng = self.rng
        kind = rng.choices(["patent", "patent_application", "software_copyright"])[0]
        if kind == "software_copyright":
            number = f"{rng.randint(2015, 2024)}SR{rng.randint(0, 9999999):07d}"
        else:
            number = self.patent_application()
            number = f"ZL{number}" if kind == "patent" else number
        right = {"type": kind, "number": number, "title": title}
        if kind != "patent_application":
            right["granted_on"] = _date(datetime.date(2022, 1, 1), rng, 700)
        return right

    def patent_application(self) -> str:
        self.patent_serial += 1
        year = 2015 + self.patent_serial % 8
        digits = f"{year}{self.rng.choice('12')}{self.patent_serial % 10**7:07d}"
        return f"{digits}.{compute_patent_check(digits)}"

    def uscc(self, city: str, head: str = "91") -> str:
        body = f"{head}{city}" + "".join(
            self.rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9)
        )
        return body + compute_uscc_check(body)

    def offer(self) -> dict[str, Any]:
        rng = self.rng
        types = ["exclusive", "sole", "non_exclusive"]
        return {
            "license_types": rng.sample(types, rng.randint(1, 3)),
            "free_months": rng.choice([12, 18, 24, 36]),
            "after_free_period": "免费期满后按销售额的 3% 提成，或协商一次性转让。",
            "region": "中国大陆",
        }

    def funding(self) -> dict[str, Any]:
        if self.rng.random() < 0.3:
            project = {"name": "广东省重点领域研发计划项目", "code": "2023B0101010001"}
            return {"provincial_fiscal": True, "projects": [project]}
        return {"provincial_fiscal": False}

    def contact(self, unit_id: str, city: str, name: str) -> dict[str, str]:
        area = CITIES.get(city, ("广州", "020"))[1]
        return {
            "name": name,
            "phone": f"{area}-{self.rng.randint(80000000, 89999999)}",
            "email": f"ttc@{unit_id}.example.cn",
        }

    # -- contracts ------------------------------------------------------------

    def contracts(self, achievement: dict[str, Any]) -> None:
        if achievement["channel"] != "inventor" or achievement["status"] != "in_stock":
            return
        # 30 % of all achievements get a first-use contract; inventor channel is 85 %
        if self.rng.random() >= FIRST_USE_SHARE / 0.85:
            return
        first_use = self.first_use_contract(achievement)
        if self.rng.random() < LATER_SHARE / FIRST_USE_SHARE:
            self.later_contract(achievement, first_use)

    def first_use_contract(self, achievement: dict[str, Any]) -> dict[str, Any]:
        rng, unit = self.rng, achievement["unit"]
        record_id = achievement["id"].replace(f"{unit}-", f"{unit}-fu-", 1)
        start = _date(datetime.date(2024, 1, 1), rng, 360)
        # a contract is signed on an achievement already admitted
        start = max(start, _next_day(achievement["admitted_on"]))
        months = achievement["offer"]["free_months"]
        end = _add_months(datetime.date.fromisoformat(start), months)
        city = rng.choice(list(CITIES))
        data = {
            "kind": "first_use_contract",
            "id": record_id,
            "number": self.number("HT", int(start[:4])),
            "achievement": achievement["id"],
            "unit": unit,
            "filed_by": achievement["filed_by"],
            "signed_on": start,
            "scan": self.attachment(unit, f"{record_id}.pdf", "盖章合同扫描件"),
            "licensee": self.party(city),
            "license_type": achievement["offer"]["license_types"][0],
            "scope": "在广东省内生产和销售相关产品。",
            "free_period": {"start": start, "end": end.isoformat()},
        }
        self.record(unit, "first_use_contracts", data)
        return data

    def party(self, city: str) -> dict[str, str]:
        phone = f"{CITIES[city][1]}-{self.rng.randint(80000000, 89999999)}"
        return {
            "name": f"{CITIES[city][0]}市{self.rng.randint(1, 999)}号科技有限公司",
            "uscc": self.uscc(city),
            "city": city,
            "contact_person": self.inventor()["name"],
            "contact_phone": phone,
        }

    def later_contract(
        self, achievement: dict[str, Any], first_use: dict[str, Any]
    ) -> None:
        rng, unit = self.rng, achievement["unit"]
        cooperation = rng.random() < 0.4
        prefix = "co" if cooperation else "pl"
        record_id = first_use["id"].replace("-fu-", f"-{prefix}-", 1)
        signed = _date(datetime.date(2025, 7, 1), rng, 300)
        signed = max(signed, _next_day(first_use["signed_on"]))
        amount = rng.choice([200_000, 500_000, 800_000, Decimal("650000.50")])
        data: dict[str, Any] = {
            "kind": "cooperation_contract" if cooperation else "pay_later_contract",
            "id": record_id,
            "number": self.number("HT", int(signed[:4])),
            "achievement": achievement["id"],
            "unit": unit,
            "filed_by": achievement["filed_by"],
            "first_use_contract": first_use["id"],
            "signed_on": signed,
            "scan": self.attachment(unit, f"{record_id}.pdf", "盖章合同扫描件"),
        }
        data.update(self.terms(cooperation, first_use))
        data["amount"] = _amount(amount)
        data["payments"] = self.payments(unit, record_id, amount, signed)
        folder = "cooperation_contracts" if cooperation else "pay_later_contracts"
        self.record(unit, folder, data)
        if amount >= RECOGNITION_THRESHOLD:
            self.recognition(achievement, data)

    def terms(self, cooperation: bool, first_use: dict[str, Any]) -> dict[str, Any]:
        if cooperation:
            return {
                "partner": first_use["licensee"],
                "mode": "transfer",
                "first_partnership": True,
            }
        return {"mode": "license", "license_type": first_use["license_type"]}

    def payments(
        self, unit: str, record_id: str, amount: int | Decimal, signed: str
    ) -> list[dict[str, Any]]:
        first = Decimal(amount) / 2
        paid = []
        for index, part in enumerate([first, Decimal(amount) - first], start=1):
            day = datetime.date.fromisoformat(signed) + datetime.timedelta(30 * index)
            name = f"{record_id}-receipt-{index}.pdf"
            paid.append(
                {
                    "date": day.isoformat(),
                    "amount": _amount(part),
                    "receipt": self.attachment(unit, name, "银行回单"),
                    "note": f"第{index}期款项",
                }
            )
        return paid

    def recognition(
        self, achievement: dict[str, Any], contract: dict[str, Any]
    ) -> None:
        unit = achievement["unit"]
        cooperation = contract["kind"] == "cooperation_contract"
        data = {
            "kind": "recognition_application",
            "id": contract["id"].replace("-co-", "-ra-").replace("-pl-", "-ra-"),
            "year": 2026,
            "unit": unit,
            "filed_by": achievement["filed_by"],
            "mode": "cooperation" if cooperation else "pay_later",
            "achievement": achievement["id"],
            "contracts": [contract["id"]],
            "submitted_on": "2026-09-01",
            "statement": "合同款项已全部到账，成果已在企业实现量产。",
        }
        self.record(unit, "recognition_applications", data)

    def technology_need(self, unit: str, city: str) -> None:
        cluster = self.rng.choice(list(CLUSTER_TERMS))
        term = self.rng.choice(CLUSTER_TERMS[cluster])
        data = {
            "kind": "technology_need",
            "id": f"{unit}-need-001",
            "unit": unit,
            "title": f"{term}关键技术需求",
            "description": f"企业需要提升{term}的性能与可靠性，寻求可转化的成果。",
            "keywords": [term],
            "clusters": [cluster],
            "city": city,
            "cooperation_modes": ["first_use", "license"],
            "posted_on": "2026-03-01",
            "status": "open",
            "contact": self.contact(unit, city, "研发部"),
        }
        self.record(unit, "technology_needs", data)


_USCC_HEADS = {
    "enterprise": "91",
    "insurer": "91",
    "guarantor": "91",
    "city_bureau": "11",
}
_ACHIEVEMENT_ORDER = [
    "kind",
    "id",
    "number",
    "title",
    "unit",
    "holder",
    "channel",
    "filed_by",
    "inventors",
    "rights",
    "summary",
    "application_fields",
    "keywords",
    "clusters",
    "city",
    "trl",
    "offer",
    "funding",
    "status",
    "admitted_on",
    "exit",
]


def _ordered_achievement(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key in _ACHIEVEMENT_ORDER if key in data}


def _insurance(unit: str, provider: str, suffix: str = "i") -> dict[str, Any]:
    guarantee = suffix == "g"
    return {
        "kind": "insurance_product",
        "id": f"{unit}-product-{suffix}",
        "unit": unit,
        "name": "先用后转履约保证担保" if guarantee else "科技成果转化费用损失保险",
        "category": "guarantee" if guarantee else "insurance",
        "provider": provider,
        "summary": "为先使用期内企业实施成果的研发和中试费用损失提供保障。",
        "covers": ["patent", "software_copyright"],
        "in_support_catalog": True,
        "premium": "费率 1%–3%",
        "contact": {"name": "科技保险部", "phone": "020-83000000"},
    }


def _date(start: datetime.date, rng: random.Random, spread: int) -> str:
    return (start + datetime.timedelta(days=rng.randint(0, spread))).isoformat()


def _next_day(day: str) -> str:
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=1)).isoformat()


def _add_months(start: datetime.date, months: int) -> datetime.date:
    month = start.month - 1 + months
    end = start.replace(year=start.year + month // 12, month=month % 12 + 1, day=1)
    return end + datetime.timedelta(days=start.day - 2)


def _amount(value: int | Decimal) -> int | str:
    if isinstance(value, int) or value == value.to_integral_value():
        return int(value)
    return f"{value:.2f}"


def _pdf(label: str) -> bytes:
    body = f"%PDF-1.4\n% {label}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    return body.encode("utf-8")


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(
        data,
        Dumper=yaml.CSafeDumper,
        allow_unicode=True,
        sort_keys=False,
        width=4096,
    )
    path.write_text(text, encoding="utf-8")
