"""NOTICE.* on eligibility: which achievements may carry contracts and applications.

    # a first-use, pay-later or cooperation contract, or a recognition application
    achievement: scut-2026-001   # filed by its inventor, numbered, not exited
    unit: scut                   # the achievement's unit
    filed_by: 李明               # one of the achievement's inventors

Only an achievement that its inventor filed and that was approved (it has an
achievement number) may carry contracts, recognition applications and
exercise-rights filings; batch imports by units and city bureaus are for display
only. A contract signed, or a filing approved, after the achievement's exit is
refused; an older one stays valid. A filing names its inventor and unit in other
fields, checked by NOTICE.filing_inventor and NOTICE.filing_unit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from usefirst.catalog import Catalog, Record
from usefirst.kinds import ACHIEVEMENT, CONTRACT_KINDS, RECOGNITION, RIGHTS_FILING
from usefirst.problems import Problem
from usefirst.rules.base import Context, rule
from usefirst.rules.lookup import (
    achievement_of,
    day,
    dealt_on,
    field_name,
    inventor_names,
    kind_name,
    label,
)

DEALING_KINDS = (*CONTRACT_KINDS, RECOGNITION)
# a filing lets the inventor use the achievement, so it needs the same standing
ELIGIBLE_KINDS = (*DEALING_KINDS, RIGHTS_FILING)
Finding = Callable[[Catalog, Record, Record, Context], Problem | None]


def dealings(
    catalog: Catalog, kinds: tuple[str, ...] = DEALING_KINDS
) -> Iterator[tuple[Record, Record]]:
    """Yield (record, achievement) for each record of these kinds."""
    for kind in kinds:
        for record in catalog.of_kind(kind):
            achievement = achievement_of(catalog, record)
            if achievement is not None:
                yield record, achievement


def _each(
    catalog: Catalog,
    context: Context,
    finding: Finding,
    kinds: tuple[str, ...] = DEALING_KINDS,
) -> Iterator[Problem]:
    for record, achievement in dealings(catalog, kinds):
        problem = finding(catalog, record, achievement, context)
        if problem is not None:
            yield problem


def _what(catalog: Catalog, record: Record) -> str:
    return kind_name(catalog, record.kind)


def _field(catalog: Catalog, record: Record) -> str:
    return field_name(catalog, record, ("achievement",))


def _channel(
    catalog: Catalog, record: Record, achievement: Record, context: Context
) -> Problem | None:
    channel = achievement.get("channel")
    if channel == "inventor":
        return None
    return record.problem(
        ("achievement",),
        "NOTICE.inventor_channel",
        f"“{_field(catalog, record)}”{achievement.id} 的入库渠道是"
        f"{label(catalog, ACHIEVEMENT, ('channel',), channel)}："
        f"批量导入的成果仅用于公开展示，不能办理{_what(catalog, record)}；"
        "应由成果完成人填报该成果并审核入库后再办理",
    )


@rule("NOTICE.inventor_channel", "合同、认定申请和行权备案只能针对成果完成人填报的成果")
def inventor_channel(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report contracts, applications and filings on batch-imported achievements."""
    yield from _each(catalog, context, _channel, ELIGIBLE_KINDS)


def _admitted(
    catalog: Catalog, record: Record, achievement: Record, context: Context
) -> Problem | None:
    if achievement.get("number"):
        return None
    return record.problem(
        ("achievement",),
        "NOTICE.admitted",
        f"“{_field(catalog, record)}”{achievement.id} 尚未审核入库（没有成果编号）："
        f"成果审核通过、获得成果编号后才能办理{_what(catalog, record)}",
    )


@rule("NOTICE.admitted", "合同、认定申请和行权备案针对已审核入库（有成果编号）的成果")
def admitted(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report contracts, applications and filings on achievements without a number."""
    yield from _each(catalog, context, _admitted, ELIGIBLE_KINDS)


def _in_stock(
    catalog: Catalog, record: Record, achievement: Record, context: Context
) -> Problem | None:
    exit_info = achievement.get("exit")
    if achievement.get("status") != "exited" or not exit_info:
        return None
    exited, dealt = day(exit_info["date"]), dealt_on(record, context.today)
    if dealt <= exited:
        return None
    return record.problem(
        ("achievement",),
        "NOTICE.exited",
        f"“{_field(catalog, record)}”{achievement.id} 已于 {exited} 出库，"
        f"而本{_what(catalog, record)}的日期是 {dealt}："
        "出库后的成果不能再办理合同、认定申请或行权备案，请选择在库的成果",
    )


@rule("NOTICE.exited", "合同、认定申请和行权备案不能针对已出库的成果")
def not_exited(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report contracts signed, applications made and filings approved after exit."""
    yield from _each(catalog, context, _in_stock, ELIGIBLE_KINDS)


def _filer(
    catalog: Catalog, record: Record, achievement: Record, context: Context
) -> Problem | None:
    names = inventor_names(achievement)
    if record.get("filed_by") in names:
        return None
    return record.problem(
        ("filed_by",),
        "NOTICE.filed_by_inventor",
        f"“{field_name(catalog, record, ('filed_by',))}”{record.get('filed_by')} "
        f"不是成果 {achievement.id} 的完成人：应为 {'、'.join(names)} 之一",
    )


@rule("NOTICE.filed_by_inventor", "合同备案人和认定申请人是该成果的完成人")
def filed_by_inventor(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report contracts and applications filed by someone not an inventor."""
    yield from _each(catalog, context, _filer)


def _unit(
    catalog: Catalog, record: Record, achievement: Record, context: Context
) -> Problem | None:
    if record.get("unit") == achievement.get("unit"):
        return None
    return record.problem(
        ("unit",),
        "NOTICE.achievement_unit",
        f"“{field_name(catalog, record, ('unit',))}”为 {record.get('unit')}，"
        f"而成果 {achievement.id} 属于 {achievement.get('unit')}："
        f"{_what(catalog, record)}应放在成果单位的文件夹 "
        f"catalog/{achievement.get('unit')}/ 中",
    )


@rule("NOTICE.achievement_unit", "合同和认定申请的单位与成果单位一致")
def achievement_unit(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report contracts and applications filed under another unit."""
    yield from _each(catalog, context, _unit)
