"""NOTICE.recognition_*: what a recognition application must rest on.

    mode: pay_later               # one or more pay-later contracts of this achievement
    achievement: scut-2026-001
    contracts: [scut-pl-001, scut-pl-002]   # 500,000 yuan or more received in total

    mode: cooperation             # exactly one cooperation contract, first partnership
    contracts: [scut-co-001]               # 500,000 yuan or more received

The judgement is ``usefirst.recognition.judge_basis``, the one the recognition
report uses; these rules report its findings at the application's fields. Only
money actually received counts, up to the day the application is submitted.
The year applied for is neither after the submission (or today) nor more than
one year before the newest payment counted.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from usefirst.catalog import Catalog, Record
from usefirst.dates import parse_day
from usefirst.kinds import FOLLOW_UP_KINDS, RECOGNITION
from usefirst.problems import Problem
from usefirst.recognition import (
    AMOUNT,
    CONTRACTS,
    FIRST_PARTNERSHIP,
    judge_basis,
    until_of,
)
from usefirst.rules.base import Context, rule
from usefirst.rules.lookup import field_name, target


def _problems(catalog: Catalog, context: Context, code: str) -> Iterator[Problem]:
    """Report the basis findings of one code, each cause once, at their fields."""
    for application in catalog.of_kind(RECOGNITION):
        until = until_of(application, context.today)
        for finding in judge_basis(catalog, application, until).findings:
            if finding.code != code or finding.secondary:
                continue
            name = field_name(catalog, application, finding.path)
            yield application.problem(finding.path, code, f"“{name}”{finding.message}")


@rule(CONTRACTS, "认定申请的依据合同与认定模式和成果相符")
def recognition_contracts(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report listed contracts of the wrong kind, achievement or number."""
    yield from _problems(catalog, context, CONTRACTS)


@rule(AMOUNT, "认定申请的依据合同实际到账合计不少于 50 万元")
def recognition_amount(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report applications whose contracts received less than 500,000 yuan."""
    yield from _problems(catalog, context, AMOUNT)


@rule(FIRST_PARTNERSHIP, "先使用后合作模式的合同是首次合作")
def recognition_first_partnership(
    catalog: Catalog, context: Context
) -> Iterator[Problem]:
    """Report a cooperation-mode application on a contract not a first partnership."""
    yield from _problems(catalog, context, FIRST_PARTNERSHIP)


def newest_payment(
    catalog: Catalog, application: Record, until: datetime.date
) -> datetime.date | None:
    """Return the day of the latest payment counted for an application."""
    days = [
        paid
        for contract_id in application.get("contracts", [])
        if (contract := target(catalog, contract_id, FOLLOW_UP_KINDS)) is not None
        for payment in contract.get("payments", [])
        if (paid := parse_day(payment.get("date"))) is not None and paid <= until
    ]
    return max(days, default=None)


def _year_problem(
    catalog: Catalog, application: Record, today: datetime.date
) -> Problem | None:
    year, until = application.get("year"), until_of(application, today)
    newest = newest_payment(catalog, application, until)
    when = "申请日期" if application.get("submitted_on") else "今天"
    if year > until.year:
        right = f"不能晚于{when}所在的 {until.year} 年"
    elif newest is not None and year < newest.year - 1:
        right = (
            f"最近一笔计入的收款在 {newest}，申报年度应为 {newest.year - 1} 年"
            f"至 {until.year} 年之间"
        )
    else:
        return None
    path = ("year",)
    return application.problem(
        path,
        "NOTICE.recognition_year",
        f"“{field_name(catalog, application, path)}”为 {year} 年：{right}",
    )


@rule(
    "NOTICE.recognition_year",
    "认定申请的申报年度不晚于申请日期，不早于最近收款的上一年",
)
def recognition_year(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report an application for a year after its submission or long before payment."""
    for application in catalog.of_kind(RECOGNITION):
        problem = _year_problem(catalog, application, context.today)
        if problem is not None:
            yield problem
