"""Specification: the recognition report and ``usefirst validate`` agree.

For every application, each reason the report gives for it not being eligible
is an error ``validate`` reports at the same field of the same file, and the
other way round; a reason whose cause validation reports elsewhere (a shortfall
of money caused by a missing contract, a contract wrongly marked as a first
partnership) is said once, by validation, at its cause. So an application the
report finds ineligible always has an error in its own record or in a record
it rests on. The fixture catalog agrees; so do the cases where they once
disagreed: a contract listed by applications of two years, a cooperation
contract marked as a first partnership although the unit had cooperated with
the same partner before, and an achievement or contract that failed its own
checks. Where both speak of the achievement, the applicant or a contract used
twice, the report gives validation's own message.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml
from report_fixture import LICENSEE, achievement, application, cooperation, pay_later

from usefirst.catalog import Catalog
from usefirst.check import check_repository
from usefirst.cli import main
from usefirst.exitcodes import OK
from usefirst.kinds import KIND_FOLDERS, RECOGNITION
from usefirst.problems import Problem
from usefirst.recognition import (
    ACHIEVEMENT_RULES,
    REUSE_RULES,
    assess,
    filing_order,
)
from usefirst.reports.ranking import rank, recognition_report
from usefirst.repository import Repository

TODAY = datetime.date(2027, 1, 15)
Reasons = dict[str, set[tuple[str, tuple[str | int, ...]]]]


def write_record(repository: Repository, data: dict[str, Any]) -> None:
    """Add a record to the fixture catalog, or replace the one with its id."""
    folder = repository.catalog_dir / data["unit"] / KIND_FOLDERS[data["kind"]]
    folder.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (folder / f"{data['id']}.yaml").write_text(text, encoding="utf-8")


def stem(problem: Problem) -> str:
    """Name the record a problem is in: its id is its file name."""
    return PurePosixPath(problem.file).stem


def checked(repository: Repository) -> tuple[Catalog, list[Problem]]:
    return check_repository(Repository(repository.root), use_cache=False, today=TODAY)


def report_reasons(catalog: Catalog) -> Reasons:
    """Every reason the report gives, by application: (rule code, field)."""
    return {
        record.id: {
            (finding.code, finding.path)
            for finding in assess(catalog, record, TODAY).findings
            if not finding.secondary
        }
        for record in catalog.of_kind(RECOGNITION)
    }


def validation_errors(catalog: Catalog, problems: list[Problem]) -> Reasons:
    """Every error validation reports in an application's file, by application."""
    return {
        record.id: {
            (problem.rule, problem.path)
            for problem in problems
            if problem.file == record.file and problem.is_error
        }
        for record in catalog.of_kind(RECOGNITION)
    }


def records_with_errors(problems: list[Problem]) -> set[str]:
    return {stem(problem) for problem in problems if problem.is_error}


def assert_agree(repository: Repository) -> tuple[Catalog, list[Problem]]:
    catalog, problems = checked(repository)
    assert report_reasons(catalog) == validation_errors(catalog, problems)
    wrong = records_with_errors(problems)
    for record in catalog.of_kind(RECOGNITION):
        underlying = {record.id, record.get("achievement"), *record.get("contracts")}
        eligible = assess(catalog, record, TODAY).eligible
        assert eligible or underlying & wrong, record.id
    return catalog, problems


def test_the_fixture_catalog_agrees(repository: Repository) -> None:
    catalog, _ = assert_agree(repository)
    eligible = {
        r.assessment.application.id for r in rank(catalog, 2026, TODAY) if r.rank
    }
    assert "scut-ra-2026-002" not in eligible and "szu-ra-2026-001" in eligible


def test_a_contract_of_two_years_supports_the_earlier_year(
    repository: Repository,
) -> None:
    # szu-ra-2026-001 has no date: the 2027 application is still the later one
    later = application(
        "szu-ra-2027-001",
        2027,
        "pay_later",
        "szu-2025-001",
        ["szu-pl-001"],
        "刘志强",
        "2027-01-10",
    )
    write_record(repository, later)
    catalog, problems = assert_agree(repository)
    reused = {stem(p) for p in problems if p.rule == "UNIQUE.recognition_contract"}
    assert reused == {"szu-ra-2027-001", "scut-ra-2026-003"}
    ranked = {r.assessment.application.id: r.rank for r in rank(catalog, 2026, TODAY)}
    assert ranked["szu-ra-2026-001"] == 1


def test_applications_are_ordered_by_year_then_date_then_file(
    catalog: Catalog,
) -> None:
    applications = sorted(catalog.of_kind(RECOGNITION), key=filing_order)
    assert [a.id for a in applications] == [
        "scut-ra-2025-001",
        "szu-ra-2026-003",  # 2026-08-01
        "scut-ra-2026-001",  # 2026-10-01, by file
        "scut-ra-2026-002",
        "scut-ra-2026-003",
        "szu-ra-2026-001",  # no date: after every dated one
        "szu-ra-2026-002",
    ]


