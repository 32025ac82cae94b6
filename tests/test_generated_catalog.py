"""The benchmarks' generated catalogs stay valid as the rules grow."""

from __future__ import annotations

import sys
from pathlib import Path

from usefirst.check import check_repository
from usefirst.repository import Repository

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from generate import generate_catalog  # noqa: E402


def test_a_generated_catalog_passes_every_check(tmp_path: Path) -> None:
    generated = generate_catalog(tmp_path, 120, seed=3)

    catalog, problems = check_repository(Repository(tmp_path), use_cache=False)

    assert problems == []
    assert len(catalog.of_kind("achievement")) == len(generated.achievements)
    assert generated.record_count == len(catalog.records)
