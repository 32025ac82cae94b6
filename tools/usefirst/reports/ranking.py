"""The recognition applications of a year: eligibility, ranking, reasons.

    report = recognition_report(catalog, 2027, today=date(2027, 9, 1))

One ranked table per mode (先使用后付费, 先使用后合作) with the notice's
criteria as columns, then the ineligible applications with every reason. The
eligibility and the criteria are those of ``usefirst.recognition``.
"""

from __future__ import annotations

import datetime

from usefirst.catalog import Catalog
from usefirst.recognition import MODE_KINDS, Ranked, rank
from usefirst.reports.model import Cell, Report, Table, yuan

MODE_TITLES = {"pay_later": "先使用后付费", "cooperation": "先使用后合作"}
FOLLOW_UP_TITLES = {"pay_later": "后付费合同数", "cooperation": "后合作合同数"}
CRITERIA_NOTE = (
    "排序依据（通知第四部分，依次比较，数值大者在前，全部相同者名次并列）："
    "项目实际到账金额、成果单位年度入围项目数量（本年度符合条件的申请数）、"
    "个人入库成果数量（申请人在本单位成果中列为完成人的成果数）、"
    "该成果的先使用合同数量、该成果的后付费（或后合作）合同数量。"
)


def recognition_report(catalog: Catalog, year: int, today: datetime.date) -> Report:
    """Rank a year's recognition applications and list the ineligible ones."""
    entries = rank(catalog, year, today)
    eligible = [entry for entry in entries if entry.rank is not None]
    report = Report(
        f"{year} 年度认定申请排序",
        notes=[
            f"共 {len(entries)} 项申请，符合条件 {len(eligible)} 项，"
            f"不符合 {len(entries) - len(eligible)} 项。",
            "实际到账金额只计收款记录，截至申请日期（未填申请日期的截至 "
            f"{today}），不计合同金额。",
            CRITERIA_NOTE,
        ],
    )
    for mode in MODE_KINDS:
        rows = [_ranked_row(catalog, e) for e in eligible if _mode(e) == mode]
        headers = [*RANKED_HEADERS, FOLLOW_UP_TITLES[mode], "依据合同"]
        report.tables.append(Table(f"{MODE_TITLES[mode]}：排序", headers, rows))
    rejected = [_rejected_row(catalog, e) for e in entries if e.rank is None]
    report.tables.append(Table("不符合条件的申请", REJECTED_HEADERS, rejected))
    return report


RANKED_HEADERS = [
    "名次",
    "认定申请",
    "成果编号",
    "成果名称",
    "成果单位",
    "申请人",
    "实际到账（元）",
    "单位年度入围项目数",
    "个人入库成果数",
    "先使用合同数",
]
REJECTED_HEADERS = [
    "认定申请",
    "认定模式",
    "成果",
    "成果单位",
    "申请人",
    "实际到账（元）",
    "不符合条件的原因",
]


def _mode(entry: Ranked) -> str:
    return entry.assessment.application.get("mode")


def _unit_name(catalog: Catalog, unit: str) -> str:
    record = catalog.units().get(unit)
    return record.get("name", unit) if record else unit


def _ranked_row(catalog: Catalog, entry: Ranked) -> list[Cell]:
    application, achievement = (
        entry.assessment.application,
        entry.assessment.achievement,
    )
    criteria = entry.criteria
    return [
        entry.rank,
        application.id,
        achievement.get("number") if achievement else None,
        achievement.get("title") if achievement else application.get("achievement"),
        _unit_name(catalog, application.get("unit")),
        application.get("filed_by"),
        yuan(criteria.received_fen),
        criteria.unit_shortlisted,
        criteria.inventor_achievements,
        criteria.first_use_contracts,
        criteria.follow_up_contracts,
        "、".join(application.get("contracts", [])),
    ]


def _rejected_row(catalog: Catalog, entry: Ranked) -> list[Cell]:
    application = entry.assessment.application
    reasons = "；".join(finding.message for finding in entry.assessment.findings)
    return [
        application.id,
        MODE_TITLES.get(_mode(entry), _mode(entry)),
        application.get("achievement"),
        _unit_name(catalog, application.get("unit")),
        application.get("filed_by"),
        yuan(entry.criteria.received_fen),
        reasons,
    ]
