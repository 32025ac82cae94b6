"""Records with injected markup run no script, in a real browser."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from browser_tab import Tab
from hostile import HOSTILE_TITLE
from site_catalog import BuiltSite

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "achievements/scut-2026-001/",
    "achievements/scut-2026-002/",
    "units/scut/",
    "units/",
    "needs/",
    "needs/acme-need-1/",
    "insurance/",
    "stats/",
    "catalog/",
    "catalog/?q=固态电池",
]
# Anything that would run: inline scripts, event handlers, script URLs.
ACTIVE_MARKUP = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(el.tagName + ' ' + attr.name);
      if (/^\\s*javascript:/i.test(attr.value)) found.push(attr.value);
    }
  }
  for (const s of document.scripts) {
    if (s.textContent.includes('__xss')) found.push('script ' + s.textContent);
  }
  return found;
}"""


# A page has run all it will: loaded, and its catalog search widget (if any) has
# come to rest, which needs the search index fetched and the results drawn.
SETTLED = """() => {
  const search = document.querySelector('#catalog-search');
  return document.readyState === 'complete'
    && (!search || ['done', 'empty', 'idle'].includes(search.dataset.state));
}"""


@pytest.fixture(scope="module")
def base(hostile_site: BuiltSite, serve: Callable) -> str:
    return serve(hostile_site.site)


@pytest.mark.parametrize("path", PAGES)
def test_injected_markup_runs_nothing(
    tab: Callable[..., Tab], base: str, path: str
) -> None:
    visit = tab(base)
    dialogs: list[str] = []
    visit.page.on(
        "dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss())
    )
    page = visit.open(path)
    page.wait_for_function(SETTLED)

    assert page.evaluate("window.__xss") is None
    assert page.evaluate(ACTIVE_MARKUP) == []
    assert dialogs == []
    assert visit.foreign_requests == []
    assert visit.problems == []


def test_the_hostile_title_is_shown_as_text(tab: Callable[..., Tab], base: str) -> None:
    visit = tab(base)
    page = visit.open("achievements/scut-2026-001/")

    assert page.locator("h1").inner_text() == HOSTILE_TITLE
    assert page.title().startswith(HOSTILE_TITLE)


def test_search_results_show_the_hostile_title_as_text(
    tab: Callable[..., Tab], base: str
) -> None:
    visit = tab(base)
    page: Any = visit.open("catalog/?q=固态电池")
    page.wait_for_function("document.querySelector('.cs-results .cs-result')")

    titles = page.locator(".cs-results .cs-result-title").all_inner_texts()
    assert HOSTILE_TITLE in titles
    assert page.evaluate("window.__xss") is None
