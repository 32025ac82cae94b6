"""Blocks that hand-written pages include: counts, newest, clusters, cities.

    fill_blocks("<!-- catalog:newest -->", "index.md", blocks)

A hand-written page writes a marker ``<!-- catalog:NAME -->`` on a line of its
own; the block is rendered for that page, so its links are relative to it.
A marker no block answers to is named by ``unknown_blocks`` and left as it is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from usefirst.site import links
from usefirst.site.context import SiteContext
from usefirst.site.escape import html
from usefirst.site.model import BlockRenderer
from usefirst.site.render import bullets, paragraph

NEWEST = 8
MARKER = re.compile(r"^<!--\s*catalog:([a-z-]+)\s*-->[ \t]*$", re.MULTILINE)
_NOTHING = paragraph("目前没有在库成果。")


def home_blocks(context: SiteContext) -> dict[str, BlockRenderer]:
    """Return the renderer of each block, by name."""
    return {
        "counts": lambda path: _counts(context, path),
        "newest": lambda path: _newest(context, path),
        "clusters": lambda path: _clusters(context, path),
        "cities": lambda path: _cities(context, path),
    }


def fill_blocks(markdown: str, path: str, blocks: dict[str, BlockRenderer]) -> str:
    """Replace each known block marker of a page with the rendered block."""

    def replace(match: re.Match[str]) -> str:
        render = blocks.get(match.group(1))
        return render(path) if render else match.group(0)

    return MARKER.sub(replace, markdown)


def unknown_blocks(markdown: str, blocks: dict[str, BlockRenderer]) -> list[str]:
    """Name the markers of a page that no block answers to."""
    return [name for name in MARKER.findall(markdown) if name not in blocks]


def _counts(context: SiteContext, path: str) -> str:
    here = context.linker(path)
    units = {record["unit"] for record in context.in_stock}
    first_use = len(context.view.of_kind("first_use_contract"))
    return bullets(
        [
            f"在库成果 <strong>{len(context.in_stock)}</strong> 项，来自 "
            f"<strong>{len(units)}</strong> 家成果单位（"
            + here.link("查看成果目录", links.CATALOG)
            + "）",
            f"征集中的企业技术需求 <strong>{len(context.open_needs)}</strong> 项（"
            + here.link("查看需求", links.NEEDS)
            + "）",
            f"已备案先使用合同 <strong>{first_use}</strong> 份",
        ]
    )


def _newest(context: SiteContext, path: str) -> str:
    here = context.linker(path)
    items = [
        here.link(record["title"], links.achievement_path(record["id"]))
        + f"（{html(context.owner_name(record))}，"
        f"{html(record.get('admitted_on', ''))} 入库）"
        for record in context.in_stock[:NEWEST]
    ]
    return bullets(items) or _NOTHING


def _clusters(context: SiteContext, path: str) -> str:
    counts = Counter(c for r in context.in_stock for c in r.get("clusters", []))
    return _counted_links(context, path, "cluster", counts, links.cluster_path)


def _cities(context: SiteContext, path: str) -> str:
    counts = Counter(record.get("city", "") for record in context.in_stock)
    return _counted_links(context, path, "city", counts, links.city_path)


def _counted_links(
    context: SiteContext,
    path: str,
    vocabulary: str,
    counts: Counter[str],
    target: Callable[[str], str],
) -> str:
    """Link the page of each code that in-stock achievements have, with a count."""
    here = context.linker(path)
    items = [
        here.link(context.labels.name(vocabulary, code), target(code))
        + f"（{counts[code]}）"
        for code in context.labels.codes(vocabulary)
        if counts[code]
    ]
    return paragraph(" · ".join(items)) if items else _NOTHING
