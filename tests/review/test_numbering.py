"""``usefirst number``: numbers on merge, unique, sequential per year, never reused."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from review_repo import PROJECT, GitRepo, achievement

from usefirst.kinds import NUMBERED_KINDS
from usefirst.loader import load_file
from usefirst.numbering import LEDGER_FILE, SERIES, assign_numbers
from usefirst.repository import Repository
from usefirst.schemas import SchemaSet

LEDGER = f"catalog/{LEDGER_FILE}"
MAY_DAY = datetime.date(2026, 5, 1)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the catalog, by path."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted((root / "catalog").rglob("*"))
        if path.is_file()
    }


def data(repo: GitRepo, path: str) -> dict:
    document, problems = load_file(repo.root / path, path)
    assert document is not None and problems == []
    return document.data


def add_records(repo: GitRepo) -> None:
    """An inventor's achievement, a batch import and a contract, all unnumbered."""
    repo.write(
        "catalog/scut/achievements/scut-2026-002.yaml",
        achievement("scut-2026-002", "scut"),
    )
    repo.write(
        "catalog/sysu/achievements/sysu-2026-001.yaml",
        achievement("sysu-2026-001", "sysu", channel="unit_batch"),
    )
    repo.add_first_use_contract("scut-fu-002", "scut-2025-001")


def test_new_records_get_numbers_of_their_series_and_year(repo: GitRepo) -> None:
    add_records(repo)
    code, out = repo.run("number", "--date", "2026-05-01")
    assert code == 0
    assert out.splitlines() == [
        "catalog/scut/achievements/scut-2026-002.yaml: XYHZ-CG-2026-000001",
        "catalog/scut/first_use_contracts/scut-fu-002.yaml: XYHZ-HT-2026-000001",
        "catalog/sysu/achievements/sysu-2026-001.yaml: XYHZ-CG-2026-000002",
    ]
    achievement_data = data(repo, "catalog/scut/achievements/scut-2026-002.yaml")
    assert achievement_data["number"] == "XYHZ-CG-2026-000001"
    assert achievement_data["admitted_on"] == "2026-05-01"
    contract = data(repo, "catalog/scut/first_use_contracts/scut-fu-002.yaml")
    assert contract["number"] == "XYHZ-HT-2026-000001"
    assert "admitted_on" not in contract


def test_the_number_line_goes_after_id_and_nothing_else_moves(repo: GitRepo) -> None:
    add_records(repo)
    path = "catalog/scut/achievements/scut-2026-002.yaml"
    before = repo.read(path)
    repo.run("number", "--date", "2026-05-01")
    after = repo.read(path)
    inserted = "number: XYHZ-CG-2026-000001\nadmitted_on: 2026-05-01\n"
    assert after == before.replace(
        "id: scut-2026-002\n", "id: scut-2026-002\n" + inserted
    )
    assert after.startswith("# 示例成果\n")


def test_a_second_run_changes_nothing(repo: GitRepo) -> None:
    add_records(repo)
    repo.run("number", "--date", "2026-05-01")
    first = snapshot(repo.root)
    code, out = repo.run("number", "--date", "2026-05-02")
    assert (code, out) == (0, "")
    assert snapshot(repo.root) == first


def test_the_ledger_keeps_every_number_issued(repo: GitRepo) -> None:
    add_records(repo)
    repo.run("number", "--date", "2026-05-01")
    issued = data(repo, LEDGER)["issued"]
    assert issued == {
        "XYHZ-CG-2025-000001": "scut-2025-001",
        "XYHZ-CG-2026-000001": "scut-2026-002",
        "XYHZ-CG-2026-000002": "sysu-2026-001",
        "XYHZ-HT-2025-000001": "scut-fu-001",
        "XYHZ-HT-2026-000001": "scut-fu-002",
    }


def test_a_deleted_records_number_is_never_issued_again(repo: GitRepo) -> None:
    add_records(repo)
    repo.run("number", "--date", "2026-05-01")
    repo.remove("catalog/sysu/achievements/sysu-2026-001.yaml")
    repo.write(
        "catalog/sysu/achievements/sysu-2026-009.yaml",
        achievement("sysu-2026-009", "sysu", channel="unit_batch"),
    )
    code, out = repo.run("number", "--date", "2026-05-03")
    assert out.strip().endswith("XYHZ-CG-2026-000003")


