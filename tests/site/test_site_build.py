"""The built site: every page there, nothing fetched from another host."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from site_catalog import PROJECT, BuiltSite, achievement, build, unit, write_repository

from usefirst.catalog import load_catalog
from usefirst.repository import Repository

# Attributes through which a page makes the browser fetch something by itself.
RESOURCE_ATTRIBUTES = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}
FETCHING_LINK_RELS = {
    "stylesheet",
    "icon",
    "preload",
    "modulepreload",
    "manifest",
    "preconnect",
    "dns-prefetch",
    "prefetch",
}
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and not FETCHING_LINK_RELS & set(
            (values.get("rel") or "").split()
        ):
            return
        for name in RESOURCE_ATTRIBUTES.get(tag, ()):
            if values.get(name):
                self.urls.append(values[name] or "")
        style = values.get("style") or ""
        self.urls.extend(re.findall(r"url\(([^)]*)\)", style))


def _resource_urls(html: str) -> list[str]:
    parser = _Resources()
    parser.feed(html)
    return parser.urls


SITE_URL = "https://xyhz.example.cn/"


@pytest.fixture(scope="module")
def hosted_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """A small catalog built with the site's URL set through SITE_URL."""
    records = [unit("scut"), achievement("scut-2026-001")]
    root = write_repository(tmp_path_factory.mktemp("hosted"), records)
    result = build(root, root / "public", site_url=SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(root, root / "public")


def _achievement_ids() -> list[str]:
    catalog, _ = load_catalog(Repository.find(PROJECT))
    return [record.id for record in catalog.of_kind("achievement")]


def test_every_achievement_unit_and_need_has_a_page(sample_site: BuiltSite) -> None:
    site = sample_site.site
    catalog, _ = load_catalog(Repository.find(PROJECT))
    folders = {
        "achievement": "achievements",
        "unit": "units",
        "technology_need": "needs",
    }

    for kind, folder in folders.items():
        for record in catalog.of_kind(kind):
            assert (site / folder / record.id / "index.html").is_file(), record.id
    pages = (
        "index.html", "catalog/index.html", "insurance/index.html", "stats/index.html",
        "data/index.html", "reference/achievement/index.html", "feed.xml",
        "data/catalog.json", "data/achievements.csv",
    )  # fmt: skip
    for page in pages:
        assert (site / page).is_file(), page
    assert any((site / "search").iterdir())


def test_no_page_fetches_anything_from_another_host(sample_site: BuiltSite) -> None:
    pages = list(sample_site.site.rglob("*.html"))
    assert len(pages) > 40

    external = {
        (page.relative_to(sample_site.site).as_posix(), url)
        for page in pages
        for url in _resource_urls(page.read_text(encoding="utf-8"))
        if EXTERNAL.match(url)
    }
    assert external == set()


# URLs the theme's scripts hold in string literals, each with the reason it is
# never fetched here; any other URL in a published script fails the test below.
INERT_SCRIPT_URLS = {
    # Loaded only when ResizeObserver is missing: the override defines one.
    "https://unpkg.com/resize-observer-polyfill": "ResizeObserver",
    # Loaded only for `pre.mermaid` blocks: the site configures no mermaid.
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "pre.mermaid",
    # Repository facts, fetched only when mkdocs.yml sets repo_url.
    "https://api.github.com/users/${e}": 'data-md-component="source"',
    "https://api.github.com/repos/${e}/${t}": 'data-md-component="source"',
    "https://${e}/api/v4/projects/${encodeURIComponent(t": (
        'data-md-component="source"'
    ),
}
SCRIPT_URL = re.compile(r"[\"'`](https?://[^\"'`\s)\\]+)")


def test_no_script_names_another_host_it_could_fetch(sample_site: BuiltSite) -> None:
    scripts = list(sample_site.site.rglob("*.js"))
    urls = {
        url
        for script in scripts
        for url in SCRIPT_URL.findall(script.read_text(encoding="utf-8"))
    }
    pages = [p.read_text(encoding="utf-8") for p in sample_site.site.rglob("*.html")]

    assert urls - INERT_SCRIPT_URLS.keys() == set()
    for url in urls:
        trigger = INERT_SCRIPT_URLS[url]
        if trigger == "ResizeObserver":
            assert all(_defines_resize_observer_first(page) for page in pages)
        elif trigger == "pre.mermaid":
            assert not [page for page in pages if 'class="mermaid' in page]
            assert "mermaid" not in (PROJECT / "mkdocs.yml").read_text("utf-8")
        else:
            assert not [page for page in pages if trigger in page]


def _defines_resize_observer_first(html: str) -> bool:
    if "bundle." not in html:
        return True
    stand_in = html.find("window.ResizeObserver = function")
    return 0 <= stand_in < html.index("assets/javascripts/bundle.")


@pytest.mark.browser
def test_a_browser_without_resize_observer_stays_on_this_host(
    sample_site: BuiltSite, serve: Any, tab: Any
) -> None:
    visit = tab(serve(sample_site.site), phone=True)
    visit.page.add_init_script("delete window.ResizeObserver;")
    page = visit.open("catalog/")

    assert page.evaluate("typeof window.ResizeObserver") == "function"
    assert len(visit.requests) > 3
    assert visit.foreign_requests == []
    assert visit.problems == []


def test_no_stylesheet_imports_from_another_host(sample_site: BuiltSite) -> None:
    for sheet in sample_site.site.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        assert not re.search(r"(@import|url\()\s*['\"]?(https?:)?//", text), sheet
    assert "fonts.googleapis.com" not in (sample_site.site / "index.html").read_text()


def test_the_schemas_are_published_at_stable_urls(sample_site: BuiltSite) -> None:
    for source in (PROJECT / "schemas").glob("*.schema.json"):
        published = sample_site.site / "schemas" / source.name
        assert json.loads(published.read_text(encoding="utf-8")) == json.loads(
            source.read_text(encoding="utf-8")
        )


def test_the_navigation_lists_no_achievement_so_pages_stay_small(
    sample_site: BuiltSite,
) -> None:
    page = sample_site.site / "achievements" / _achievement_ids()[0] / "index.html"
    html = page.read_text(encoding="utf-8")
    nav = html[
        html.index("md-nav--primary") : html.index(
            "</nav>", html.index("md-nav--primary")
        )
    ]

    assert "achievements/" not in nav
    assert "成果目录" in nav
    assert page.stat().st_size < 60_000


def test_the_catalog_page_hosts_the_search_widget_and_a_plain_list(
    sample_site: BuiltSite,
) -> None:
    html = (sample_site.site / "catalog" / "index.html").read_text(encoding="utf-8")

    assert '<div id="catalog-search" data-index="../search/"></div>' in html
    assert html.count('href="../achievements/') >= 10
    assert "catalog-search.js" in html


def test_the_header_search_goes_to_the_catalog_page(sample_site: BuiltSite) -> None:
    html = (sample_site.site / "stats" / "index.html").read_text(encoding="utf-8")

    assert re.search(r'<form class="uf-header-search"[^>]*action="\.\./catalog/"', html)
    assert 'name="q"' in html
    assert "md-search" not in html  # Material's own search is off


def test_statistics_are_inline_svg_charts(sample_site: BuiltSite) -> None:
    html = (sample_site.site / "stats" / "index.html").read_text(encoding="utf-8")

    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" viewBox=') >= 5
    assert "广州市" in html


def test_exited_achievements_are_not_searchable(sample_site: BuiltSite) -> None:
    data = json.loads((sample_site.site / "data" / "catalog.json").read_text("utf-8"))
    exited = [a for a in data["achievements"] if a["status"] == "exited"]
    assert exited

    catalog_page = (sample_site.site / "catalog" / "index.html").read_text("utf-8")
    for record in exited:
        assert f"achievements/{record['id']}/" not in catalog_page
        page = sample_site.site / "achievements" / record["id"] / "index.html"
        assert "已出库" in page.read_text(encoding="utf-8")


def test_the_open_data_csv_has_one_row_per_achievement(sample_site: BuiltSite) -> None:
    text = (sample_site.site / "data" / "achievements.csv").read_bytes()

    assert text.startswith("\ufeff记录标识,成果编号,成果名称,".encode())
    assert len(text.decode("utf-8-sig").splitlines()) == len(_achievement_ids()) + 1


def _site_path(site: Path, page: Path, href: str) -> Path:
    target = (page.parent / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() else target


def test_every_link_between_generated_pages_leads_to_a_page(
    sample_site: BuiltSite,
) -> None:
    broken = []
    pages = [p for p in sample_site.site.rglob("*.html") if p.name != "404.html"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'<a href="([^"#:?]+)(?:#[^"]*)?"', html):
            if not _site_path(sample_site.site, page, href).exists():
                broken.append((page.relative_to(sample_site.site).as_posix(), href))
    assert broken == []


def test_the_site_url_fills_the_sitemap_and_makes_feed_links_full(
    hosted_site: BuiltSite,
) -> None:
    sitemap = (hosted_site.site / "sitemap.xml").read_text(encoding="utf-8")
    feed = (hosted_site.site / "feed.xml").read_text(encoding="utf-8")
    page = f"{SITE_URL}achievements/scut-2026-001/"

    assert f"<loc>{page}</loc>" in sitemap
    assert f'<link href="{page}" />' in feed
    assert "完整网址" in (hosted_site.site / "data" / "index.html").read_text("utf-8")


def test_without_a_site_url_feed_links_are_relative_and_the_data_page_says_so(
    sample_site: BuiltSite,
) -> None:
    feed = (sample_site.site / "feed.xml").read_text(encoding="utf-8")
    data_page = (sample_site.site / "data" / "index.html").read_text("utf-8")

    links = re.findall(r'<link href="([^"]*)"', feed)
    assert len(links) > 1
    assert not [link for link in links if "://" in link]
    assert "相对于本站根目录" in data_page
