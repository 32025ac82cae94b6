"""Open data: the public catalog as JSON and CSV, and an Atom feed of admissions.

    files = open_data_files(context)
    [file.path for file in files]
    # ["data/catalog.json", "data/achievements.csv", "feed.xml"]

The layout is stable and documented on the data page (``data_page``): version
``FORMAT_VERSION`` changes only when a field is removed or changes meaning.
Everything comes from the public view; CSV cells that a spreadsheet would run
as a formula are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
import xml.etree.ElementTree as ElementTree
from typing import Any

from usefirst.site import links
from usefirst.site.context import Record, SiteContext
from usefirst.site.model import Page, StaticFile
from usefirst.site.render import Linker, paragraph, sections, table

FORMAT_VERSION = 1
CATALOG_JSON = "data/catalog.json"
ACHIEVEMENTS_CSV = "data/achievements.csv"
FEED = "feed.xml"
FEED_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_KEYS = (
    "id", "number", "title", "status", "channel", "unit", "city", "trl", "admitted_on"
)  # fmt: skip

#: CSV columns, in order, with what each holds.
CSV_COLUMNS: list[tuple[str, str]] = [
    ("id", "记录标识"),
    ("number", "成果编号"),
    ("title", "成果名称"),
    ("status", "库存状态代码：in_stock 在库，exited 已出库"),
    ("channel", "入库渠道代码：inventor、unit_batch、city_batch"),
    ("unit", "成果单位标识"),
    ("unit_name", "成果单位名称（地市导入的为权属单位）"),
    ("city", "地市代码（GB/T 2260）"),
    ("city_name", "地市名称"),
    ("clusters", "产业集群代码，以分号分隔"),
    ("cluster_names", "产业集群名称，以分号分隔"),
    ("right_types", "权利类型代码，以分号分隔"),
    ("right_numbers", "权利号，以分号分隔"),
    ("trl", "技术成熟度等级 1–9"),
    ("license_types", "可选许可方式代码，以分号分隔"),
    ("free_months", "免费使用期（月）"),
    ("admitted_on", "入库日期"),
    ("keywords", "关键词，以分号分隔"),
    ("application_fields", "应用领域，以分号分隔"),
    ("contact_name", "对接联系人或部门"),
    ("contact_phone", "对接电话"),
    ("contact_email", "对接电子邮箱"),
    ("url", "成果页面在本站的路径"),
]


def open_data_files(context: SiteContext) -> list[StaticFile]:
    """Write the JSON, CSV and Atom files of the public catalog."""
    return [
        StaticFile(CATALOG_JSON, catalog_json(context)),
        StaticFile(ACHIEVEMENTS_CSV, achievements_csv(context)),
        StaticFile(FEED, atom_feed(context)),
    ]


def catalog_json(context: SiteContext) -> bytes:
    """Every public record by kind, contract counts per year, and vocabularies."""
    view = context.view
    years = context.contract_years()
    document = {
        "format": "usefirst-catalog",
        "version": FORMAT_VERSION,
        "achievements": view.achievements,
        "units": sorted(view.units.values(), key=lambda unit: unit["id"]),
        "insurance_products": view.insurance_products,
        "technology_needs": view.technology_needs,
        "contract_counts": {year: dict(counts) for year, counts in years.items()},
        "vocabularies": context.labels.tables,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _csv_row(context: SiteContext, record: Record) -> dict[str, Any]:
    offer = record.get("offer", {})
    unit = context.view.units.get(record["unit"], {})
    contact = record.get("contact") or unit.get("contact", {})
    rights = record.get("rights", [])
    return {
        **{key: record.get(key, "") for key in _PLAIN_KEYS},
        "unit_name": context.owner_name(record),
        "city_name": context.labels.city(record.get("city", "")),
        "clusters": ";".join(record.get("clusters", [])),
        "cluster_names": ";".join(
            context.labels.names("cluster", record.get("clusters"))
        ),
        "right_types": ";".join(context.right_types(record)),
        "right_numbers": ";".join(r["number"] for r in rights if r.get("number")),
        "license_types": ";".join(offer.get("license_types", [])),
        "free_months": offer.get("free_months", ""),
        "keywords": ";".join(record.get("keywords", [])),
        "application_fields": ";".join(record.get("application_fields", [])),
        "contact_name": contact.get("name", ""),
        "contact_phone": contact.get("phone", ""),
        "contact_email": contact.get("email", ""),
        "url": context.url(links.achievement_path(record["id"])),
    }


def _cell(value: Any) -> str:
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def achievements_csv(context: SiteContext) -> bytes:
    """One row per achievement, in and out of stock; UTF-8 with a BOM for Excel."""
    out = io.StringIO()
    names = [name for name, _ in CSV_COLUMNS]
    writer = csv.DictWriter(out, names, lineterminator="\r\n")
    writer.writeheader()
    for record in sorted(context.view.achievements, key=lambda r: r["id"]):
        row = _csv_row(context, record)
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return out.getvalue().encode("utf-8-sig")


def _urn(name: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"usefirst:{name}").urn


def atom_feed(context: SiteContext) -> bytes:
    """The newest admitted achievements; links are relative to the feed."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    newest = [r for r in context.in_stock if r.get("admitted_on")][:FEED_ENTRIES]
    updated = newest[0]["admitted_on"] if newest else "2026-01-01"
    _sub(feed, "title", "先用后转成果库：新入库成果")
    _sub(feed, "id", _urn("feed"))
    _sub(feed, "updated", f"{updated}T00:00:00Z")
    _link(feed, context.url(links.CATALOG))
    _sub(ElementTree.SubElement(feed, f"{{{ATOM}}}author"), "name", "先用后转成果库")
    for record in newest:
        _entry(feed, context, record)
    body = ElementTree.tostring(feed, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def _sub(parent: ElementTree.Element, tag: str, text: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _link(parent: ElementTree.Element, href: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}link", href=href or "./")


def _entry(feed: ElementTree.Element, context: SiteContext, record: Record) -> None:
    entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
    _sub(entry, "title", record["title"])
    _sub(entry, "id", _urn(f"achievement:{record['id']}"))
    _sub(entry, "updated", f"{record['admitted_on']}T00:00:00Z")
    _link(entry, context.url(links.achievement_path(record["id"])))
    _sub(entry, "summary", f"{context.owner_name(record)}：{record['summary'][:200]}")
    for code in record.get("clusters", []):
        label = context.labels.cluster(code)
        ElementTree.SubElement(entry, f"{{{ATOM}}}category", term=code, label=label)


def data_page(context: SiteContext) -> Page:
    """Document the open data files and their stable layout."""
    here = context.linker(links.DATA)
    columns = [[f"<code>{name}</code>", text] for name, text in CSV_COLUMNS]
    markdown = sections(
        "# 开放数据",
        paragraph(
            "成果库的公开部分可自由下载，每次成果库更新后重新生成。合同金额、收款、"
            "扫描件、身份证号和个人手机号码等不公开的信息不在其中。"
        ),
        _files_table(here),
        "## catalog.json 的结构",
        table(["键", "内容"], _json_layout()),
        paragraph(f"各记录字段的含义见{here.link('字段说明', links.REFERENCE)}。"),
        "## achievements.csv 的列",
        table(["列", "内容"], columns),
        paragraph(
            "以等号、加号、减号或 @ 开头的单元格前加了一个单引号，"
            "防止电子表格把它当作公式执行。"
        ),
    )
    return Page(links.DATA, "开放数据", markdown, in_nav=True)


def _files_table(here: Linker) -> str:
    return table(
        ["文件", "内容"],
        [
            [here.link("catalog.json", CATALOG_JSON), "全部公开记录（JSON，UTF-8）"],
            [
                here.link("achievements.csv", ACHIEVEMENTS_CSV),
                "成果一览（CSV，UTF-8 带 BOM，可用 Excel 直接打开）",
            ],
            [here.link("feed.xml", FEED), f"最新入库的 {FEED_ENTRIES} 项成果（Atom）"],
        ],
    )


def _json_layout() -> list[list[str]]:
    return [
        [
            "<code>format</code>、<code>version</code>",
            f"固定为 <code>usefirst-catalog</code> 和格式版本 {FORMAT_VERSION}；"
            "删除字段或改变字段含义时版本加一",
        ],
        [
            "<code>achievements</code>",
            "成果记录的公开字段，字段名与记录文件相同（见字段说明中“公开”一列）",
        ],
        ["<code>units</code>", "单位的公开字段"],
        ["<code>insurance_products</code>", "保险与担保产品"],
        ["<code>technology_needs</code>", "企业技术需求"],
        ["<code>contract_counts</code>", "各年度各类合同的份数（不含金额和签约方）"],
        ["<code>vocabularies</code>", "代码与中文名称对照：地市、产业集群、权利类型等"],
    ]
