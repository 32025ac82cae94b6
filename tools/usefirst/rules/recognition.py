"""NOTICE.recognition_*: what a recognition application must rest on.

    mode: pay_later               # one or more pay-later contracts of this achievement
    achievement: scut-2026-001
    contracts: [scut-pl-001, scut-pl-002]   # 500,000 yuan or more received in total

    mode: cooperation             # exactly one cooperation contract, first partnership
    contracts: [scut-co-001]               # 500,000 yuan or more received

The judgement is ``usefirst.recognition.judge_basis``, the one the recognition
report uses; these rules report its findings at the application's fields. Only
money actually received counts, up to the day the application is submitted.
"""

from __future__ import annotations

from collections.abc import Iterator

from usefirst.catalog import Catalog
from usefirst.kinds import RECOGNITION
from usefirst.problems import Problem
from usefirst.recognition import (
    AMOUNT,
    CONTRACTS,
    FIRST_PARTNERSHIP,
    judge_basis,
    until_of,
)
from usefirst.rules.base import Context, rule
from usefirst.rules.lookup import field_name


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
