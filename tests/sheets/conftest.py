"""Fixtures of the spreadsheet tests: a fresh repository per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from sheet_helpers import make_repository

from usefirst.repository import Repository


@pytest.fixture
def repository(tmp_path: Path) -> Repository:
    return make_repository(tmp_path / "repo")
