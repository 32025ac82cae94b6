"""Technology needs of enterprises, each with the achievements that match it.

    pages = needs_pages(context)
    pages[0].path    # "needs/index.md"

Matches come from ``usefirst.matching``: the text of the need against the text
of every in-stock achievement, with a bonus for a shared cluster or city.
"""

from __future__ import annotations

from usefirst.site import links
from usefirst.site.context import Record, SiteContext
from usefirst.site.escape import html, inline, paragraphs
from usefirst.site.model import Page
from usefirst.site.render import (
    Linker,
    bullets,
    contact_rows,
    facts,
    joined,
    paragraph,
    sections,
)


def needs_pages(context: SiteContext) -> list[Page]:
    """Render the needs index and one page per need."""
    needs = sorted(
        context.view.technology_needs,
        key=lambda need: (need.get("posted_on", ""), need["id"]),
        reverse=True,
    )
    pages = [_index(context, needs)]
    pages.extend(_need_page(context, need) for need in needs)
    return pages


def _index(context: SiteContext, needs: list[Record]) -> Page:
    here = context.linker(links.NEEDS)
    open_needs = [n for n in needs if n.get("status") == "open"]
    closed = [n for n in needs if n.get("status") != "open"]
    intro = paragraph(
        "企业发布的技术需求。每项需求的页面列出与之最匹配的在库成果，"
        "成果页面也列出与该成果匹配的需求。"
    )
    open_list = bullets(_item(context, here, need) for need in open_needs)
    markdown = sections(
        "# 企业技术需求",
        intro,
        f"## 征集中（{len(open_needs)} 项）",
        open_list or paragraph("暂无征集中的需求。"),
        f"## 已关闭（{len(closed)} 项）" if closed else None,
        bullets(_item(context, here, need) for need in closed),
    )
    return Page(links.NEEDS, "企业技术需求", markdown, in_nav=True)


def _item(context: SiteContext, here: Linker, need: Record) -> str:
    label = here.link(need["title"], links.need_path(need["id"]))
    matches = len(context.need_matches.get(need["id"], []))
    suffix = f"，匹配成果 {matches} 项" if matches else ""
    return f"{label}（{html(context.unit_name(need['unit']))}{suffix}）"


def _need_page(context: SiteContext, need: Record) -> Page:
    path = links.need_path(need["id"])
    here = context.linker(path)
    contact = facts(contact_rows(need.get("contact")))
    markdown = sections(
        f"# {inline(need['title'])}",
        facts(_need_facts(context, need, here)),
        "## 需求描述",
        paragraphs(need.get("description", "")),
        "## 对接联系",
        contact or paragraph("暂无公开的联系方式。"),
        "## 匹配的成果",
        _matches(context, need, here),
    )
    return Page(path, need["title"], markdown)


def _need_facts(
    context: SiteContext, need: Record, here: Linker
) -> list[tuple[str, str | None]]:
    labels = context.labels
    unit = here.link(context.unit_name(need["unit"]), links.unit_path(need["unit"]))
    modes = labels.names("cooperation_mode", need.get("cooperation_modes"))
    return [
        ("发布企业", unit),
        ("需求状态", html(labels.name("need_status", need.get("status")))),
        ("产业集群", html(joined(labels.names("cluster", need.get("clusters"))))),
        ("所在地市", html(labels.city(need.get("city", "")))),
        ("关键词", html(joined(need.get("keywords", [])))),
        ("预算范围", html(need["budget"]) if need.get("budget") else None),
        ("期望合作方式", html(joined(modes))),
        ("发布日期", html(need.get("posted_on", ""))),
        ("截止日期", html(need["deadline"]) if need.get("deadline") else None),
    ]


def _matches(context: SiteContext, need: Record, here: Linker) -> str:
    if need.get("status") != "open":
        return paragraph("本需求已关闭，不再匹配成果。")
    matches = context.need_matches.get(need["id"], [])
    if not matches:
        return paragraph("暂未找到匹配的在库成果。")
    items = []
    for match in matches:
        record = context.by_id[match.id]
        label = here.link(record["title"], links.achievement_path(record["id"]))
        items.append(f"{label}（{html(context.owner_name(record))}）")
    note = paragraph("按文本相关度排序，同一产业集群或同一地市的成果略靠前。")
    return sections(note, bullets(items, numbered=True)).rstrip()
