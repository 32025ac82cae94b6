"""Real git repositories for the review tests: a base on ``main``, a branch on top.

    def test_x(repo):
        repo.write("catalog/scut/achievements/new.yaml", ACHIEVEMENT)
        repo.commit("add")
        code, out = repo.review("--author", "scut-ttc")

The base holds two units (scut with maintainers scut-ttc and scut-kjy, sysu with
sysu-ttc), the reviewer gd-review, an approved achievement and an approved
first-use contract with its scanned PDF, and the ledger of their numbers.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from review_repo import PROJECT, GitRepo, achievement, unit

from usefirst.numbering import render_ledger

SETTINGS = """\
# 审核人
reviewers:
  - gd-review
uscc_overrides: []
"""
LEDGER = render_ledger(
    {"XYHZ-CG-2025-000001": "scut-2025-001", "XYHZ-HT-2025-000001": "scut-fu-001"}
)


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """A repository whose ``main`` holds the base catalog, on branch ``submission``."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    repository = GitRepo(root)
    repository.git("init", "--quiet", "--initial-branch", "main")
    repository.write("catalog/settings.yaml", SETTINGS)
    repository.write(
        "catalog/scut/unit.yaml", unit("scut", "华南理工大学", ["scut-ttc", "scut-kjy"])
    )
    repository.write("catalog/sysu/unit.yaml", unit("sysu", "中山大学", ["sysu-ttc"]))
    repository.write(
        "catalog/scut/achievements/scut-2025-001.yaml",
        achievement("scut-2025-001", "scut", number="XYHZ-CG-2025-000001"),
    )
    repository.add_first_use_contract(
        "scut-fu-001", "scut-2025-001", number="XYHZ-HT-2025-000001"
    )
    repository.write("catalog/numbers.yaml", LEDGER)
    repository.commit("base catalog")
    repository.git("checkout", "--quiet", "-b", "submission")
    return repository
