"""Fixtures of the report tests: the small catalog of ``report_fixture``."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_fixture import write_catalog

from usefirst.catalog import Catalog, load_catalog
from usefirst.repository import Repository


@pytest.fixture
def repository(tmp_path: Path) -> Repository:
    return Repository(write_catalog(tmp_path / "repo"))


@pytest.fixture
def catalog(repository: Repository) -> Catalog:
    loaded, problems = load_catalog(repository, use_cache=False)
    assert problems == []
    return loaded
