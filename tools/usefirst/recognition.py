"""Recognition applications: eligibility under the notice.

    application = catalog.get("scut-ra-2026-001")
    assessment = assess(catalog, application, today=date(2026, 9, 1))
    assessment.eligible                  # True or False
    [finding.message for finding in assessment.findings]

The notice (粤科函区字〔2026〕581号, section 4) knows two modes:

- 先使用后付费 (``pay_later``): one or more pay-later contracts of the same
  achievement, 500,000 yuan or more actually received in total;
- 先使用后合作 (``cooperation``): one cooperation contract with a unit that is
  a first-time partner, 500,000 yuan or more actually received. The contract
  may concern another achievement of the same inventor, after a first use of
  the applied achievement.

Only payments count, up to the application date (today if none is given), not
the contract amount; sums are exact, in fen. ``judge_basis`` decides which
listed contracts support the application and what they received; the rules
NOTICE.recognition_* report its findings, so validation and the recognition
report never disagree. The other reasons are the errors validation reports in
the application's file, with their codes and messages: the achievement must
exist (REF.achievement), have been filed by its inventor, admitted and not
exited, the applicant must be one of its inventors and the application filed
under its unit (``rules.eligibility``), and a contract supports only the first
application that names it, in ``filing_order`` (UNIQUE.recognition_contract).
An achievement or contract that failed its own checks makes the application
ineligible too; validation reports the cause in that record's file only. A
cooperation contract is a first partnership only if it says so and the unit
signed no earlier cooperation contract with the same partner
(``rules.contracts.earlier_deal``; validation reports a wrong mark at the
contract, NOTICE.first_partnership). Each finding carries the rule code the
rules use for the same fact; a finding of ``judge_basis`` reads after the
Chinese name of the field it points at. The ranking of eligible applications is
``usefirst.reports.ranking``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, replace

from usefirst.catalog import Catalog, Record
from usefirst.dates import parse_day
from usefirst.kinds import (
    ACHIEVEMENT,
    COOPERATION,
    FIRST_USE,
    FOLLOW_UP_KINDS,
    PAY_LATER,
    RECOGNITION,
)
from usefirst.money import format_yuan, to_fen, yuan
from usefirst.problems import Problem

THRESHOLD_FEN = yuan(500_000)
MODE_KINDS = {"pay_later": PAY_LATER, "cooperation": COOPERATION}
CONTRACTS = "NOTICE.recognition_contracts"
AMOUNT = "NOTICE.recognition_amount"
FIRST_PARTNERSHIP = "NOTICE.recognition_first_partnership"
MISSING_CONTRACT = "REF.contract"
MISSING_ACHIEVEMENT = "REF.achievement"
# the validation rules whose errors in an application's file make it ineligible
ACHIEVEMENT_RULES = (
    "NOTICE.inventor_channel",
    "NOTICE.admitted",
    "NOTICE.exited",
    "NOTICE.filed_by_inventor",
    "NOTICE.achievement_unit",
)
REUSE_RULES = ("UNIQUE.recognition_contract",)
Path = tuple[str | int, ...]
_UNDATED = "9999-12-31"


@dataclass(frozen=True)
class Finding:
    """One reason an application is not eligible, at a field of the application."""

    code: str
    message: str
    path: Path = ()
    # validation reports a cause once, where it lies: not again at the application
    secondary: bool = False


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


def until_of(application: Record, today: datetime.date) -> datetime.date:
    """Return the day up to which payments count: the application date, else today."""
    return parse_day(application.get("submitted_on")) or today


def received_fen(contract: Record, until: datetime.date) -> int:
    """Sum the payments of a contract received on or before a day, in fen."""
    return sum(
        to_fen(payment["amount"])
        for payment in contract.get("payments", [])
        if (paid := parse_day(payment.get("date"))) is not None and paid <= until
    )


def _of_kind(catalog: Catalog, record_id: object, *kinds: str) -> Record | None:
    record = catalog.get(record_id) if isinstance(record_id, str) else None
    return record if record is not None and record.kind in kinds else None


def assess(catalog: Catalog, application: Record, today: datetime.date) -> Assessment:
    """Check one application against the notice and sum what its contracts received."""
    until = until_of(application, today)
    achievement = _of_kind(catalog, application.get("achievement"), ACHIEVEMENT)
    basis = judge_basis(catalog, application, until)
    findings = [
        *_achievement_findings(catalog, application, achievement, today),
        *basis.contract_findings,
        *_reuse_findings(catalog, application, today),
        *([basis.shortfall] if basis.shortfall else []),
    ]
    return Assessment(
        application, achievement, basis.contracts, basis.received_fen, findings
    )


def _achievement_findings(
    catalog: Catalog,
    application: Record,
    achievement: Record | None,
    today: datetime.date,
) -> list[Finding]:
    """Report what validation finds wrong with the achievement and the applicant."""
    if achievement is not None:
        return _validation_findings(catalog, application, today, ACHIEVEMENT_RULES)
    missing = (MISSING_ACHIEVEMENT,)
    found = _validation_findings(catalog, application, today, missing)
    # else the achievement is there but failed its own checks, reported in its file
    return found or [
        Finding(
            MISSING_ACHIEVEMENT,
            f"成果 {application.get('achievement')} 的记录有校验错误："
            "改正后才能判断本申请是否符合认定条件",
            ("achievement",),
            secondary=True,
        )
    ]


def _validation_findings(
    catalog: Catalog, application: Record, today: datetime.date, codes: tuple[str, ...]
) -> list[Finding]:
    """Return the errors these validation rules report in the application's file."""
    return [
        Finding(problem.rule, problem.message, problem.path)
        for code in codes
        for problem in _errors_by_file(catalog, code, today).get(application.file, [])
    ]


