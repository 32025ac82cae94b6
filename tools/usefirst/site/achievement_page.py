"""One page per achievement: what it is, the free first-use offer, whom to call.

    page = achievement_page(context, context.by_id["scut-2026-001"])
    page.path       # "achievements/scut-2026-001.md"

An exited achievement keeps its page, so links to it keep working, but says
that it has left the catalog and offers nothing.
"""

from __future__ import annotations

from usefirst.site import links
from usefirst.site.context import Record, SiteContext, is_in_stock
from usefirst.site.escape import html, inline, paragraphs
from usefirst.site.model import Page
from usefirst.site.render import (
    Linker,
    admonition,
    bullets,
    contact_rows,
    facts,
    joined,
    paragraph,
    sections,
    table,
)


def achievement_page(context: SiteContext, achievement: Record) -> Page:
    """Render the page of one achievement."""
    path = links.achievement_path(achievement["id"])
    here = context.linker(path)
    markdown = sections(
        f"# {inline(achievement['title'])}",
        _status_box(context, achievement),
        "## 基本信息",
        facts(_basic_facts(context, achievement, here)),
        "## 成果简介",
        paragraphs(achievement.get("summary", "")),
        _contact_section(context, achievement),
        _fields_section(achievement),
        _rights_section(context, achievement),
        _inventors_section(achievement),
        _products_section(context, achievement, here),
        _needs_section(context, achievement, here),
        _similar_section(context, achievement, here),
    )
    return Page(path, achievement["title"], markdown)


def _status_box(context: SiteContext, achievement: Record) -> str | None:
    if not is_in_stock(achievement):
        return _exit_box(achievement)
    offer = _offer_box(context, achievement)
    if achievement.get("channel") == "inventor":
        return offer
    channel = context.labels.name("channel", achievement.get("channel"))
    body = paragraph(
        f"本成果由{html(channel)}，仅用于公开展示和供需对接，不能在本库签订先使用合同。"
        "有意向的企业请直接联系成果单位（见下方“对接联系”）。"
    )
    return sections(offer, admonition("info", "仅供展示", body)).rstrip()


def _exit_box(achievement: Record) -> str:
    exit_info = achievement.get("exit", {})
    rows = facts(
        [
            ("出库日期", _optional(exit_info, "date")),
            ("出库原因", _optional(exit_info, "reason")),
        ]
    )
    notice = paragraph("本成果已出库，不再提供先使用许可，也不在成果目录中列出。")
    return admonition("warning", "已出库", notice + "\n" + rows)


def _offer_box(context: SiteContext, achievement: Record) -> str | None:
    offer = achievement.get("offer")
    if not offer:
        return None
    licences = context.labels.names("license_type", offer.get("license_types"))
    rows = facts(
        [
            ("免费使用期", f"{html(offer['free_months'])} 个月"),
            ("可选许可方式", html(joined(licences))),
            ("期满后安排", _optional(offer, "after_free_period")),
            ("许可地域", _optional(offer, "region")),
            ("其他说明", _optional(offer, "notes")),
        ]
    )
    intro = paragraph(
        "企业可先免费使用本成果，期满后再约定付费或合作。签约请联系下方“对接联系”。"
    )
    title = f"先使用：免费使用 {offer['free_months']} 个月"
    return admonition("success", title, intro + "\n" + rows)


def _optional(record: Record, key: str) -> str | None:
    value = record.get(key)
    return html(value) if value else None


