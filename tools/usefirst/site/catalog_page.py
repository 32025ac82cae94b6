"""The catalog: the search page, and a static list per cluster and per city.

    pages = catalog_pages(context)
    pages[0].path     # "catalog/index.md", hosts the search and filter widget

The search widget needs JavaScript; the lists below it, and the pages they link
to, need none: every in-stock achievement is reachable by plain links.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from usefirst.site import links
from usefirst.site.context import Record, SiteContext
from usefirst.site.escape import html, inline
from usefirst.site.model import Page
from usefirst.site.render import Linker, bullets, paragraph, sections

#: Achievements listed per cluster on the catalog page before "all N".
PREVIEW = 10


def catalog_pages(context: SiteContext) -> list[Page]:
    """Render the catalog page and one list page per cluster and per city."""
    by_cluster = _group(context.in_stock, lambda a: a.get("clusters", []))
    by_city = _group(context.in_stock, lambda a: [a.get("city", "")])
    pages = [_index(context, by_cluster, by_city)]
    for code, records in by_cluster.items():
        title = f"{context.labels.cluster(code)}产业集群的成果"
        pages.append(_list_page(context, links.cluster_path(code), title, records))
    for code, records in by_city.items():
        title = f"{context.labels.city(code)}的成果"
        pages.append(_list_page(context, links.city_path(code), title, records))
    return pages


def _group(
    records: list[Record], keys: Callable[[Record], list[str]]
) -> dict[str, list[Record]]:
    groups: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        for key in keys(record):
            groups[key].append(record)
    return dict(groups)


def search_widget(here: Linker) -> str:
    """The element the search client mounts into, pointing at the index."""
    index = here.href(links.SEARCH_DIR)
    return f'<div id="catalog-search" data-index="{index}"></div>'


def _index(
    context: SiteContext,
    by_cluster: dict[str, list[Record]],
    by_city: dict[str, list[Record]],
) -> Page:
    here = context.linker(links.CATALOG)
    intro = paragraph(
        f"库内现有在库成果 <strong>{len(context.in_stock)}</strong> 项。"
        "输入技术关键词搜索，或按产业集群、地市、权利类型、技术成熟度、许可方式和"
        "成果单位筛选；每个筛选值后的数字是符合条件的成果数。"
    )
    city_items = [
        here.link(context.labels.city(code), links.city_path(code))
        + f"（{len(by_city[code])} 项）"
        for code in _ordered(context, by_city, "city")
    ]
    markdown = sections(
        "# 成果目录",
        intro,
        search_widget(here),
        "## 按产业集群浏览",
        _cluster_previews(context, by_cluster, here),
        "## 按地市浏览",
        bullets(city_items) or paragraph("目前没有在库成果。"),
    )
    return Page(links.CATALOG, "成果目录", markdown, in_nav=True)


def _ordered(
    context: SiteContext, groups: dict[str, list[Record]], table: str
) -> list[str]:
    order = context.labels.codes(table)
    return sorted(groups, key=lambda c: (order.index(c) if c in order else 99, c))


def _cluster_previews(
    context: SiteContext, by_cluster: dict[str, list[Record]], here: Linker
) -> str:
    if not by_cluster:
        return paragraph("目前没有在库成果。")
    parts = []
    for code in _ordered(context, by_cluster, "cluster"):
        records = by_cluster[code]
        name = context.labels.cluster(code)
        parts.append(f"### {inline(name)}（{len(records)} 项）")
        parts.append(
            bullets(_item(context, here, record) for record in records[:PREVIEW])
        )
        if len(records) > PREVIEW:
            label = f"查看{name}的全部 {len(records)} 项成果"
            parts.append(paragraph(here.link(label, links.cluster_path(code))))
    return "\n\n".join(parts)


def _item(context: SiteContext, here: Linker, record: Record) -> str:
    label = here.link(record["title"], links.achievement_path(record["id"]))
    return f"{label}（{html(context.owner_name(record))}）"


def _list_page(
    context: SiteContext, path: str, title: str, records: list[Record]
) -> Page:
    here = context.linker(path)
    back = here.link("返回成果目录搜索和筛选", links.CATALOG)
    markdown = sections(
        f"# {inline(title)}",
        paragraph(f"共 {len(records)} 项在库成果，最新入库的在前。{back}"),
        bullets(_item(context, here, record) for record in records),
    )
    return Page(path, title, markdown)
