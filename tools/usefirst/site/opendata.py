"""Open data: the public catalog as JSON and CSV, and an Atom feed of admissions.

    files = open_data_files(context)
    [file.path for file in files]
    # ["data/catalog.json", "data/achievements.csv", "feed.xml"]

The layout is stable and documented on the data page (``data_page``): version
``FORMAT_VERSION`` changes only when a field or column is removed or changes
meaning. The JSON keeps the records' English keys, for programs; the CSV is for
people with a spreadsheet: Chinese headers (the schema titles of the fields),
and a name column next to every code column. Everything comes from the public
view; CSV cells that a spreadsheet would run as a formula are prefixed with an
apostrophe. Links are full URLs when the site's URL is known, else relative to
the site root.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from typing import Any

from usefirst.sheets.formulas import safe_cell
from usefirst.site import links
from usefirst.site.context import Record, SiteContext
from usefirst.site.escape import html
from usefirst.site.labels import Labels
from usefirst.site.model import Page, StaticFile
from usefirst.site.render import Linker, paragraph, sections, table

FORMAT_VERSION = 1
CATALOG_JSON = "data/catalog.json"
ACHIEVEMENTS_CSV = "data/achievements.csv"
FEED = "feed.xml"
FEED_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"
_PLAIN_KEYS = (
    "id", "number", "title", "status", "channel", "unit", "city", "trl", "admitted_on"
)  # fmt: skip

CODE = "代码"


@dataclass(frozen=True)
class Column:
    """A CSV column: its row key, the field whose title heads it, what it holds."""

    key: str
    field: str  # dotted achievement field; "" for a column no field names
    description: str
    suffix: str = ""  # after the field's title: CODE for a code next to its name

    def header(self, labels: Labels) -> str:
        return (labels.title(self.field) if self.field else "") + self.suffix


#: CSV columns, in order. New columns are only ever added at the end.
CSV_COLUMNS: list[Column] = [
    Column("id", "id", "记录标识，也是成果页面地址的一部分"),
    Column("number", "number", "成果编号，如 XYHZ-CG-2026-000001"),
    Column("title", "title", "成果名称"),
    Column("status", "status", "in_stock 或 exited", CODE),
    Column("status_name", "status", "在库或已出库"),
    Column("channel", "channel", "inventor、unit_batch 或 city_batch", CODE),
    Column(
        "channel_name",
        "channel",
        "成果完成人填报、成果单位批量导入或地市科技部门批量导入",
    ),
    Column("unit", "unit", "提交单位（或地市科技部门）在本库的标识", "标识"),
    Column("unit_name", "unit", "成果单位名称（地市导入的为权属单位）"),
    Column("city", "city", "地市代码（GB/T 2260）", CODE),
    Column("city_name", "city", "地市名称"),
    Column("clusters", "clusters", "产业集群代码，以分号分隔", CODE),
    Column("clusters_names", "clusters", "产业集群名称，以分号分隔"),
    Column("right_types", "rights.type", "权利类型代码，以分号分隔", CODE),
    Column("right_types_names", "rights.type", "权利类型名称，以分号分隔"),
    Column("right_numbers", "rights.number", "专利号、登记号等，以分号分隔"),
    Column("trl", "trl", "技术成熟度等级 1–9"),
    Column("license_types", "offer.license_types", "许可方式代码，以分号分隔", CODE),
    Column("license_types_names", "offer.license_types", "许可方式名称，以分号分隔"),
    Column("free_months", "offer.free_months", "先使用阶段免费使用的月数"),
    Column("admitted_on", "admitted_on", "入库日期"),
    Column("keywords", "keywords", "关键词，以分号分隔"),
    Column("application_fields", "application_fields", "应用领域，以分号分隔"),
    Column(
        "contact_name", "contact.name", "对接联系人或部门（成果未填时为单位的联系方式）"
    ),
    Column("contact_phone", "contact.phone", "对接电话"),
    Column("contact_email", "contact.email", "对接电子邮箱"),
    Column("url", "", "成果页面的地址", "成果页面"),
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


def _coded(labels: Labels, table: str, codes: list[str], key: str) -> dict[str, str]:
    """A code column and its name column, several values joined by semicolons."""
    return {key: ";".join(codes), f"{key}_names": ";".join(labels.names(table, codes))}


def _csv_row(context: SiteContext, record: Record) -> dict[str, Any]:
    labels = context.labels
    offer = record.get("offer", {})
    unit = context.view.units.get(record["unit"], {})
    contact = record.get("contact") or unit.get("contact", {})
    rights = record.get("rights", [])
    return {
        **{key: record.get(key, "") for key in _PLAIN_KEYS},
        "status_name": labels.name("status", record.get("status", "")),
        "channel_name": labels.name("channel", record.get("channel", "")),
        "unit_name": context.owner_name(record),
        "city_name": labels.city(record.get("city", "")),
        **_coded(labels, "cluster", record.get("clusters", []), "clusters"),
        **_coded(labels, "right_type", context.right_types(record), "right_types"),
        "right_numbers": ";".join(r["number"] for r in rights if r.get("number")),
        **_coded(
            labels, "license_type", offer.get("license_types", []), "license_types"
        ),
        "free_months": offer.get("free_months", ""),
        "keywords": ";".join(record.get("keywords", [])),
        "application_fields": ";".join(record.get("application_fields", [])),
        "contact_name": contact.get("name", ""),
        "contact_phone": contact.get("phone", ""),
        "contact_email": contact.get("email", ""),
        "url": context.full_url(links.achievement_path(record["id"])),
    }


def achievements_csv(context: SiteContext) -> bytes:
    """One row per achievement, in and out of stock; UTF-8 with a BOM for Excel."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(column.header(context.labels) for column in CSV_COLUMNS)
    for record in sorted(context.view.achievements, key=lambda r: r["id"]):
        row = _csv_row(context, record)
        values = (row[column.key] for column in CSV_COLUMNS)
        writer.writerow([safe_cell(str(value)) for value in values])
    return out.getvalue().encode("utf-8-sig")


