"""Specification of the year's summary for the provincial office.

Every expected figure is counted here from the raw YAML of the fixture catalog.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from report_fixture import raw_records
from schema_edit import edit_schema, retitle

from usefirst.catalog import Catalog
from usefirst.kinds import CONTRACT_KINDS
from usefirst.reports.model import Report
from usefirst.reports.year_summary import year_summary
from usefirst.repository import Repository

YEAR = "2026"


def by_hand(raw: dict[str, dict[str, Any]], place: str) -> dict[str, Counter]:
    """Count the year's figures per city (``place="city"``) or cluster, by hand."""
    counts: dict[str, Counter] = {}

    def add(achievement: dict[str, Any], key: str, value: Any) -> None:
        places = achievement[place] if place == "clusters" else [achievement[place]]
        for name in places:
            counts.setdefault(name, Counter())[key] += value

    for data in raw.values():
        if data["kind"] == "achievement":
            if str(data.get("admitted_on", "")).startswith(YEAR):
                add(data, "入库成果", 1)
            if str(data.get("exit", {}).get("date", "")).startswith(YEAR):
                add(data, "出库成果", 1)
        if data["kind"] in CONTRACT_KINDS:
            achievement = raw[data["achievement"]]
            if data["signed_on"].startswith(YEAR):
                add(achievement, data["kind"], 1)
            for payment in data.get("payments", []):
                if payment["date"].startswith(YEAR):
                    add(achievement, "到账合计（元）", Decimal(str(payment["amount"])))
    return counts


def rows(report: Report, title: str) -> dict[str, dict[str, Any]]:
    table = next(table for table in report.tables if table.title == title)
    return {row[0]: dict(zip(table.headers, row, strict=True)) for row in table.rows}


COLUMNS = {
    "入库成果": "入库成果",
    "出库成果": "出库成果",
    "first_use_contract": "先使用合同",
    "pay_later_contract": "后付费合同",
    "cooperation_contract": "后合作合同",
    "到账合计（元）": "到账合计（元）",
}


@pytest.mark.parametrize(
    ("title", "place", "vocabulary"),
    [("按地市", "city", "city"), ("按产业集群", "clusters", "cluster")],
)
def test_figures_by_city_and_by_cluster(
    catalog: Catalog, repository: Repository, title: str, place: str, vocabulary: str
) -> None:
    raw = raw_records(repository.root)
    names = repository.schemas.vocabulary(vocabulary)
    report_rows = rows(year_summary(catalog, 2026), title)
    for code, counter in by_hand(raw, place).items():
        row = report_rows[names[code]]
        for key, header in COLUMNS.items():
            assert row[header] == counter.get(key, 0), (code, header)
    untouched = set(names) - set(by_hand(raw, place))
    for code in untouched:
        assert report_rows[names[code]]["到账合计（元）"] == 0


def test_the_totals_add_up_the_cities(catalog: Catalog, repository: Repository) -> None:
    raw = raw_records(repository.root)
    total = sum(by_hand(raw, "city").values(), Counter())
    [row] = rows(year_summary(catalog, 2026), "合计").values()
    for key, header in COLUMNS.items():
        assert row[header] == total.get(key, 0), header
    paid = row["后付费合同到账（元）"] + row["后合作合同到账（元）"]
    assert row["到账合计（元）"] == paid
    assert row["到账合计（元）"] == Decimal("3140000.75")


def test_achievements_without_an_admission_date_are_named_in_the_notes(
    catalog: Catalog,
) -> None:
    report = year_summary(catalog, 2026)
    assert any("没有入库日期的成果 1 项" in note for note in report.notes)


def test_contract_kinds_are_named_as_their_schemas_title_them(
    repository: Repository,
) -> None:
    catalog = edit_schema(repository, "pay_later_contract", retitle("先使用后付费合同"))
    headers = year_summary(catalog, 2026).tables[0].headers
    assert "先使用后付费合同" in headers
    assert "先使用后付费合同到账（元）" in headers
    assert "后付费合同" not in headers
