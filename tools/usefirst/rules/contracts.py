"""NOTICE.* on contracts: the free year, and how follow-up contracts chain.

    # first-use contract
    free_period: {start: "2026-01-01", end: "2026-12-31"}   # a full year: ok
    # pay-later contract
    first_use_contract: scut-fu-001     # of the same achievement
    # cooperation contract
    first_use_contract: scut-fu-001     # of an achievement by the same inventor
    first_partnership: true             # no earlier cooperation with this partner

A period is written with its first and last day, both included: a year from
2026-01-01 ends on 2026-12-31, and a year from 29 February ends on 28 February.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator

from usefirst import identifiers
from usefirst.catalog import Catalog, Record
from usefirst.kinds import COOPERATION, FIRST_USE, PAY_LATER
from usefirst.problems import Problem, Severity
from usefirst.rules.base import Context, rule
from usefirst.rules.lookup import (
    achievement_of,
    contracts,
    day,
    field_name,
    first_use_of,
    inventor_names,
    label,
)


def one_year_end(start: datetime.date) -> datetime.date:
    """Return the last day of a period of one year that begins on ``start``."""
    try:
        anniversary = start.replace(year=start.year + 1)
    except ValueError:  # 29 February: the anniversary in a common year is 1 March
        anniversary = datetime.date(start.year + 1, 3, 1)
    return anniversary - datetime.timedelta(days=1)


@rule("NOTICE.free_period", "先使用合同的免费使用期不少于一年", per_record=True)
def free_year(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report first-use contracts whose free period is shorter than a year."""
    path = ("free_period", "end")
    for contract in catalog.of_kind(FIRST_USE):
        period = contract.get("free_period")
        start, end = day(period["start"]), day(period["end"])
        if end <= start or end >= one_year_end(start):
            continue  # an inverted period is reported by DATE.period_order
        yield contract.problem(
            path,
            "NOTICE.free_period",
            f"“{field_name(catalog, contract, path)}”为 {end}，免费使用期不足一年："
            f"自 {start} 起算，结束日期应不早于 {one_year_end(start)}",
        )


