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
from usefirst.review.attachments import attachment_target

BASE = PROJECT / "tests" / "rules" / "base"
SCAN = "catalog/nanhai-univ/attachments/fu-001.pdf"
TODAY = date(2026, 12, 1)


def _repository_with_link(tmp_path: Path, linked: str) -> Repository:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    real = tmp_path / "elsewhere"
    shutil.move(root / linked, real)
    (root / linked).symlink_to(real)
    return Repository(root)


def test_a_symlinked_scan_is_missing(tmp_path: Path) -> None:
    repository = _repository_with_link(tmp_path, SCAN)

    _, problems = check_repository(repository, use_cache=False, today=TODAY)

    assert [(p.rule, p.file, p.line) for p in problems] == [
        (
            "ATTACHMENT.missing",
            "catalog/nanhai-univ/first_use_contracts/nanhai-univ-fu-001.yaml",
            9,
        )
    ]
    assert "是符号链接" in problems[0].message
    assert "不存在" not in problems[0].message


def test_a_deleted_scan_is_said_to_be_missing(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    (root / SCAN).unlink()

    _, problems = check_repository(Repository(root), use_cache=False, today=TODAY)

    assert [p.rule for p in problems] == ["ATTACHMENT.missing"]
    assert f"{SCAN} 不存在" in problems[0].message
    assert "符号链接" not in problems[0].message


def test_every_scan_in_a_symlinked_attachments_folder_is_missing(
    tmp_path: Path,
) -> None:
    linked = "catalog/nanhai-univ/attachments"
    repository = _repository_with_link(tmp_path, linked)

    _, problems = check_repository(repository, use_cache=False, today=TODAY)

    assert ("LAYOUT.symlink", linked) in [(p.rule, p.file) for p in problems]
    missing = [p for p in problems if p.rule == "ATTACHMENT.missing"]
    assert len(missing) == len(problems) - 1 > 1
    assert all(p.file.startswith("catalog/nanhai-univ/") for p in missing)
    assert all(f"文件夹 {linked} 是符号链接" in p.message for p in missing)


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


@pytest.mark.parametrize(
    ("file", "target"),
    [
        ("attachments/fu-001.pdf", "catalog/scut/attachments/fu-001.pdf"),
        ("attachments/2026/合同.pdf", "catalog/scut/attachments/2026/合同.pdf"),
        ("attachments", None),
        ("attachments/", None),
        ("attachments//fu-001.pdf", None),
        ("attachments/./fu-001.pdf", None),
        ("attachments/../unit.yaml", None),
        ("attachments/fu-001.pdf/", None),
        ("/attachments/fu-001.pdf", None),
        ("./attachments/fu-001.pdf", None),
        ("scans/fu-001.pdf", None),
        ("attachments\\fu-001.pdf", None),
        ("attachments/fu 001.pdf", None),
        ("attachments/fu\u3000001.pdf", None),
        ("attachments/fu-001.pdf\n", None),
        ("attachments/fu\u200b001.pdf", None),
        ("", None),
    ],
)
def test_an_attachment_stays_in_its_units_folder(file: str, target: str | None) -> None:
    assert attachment_target("scut", file) == target
