"""What the site is made of, independent of the generator that renders it.

    page = Page("achievements/scut-2026-001.md", "高安全固态电解质", "# ...")
    data = StaticFile("data/catalog.json", b"{...}")

A ``Page`` is Markdown to render at a docs-relative path; a ``StaticFile`` is
copied as it is. ``SiteContent`` also carries the records to index for search
and the blocks that hand-written pages may include.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from usefirst.search import SearchDoc

#: Renders a named block for the page at a docs-relative path.
BlockRenderer = Callable[[str], str]


@dataclass(frozen=True)
class Page:
    """One generated Markdown page."""

    path: str
    title: str
    markdown: str
    in_nav: bool = False


@dataclass(frozen=True)
class StaticFile:
    """One file published as it is (data, feed, schema)."""

    path: str
    content: bytes


@dataclass
class SiteContent:
    """Everything the catalog contributes to the site."""

    pages: list[Page] = field(default_factory=list)
    files: list[StaticFile] = field(default_factory=list)
    search_docs: list[SearchDoc] = field(default_factory=list)
    blocks: dict[str, BlockRenderer] = field(default_factory=dict)