def test_an_earlier_cooperation_with_the_partner_makes_the_application_ineligible(
    repository: Repository,
) -> None:
    earlier = cooperation(
        "szu-co-000",
        "szu-2025-002",
        "szu-fu-002",
        "2025-09-01",
        [("2025-09-15", 10000)],
        True,
    )
    assert earlier["partner"] == LICENSEE  # the partner of szu-co-001
    write_record(repository, earlier)
    catalog, problems = assert_agree(repository)
    errors = {(stem(p), p.rule) for p in problems if p.is_error}
    assert ("szu-co-001", "NOTICE.first_partnership") in errors
    assessment = assess(catalog, catalog.get("szu-ra-2026-003"), TODAY)
    assert not assessment.eligible
    finding = {f.code: f for f in assessment.findings}[
        "NOTICE.recognition_first_partnership"
    ]
    assert "2025-09-01" in finding.message and "szu-co-000" in finding.message
    report = recognition_report(catalog, 2026, TODAY, problems)
    rejected = {row[0]: row for row in report.tables[-1].rows}
    assert rejected["szu-ra-2026-003"][-1] == "szu-co-001"  # marked: it has errors


@pytest.fixture
def payment_before_signing(repository: Repository) -> Repository:
    """szu-pl-001 with a payment dated before the contract was signed."""
    contract = pay_later(
        "szu-pl-001",
        "szu-2025-001",
        "szu-fu-001",
        "2026-04-01",
        [("2026-03-20", 1000), ("2026-04-15", 520000)],
    )
    write_record(repository, contract)
    return repository


def test_an_application_on_a_record_with_errors_is_marked(
    payment_before_signing: Repository,
) -> None:
    catalog, problems = assert_agree(payment_before_signing)
    assert any(p.rule == "DATE.payment_before_signing" for p in problems)
    report = recognition_report(catalog, 2026, TODAY, problems)
    table = report.tables[0]
    marks = {row[1]: row[table.headers.index("校验错误")] for row in table.rows}
    assert marks == {
        "szu-ra-2026-001": "szu-pl-001",
        "szu-ra-2026-002": None,
        "scut-ra-2026-001": None,
    }


def test_the_report_command_marks_them_too(
    payment_before_signing: Repository,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    command = ["report", "recognition", "--year", "2026", "--today", "2027-01-15"]
    assert main(["--root", str(payment_before_signing.root), *command]) == OK
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "| szu-ra-2026-001 |" in line)
    assert row.endswith("| szu-pl-001 |")
    assert "校验错误" in out


def said_by_the_rules(
    catalog: Catalog, problems: list[Problem]
) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    """What the report and validation say in applications by the shared rules."""
    codes = {*ACHIEVEMENT_RULES, *REUSE_RULES}
    applications = catalog.of_kind(RECOGNITION)
    reported = {
        (record.file, finding.code, finding.path, finding.message)
        for record in applications
        for finding in assess(catalog, record, TODAY).findings
        if finding.code in codes
    }
    files = {record.file for record in applications}
    validated = {
        (problem.file, problem.rule, problem.path, problem.message)
        for problem in problems
        if problem.rule in codes and problem.file in files
    }
    return reported, validated


def test_the_report_gives_validations_own_words(repository: Repository) -> None:
    # under szu, on a scut achievement, by no inventor of it, on scut-pl-001
    # which scut-ra-2026-001 already rests on
    stranger = application(
        "szu-ra-2026-009", 2026, "pay_later", "scut-2025-001", ["scut-pl-001"], "王五"
    )
    # after szu-2025-002 exited (2026-09-01), on szu-ra-2026-003's contract
    late = application(
        "szu-ra-2026-010",
        2026,
        "cooperation",
        "szu-2025-002",
        ["szu-co-001"],
        "刘志强",
        "2026-09-15",
    )
    for record in (stranger, late):
        write_record(repository, record)
    catalog, problems = assert_agree(repository)
    reported, validated = said_by_the_rules(catalog, problems)
    assert reported == validated
    assert {code for _, code, _, _ in reported} == {*ACHIEVEMENT_RULES, *REUSE_RULES}


def broken_achievement() -> dict[str, Any]:
    """szu-2025-001 with a technology readiness level beyond 9."""
    data = achievement(
        "szu-2025-001",
        inventors=["刘志强"],
        clusters=["semiconductors"],
        city="440300",
        admitted_on="2026-01-05",
        number="XYHZ-CG-2025-000003",
    )
    return {**data, "trl": 12}


def broken_contract() -> dict[str, Any]:
    """szu-pl-001 with an amount that is not a number."""
    data = pay_later(
        "szu-pl-001",
        "szu-2025-001",
        "szu-fu-001",
        "2026-04-01",
        [("2026-04-15", 520000)],
    )
    return {**data, "amount": "五十二万元"}


@pytest.mark.parametrize(
    ("broken", "cause"),
    [(broken_achievement, "REF.achievement"), (broken_contract, "REF.contract")],
)
def test_a_record_that_fails_its_checks_is_a_reason_said_at_that_record(
    repository: Repository, broken: Callable[[], dict[str, Any]], cause: str
) -> None:
    record = broken()
    write_record(repository, record)
    catalog, problems = assert_agree(repository)
    assert catalog.get(record["id"]) is None
    assert record["id"] in records_with_errors(problems)
    assessment = assess(catalog, catalog.get("szu-ra-2026-001"), TODAY)
    assert not assessment.eligible
    assert cause in {f.code for f in assessment.findings}
    assert all(finding.secondary for finding in assessment.findings)
    report = recognition_report(catalog, 2026, TODAY, problems)
    rejected = {row[0]: row for row in report.tables[-1].rows}
    assert rejected["szu-ra-2026-001"][-1] == record["id"]  # marked: it has errors