def _errors_by_file(
    catalog: Catalog, code: str, today: datetime.date
) -> dict[str, list[Problem]]:
    """Run one validation rule once per catalog and day; group its errors by file."""
    # the rules package imports this module, so the registry is read here
    from usefirst.rules import REGISTRY, Context

    def run() -> dict[str, list[Problem]]:
        by_file: dict[str, list[Problem]] = defaultdict(list)
        for problem in REGISTRY[code].check(catalog, Context(today=today)):
            if problem.is_error:
                by_file[problem.file].append(problem)
        return by_file

    return catalog.shared(("recognition", code, today), run)


@dataclass
class Basis:
    """The contracts an application lists, judged against its mode and achievement."""

    contracts: list[Record]
    received_fen: int
    contract_findings: list[Finding]
    shortfall: Finding | None

    @property
    def findings(self) -> list[Finding]:
        """Return every finding on the listed contracts, the shortfall last."""
        return [*self.contract_findings, *([self.shortfall] if self.shortfall else [])]


def judge_basis(catalog: Catalog, application: Record, until: datetime.date) -> Basis:
    """Judge the listed contracts and sum what the supporting ones received."""
    findings = _count_findings(application)
    supporting, counted, unresolved = [], [], False
    for index, contract_id in enumerate(application.get("contracts", [])):
        contract = catalog.get(contract_id) if isinstance(contract_id, str) else None
        reasons = (
            _contract_reasons(catalog, application, contract)
            if contract is not None
            else [_missing(catalog, contract_id)]
        )
        findings.extend(
            replace(r, message=f"{contract_id} {r.message}", path=("contracts", index))
            for r in reasons
        )
        codes = {reason.code for reason in reasons}
        unresolved = unresolved or MISSING_CONTRACT in codes
        if contract is not None and not codes & {MISSING_CONTRACT, CONTRACTS}:
            counted.append(contract)
        if contract is not None and not codes:
            supporting.append(contract)
    received = _total(supporting, until)
    # the cause is then a contract missing, of another kind or not a first partnership
    secondary = unresolved or _total(counted, until) >= THRESHOLD_FEN
    return Basis(supporting, received, findings, _shortfall(received, until, secondary))


def _total(contracts: list[Record], until: datetime.date) -> int:
    return sum(received_fen(contract, until) for contract in contracts)


def _count_findings(application: Record) -> list[Finding]:
    count = len(application.get("contracts", []))
    if application.get("mode") != "cooperation" or count == 1:
        return []
    return [
        Finding(
            CONTRACTS,
            f"选择了 {count} 项：先使用后合作模式只能选择一项后合作合同",
            ("contracts",),
        )
    ]


def _shortfall(received: int, until: datetime.date, secondary: bool) -> Finding | None:
    if received >= THRESHOLD_FEN:
        return None
    return Finding(
        AMOUNT,
        f"截至 {until} 实际到账合计 {format_yuan(received)} 元，不足 50 万元："
        "认定申请要求实际到账金额（以收款记录为准，不是合同金额）"
        "达到 500,000 元以上",
        ("contracts",),
        secondary=secondary,
    )


