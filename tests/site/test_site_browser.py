"""The built sample site in a real browser, as an enterprise would use it."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from browser_tab import Tab
from site_catalog import BuiltSite

from usefirst.matching import tokens

pytestmark = pytest.mark.browser

DONE = (
    "['done', 'empty', 'idle'].includes("
    "document.querySelector('#catalog-search')?.dataset.state)"
)


@pytest.fixture(scope="module")
def catalog(sample_site: BuiltSite) -> dict[str, Any]:
    return json.loads((sample_site.site / "data" / "catalog.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def base(sample_site: BuiltSite, serve: Callable) -> str:
    return serve(sample_site.site)


def _in_stock(catalog: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in catalog["achievements"] if a["status"] == "in_stock"]


def _rare_summary_word(catalog: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A word of some summary, not in its title, found in at most three summaries."""
    records = _in_stock(catalog)
    for record in records:
        for word in sorted(set(tokens(record["summary"])), key=len, reverse=True):
            found = [r for r in records if word in r["summary"] + r["title"]]
            if len(word) >= 3 and word not in record["title"] and len(found) <= 3:
                return word, record
    raise AssertionError("no rare word in the sample summaries")


def _assert_clean(tab: Tab) -> None:
    assert tab.foreign_requests == []
    assert tab.problems == []


def _result_titles(page: Any) -> list[str]:
    return page.locator(".cs-results .cs-result-title").all_inner_texts()


def test_a_chinese_word_from_a_summary_finds_the_achievement_from_the_header(
    tab: Callable[..., Tab], base: str, catalog: dict[str, Any]
) -> None:
    word, record = _rare_summary_word(catalog)
    visit = tab(base)
    page = visit.open("")

    page.fill("#uf-header-q", word)
    page.press("#uf-header-q", "Enter")
    page.wait_for_url(re.compile(r"/catalog/\?q="))
    page.wait_for_function(DONE)

    assert record["title"] in _result_titles(page)
    assert page.input_value("#catalog-search input[type=search]") == word
    _assert_clean(visit)


def _facet_counts(page: Any, key: str) -> dict[str, int]:
    options = page.locator(f'.cs-facet[data-facet="{key}"] .cs-option label')
    counts = {}
    for index in range(options.count()):
        label = options.nth(index)
        value = label.locator(".cs-value").inner_text()
        counts[value] = int(label.locator(".cs-count").inner_text())
    return counts


def _expected(
    records: list[dict[str, Any]], names: dict[str, str], key: str
) -> Counter:
    values = (r[key] if isinstance(r[key], list) else [r[key]] for r in records)
    return Counter(names[code] for codes in values for code in codes)


def _check(page: Any, key: str, value: str) -> None:
    page.locator(f'.cs-facet[data-facet="{key}"] .cs-option').filter(
        has_text=value
    ).locator("input").check()
    page.wait_for_function(DONE)


def test_filters_narrow_the_list_and_show_correct_counts(
    tab: Callable[..., Tab], base: str, catalog: dict[str, Any]
) -> None:
    records = _in_stock(catalog)
    cities = catalog["vocabularies"]["city"]
    clusters = catalog["vocabularies"]["cluster"]
    visit = tab(base)
    page = visit.open("catalog/")
    page.wait_for_function(DONE)

    assert _facet_counts(page, "city") == _expected(records, cities, "city")
    city_code, _ = Counter(r["city"] for r in records).most_common(1)[0]
    _check(page, "city", cities[city_code])

    in_city = [r for r in records if r["city"] == city_code]
    status = page.locator("#catalog-search .cs-status").inner_text()
    assert status == f"找到 {len(in_city)} 项成果"
    shown = _facet_counts(page, "cluster")
    assert shown and all(
        count == _expected(in_city, clusters, "clusters")[name]
        for name, count in shown.items()
    )
    cluster_name = max(shown, key=shown.get)
    _check(page, "cluster", cluster_name)
    both = [r for r in in_city if cluster_name in [clusters[c] for c in r["clusters"]]]
    assert (
        page.locator("#catalog-search .cs-status").inner_text()
        == f"找到 {len(both)} 项成果"
    )
    assert sorted(_result_titles(page)) == sorted(r["title"] for r in both)[:10]
    _assert_clean(visit)


def test_an_achievement_page_shows_what_an_enterprise_needs_to_act(
    tab: Callable[..., Tab], base: str, catalog: dict[str, Any]
) -> None:
    record = next(
        r for r in _in_stock(catalog) if r["channel"] == "inventor" and r.get("contact")
    )
    visit = tab(base)
    page = visit.open(f"achievements/{record['id']}/")

    assert page.locator("h1").inner_text() == record["title"]
    offer = page.locator(".admonition.success").inner_text()
    assert f"免费使用 {record['offer']['free_months']} 个月" in offer
    assert record["number"] in page.locator("article").inner_text()
    contact = page.locator("h2:has-text('对接联系') + ul").inner_text()
    assert record["contact"]["name"] in contact
    phone = record["contact"].get("phone")
    if phone:
        assert page.locator(f'a[href^="tel:"]:has-text("{phone}")').count() == 1
    page.locator("article a", has_text=catalog_unit_name(catalog, record)).first.click()
    page.wait_for_url(re.compile(rf"/units/{record['unit']}/$"))
    assert record["title"] in page.locator("article").inner_text()
    _assert_clean(visit)


def catalog_unit_name(catalog: dict[str, Any], record: dict[str, Any]) -> str:
    return next(u["name"] for u in catalog["units"] if u["id"] == record["unit"])


def test_an_exited_achievement_says_so(
    tab: Callable[..., Tab], base: str, catalog: dict[str, Any]
) -> None:
    record = next(r for r in catalog["achievements"] if r["status"] == "exited")
    visit = tab(base)
    page = visit.open(f"achievements/{record['id']}/")

    assert "已出库" in page.locator(".admonition.warning").inner_text()
    assert page.locator(".admonition.success").count() == 0
    _assert_clean(visit)


@pytest.mark.parametrize(
    "path",
    [
        "",
        "catalog/?q=电池",
        "stats/",
        "units/",
        "needs/",
        "insurance/",
        "reference/achievement/",
        "data/",
    ],
)
def test_pages_are_readable_on_a_phone(
    tab: Callable[..., Tab], base: str, catalog: dict[str, Any], path: str
) -> None:
    visit = tab(base, phone=True)
    page = visit.open(path)
    if path.startswith("catalog/"):
        page.wait_for_function(DONE)

    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)"
    )
    assert overflow <= 0
    assert size >= 12
    _assert_clean(visit)


def test_an_achievement_page_fits_a_phone(
    tab: Callable[..., Tab], base: str, catalog: dict[str, Any]
) -> None:
    record = _in_stock(catalog)[0]
    visit = tab(base, phone=True)
    page = visit.open(f"achievements/{record['id']}/")

    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert page.locator(".admonition").first.is_visible()
    _assert_clean(visit)
