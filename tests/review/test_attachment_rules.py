"""``usefirst validate`` finds a symlinked scan on disk, as the review does in git.

The rule examples under ``tests/rules/examples`` are copied file by file, which
turns a symlink into a file; this case is built here instead.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from review_repo import PROJECT

from usefirst.check import check_repository
from usefirst.repository import Repository

BASE = PROJECT / "tests" / "rules" / "base"
SCAN = "catalog/nanhai-univ/attachments/fu-001.pdf"


def test_a_symlinked_scan_is_missing(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    real = tmp_path / "elsewhere.pdf"
    shutil.move(root / SCAN, real)
    (root / SCAN).symlink_to(real)

    _, problems = check_repository(
        Repository(root), use_cache=False, today=date(2026, 12, 1)
    )

    assert [(p.rule, p.file, p.line) for p in problems] == [
        (
            "ATTACHMENT.missing",
            "catalog/nanhai-univ/first_use_contracts/nanhai-univ-fu-001.yaml",
            9,
        )
    ]
    assert "符号链接" in problems[0].message
