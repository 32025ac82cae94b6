"""A unit's first-use contracts and what followed each of them.

    report = first_use_report(catalog, "scut", today=date(2027, 5, 1), within_days=90)

Each first-use contract of the unit with the pay-later and cooperation contracts
that name it, the money they received up to today, and where it stands: a
follow-up contract signed, the free period ending within ``within_days`` days,
the free period over with nothing signed, or still running with nothing yet.
Contract kinds are named as their schemas title them.
"""

from __future__ import annotations

import datetime
from collections import Counter

from usefirst.catalog import Catalog, Record
from usefirst.dates import parse_day
from usefirst.kinds import FIRST_USE, FOLLOW_UP_KINDS
from usefirst.money import fen_to_yuan
from usefirst.recognition import received_fen
from usefirst.reports.model import Cell, Report, Table
from usefirst.rules.lookup import kind_name

ENDED = "免费期已届满，尚无后续合同"
ENDING = "免费期即将届满，尚无后续合同"
RUNNING = "免费期内，尚无后续合同"
UNKNOWN_END = "免费期结束日期无法识别，尚无后续合同"
HEADERS = [
    "先使用合同",
    "备案编号",
    "成果编号",
    "成果名称",
    "被许可企业",
    "签订日期",
    "免费期开始",
    "免费期结束",
    "后续合同",
    "后续合同实际到账（元）",
    "状态",
]


def first_use_report(
    catalog: Catalog, unit: str, today: datetime.date, within_days: int = 90
) -> Report:
    """List a unit's first-use contracts with their follow-ups and status."""
    contracts = sorted(
        (c for c in catalog.of_kind(FIRST_USE) if c.get("unit") == unit),
        key=lambda contract: (contract.get("signed_on"), contract.id),
    )
    rows = [_row(catalog, contract, today, within_days) for contract in contracts]
    counts = Counter(str(row[-1]) for row in rows)
    unit_record = catalog.units().get(unit)
    name = unit_record.get("name", unit) if unit_record else unit
    return Report(
        f"{name}先使用合同及后续情况",
        notes=[
            f"截至 {today}，共 {len(rows)} 项先使用合同。",
            f"“即将届满”指免费期在 {within_days} 天内结束；后续合同实际到账只计"
            f"截至 {today} 的收款记录。",
        ],
        tables=[
            Table(
                "状态汇总",
                ["状态", "合同数"],
                [[s, n] for s, n in sorted(counts.items())],
            ),
            Table("先使用合同明细", HEADERS, rows),
        ],
    )


def status_of(
    follow_ups: list[str],
    end: datetime.date | None,
    today: datetime.date,
    within_days: int,
) -> str:
    """Say where a first-use contract stands, given its follow-ups' kind titles."""
    if follow_ups:
        return "已签" + "、".join(dict.fromkeys(follow_ups))
    if end is None:
        return UNKNOWN_END
    if end < today:
        return ENDED
    if (end - today).days <= within_days:
        return ENDING
    return RUNNING


def _row(
    catalog: Catalog, contract: Record, today: datetime.date, within_days: int
) -> list[Cell]:
    follow_ups = [
        record
        for kind in FOLLOW_UP_KINDS
        for record in catalog.referring(kind, "first_use_contract", contract.id)
    ]
    titles = [kind_name(catalog, record.kind) for record in follow_ups]
    period = contract.get("free_period", {})
    achievement = catalog.get(contract.get("achievement"))
    received = sum(received_fen(record, today) for record in follow_ups)
    return [
        contract.id,
        contract.get("number"),
        achievement.get("number") if achievement else None,
        achievement.get("title") if achievement else contract.get("achievement"),
        contract.get("licensee", {}).get("name"),
        contract.get("signed_on"),
        period.get("start"),
        period.get("end"),
        "、".join(f"{t} {r.id}" for t, r in zip(titles, follow_ups, strict=True))
        or None,
        fen_to_yuan(received),
        status_of(titles, parse_day(period.get("end")), today, within_days),
    ]
