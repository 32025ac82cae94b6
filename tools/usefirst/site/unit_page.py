"""One page per unit with its achievements, needs and products; and the index.

pages = unit_pages(context)
pages[0].path    # "units/index.md"
"""

from __future__ import annotations

from collections import defaultdict

from usefirst.site import links
from usefirst.site.context import Record, SiteContext, is_in_stock
from usefirst.site.escape import external_link, html, inline, paragraphs
from usefirst.site.model import Page
from usefirst.site.render import (
    Linker,
    bullets,
    contact_rows,
    facts,
    paragraph,
    sections,
    table,
)


def unit_pages(context: SiteContext) -> list[Page]:
    """Render the unit index and one page per unit."""
    owned: dict[str, list[Record]] = defaultdict(list)
    for achievement in context.view.achievements:
        owned[achievement["unit"]].append(achievement)
    units = sorted(context.view.units.values(), key=lambda unit: unit["id"])
    pages = [_index(context, units, owned)]
    pages.extend(_unit_page(context, unit, owned.get(unit["id"], [])) for unit in units)
    return pages


def _index(
    context: SiteContext, units: list[Record], owned: dict[str, list[Record]]
) -> Page:
    here = context.linker(links.UNITS)
    rows = [
        [
            here.link(unit["name"], links.unit_path(unit["id"])),
            html(context.labels.name("unit_type", unit.get("type"))),
            html(context.labels.city(unit.get("city", ""))),
            str(sum(1 for record in owned.get(unit["id"], []) if is_in_stock(record))),
        ]
        for unit in units
    ]
    header = ["单位", "类型", "地市", "在库成果"]
    intro = paragraph("成果单位、地市科技部门、发布需求的企业和保险担保机构。")
    body = table(header, rows) if rows else paragraph("暂无单位。")
    return Page(links.UNITS, "单位", sections("# 单位", intro, body), in_nav=True)


def _unit_page(context: SiteContext, unit: Record, owned: list[Record]) -> Page:
    path = links.unit_path(unit["id"])
    here = context.linker(path)
    in_stock = [record for record in owned if is_in_stock(record)]
    exited = [record for record in owned if not is_in_stock(record)]
    contact = facts(contact_rows(unit.get("contact")))
    markdown = sections(
        f"# {inline(unit['name'])}",
        facts(_unit_facts(context, unit)),
        paragraphs(unit.get("introduction", "")),
        "## 对接联系",
        contact or paragraph("暂无公开的联系方式。"),
        _achievements(here, f"在库成果（{len(in_stock)} 项）", in_stock),
        _achievements(here, f"已出库成果（{len(exited)} 项）", exited),
        _needs(context, unit, here),
        _products(context, unit, here),
    )
    return Page(path, unit["name"], markdown)


def _unit_facts(context: SiteContext, unit: Record) -> list[tuple[str, str | None]]:
    website = unit.get("website")
    return [
        ("简称", html(unit["short_name"]) if unit.get("short_name") else None),
        ("单位类型", html(context.labels.name("unit_type", unit.get("type")))),
        ("所在地市", html(context.labels.city(unit.get("city", "")))),
        ("单位网站", external_link(website, website) if website else None),
    ]


def _achievements(here: Linker, heading: str, records: list[Record]) -> str | None:
    if not records:
        return None
    ordered = sorted(
        records, key=lambda r: (r.get("admitted_on") or "", r["id"]), reverse=True
    )
    items = [
        here.link(record["title"], links.achievement_path(record["id"]))
        + (f"（{html(record['number'])}）" if record.get("number") else "")
        for record in ordered
    ]
    return sections(f"## {heading}", bullets(items)).rstrip()


def _needs(context: SiteContext, unit: Record, here: Linker) -> str | None:
    needs = [n for n in context.view.technology_needs if n["unit"] == unit["id"]]
    if not needs:
        return None
    items = [
        here.link(need["title"], links.need_path(need["id"]))
        + f"（{html(context.labels.name('need_status', need.get('status')))}）"
        for need in needs
    ]
    return sections("## 技术需求", bullets(items)).rstrip()


def _products(context: SiteContext, unit: Record, here: Linker) -> str | None:
    products = [p for p in context.view.insurance_products if p["unit"] == unit["id"]]
    if not products:
        return None
    items = [
        here.link(product["name"], f"{links.INSURANCE}#{product['id']}")
        for product in products
    ]
    return sections("## 保险与担保产品", bullets(items)).rstrip()