@rule("NOTICE.pay_later_first_use", "后付费合同对应同一成果的先使用合同")
def pay_later_same_achievement(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report a pay-later contract chained to another achievement's first use."""
    path = ("first_use_contract",)
    for contract in catalog.of_kind(PAY_LATER):
        first_use = first_use_of(catalog, contract)
        if first_use is None or first_use.get("achievement") == contract.get(
            "achievement"
        ):
            continue
        yield contract.problem(
            path,
            "NOTICE.pay_later_first_use",
            f"“{field_name(catalog, contract, path)}”{first_use.id} 是成果 "
            f"{first_use.get('achievement')} 的先使用合同，而本合同的成果是 "
            f"{contract.get('achievement')}：后付费合同应对应同一成果的先使用合同",
        )


def _other_inventor_problem(
    catalog: Catalog, contract: Record, first_use: Record
) -> str | None:
    """Say why a first-use contract on another achievement cannot be chained."""
    earlier = achievement_of(catalog, first_use)
    current = achievement_of(catalog, contract)
    if earlier is None or current is None or earlier is current:
        return None
    if contract.get("filed_by") not in inventor_names(earlier):
        return (
            f"备案人 {contract.get('filed_by')} 不是该先使用合同所涉成果 "
            f"{earlier.id} 的完成人；后合作合同可涉及同一完成人的不同成果，"
            "两项成果都应有备案人作为完成人"
        )
    if earlier.get("unit") != current.get("unit"):
        return (
            f"该先使用合同所涉成果 {earlier.id} 属于 {earlier.get('unit')}，"
            f"而本合同的成果属于 {current.get('unit')}；两项成果应属于同一单位"
        )
    return None


@rule("NOTICE.cooperation_first_use", "后合作合同对应同一完成人成果的先使用合同")
def cooperation_same_inventor(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report a cooperation contract chained to another inventor's first-use."""
    path = ("first_use_contract",)
    for contract in catalog.of_kind(COOPERATION):
        first_use = first_use_of(catalog, contract)
        why = first_use and _other_inventor_problem(catalog, contract, first_use)
        if why:
            name = field_name(catalog, contract, path)
            yield contract.problem(
                path,
                "NOTICE.cooperation_first_use",
                f"“{name}”{first_use.id} 不能作为本合同的依据：{why}",
            )


@rule("NOTICE.cooperation_partner", "后合作合同的合作企业是先使用合同的企业（警告）")
def cooperation_same_partner(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Warn when a cooperation partner is not the first-use licensee."""
    path = ("partner", "uscc")
    for contract in catalog.of_kind(COOPERATION):
        first_use = first_use_of(catalog, contract)
        if first_use is None:
            continue
        licensee, partner = first_use.get("licensee"), contract.get("partner")["uscc"]
        if licensee["uscc"] == partner:
            continue
        if identifiers.check_uscc(partner, context.uscc_overrides):
            continue  # a mistyped code: ID.uscc names it, not as another partner
        yield contract.problem(
            path,
            "NOTICE.cooperation_partner",
            f"“{field_name(catalog, contract, path)}”与先使用合同 {first_use.id} 的"
            f"被许可企业（{licensee['name']}，{licensee['uscc']}）不同：后合作合同"
            "应由先使用的双方签订，请核对对应的先使用合同或合作企业",
            Severity.WARNING,
        )


def deals_by_partner(catalog: Catalog) -> dict[tuple[str, str], list[Record]]:
    """Index cooperation contracts by unit and partner."""
    deals: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for contract in catalog.of_kind(COOPERATION):
        deals[contract.get("unit"), contract.get("partner")["uscc"]].append(contract)
    return deals


def earlier_deal(
    catalog: Catalog, contract: Record, deals: dict[tuple[str, str], list[Record]]
) -> Record | None:
    """Return an earlier cooperation of the same unit with the same partner."""
    key = (contract.get("unit"), contract.get("partner")["uscc"])
    signed = contract.get("signed_on")
    earlier = [d for d in deals.get(key, []) if d.get("signed_on") < signed]
    return min(earlier, key=lambda d: d.get("signed_on"), default=None)


@rule(
    "NOTICE.first_partnership", "标为首次合作的后合作合同之前没有与该企业的后合作合同"
)
def first_partnership_true(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report a first partnership claimed after an earlier deal with the partner."""
    path = ("first_partnership",)
    deals = deals_by_partner(catalog)
    for contract in catalog.of_kind(COOPERATION):
        if contract.get("first_partnership") is not True:
            continue
        earlier = earlier_deal(catalog, contract, deals)
        if earlier is None:
            continue
        yield contract.problem(
            path,
            "NOTICE.first_partnership",
            f"“{field_name(catalog, contract, path)}”为 true，但本单位已于 "
            f"{earlier.get('signed_on')} 与该企业签订后合作合同 {earlier.file}："
            "不是首次合作，应改为 false",
        )


def _signed_before_admission(catalog: Catalog, contract: Record) -> Problem | None:
    achievement = achievement_of(catalog, contract)
    admitted = achievement.get("admitted_on") if achievement else None
    signed = contract.get("signed_on")
    if not (admitted and signed) or day(signed) >= day(admitted):
        return None
    path = ("signed_on",)
    return contract.problem(
        path,
        "NOTICE.signed_before_admission",
        f"“{field_name(catalog, contract, path)}”为 {signed}，早于成果 "
        f"{achievement.id} 的入库日期 {admitted}：合同应针对已入库的成果签订，"
        "请核对签订日期，或说明入库前已签订的原因",
        Severity.WARNING,
    )


@rule("NOTICE.signed_before_admission", "合同在成果入库之后签订（警告）")
def signed_after_admission(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Warn of contracts signed before their achievement was admitted."""
    for contract in contracts(catalog):
        problem = _signed_before_admission(catalog, contract)
        if problem is not None:
            yield problem


def _unoffered_type(catalog: Catalog, contract: Record) -> Problem | None:
    achievement = achievement_of(catalog, contract)
    offered = (achievement.get("offer") or {}) if achievement else {}
    types, license_type = offered.get("license_types"), contract.get("license_type")
    if not types or license_type is None or license_type in types:
        return None
    path = ("license_type",)
    names = "、".join(label(catalog, contract.kind, path, code) for code in types)
    return contract.problem(
        path,
        "NOTICE.offered_license_type",
        f"“{field_name(catalog, contract, path)}”为"
        f"{label(catalog, contract.kind, path, license_type)}，不在成果 "
        f"{achievement.id} 提供的许可方式（{names}）之中：请核对许可方式，"
        "或先更新成果的许可条件",
        Severity.WARNING,
    )


@rule("NOTICE.offered_license_type", "合同的许可方式在成果提供的许可方式之内（警告）")
def offered_license_type(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Warn of contracts whose licence type the achievement does not offer."""
    for contract in contracts(catalog):
        problem = _unoffered_type(catalog, contract)
        if problem is not None:
            yield problem