def _basic_facts(
    context: SiteContext, achievement: Record, here: Linker
) -> list[tuple[str, str | None]]:
    labels = context.labels
    unit = achievement["unit"]
    clusters = [
        here.link(labels.cluster(code), links.cluster_path(code))
        for code in achievement.get("clusters", [])
    ]
    city = achievement.get("city", "")
    right_types = labels.names("right_type", context.right_types(achievement))
    return [
        ("成果编号", _optional(achievement, "number")),
        ("库存状态", html(labels.name("status", achievement.get("status")))),
        ("成果单位", here.link(context.unit_name(unit), links.unit_path(unit))),
        ("权属单位", _optional(achievement, "holder")),
        ("入库渠道", html(labels.name("channel", achievement.get("channel")))),
        ("所在地市", here.link(labels.city(city), links.city_path(city))),
        ("产业集群", joined(clusters)),
        ("权利类型", html(joined(right_types))),
        ("技术成熟度", _trl(context, achievement)),
        ("入库日期", _optional(achievement, "admitted_on")),
        ("已备案先使用合同", _first_use_count(context, achievement)),
    ]


def _trl(context: SiteContext, achievement: Record) -> str | None:
    level = achievement.get("trl")
    if level is None:
        return None
    return f"{html(context.labels.trl(level))}（共 9 级，9 级为实现规模化应用）"


def _first_use_count(context: SiteContext, achievement: Record) -> str | None:
    count = context.first_use_counts.get(achievement["id"], 0)
    return f"{count} 份" if count else None


def _fields_section(achievement: Record) -> str | None:
    fields = achievement.get("application_fields", [])
    keywords = achievement.get("keywords", [])
    if not fields and not keywords:
        return None
    rows = facts(
        [
            ("应用领域", html(joined(fields))),
            ("关键词", html(joined(keywords))),
        ]
    )
    return sections("## 应用领域", rows).rstrip()


def _rights_section(context: SiteContext, achievement: Record) -> str:
    rows = [
        [
            html(context.labels.name("right_type", right.get("type"))),
            html(right.get("number", "")),
            html(right.get("title", "")),
            html(right.get("granted_on", "")),
        ]
        for right in achievement.get("rights", [])
    ]
    header = ["类型", "权利号", "名称", "授权或登记日期"]
    return sections("## 知识产权", table(header, rows)).rstrip()


def _inventors_section(achievement: Record) -> str:
    rows = [
        [html(person.get(key, "")) for key in ("name", "title", "department")]
        for person in achievement.get("inventors", [])
    ]
    header = ["姓名", "职称", "院系或部门"]
    return sections("## 成果完成人", table(header, rows)).rstrip()


def _contact_section(context: SiteContext, achievement: Record) -> str:
    contact = achievement.get("contact")
    note = None
    if not contact:
        contact = context.view.units.get(achievement["unit"], {}).get("contact")
        note = paragraph("本成果未单独填写联系方式，以下为成果单位的对接联系方式。")
    rows = facts(contact_rows(contact)) or paragraph("暂无公开的联系方式。")
    return sections("## 对接联系", note, rows).rstrip()


def _products_section(
    context: SiteContext, achievement: Record, here: Linker
) -> str | None:
    products = context.products_for(achievement)
    if not products or not is_in_stock(achievement):
        return None
    items = [
        here.link(product["name"], f"{links.INSURANCE}#{product['id']}")
        + f"（{html(product.get('provider', ''))}）"
        for product in products
    ]
    return sections("## 可投保的保险与担保产品", bullets(items)).rstrip()


def _needs_section(
    context: SiteContext, achievement: Record, here: Linker
) -> str | None:
    pairs = context.needs_for.get(achievement["id"], [])
    if not pairs:
        return None
    items = [
        here.link(need["title"], links.need_path(need["id"]))
        + f"（{html(context.unit_name(need['unit']))}）"
        for need, _match in pairs
    ]
    return sections("## 匹配的企业技术需求", bullets(items)).rstrip()


def _similar_section(
    context: SiteContext, achievement: Record, here: Linker
) -> str | None:
    matches = context.similar.get(achievement["id"], [])
    if not matches:
        return None
    items = []
    for match in matches:
        other = context.by_id[match.id]
        link = here.link(other["title"], links.achievement_path(other["id"]))
        items.append(f"{link}（{html(context.owner_name(other))}）")
    return sections("## 相似成果", bullets(items)).rstrip()