@pytest.mark.parametrize("ledger", [None, "issued: {}\n"], ids=["deleted", "emptied"])
def test_a_ledger_missing_numbers_of_records_is_said_to_be_incomplete(
    repo: GitRepo, ledger: str | None
) -> None:
    if ledger is None:
        repo.remove(LEDGER)
    else:
        repo.write(LEDGER, ledger)
    add_records(repo)
    code, out = repo.run("number", "--date", "2026-05-01")
    assert code == 0
    assert "NUMBER.ledger_incomplete" in out
    assert "XYHZ-CG-2025-000001" in out and "提交历史" in out
    # the numbers in records are entered again, and not issued twice
    assert data(repo, LEDGER)["issued"]["XYHZ-HT-2025-000001"] == "scut-fu-001"


def test_a_complete_ledger_brings_no_warning(repo: GitRepo) -> None:
    add_records(repo)
    code, out = repo.run("number", "--date", "2026-05-01")
    assert (code, "NUMBER." in out) == (0, False)


def test_numbers_run_per_year(repo: GitRepo) -> None:
    repo.write(
        "catalog/scut/achievements/scut-2026-001.yaml",
        achievement("scut-2026-001", "scut"),
    )
    code, out = repo.run("number", "--date", "2026-01-04")
    # the base holds XYHZ-CG-2025-000001: a new year starts again at 1
    assert out.strip().endswith("XYHZ-CG-2026-000001")


def test_numbers_continue_after_those_already_in_records(repo: GitRepo) -> None:
    repo.write(
        "catalog/scut/achievements/scut-2025-002.yaml",
        achievement("scut-2025-002", "scut"),
    )
    code, out = repo.run("number", "--date", "2025-12-31")
    assert out.strip().endswith("XYHZ-CG-2025-000002")


def test_crlf_files_stay_crlf(repo: GitRepo) -> None:
    path = "catalog/scut/achievements/scut-2026-002.yaml"
    repo.write(path, achievement("scut-2026-002", "scut").replace("\n", "\r\n"))
    repo.run("number", "--date", "2026-05-01")
    raw = (repo.root / path).read_bytes()
    assert b"id: scut-2026-002\r\nnumber: XYHZ-CG-2026-000001\r\n" in raw
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_an_id_it_cannot_edit_safely_is_reported_not_guessed(repo: GitRepo) -> None:
    path = "catalog/scut/achievements/scut-2026-002.yaml"
    text = achievement("scut-2026-002", "scut").replace(
        "id: scut-2026-002\n", "id:\n  scut-2026-002\n"
    )
    repo.write(path, text)
    code, out = repo.run("number", "--date", "2026-05-01")
    assert code == 1
    assert "NUMBER.edit" in out
    assert repo.read(path) == text


def test_a_record_that_fails_its_schema_waits(repo: GitRepo) -> None:
    path = "catalog/scut/achievements/scut-2026-002.yaml"
    text = achievement("scut-2026-002", "scut").replace("status: in_stock", "")
    repo.write(path, text)
    code, out = repo.run("number", "--date", "2026-05-01")
    assert code == 0
    assert "NUMBER.invalid_record" in out
    assert repo.read(path) == text


def test_a_broken_ledger_stops_numbering(repo: GitRepo) -> None:
    repo.write(LEDGER, "issued:\n  - XYHZ-CG-2026-000001\n")
    repo.write(
        "catalog/scut/achievements/scut-2026-002.yaml",
        achievement("scut-2026-002", "scut"),
    )
    before = snapshot(repo.root)
    code, out = repo.run("number", "--date", "2026-05-01")
    assert code == 1
    assert "NUMBER.ledger" in out
    assert snapshot(repo.root) == before


def test_a_number_reused_by_hand_is_reported(repo: GitRepo) -> None:
    repo.run("number", "--date", "2026-05-01")
    repo.write(
        "catalog/sysu/achievements/sysu-2026-001.yaml",
        achievement("sysu-2026-001", "sysu", number="XYHZ-CG-2025-000001"),
    )
    code, out = repo.run("number", "--date", "2026-05-01")
    assert code == 1
    assert "NUMBER.reused" in out and "scut-2025-001" in out


