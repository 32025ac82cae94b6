"""End-to-end: the built index and catalog-search.js in headless Chromium.

    /work/venv/bin/python -m pytest tests/search -m browser

Serves a tiny site (index + search page + the client's JS/CSS) on 127.0.0.1
and opens it in the Chromium of ``tests/conftest.py``.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from search_data import XSS_TITLE, Built

from usefirst.search import fold, query_plan

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>搜索成果</title>
<link rel="stylesheet" href="../assets/stylesheets/catalog-search.css"></head>
<body><h1>搜索成果</h1><div id="catalog-search" data-index="../search/"></div>
<script src="../assets/javascripts/catalog-search.js"></script></body></html>
"""
DONE = (
    "() => ['done', 'empty', 'idle', 'error'].includes("
    "document.getElementById('catalog-search').getAttribute('data-state'))"
)
RESULT_DOCS = (
    "() => document.getElementById('catalog-search').catalogSearch.results"
    ".map(r => r.doc)"
)
QUERIES = [
    "锂电池",
    "电池",
    "石墨烯",
    "新能源汽车",
    "人工智能",
    "5G基站",
    "SiC",
    "ｓｉｃ",
    "深度学习算法",
    "电",
    "钙钛矿",
]


@pytest.fixture(scope="module")
def base_url(built: Built, serve: Callable[[Path], str]) -> str:
    for sub in ("javascripts/catalog-search.js", "stylesheets/catalog-search.css"):
        target = built.site / "assets" / sub
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "site" / "assets" / sub, target)
    (built.site / "search" / "index.html").write_text(PAGE, encoding="utf-8")
    return serve(built.site) + "search/"


@pytest.fixture(scope="module")
def requested() -> list[str]:
    return []


@pytest.fixture(scope="module")
def page(browser: Any, base_url: str, requested: list[str]) -> Iterator[Any]:
    context = browser.new_context()
    tab = context.new_page()
    tab.on("request", lambda request: requested.append(request.url))
    yield tab
    context.close()


def search(page: Any, base_url: str, query: str) -> list[int]:
    page.goto(base_url + "?q=" + quote(query))
    page.wait_for_function(DONE)
    return page.evaluate(RESULT_DOCS)


def wait_after(page: Any, action: Any) -> None:
    action()  # the widget marks itself "searching" synchronously
    page.wait_for_function(DONE)


def facet_counts(page: Any, key: str) -> dict[str, int]:
    rows = page.query_selector_all(f"fieldset[data-facet={key}] .cs-option")
    return {
        row.query_selector("input").get_attribute("value"): int(
            row.query_selector(".cs-count").inner_text()
        )
        for row in rows
    }


@pytest.mark.parametrize("query", QUERIES)
def test_results_are_exactly_the_records_containing_the_query(
    page: Any, base_url: str, built: Built, query: str
) -> None:
    found = search(page, base_url, query)
    expected = built.containing(query)
    assert expected, f"test data lacks {query}"
    assert len(found) == len(set(found))
    assert set(found) == expected
    status = page.inner_text(".cs-status")
    assert status == f"找到 {len(expected)} 项成果"


def test_title_matches_come_before_summary_only_matches(
    page: Any, base_url: str, built: Built
) -> None:
    for query in ("钙钛矿", "石墨烯", "锂电池"):
        found = search(page, base_url, query)
        titled = [doc in built.in_title(query) for doc in found]
        assert titled == sorted(titled, reverse=True), query
        assert any(titled) and not all(titled), query


def test_snippet_shows_original_text_with_highlight(
    page: Any, base_url: str, built: Built
) -> None:
    search(page, base_url, "锂电池")
    first = page.query_selector(".cs-result")
    doc = built.docs[int(first.get_attribute("data-doc"))]
    marks = [m.inner_text() for m in first.query_selector_all(".cs-snippet mark")]
    snippet = first.query_selector(".cs-snippet").inner_text().strip("…")
    assert marks and all(fold(m) == "锂电池" for m in marks)
    assert snippet in doc.text  # real text, not bigram tokens
    assert first.query_selector(".cs-result-title a").inner_text() == doc.title


def test_facet_filter_narrows_results_and_counts_are_right(
    page: Any, base_url: str, built: Built
) -> None:
    search(page, base_url, "电池")
    matching = built.containing("电池")
    city_of = {i: built.docs[i].filters["city"][0] for i in matching}
    assert facet_counts(page, "city") == Counter(city_of.values())
    city = max(Counter(city_of.values()).items(), key=lambda kv: kv[1])[0]
    box = page.query_selector(f"fieldset[data-facet=city] input[value='{city}']")
    box.focus()
    wait_after(page, lambda: page.keyboard.press("Space"))  # keyboard operable
    narrowed = {i for i in matching if city_of[i] == city}
    assert set(page.evaluate(RESULT_DOCS)) == narrowed
    assert page.inner_text(".cs-status") == f"找到 {len(narrowed)} 项成果"
    clusters = Counter(built.docs[i].filters["cluster"][0] for i in narrowed)
    assert facet_counts(page, "cluster") == clusters
    # Values of one facet are alternatives: the city counts do not shrink.
    assert facet_counts(page, "city") == Counter(city_of.values())


def test_injected_markup_in_a_title_runs_nothing(
    page: Any, base_url: str, built: Built
) -> None:
    found = search(page, base_url, "钠离子电池")
    xss = next(i for i, d in enumerate(built.docs) if d.title == XSS_TITLE)
    assert xss in found
    page.wait_for_timeout(100)
    assert page.evaluate("() => window.__xss === undefined")
    assert page.query_selector_all("#catalog-search img, #catalog-search script") == []
    titles = [a.inner_text() for a in page.query_selector_all(".cs-result-title a")]
    assert XSS_TITLE in titles


def test_no_match_message(page: Any, base_url: str) -> None:
    assert search(page, base_url, "量子纠缠") == []
    assert page.inner_text(".cs-status").startswith("没有找到与“量子纠缠”相关的成果")


def test_query_from_address_and_phone_width(page: Any, base_url: str) -> None:
    page.set_viewport_size({"width": 375, "height": 720})
    search(page, base_url, "石墨烯")
    assert page.input_value("#catalog-search input[type=search]") == "石墨烯"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    page.set_viewport_size({"width": 1280, "height": 720})


def test_js_tokeniser_matches_python(page: Any, base_url: str) -> None:
    search(page, base_url, "")
    samples = [
        "锂电池",
        "ＳｉＣ 5G基站",
        "a的b",
        "4H-SiC功率器件",
        "电",
        "㎡级 ＧａＮ",
        "。，",
    ]
    for sample in samples:
        js = page.evaluate("(q) => window.CatalogSearchTokens.queryPlan(q)", sample)
        python = [asdict(part) for part in query_plan(sample)]
        for part in python:
            part["chain"] = [list(item) for item in part["chain"]]
            part["unigrams"] = list(part["unigrams"])
        assert js == python, sample


def test_every_request_stays_on_127_0_0_1(
    page: Any, base_url: str, requested: list[str]
) -> None:
    search(page, base_url, "锂电池")  # also covers every earlier test's requests
    assert any("/shards/" in url for url in requested)
    hosts = {urlsplit(url).hostname for url in requested if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}
