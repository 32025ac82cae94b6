"""Specification of recognition eligibility and ranking under the notice.

Figures expected here are computed from the raw YAML of the fixture catalog,
not by the code under test.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from report_fixture import raw_records
from schema_edit import edit_schema, retitle

from usefirst.catalog import Catalog, load_catalog
from usefirst.recognition import assess
from usefirst.reports.ranking import rank, recognition_report
from usefirst.repository import Repository

TODAY = datetime.date(2027, 1, 15)
ELIGIBLE = {"scut-ra-2026-001", "szu-ra-2026-001", "szu-ra-2026-002", "szu-ra-2026-003"}


def received_by_hand(raw: dict[str, dict[str, Any]], application_id: str) -> Decimal:
    """Sum what the application's contracts received by its date, from raw YAML."""
    application = raw[application_id]
    until = application.get("submitted_on") or TODAY.isoformat()
    return sum(
        (
            Decimal(str(payment["amount"]))
            for contract_id in application["contracts"]
            for payment in raw[contract_id]["payments"]
            if payment["date"] <= until
        ),
        Decimal(0),
    )


def in_yuan(fen: int) -> Decimal:
    return Decimal(fen) / 100


def test_eligible_applications_of_the_year(catalog: Catalog) -> None:
    ranked = rank(catalog, 2026, TODAY)
    assert {r.assessment.application.id for r in ranked} == {
        *ELIGIBLE,
        "scut-ra-2026-002",
        "scut-ra-2026-003",
    }  # scut-ra-2025-001 belongs to another year
    assert {r.assessment.application.id for r in ranked if r.rank} == ELIGIBLE


def test_only_money_received_by_the_application_date_counts(
    catalog: Catalog, repository: Repository
) -> None:
    raw = raw_records(repository.root)
    for entry in rank(catalog, 2026, TODAY):
        application_id = entry.assessment.application.id
        if entry.rank is not None:
            assert in_yuan(entry.criteria.received_fen) == received_by_hand(
                raw, application_id
            )
    scut = assess(catalog, catalog.get("scut-ra-2026-001"), TODAY)
    assert in_yuan(scut.received_fen) == Decimal(
        "500000.75"
    )  # not the 100,000 of December


def test_ranked_by_the_notices_criteria_with_ties_sharing_a_rank(
    catalog: Catalog,
) -> None:
    ranked = rank(catalog, 2026, TODAY)
    order = [(r.assessment.application.id, r.rank) for r in ranked]
    assert order == [
        ("szu-ra-2026-001", 1),
        ("szu-ra-2026-002", 1),
        ("scut-ra-2026-001", 3),
        ("szu-ra-2026-003", 1),  # the cooperation mode is ranked on its own
        ("scut-ra-2026-003", None),  # the ineligible last, pay-later mode first
        ("scut-ra-2026-002", None),
    ]


def test_the_criteria_are_counted_from_the_catalog(
    catalog: Catalog, repository: Repository
) -> None:
    raw = raw_records(repository.root)
    entry = next(
        r
        for r in rank(catalog, 2026, TODAY)
        if r.assessment.application.id == "scut-ra-2026-001"
    )
    kinds = {
        kind: [d for d in raw.values() if d["kind"] == kind]
        for kind in ("achievement", "first_use_contract", "pay_later_contract")
    }
    assert entry.criteria.unit_shortlisted == sum(
        1 for a in ELIGIBLE if a.startswith("scut-")
    )
    assert entry.criteria.inventor_achievements == sum(
        1
        for a in kinds["achievement"]
        if a["unit"] == "scut" and "陈建华" in [p["name"] for p in a["inventors"]]
    )
    assert entry.criteria.first_use_contracts == sum(
        1 for c in kinds["first_use_contract"] if c["achievement"] == "scut-2025-001"
    )
    assert entry.criteria.follow_up_contracts == sum(
        1 for c in kinds["pay_later_contract"] if c["achievement"] == "scut-2025-001"
    )


@pytest.mark.parametrize(
    ("application_id", "codes"),
    [
        (
            "scut-ra-2026-002",
            {"NOTICE.recognition_first_partnership", "NOTICE.recognition_amount"},
        ),
        (
            "scut-ra-2026-003",
            {
                "NOTICE.inventor_channel",
                "NOTICE.admitted",
                "NOTICE.recognition_contracts",
                "UNIQUE.recognition_contract",
                "NOTICE.recognition_amount",
            },
        ),
    ],
)
def test_every_reason_of_an_ineligible_application(
    catalog: Catalog, application_id: str, codes: set[str]
) -> None:
    assessment = assess(catalog, catalog.get(application_id), TODAY)
    assert not assessment.eligible
    assert {finding.code for finding in assessment.findings} == codes
    assert all(finding.message for finding in assessment.findings)


def rewrite(repository: Repository, relative: str, old: str, new: str) -> Catalog:
    path = repository.catalog_dir / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    catalog, problems = load_catalog(repository, use_cache=False)
    assert problems == []
    return catalog


@pytest.mark.parametrize(
    ("amount", "eligible"), [("500000", True), ("'499999.99'", False)]
)
def test_five_hundred_thousand_yuan_is_enough(
    repository: Repository, amount: str, eligible: bool
) -> None:
    catalog = rewrite(
        repository,
        "szu/pay_later_contracts/szu-pl-001.yaml",
        "amount: 520000\n",
        f"amount: {amount}\n",
    )
    assessment = assess(catalog, catalog.get("szu-ra-2026-001"), TODAY)
    assert assessment.eligible is eligible


def test_an_application_after_the_exit_is_not_eligible(repository: Repository) -> None:
    catalog = rewrite(
        repository,
        "szu/recognition_applications/szu-ra-2026-003.yaml",
        "submitted_on: '2026-08-01'",
        "submitted_on: '2026-09-15'",
    )
    assessment = assess(catalog, catalog.get("szu-ra-2026-003"), TODAY)
    assert {finding.code for finding in assessment.findings} == {"NOTICE.exited"}


def test_findings_point_at_fields_of_the_application(catalog: Catalog) -> None:
    assessment = assess(catalog, catalog.get("scut-ra-2026-003"), TODAY)
    paths = {finding.code: finding.path for finding in assessment.findings}
    assert paths["NOTICE.recognition_contracts"] == ("contracts", 0)
    assert paths["NOTICE.inventor_channel"] == ("achievement",)


def rename_modes(schema: dict[str, Any]) -> None:
    schema["properties"]["mode"]["enumDescriptions"] = ["付费模式", "合作模式"]


def test_modes_and_kinds_are_named_as_the_schemas_name_them(
    repository: Repository,
) -> None:
    edit_schema(repository, "recognition_application", rename_modes)
    catalog = edit_schema(repository, "cooperation_contract", retitle("合作转化合同"))
    report = recognition_report(catalog, 2026, TODAY)
    titles = [table.title for table in report.tables]
    assert titles == ["付费模式：排序", "合作模式：排序", "不符合条件的申请"]
    assert "合作转化合同数" in report.tables[1].headers
    modes = {row[0]: row[1] for row in report.tables[2].rows}
    assert modes["scut-ra-2026-002"] == "合作模式"