def test_dry_run_writes_nothing(repo: GitRepo) -> None:
    add_records(repo)
    before = snapshot(repo.root)
    outcome = assign_numbers(Repository(repo.root), MAY_DAY, dry_run=True)
    assert len(outcome.assigned) == 3
    assert snapshot(repo.root) == before


def test_numbered_records_still_pass_validation(repo: GitRepo) -> None:
    add_records(repo)
    repo.run("number", "--date", "2026-05-01")
    code, out = repo.run("validate", "--no-cache")
    assert code == 0, out


@pytest.mark.parametrize("date", ["2026-13-01", "20260501"])
def test_a_bad_date_is_a_usage_error_in_chinese(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], date: str
) -> None:
    add_records(repo)
    before = snapshot(repo.root)
    with pytest.raises(SystemExit) as stop:
        repo.run("number", "--date", date)
    assert stop.value.code == 2
    assert f"“{date}”不是日期：应写作 YYYY-MM-DD" in capsys.readouterr().err
    assert snapshot(repo.root) == before


@pytest.mark.parametrize("date", ["1999-05-01", "2023-12-31", "2099-05-01"])
def test_a_date_outside_the_reform_is_a_usage_error_in_chinese(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], date: str
) -> None:
    add_records(repo)
    before = snapshot(repo.root)
    code, _ = repo.run("number", "--date", date)
    assert code == 2
    assert (
        f"审核通过日期“{date}”超出范围：应在 2024-01-01 到" in capsys.readouterr().err
    )
    assert snapshot(repo.root) == before


def test_a_record_that_cannot_be_read_is_listed_not_skipped(repo: GitRepo) -> None:
    path = "catalog/scut/achievements/scut-2026-002.yaml"
    repo.write(path, "kind: achievement\nid: [unclosed\n")
    code, out = repo.run("number", "--date", "2026-05-01")
    assert code == 0
    assert f"{path}:1: NUMBER.unreadable 记录文件无法读取" in out


def test_a_record_that_lost_its_number_gets_the_same_one_back(repo: GitRepo) -> None:
    add_records(repo)
    repo.run("number", "--date", "2026-05-01")
    path = "catalog/scut/achievements/scut-2026-002.yaml"
    repo.write(path, repo.read(path).replace("number: XYHZ-CG-2026-000001\n", ""))
    ledger = repo.read(LEDGER)
    code, out = repo.run("number", "--date", "2026-06-01")
    assert code == 0
    assert out.splitlines()[0] == f"{path}: XYHZ-CG-2026-000001"
    assert "NUMBER.restored" in out
    restored = data(repo, path)
    assert (restored["number"], restored["admitted_on"]) == (
        "XYHZ-CG-2026-000001",
        "2026-05-01",
    )
    assert repo.read(LEDGER) == ledger


def test_a_restored_number_brings_no_new_admission_date(repo: GitRepo) -> None:
    add_records(repo)
    repo.run("number", "--date", "2026-05-01")
    path = "catalog/scut/achievements/scut-2026-002.yaml"
    lines = "number: XYHZ-CG-2026-000001\nadmitted_on: 2026-05-01\n"
    repo.write(path, repo.read(path).replace(lines, ""))
    repo.write(
        "catalog/scut/achievements/scut-2026-003.yaml",
        achievement("scut-2026-003", "scut"),
    )
    code, out = repo.run("number", "--date", "2026-06-01")
    assert out.splitlines()[:2] == [
        f"{path}: XYHZ-CG-2026-000001",
        "catalog/scut/achievements/scut-2026-003.yaml: XYHZ-CG-2026-000003",
    ]
    assert "admitted_on" not in data(repo, path)
    restored = [line for line in out.splitlines() if "NUMBER.restored" in line]
    assert len(restored) == 1 and "入库日期" in restored[0]


def test_every_kind_with_a_number_field_is_numbered() -> None:
    schemas = SchemaSet.load(PROJECT / "schemas")
    with_number = tuple(
        kind
        for kind in schemas.kinds
        if "number" in schemas.documents[kind]["properties"]
    )
    assert sorted(with_number) == sorted(NUMBERED_KINDS)
    assert tuple(SERIES) == NUMBERED_KINDS
