"""The recognition applications of a year: eligibility, ranking, reasons.

    ranked = rank(catalog, 2027, today=date(2027, 9, 1))
    ranked[0].rank, ranked[0].criteria.received_fen
    report = recognition_report(catalog, 2027, today=date(2027, 9, 1), problems)

Eligible applications are ranked within their mode by the notice's criteria, in
the notice's order, each larger value ranking higher: the amount received, the
unit's number of eligible applications that year, the applicant's number of
achievements in the catalog (at the same unit), the achievement's number of
first-use contracts, and its number of pay-later (or cooperation) contracts.
Equal criteria share a rank. Eligibility is ``usefirst.recognition``'s.

The report has one ranked table per mode (先使用后付费, 先使用后合作) with the
criteria as columns, then the ineligible applications with every reason. An
application whose own record, achievement or listed contracts have errors in
validation (``problems``) is marked, so that nobody relies on its rank unchecked.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from usefirst.catalog import Catalog
from usefirst.kinds import ACHIEVEMENT, FIRST_USE, RECOGNITION
from usefirst.money import fen_to_yuan
from usefirst.problems import Problem
from usefirst.recognition import MODE_KINDS, Assessment, assess_year
from usefirst.reports.model import Cell, Report, Table
from usefirst.rules.lookup import kind_name

CRITERIA_NOTE = (
    "排序依据（通知第四部分，依次比较，数值大者在前，全部相同者名次并列）："
    "项目实际到账金额、成果单位年度入围项目数量（本年度符合条件的申请数）、"
    "个人入库成果数量（申请人在本单位成果中列为完成人的成果数）、"
    "该成果的先使用合同数量、该成果的后付费（或后合作）合同数量。"
)
CHECK_NOTE = (
    "“校验错误”列出申请、成果或依据合同中有校验错误的记录："
    "运行 usefirst validate --today {today} 查看并改正后，再以本表为准。"
)
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
CHECK_HEADER = "校验错误"


@dataclass(frozen=True)
class Criteria:
    """The notice's ranking criteria of one application."""

    received_fen: int
    unit_shortlisted: int
    inventor_achievements: int
    first_use_contracts: int
    follow_up_contracts: int

    def order(self) -> tuple[int, ...]:
        """Sort key: larger values first, in the notice's order."""
        return (
            -self.received_fen,
            -self.unit_shortlisted,
            -self.inventor_achievements,
            -self.first_use_contracts,
            -self.follow_up_contracts,
        )


@dataclass
class Ranked:
    """An assessed application with its criteria and its rank (None if ineligible)."""

    assessment: Assessment
    criteria: Criteria
    rank: int | None


def criteria_of(
    catalog: Catalog, assessment: Assessment, shortlisted: Counter[str]
) -> Criteria:
    """Count the notice's criteria for one application."""
    application = assessment.application
    achievement_id = application.get("achievement")
    person, unit = application.get("filed_by"), application.get("unit")
    follow_kind = MODE_KINDS.get(application.get("mode"), "")
    return Criteria(
        received_fen=assessment.received_fen,
        unit_shortlisted=shortlisted[unit],
        inventor_achievements=sum(
            1
            for achievement in catalog.of_kind(ACHIEVEMENT)
            if achievement.get("unit") == unit
            and person in [p["name"] for p in achievement.get("inventors", [])]
        ),
        first_use_contracts=len(
            list(catalog.referring(FIRST_USE, "achievement", achievement_id))
        ),
        follow_up_contracts=len(
            list(catalog.referring(follow_kind, "achievement", achievement_id))
        ),
    )


def rank(catalog: Catalog, year: int, today: datetime.date) -> list[Ranked]:
    """Assess and rank a year's applications: each mode ranked, ineligible last."""
    assessments = assess_year(catalog, year, today)
    shortlisted = Counter(a.application.get("unit") for a in assessments if a.eligible)
    ranked = [
        Ranked(a, criteria_of(catalog, a, shortlisted), None) for a in assessments
    ]
    for mode in MODE_KINDS:
        _number([r for r in ranked if r.assessment.eligible and _mode(r) == mode])
    return sorted(ranked, key=_place)