def _missing(catalog: Catalog, contract_id: object) -> Finding:
    """Say why a listed contract is not a valid record of the catalog."""
    if isinstance(contract_id, str) and contract_id in catalog.known_ids:
        # REF.contract is silent: validation reports the errors in the contract's file
        why = "的记录有校验错误：改正后才能判断它能否作为认定申请的依据"
        return Finding(MISSING_CONTRACT, why, secondary=True)
    return Finding(MISSING_CONTRACT, "不在成果库中")


def _contract_reasons(
    catalog: Catalog, application: Record, contract: Record
) -> list[Finding]:
    """Say why one listed contract cannot support the application."""
    # the rules package imports this module, so its lookups load here
    from usefirst.rules.lookup import kind_name

    if contract.kind not in FOLLOW_UP_KINDS:
        wanted = "或".join(kind_name(catalog, kind) for kind in FOLLOW_UP_KINDS)
        why = f"是{kind_name(catalog, contract.kind)}：应为{wanted}"
        return [Finding(MISSING_CONTRACT, why)]
    mode_kind = MODE_KINDS.get(application.get("mode"), "")
    if contract.kind != mode_kind:
        why = (
            f"是{kind_name(catalog, contract.kind)}：本申请的认定模式只能选择"
            f"{kind_name(catalog, mode_kind)}"
        )
        return [Finding(CONTRACTS, why)]
    return _fit_reasons(catalog, application, contract)


def _fit_reasons(
    catalog: Catalog, application: Record, contract: Record
) -> list[Finding]:
    """Say why a contract of the mode's kind does not fit the application."""
    reasons = []
    if application.get("achievement") not in _achievements(catalog, contract):
        why = (
            f"是成果 {contract.get('achievement')} 的合同，而本申请的成果是 "
            f"{application.get('achievement')}：只能选择本成果的合同"
        )
        reasons.append(Finding(CONTRACTS, why))
    if contract.kind == COOPERATION:
        reasons.extend(_partnership_reasons(catalog, contract))
    return reasons


def _partnership_reasons(catalog: Catalog, contract: Record) -> list[Finding]:
    """Say why a cooperation contract is not a first partnership, if it is not."""
    # the rules package imports this module, so its contract rules load here
    from usefirst.rules.contracts import deals_by_partner, earlier_deal

    only = "先使用后合作模式只能选择与某一单位首次合作的后合作合同"
    if contract.get("first_partnership") is not True:
        why = f"没有标为首次合作（first_partnership: true）：{only}"
        return [Finding(FIRST_PARTNERSHIP, why)]
    deals = catalog.shared("deals by partner", lambda: deals_by_partner(catalog))
    earlier = earlier_deal(catalog, contract, deals)
    if earlier is None:
        return []
    why = (
        f"标为首次合作，但本单位已于 {earlier.get('signed_on')} 与该企业签订"
        f"后合作合同 {earlier.id}，不是首次合作：{only}"
    )
    # NOTICE.first_partnership reports the cause, at the contract's wrong mark
    return [Finding(FIRST_PARTNERSHIP, why, secondary=True)]


def _achievements(catalog: Catalog, contract: Record) -> set[object]:
    """Return the achievements a contract may support an application on."""
    achievements = {contract.get("achievement")}
    if contract.kind == COOPERATION:
        # a cooperation contract may follow the first use of another achievement
        first_use = _of_kind(catalog, contract.get("first_use_contract"), FIRST_USE)
        achievements.add(first_use.get("achievement") if first_use else None)
    return achievements


def _reuse_findings(
    catalog: Catalog, application: Record, today: datetime.date
) -> list[Finding]:
    """Report listed contracts that an earlier application already rests on."""
    return _validation_findings(catalog, application, today, REUSE_RULES)


def filing_order(application: Record) -> tuple[int, str, str]:
    """Sort key of applications, earliest first: year, date submitted, file."""
    # an application without a date counts as filed after every dated one
    return (
        application.get("year"),
        application.get("submitted_on") or _UNDATED,
        application.file,
    )


def assess_year(catalog: Catalog, year: int, today: datetime.date) -> list[Assessment]:
    """Assess every application of a year, in file order."""
    applications = [a for a in catalog.of_kind(RECOGNITION) if a.get("year") == year]
    return [
        assess(catalog, application, today)
        for application in sorted(applications, key=lambda a: a.file)
    ]