def _urn(name: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"usefirst:{name}").urn


def atom_feed(context: SiteContext) -> bytes:
    """The newest admitted achievements, dated by the newest (or by the build)."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    newest = [r for r in context.in_stock if r.get("admitted_on")][:FEED_ENTRIES]
    updated = newest[0]["admitted_on"] if newest else context.today.isoformat()
    _sub(feed, "title", "先用后转成果库：新入库成果")
    _sub(feed, "id", _urn("feed"))
    _sub(feed, "updated", f"{updated}T00:00:00Z")
    _link(feed, context.full_url(links.CATALOG))
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
    _link(entry, context.full_url(links.achievement_path(record["id"])))
    _sub(entry, "summary", f"{context.owner_name(record)}：{record['summary'][:200]}")
    for code in record.get("clusters", []):
        label = context.labels.cluster(code)
        ElementTree.SubElement(entry, f"{{{ATOM}}}category", term=code, label=label)


def data_page(context: SiteContext) -> Page:
    """Document the open data files and their stable layout."""
    here = context.linker(links.DATA)
    columns = [
        [html(column.header(context.labels)), html(column.description)]
        for column in CSV_COLUMNS
    ]
    markdown = sections(
        "# 开放数据",
        paragraph(
            "成果库的公开部分可自由下载，每次成果库更新后重新生成。合同金额、收款、"
            "扫描件、身份证号和个人手机号码等不公开的信息不在其中。"
        ),
        _files_table(here),
        paragraph(_links_note(context)),
        "## catalog.json 的结构",
        paragraph(
            "供程序读取。键是记录文件中的英文字段名，代码不翻译，中文名称在 "
            "<code>vocabularies</code> 中。结构稳定：以后只会增加键；删除键或改变"
            f"键的含义时，<code>version</code>（现为 {FORMAT_VERSION}）加一。"
        ),
        table(["键", "内容"], _json_layout()),
        paragraph(f"各记录字段的含义见{here.link('字段说明', links.REFERENCE)}。"),
        "## achievements.csv 的列",
        paragraph(
            "供电子表格使用，每项成果一行。列名是中文（即字段说明中的字段名称），"
            "每个代码列的右边是对应的名称列。列的顺序和含义稳定：新列只加在最后；"
            "删除列或改变列的含义时，catalog.json 的 <code>version</code> 加一。"
        ),
        table(["列名", "内容"], columns),
        paragraph(
            "以等号、加号、减号或 @ 开头的单元格前加了一个单引号，"
            "防止电子表格把它当作公式执行。"
        ),
    )
    return Page(links.DATA, "开放数据", markdown, in_nav=True)


def _links_note(context: SiteContext) -> str:
    example = html(context.full_url(links.achievement_path("成果标识")))
    if context.site_url:
        return (
            "feed.xml 和 achievements.csv 中的成果链接是完整网址，"
            f"例如 <code>{example}</code>。"
        )
    return (
        "feed.xml 和 achievements.csv 中的成果链接是相对于本站根目录的路径，"
        f"例如 <code>{example}</code>；使用时在前面加上本站的网址。"
    )


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
            f"固定为 <code>usefirst-catalog</code>，格式版本现为 {FORMAT_VERSION}",
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
