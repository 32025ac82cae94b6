"""Specification of a unit's report of first-use contracts and what followed."""

from __future__ import annotations

import datetime
from decimal import Decimal

from report_fixture import raw_records
from schema_edit import edit_schema, retitle

from usefirst.catalog import Catalog
from usefirst.reports.first_use import ENDED, ENDING, RUNNING, first_use_report
from usefirst.repository import Repository

TODAY = datetime.date(2027, 1, 15)


def details(catalog: Catalog, within: int = 90) -> dict[str, dict[str, object]]:
    report = first_use_report(catalog, "scut", TODAY, within)
    table = report.tables[1]
    return {row[0]: dict(zip(table.headers, row, strict=True)) for row in table.rows}


def test_every_first_use_contract_of_the_unit_and_only_those(
    catalog: Catalog, repository: Repository
) -> None:
    raw = raw_records(repository.root)
    expected = {
        record_id
        for record_id, data in raw.items()
        if data["kind"] == "first_use_contract" and data["unit"] == "scut"
    }
    assert set(details(catalog)) == expected


def test_what_followed_each_contract(catalog: Catalog) -> None:
    status = {contract: row["状态"] for contract, row in details(catalog).items()}
    assert status == {
        "scut-fu-001": "已签后付费合同",
        "scut-fu-002": "已签后付费合同",
        "scut-fu-003": "已签后合作合同",
        "scut-fu-004": ENDED,  # free period over at the end of 2025
        "scut-fu-005": ENDING,  # ends 2027-03-31, 75 days after today
        "scut-fu-006": RUNNING,  # ends at the end of 2027
    }
    assert details(catalog, within=30)["scut-fu-005"]["状态"] == RUNNING


def test_money_received_on_the_follow_ups_up_to_today(
    catalog: Catalog, repository: Repository
) -> None:
    raw = raw_records(repository.root)
    for contract, row in details(catalog).items():
        expected = sum(
            (
                Decimal(str(payment["amount"]))
                for data in raw.values()
                if data.get("first_use_contract") == contract
                for payment in data["payments"]
                if payment["date"] <= TODAY.isoformat()
            ),
            Decimal(0),
        )
        assert row["后续合同实际到账（元）"] == expected, contract


def test_the_summary_counts_the_statuses(catalog: Catalog) -> None:
    report = first_use_report(catalog, "scut", TODAY)
    counts = dict(report.tables[0].rows)
    assert counts == {
        "已签后付费合同": 2,
        "已签后合作合同": 1,
        ENDED: 1,
        ENDING: 1,
        RUNNING: 1,
    }
    assert report.title == "华南理工大学先使用合同及后续情况"


def test_follow_ups_are_named_as_their_schemas_title_them(
    repository: Repository,
) -> None:
    catalog = edit_schema(repository, "cooperation_contract", retitle("合作转化合同"))
    row = details(catalog)["scut-fu-003"]
    assert row["状态"] == "已签合作转化合同"
    assert row["后续合同"] == "合作转化合同 scut-co-001"