def _number(entries: list[Ranked]) -> None:
    """Give competition ranks (1, 2, 2, 4) by the criteria."""
    entries.sort(
        key=lambda entry: (entry.criteria.order(), entry.assessment.application.id)
    )
    for position, entry in enumerate(entries, start=1):
        previous = entries[position - 2] if position > 1 else None
        same = (
            previous is not None and previous.criteria.order() == entry.criteria.order()
        )
        entry.rank = previous.rank if same and previous else position


def _place(entry: Ranked) -> tuple:
    mode = _mode(entry)
    modes = list(MODE_KINDS)
    return (
        entry.rank is None,
        modes.index(mode) if mode in modes else len(modes),
        entry.rank or 0,
        entry.assessment.application.id,
    )


def _mode(entry: Ranked) -> str:
    return entry.assessment.application.get("mode")


def recognition_report(
    catalog: Catalog,
    year: int,
    today: datetime.date,
    problems: Sequence[Problem] = (),
) -> Report:
    """Rank a year's recognition applications and list the ineligible ones."""
    entries = rank(catalog, year, today)
    eligible = [entry for entry in entries if entry.rank is not None]
    rows = _Rows(catalog, problems)
    report = Report(
        f"{year} 年度认定申请排序",
        notes=[
            f"共 {len(entries)} 项申请，符合条件 {len(eligible)} 项，"
            f"不符合 {len(entries) - len(eligible)} 项。",
            "实际到账金额只计收款记录，截至申请日期（未填申请日期的截至 "
            f"{today}），不计合同金额。",
            CRITERIA_NOTE,
            CHECK_NOTE.format(today=today.isoformat()),
        ],
    )
    for mode, title in rows.modes.items():
        table_rows = [rows.ranked(e) for e in eligible if _mode(e) == mode]
        follow_up = f"{kind_name(catalog, MODE_KINDS[mode])}数"
        headers = [*RANKED_HEADERS, follow_up, "依据合同", CHECK_HEADER]
        report.tables.append(Table(f"{title}：排序", headers, table_rows))
    rejected = [rows.rejected(e) for e in entries if e.rank is None]
    headers = [*REJECTED_HEADERS, CHECK_HEADER]
    report.tables.append(Table("不符合条件的申请", headers, rejected))
    return report


class _Rows:
    """Make the report's rows, with names read from the schemas."""

    def __init__(self, catalog: Catalog, problems: Sequence[Problem]) -> None:
        self.catalog = catalog
        schemas = catalog.repository.schemas
        labels = schemas.labels(schemas.field_schema(RECOGNITION, ("mode",)))
        self.modes = {code: labels.get(code, code) for code in MODE_KINDS}
        # a record's id is its file name: a file that failed to load still names it
        self.erroneous = {
            PurePosixPath(problem.file).stem for problem in problems if problem.is_error
        }

    def unit_name(self, unit: str) -> str:
        """Name a unit by its record, else by its id."""
        record = self.catalog.units().get(unit)
        return record.get("name", unit) if record else unit

    def check(self, entry: Ranked) -> str | None:
        """List the application's records that have errors in validation."""
        application = entry.assessment.application
        ids = [
            application.id,
            application.get("achievement"),
            *application.get("contracts", []),
        ]
        wrong = [i for i in dict.fromkeys(ids) if i in self.erroneous]
        return "、".join(wrong) or None

    def ranked(self, entry: Ranked) -> list[Cell]:
        """Make the row of an eligible application."""
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
            self.unit_name(application.get("unit")),
            application.get("filed_by"),
            fen_to_yuan(criteria.received_fen),
            criteria.unit_shortlisted,
            criteria.inventor_achievements,
            criteria.first_use_contracts,
            criteria.follow_up_contracts,
            "、".join(application.get("contracts", [])),
            self.check(entry),
        ]

    def rejected(self, entry: Ranked) -> list[Cell]:
        """Make the row of an ineligible application, with every reason."""
        application = entry.assessment.application
        reasons = "；".join(finding.message for finding in entry.assessment.findings)
        return [
            application.id,
            self.modes.get(_mode(entry), _mode(entry)),
            application.get("achievement"),
            self.unit_name(application.get("unit")),
            application.get("filed_by"),
            fen_to_yuan(entry.criteria.received_fen),
            reasons,
            self.check(entry),
        ]
