"""Recognition applications: eligibility under the notice, and ranking criteria.

    application = catalog.get("scut-ra-2026-001")
    assessment = assess(catalog, application, today=date(2026, 9, 1))
    assessment.eligible                  # True or False
    [finding.message for finding in assessment.findings]
    ranked = rank(catalog, 2026, today=date(2026, 9, 1))
    ranked[0].rank, ranked[0].criteria.received_fen

The notice (粤科函区字〔2026〕581号, section 4) knows two modes:

- 先使用后付费 (``pay_later``): one or more pay-later contracts of the same
  achievement, 500,000 yuan or more actually received in total;
- 先使用后合作 (``cooperation``): one cooperation contract with a unit that is
  a first-time partner, 500,000 yuan or more actually received. The contract
  may concern another achievement of the same inventor, after a first use of
  the applied achievement.

Only payments count, up to the application date (today if none is given), not
the contract amount; sums are exact, in fen. The achievement must have been
filed by its inventor, admitted (it has a number) and not exited; the applicant
must be one of its inventors and the application filed under its unit; a
contract supports only the first application that names it (by application
date, then id). Each finding carries the rule code the rules use for the same
fact.

Eligible applications are ranked within their mode by the notice's criteria, in
the notice's order, each larger value ranking higher: the amount received, the
unit's number of eligible applications that year, the applicant's number of
achievements in the catalog (at the same unit), the achievement's number of
first-use contracts, and its number of pay-later (or cooperation) contracts.
Equal criteria share a rank.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from usefirst.catalog import Catalog, Record
from usefirst.money import format_yuan, to_fen, yuan

THRESHOLD_FEN = yuan(500_000)
ACHIEVEMENT = "achievement"
FIRST_USE = "first_use_contract"
APPLICATION = "recognition_application"
MODE_KINDS = {"pay_later": "pay_later_contract", "cooperation": "cooperation_contract"}
INVENTOR_CHANNEL = "inventor"
Path = tuple[str | int, ...]
_AT: Path = ("achievement",)
_BATCH = "由单位或地市批量导入，仅用于公开展示，不能申请认定"


@dataclass(frozen=True)
class Finding:
    """One reason an application is not eligible, at a field of the application."""

    code: str
    message: str
    path: Path = ()


@dataclass
class Assessment:
    """An application, the contracts it rests on, the money received, the findings."""

    application: Record
    achievement: Record | None
    contracts: list[Record]
    received_fen: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        """Tell whether the notice's conditions are all met."""
        return not self.findings


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


def until_of(application: Record, today: datetime.date) -> datetime.date:
    """Return the day up to which payments count: the application date, else today."""
    submitted = application.get("submitted_on")
    return datetime.date.fromisoformat(submitted) if submitted else today


def received_fen(contract: Record, until: datetime.date) -> int:
    """Sum the payments of a contract received on or before a day, in fen."""
    return sum(
        to_fen(payment["amount"])
        for payment in contract.get("payments", [])
        if datetime.date.fromisoformat(payment["date"]) <= until
    )


def _of_kind(catalog: Catalog, record_id: object, kind: str) -> Record | None:
    record = catalog.get(record_id) if isinstance(record_id, str) else None
    return record if record is not None and record.kind == kind else None


def assess(catalog: Catalog, application: Record, today: datetime.date) -> Assessment:
    """Check one application against the notice and sum what its contracts received."""
    until = until_of(application, today)
    achievement = _of_kind(catalog, application.get("achievement"), ACHIEVEMENT)
    findings = list(_achievement_findings(application, achievement, until))
    contracts, contract_findings = _contracts(catalog, application)
    findings.extend(contract_findings)
    findings.extend(_reuse_findings(catalog, application))
    received = sum(received_fen(contract, until) for contract in contracts)
    if received < THRESHOLD_FEN:
        findings.append(
            Finding(
                "NOTICE.recognition_amount",
                f"截至 {until} 实际到账合计 {format_yuan(received)} 元，"
                "不足 50 万元（以收款记录为准，不是合同金额）",
                ("contracts",),
            )
        )
    return Assessment(application, achievement, contracts, received, findings)


