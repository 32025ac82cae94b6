"""Fixtures of the site tests: built sites and watched browser pages.

/work/venv/bin/python -m pytest tests/site -m "not browser"

The sample catalog of the repository and a hostile catalog are each built once
per session with ``mkdocs build --strict``; browser tests open them in the
Chromium of ``tests/conftest.py``, served on 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_tab import Tab
from hostile import hostile_records
from site_catalog import PROJECT, BuiltSite, build, write_repository


def _build(repository: Path, site: Path) -> BuiltSite:
    result = build(repository, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(repository, site)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's own sample catalog, built with --strict."""
    return _build(PROJECT, tmp_path_factory.mktemp("sample") / "public")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """A catalog whose every visible text carries markup, built with --strict."""
    root = write_repository(tmp_path_factory.mktemp("hostile"), hostile_records())
    return _build(root, root / "public")


@pytest.fixture
def tab(browser: Any) -> Iterator[Callable[..., Tab]]:
    """Open a watched page on a base URL, at a desktop or phone viewport."""
    contexts: list[Any] = []

    def open_tab(base: str, *, phone: bool = False) -> Tab:
        viewport = (
            {"width": 375, "height": 667} if phone else {"width": 1280, "height": 900}
        )
        context = browser.new_context(
            viewport=viewport, is_mobile=phone, has_touch=phone
        )
        contexts.append(context)
        return Tab(context.new_page(), base).watch()

    yield open_tab
    for context in contexts:
        context.close()
