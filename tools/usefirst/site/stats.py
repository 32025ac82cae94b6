"""Statistics of the catalog: counts and bar charts, no private figures.

    page = stats_page(context)
    page.path    # "stats/index.md"

Contracts are counted per year of signing and per kind; their amounts and
parties are private and not in the public view at all.
"""

from __future__ import annotations

from collections import Counter

from usefirst.site import links
from usefirst.site.charts import bar_chart
from usefirst.site.context import SiteContext
from usefirst.site.model import Page
from usefirst.site.render import facts, paragraph, sections, table

TOP_UNITS = 20
CONTRACT_NAMES = {
    "first_use_contract": "先使用合同",
    "pay_later_contract": "后付费合同",
    "cooperation_contract": "后合作合同",
}
Bars = list[tuple[str, int]]


def stats_page(context: SiteContext) -> Page:
    """Render the statistics page."""
    markdown = sections(
        "# 统计",
        facts(_totals(context)),
        "## 按地市",
        _chart("各地市在库成果数", _by_city(context)),
        "## 按产业集群",
        _chart("各产业集群在库成果数", _by_cluster(context)),
        "## 按权利类型",
        _chart("各权利类型在库成果数", _by_right_type(context)),
        "## 按技术成熟度",
        _chart("各技术成熟度等级在库成果数", _by_trl(context)),
        f"## 按成果单位（前 {TOP_UNITS} 名）",
        _chart("在库成果最多的成果单位", _by_unit(context)),
        "## 合同备案（按签订年度）",
        _contracts(context),
    )
    return Page(links.STATS, "统计", markdown, in_nav=True)


def _totals(context: SiteContext) -> list[tuple[str, str | None]]:
    view = context.view
    exited = len(view.achievements) - len(context.in_stock)
    units = {record["unit"] for record in context.in_stock}
    return [
        ("在库成果", f"{len(context.in_stock)} 项"),
        ("已出库成果", f"{exited} 项"),
        ("有在库成果的单位", f"{len(units)} 家"),
        ("备案合同", f"{len(view.contracts)} 份"),
        ("企业技术需求", f"{len(view.technology_needs)} 项"),
        ("保险与担保产品", f"{len(view.insurance_products)} 项"),
    ]


def _chart(title: str, bars: Bars, unit: str = "项") -> str:
    return bar_chart(title, bars, unit=unit) if bars else paragraph("暂无数据。")


def _in_vocabulary_order(context: SiteContext, name: str, counts: Counter[str]) -> Bars:
    codes = context.labels.codes(name)
    known = [(context.labels.name(name, c), counts[c]) for c in codes if counts[c]]
    unknown = [(code, n) for code, n in sorted(counts.items()) if code not in codes]
    return known + unknown


def _by_city(context: SiteContext) -> Bars:
    counts = Counter(record.get("city", "") for record in context.in_stock)
    return _in_vocabulary_order(context, "city", counts)


def _by_cluster(context: SiteContext) -> Bars:
    counts = Counter(c for r in context.in_stock for c in r.get("clusters", []))
    return _in_vocabulary_order(context, "cluster", counts)


def _by_right_type(context: SiteContext) -> Bars:
    counts = Counter(t for r in context.in_stock for t in context.right_types(r))
    return _in_vocabulary_order(context, "right_type", counts)


def _by_trl(context: SiteContext) -> Bars:
    counts = Counter(record["trl"] for record in context.in_stock if "trl" in record)
    return [(context.labels.trl(level), counts[level]) for level in sorted(counts)]


def _by_unit(context: SiteContext) -> Bars:
    # City imports count for the unit that owns the achievement, as in the search.
    counts = Counter(context.owner_name(record) for record in context.in_stock)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_UNITS]


def _contracts(context: SiteContext) -> str:
    years = context.contract_years()
    if not years:
        return paragraph("暂无备案合同。")
    header = ["年度", *CONTRACT_NAMES.values(), "合计"]
    rows = [
        [
            year,
            *(str(counts[kind]) for kind in CONTRACT_NAMES),
            str(sum(counts.values())),
        ]
        for year, counts in years.items()
    ]
    bars = [(f"{year} 年", sum(counts.values())) for year, counts in years.items()]
    note = paragraph("只统计份数；合同金额、收款和签约企业不公开。")
    chart = _chart("各年度备案合同数", bars, "份")
    return sections(chart, table(header, rows), note).rstrip()
