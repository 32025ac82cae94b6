"""DATE.*: dates in their order, and nothing that happened dated in the future.

    signed_on: "2026-05-20"
    free_period: {start: "2026-06-01", end: "2027-05-31"}  # start >= signed_on
    payments:
      - {date: "2026-09-15", ...}     # not before signed_on, not after today

"Today" is ``Context.today``, so that checks and tests can pin it.
"""

from __future__ import annotations

from collections.abc import Iterator

from usefirst.catalog import Catalog, Record
from usefirst.kinds import (
    ACHIEVEMENT,
    COOPERATION,
    FIRST_USE,
    FOLLOW_UP_KINDS,
    INSURANCE_PRODUCT,
    PAY_LATER,
    RECOGNITION,
    RIGHTS_FILING,
    TECHNOLOGY_NEED,
)
from usefirst.problems import Problem
from usefirst.rules.base import Context, rule
from usefirst.rules.lookup import Path, day, field_name, first_use_of, value_at

# fields that record something that has already happened
PAST_FIELDS: dict[str, tuple[Path, ...]] = {
    ACHIEVEMENT: (("admitted_on",), ("exit", "date"), ("rights", "*", "granted_on")),
    FIRST_USE: (("signed_on",),),
    PAY_LATER: (("signed_on",), ("payments", "*", "date")),
    COOPERATION: (("signed_on",), ("payments", "*", "date")),
    RECOGNITION: (("submitted_on",),),
    RIGHTS_FILING: (("approval", "approved_on"),),
    TECHNOLOGY_NEED: (("posted_on",),),
}
PERIODS: dict[str, Path] = {
    FIRST_USE: ("free_period",),
    RIGHTS_FILING: ("period",),
    INSURANCE_PRODUCT: ("valid",),
}


def expand(record: Record, pattern: Path) -> Iterator[Path]:
    """Yield the concrete paths of a pattern whose "*" stands for every item."""
    if "*" not in pattern:
        if value_at(record, pattern) is not None:
            yield pattern
        return
    star = pattern.index("*")
    items = value_at(record, pattern[:star]) or []
    for index, _ in enumerate(items):
        yield from expand(record, (*pattern[:star], index, *pattern[star + 1 :]))


@rule("DATE.future", "已发生事项的日期不晚于今天", per_record=True)
def not_in_future(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report signing, payment, admission, exit and similar dates after today."""
    # schema-valid dates are YYYY-MM-DD, whose order as text is their order
    today = context.today.isoformat()
    for kind, patterns in PAST_FIELDS.items():
        for record in catalog.of_kind(kind):
            for pattern in patterns:
                for path in expand(record, pattern):
                    when = value_at(record, path)
                    if when <= today:
                        continue
                    yield record.problem(
                        path,
                        "DATE.future",
                        f"“{field_name(catalog, record, path)}”{when} 晚于今天"
                        f"（{context.today}）：只能填写已经发生的日期",
                    )


@rule("DATE.period_order", "期间的结束日期晚于开始日期", per_record=True)
def period_order(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report free periods, filing periods and validity periods that end too early."""
    for kind, path in PERIODS.items():
        for record in catalog.of_kind(kind):
            period = value_at(record, path)
            if period is None or day(period["end"]) > day(period["start"]):
                continue
            end_path = (*path, "end")
            yield record.problem(
                end_path,
                "DATE.period_order",
                f"“{field_name(catalog, record, end_path)}”{period['end']} 不晚于"
                f"开始日期 {period['start']}：结束日期应晚于开始日期",
            )


@rule(
    "DATE.free_period_start", "免费使用期不早于先使用合同签订日期开始", per_record=True
)
def free_period_after_signing(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report a first-use contract whose free period starts before it was signed."""
    path = ("free_period", "start")
    for contract in catalog.of_kind(FIRST_USE):
        start, signed = value_at(contract, path), contract.get("signed_on")
        if day(start) >= day(signed):
            continue
        yield contract.problem(
            path,
            "DATE.free_period_start",
            f"“{field_name(catalog, contract, path)}”{start} 早于签订日期 {signed}："
            "免费使用期应从合同签订之日或之后开始",
        )


@rule("DATE.payment_before_signing", "到账日期不早于合同签订日期", per_record=True)
def payments_after_signing(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report a payment received before its contract was signed."""
    for kind in FOLLOW_UP_KINDS:
        for contract in catalog.of_kind(kind):
            signed = contract.get("signed_on")
            for path in expand(contract, ("payments", "*", "date")):
                paid = value_at(contract, path)
                if day(paid) >= day(signed):
                    continue
                yield contract.problem(
                    path,
                    "DATE.payment_before_signing",
                    f"“{field_name(catalog, contract, path)}”{paid} 早于合同签订日期 "
                    f"{signed}：只计入合同签订后依合同到账的款项",
                )


@rule("DATE.after_first_use", "后付费和后合作合同不早于对应的先使用合同签订")
def follow_up_after_first_use(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report a pay-later or cooperation contract signed before its first use."""
    path = ("signed_on",)
    for kind in FOLLOW_UP_KINDS:
        for contract in catalog.of_kind(kind):
            first_use = first_use_of(catalog, contract)
            if first_use is None:
                continue
            signed, first = contract.get("signed_on"), first_use.get("signed_on")
            if day(signed) >= day(first):
                continue
            yield contract.problem(
                path,
                "DATE.after_first_use",
                f"“{field_name(catalog, contract, path)}”{signed} 早于对应先使用合同 "
                f"{first_use.id} 的签订日期 {first}：后续合同应在先使用合同之后签订",
            )