def _achievement_findings(
    application: Record, achievement: Record | None, until: datetime.date
) -> list[Finding]:
    """Check the achievement and the applicant against the notice."""
    wanted = application.get("achievement")
    if achievement is None:
        return [Finding("REF.achievement", f"成果 {wanted} 不在成果库中", _AT)]
    checks = [
        (
            achievement.get("channel") != INVENTOR_CHANNEL,
            Finding("NOTICE.inventor_channel", f"成果 {wanted} {_BATCH}", _AT),
        ),
        (
            not achievement.get("number"),
            Finding(
                "NOTICE.admitted", f"成果 {wanted} 尚未审核入库（没有成果编号）", _AT
            ),
        ),
        (
            _exited_before(achievement, until),
            Finding("NOTICE.exited", f"成果 {wanted} 在申请之前已出库", _AT),
        ),
        (
            application.get("filed_by") not in _inventors(achievement),
            Finding(
                "NOTICE.filed_by_inventor",
                f"申请人 {application.get('filed_by')} 不是成果 {wanted} 的完成人",
                ("filed_by",),
            ),
        ),
        (
            application.get("unit") != achievement.get("unit"),
            Finding(
                "NOTICE.achievement_unit",
                f"申请的单位 {application.get('unit')} 不是成果单位 "
                f"{achievement.get('unit')}",
                ("unit",),
            ),
        ),
    ]
    return [finding for failed, finding in checks if failed]


def _exited_before(achievement: Record, until: datetime.date) -> bool:
    exit_info = achievement.get("exit") or {}
    exited = exit_info.get("date")
    return (
        achievement.get("status") == "exited" and bool(exited) and exited < str(until)
    )


def _inventors(achievement: Record) -> list[str]:
    return [person["name"] for person in achievement.get("inventors", [])]


def _contracts(
    catalog: Catalog, application: Record
) -> tuple[list[Record], list[Finding]]:
    """Return the contracts that support the application, and why others do not."""
    mode = application.get("mode")
    wanted_kind = MODE_KINDS.get(mode, "")
    listed = application.get("contracts", [])
    findings = []
    if mode == "cooperation" and len(listed) != 1:
        findings.append(
            Finding(
                "NOTICE.recognition_contracts",
                f"先使用后合作模式只能选择一项后合作合同，现有 {len(listed)} 项",
                ("contracts",),
            )
        )
    supporting = []
    for index, contract_id in enumerate(listed):
        contract = catalog.get(contract_id)
        why = _basis_problem(catalog, application, contract, wanted_kind)
        if why is None:
            supporting.append(contract)
        else:
            findings.append(
                Finding(why[0], f"合同 {contract_id} {why[1]}", ("contracts", index))
            )
    return supporting, findings


def _basis_problem(
    catalog: Catalog, application: Record, contract: Record | None, wanted_kind: str
) -> tuple[str, str] | None:
    if contract is None:
        return "REF.contract", "不在成果库中"
    if contract.kind != wanted_kind:
        return "NOTICE.recognition_contracts", "与认定模式不符：应为" + (
            "后付费合同" if wanted_kind == MODE_KINDS["pay_later"] else "后合作合同"
        )
    achievements = {contract.get("achievement")}
    if wanted_kind == MODE_KINDS["cooperation"]:
        first_use = _of_kind(catalog, contract.get("first_use_contract"), FIRST_USE)
        achievements.add(first_use.get("achievement") if first_use else None)
    if application.get("achievement") not in achievements:
        return (
            "NOTICE.recognition_contracts",
            f"是成果 {contract.get('achievement')} 的合同",
        )
    if (
        wanted_kind == MODE_KINDS["cooperation"]
        and contract.get("first_partnership") is not True
    ):
        return "NOTICE.recognition_first_partnership", "不是与该企业的首次合作"
    return None


def _reuse_findings(catalog: Catalog, application: Record) -> list[Finding]:
    """Report contracts an earlier application already rests on."""
    found = []
    for index, contract_id in enumerate(application.get("contracts", [])):
        earlier = [
            other.id
            for other in catalog.of_kind(APPLICATION)
            if contract_id in other.get("contracts", [])
            and _filed_order(other) < _filed_order(application)
        ]
        if earlier:
            found.append(
                Finding(
                    "UNIQUE.recognition_contract",
                    f"合同 {contract_id} 已用于认定申请 {'、'.join(sorted(earlier))}："
                    "一项合同只能用于一次申请",
                    ("contracts", index),
                )
            )
    return found


def _filed_order(application: Record) -> tuple[str, str]:
    # an application without a date counts as filed after every dated one
    return application.get("submitted_on") or "9999-12-31", application.id


def assess_year(catalog: Catalog, year: int, today: datetime.date) -> list[Assessment]:
    """Assess every application of a year, in file order."""
    applications = [a for a in catalog.of_kind(APPLICATION) if a.get("year") == year]
    return [
        assess(catalog, application, today)
        for application in sorted(applications, key=lambda a: a.file)
    ]


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
        _number(
            [
                r
                for r in ranked
                if r.assessment.eligible
                and r.assessment.application.get("mode") == mode
            ]
        )
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
    mode = entry.assessment.application.get("mode")
    modes = list(MODE_KINDS)
    return (
        entry.rank is None,
        modes.index(mode) if mode in modes else len(modes),
        entry.rank or 0,
        entry.assessment.application.id,
    )
