"""Where each generated page lives and how pages link to each other.

    achievement_path("scut-2026-001")        # "achievements/scut-2026-001.md"
    link("achievements/a.md", "units/scut.md")  # "../units/scut.md"
    page_url("achievements/a.md")            # "achievements/a/"

Links between pages are written to the Markdown source path, relative to the
linking page, so that the generator resolves and checks them.
"""

from __future__ import annotations

import posixpath

CATALOG = "catalog/index.md"
NEEDS = "needs/index.md"
UNITS = "units/index.md"
INSURANCE = "insurance/index.md"
STATS = "stats/index.md"
DATA = "data/index.md"
REFERENCE = "reference/index.md"
SEARCH_DIR = "search/"


def achievement_path(record_id: str) -> str:
    return f"achievements/{record_id}.md"


def unit_path(unit_id: str) -> str:
    return f"units/{unit_id}.md"


def need_path(record_id: str) -> str:
    return f"needs/{record_id}.md"


def cluster_path(code: str) -> str:
    return f"catalog/clusters/{code}.md"


def city_path(code: str) -> str:
    return f"catalog/cities/{code}.md"


def reference_path(kind: str) -> str:
    return f"reference/{kind}.md"


def schema_file(kind: str) -> str:
    return f"schemas/{kind}.schema.json"


def link(source: str, target: str) -> str:
    """Return the path of ``target`` relative to the folder of ``source``."""
    target_path, hash_mark, anchor = target.partition("#")
    relative = posixpath.relpath(target_path, posixpath.dirname(source) or ".")
    return relative + hash_mark + anchor


def page_url(path: str, *, directory_urls: bool = True) -> str:
    """Return the site-relative URL a page's Markdown path is published at."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def url_from(source: str, target_url: str, *, directory_urls: bool = True) -> str:
    """Return a URL relative to the published page of ``source``."""
    here = page_url(source, directory_urls=directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here)
    return posixpath.relpath(target_url or ".", base.rstrip("/") or ".") + (
        "/" if target_url.endswith("/") else ""
    )
