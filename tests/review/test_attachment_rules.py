"""``usefirst validate`` finds a symlinked scan on disk, as the review does in git.

The rule examples under ``tests/rules/examples`` are copied file by file, which
turns a symlink into a file; this case is built here instead.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
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


def test_a_scan_replaced_after_a_check_is_looked_at_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    monkeypatch.setenv("USEFIRST_CACHE_DIR", str(tmp_path / "cache"))
    repository = Repository(root)
    assert check_repository(repository, today=date(2026, 12, 1))[1] == []
    assert (tmp_path / "cache" / "attachment-types.json").is_file()

    (root / SCAN).write_bytes(b"not a scan at all, but longer than before")
    _, problems = check_repository(repository, today=date(2026, 12, 1))

    assert [p.rule for p in problems] == ["ATTACHMENT.type"]
