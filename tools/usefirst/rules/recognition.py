"""NOTICE.recognition_*: what a recognition application must rest on.

    mode: pay_later               # one or more pay-later contracts of this achievement
    achievement: scut-2026-001
    contracts: [scut-pl-001, scut-pl-002]   # 500,000 yuan or more received in total

    mode: cooperation             # exactly one cooperation contract, first partnership
    contracts: [scut-co-001]               # 500,000 yuan or more received

Only money actually received counts: the payments with their receipts, up to
the day the application is submitted, not the contract amount.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from usefirst.catalog import Catalog, Record
from usefirst.money import format_yuan, to_fen, yuan
from usefirst.problems import Problem
from usefirst.rules.base import Context, rule
from usefirst.rules.lookup import (
    COOPERATION,
    FOLLOW_UP_KINDS,
    PAY_LATER,
    RECOGNITION,
    dealt_on,
    field_name,
    first_use_of,
    kind_name,
    target,
)

THRESHOLD_FEN = yuan(500_000)
MODE_KINDS = {"pay_later": PAY_LATER, "cooperation": COOPERATION}


def listed(catalog: Catalog, application: Record) -> list[tuple[int, Record | None]]:
    """Return each listed contract (None if missing or not a follow-up contract)."""
    return [
        (index, target(catalog, contract_id, FOLLOW_UP_KINDS))
        for index, contract_id in enumerate(application.get("contracts", []))
    ]


def basis_problem(
    catalog: Catalog, application: Record, contract: Record
) -> str | None:
    """Say why one listed contract cannot support the application, if it cannot."""
    wanted = MODE_KINDS[application.get("mode")]
    if contract.kind != wanted:
        return (
            f"是{kind_name(catalog, contract.kind)}：本申请的认定模式只能选择"
            f"{kind_name(catalog, wanted)}"
        )
    achievements = {contract.get("achievement")}
    if contract.kind == COOPERATION:
        # a cooperation contract may follow the first use of another achievement
        first_use = first_use_of(catalog, contract)
        achievements.add(first_use.get("achievement") if first_use else None)
    if application.get("achievement") in achievements:
        return None
    return (
        f"是成果 {contract.get('achievement')} 的合同，而本申请的成果是 "
        f"{application.get('achievement')}：只能选择本成果的合同"
    )


def _count_problem(catalog: Catalog, application: Record) -> Problem | None:
    count = len(application.get("contracts", []))
    if application.get("mode") != "cooperation" or count == 1:
        return None
    return application.problem(
        ("contracts",),
        "NOTICE.recognition_contracts",
        f"“{field_name(catalog, application, ('contracts',))}”有 {count} 项："
        "先使用后合作模式只能选择一项后合作合同",
    )


@rule("NOTICE.recognition_contracts", "认定申请的依据合同与认定模式和成果相符")
def recognition_contracts(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report listed contracts of the wrong kind, achievement or number."""
    for application in catalog.of_kind(RECOGNITION):
        count = _count_problem(catalog, application)
        if count is not None:
            yield count
        for index, contract in listed(catalog, application):
            why = contract and basis_problem(catalog, application, contract)
            if why:
                path = ("contracts", index)
                name = field_name(catalog, application, path)
                yield application.problem(
                    path,
                    "NOTICE.recognition_contracts",
                    f"“{name}”{contract.id} {why}",
                )


def received_fen(contract: Record, until: datetime.date) -> int:
    """Sum the payments of a contract received on or before a day, in fen."""
    return sum(
        to_fen(payment["amount"])
        for payment in contract.get("payments", [])
        if datetime.date.fromisoformat(payment["date"]) <= until
    )


@rule("NOTICE.recognition_amount", "认定申请的依据合同实际到账合计不少于 50 万元")
def recognition_amount(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report applications whose contracts received less than 500,000 yuan."""
    for application in catalog.of_kind(RECOGNITION):
        contracts = [contract for _, contract in listed(catalog, application)]
        if None in contracts:
            continue  # a missing contract is reported by REF.contract
        until = dealt_on(application, context.today)
        total = sum(
            received_fen(contract, until)
            for contract in contracts
            if basis_problem(catalog, application, contract) is None
        )
        if total >= THRESHOLD_FEN:
            continue
        yield application.problem(
            ("contracts",),
            "NOTICE.recognition_amount",
            f"“{field_name(catalog, application, ('contracts',))}”截至 {until} "
            f"实际到账合计 {format_yuan(total)} 元，不足 50 万元："
            "认定申请要求实际到账金额（以收款记录为准，不是合同金额）"
            "达到 500,000 元以上",
        )


@rule("NOTICE.recognition_first_partnership", "先使用后合作模式的合同是首次合作")
def recognition_first_partnership(
    catalog: Catalog, context: Context
) -> Iterator[Problem]:
    """Report a cooperation-mode application on a contract not a first partnership."""
    for application in catalog.of_kind(RECOGNITION):
        if application.get("mode") != "cooperation":
            continue
        for index, contract in listed(catalog, application):
            if contract is None or contract.kind != COOPERATION:
                continue
            if contract.get("first_partnership") is True:
                continue
            path = ("contracts", index)
            yield application.problem(
                path,
                "NOTICE.recognition_first_partnership",
                f"“{field_name(catalog, application, path)}”{contract.id} 没有标为"
                "首次合作（first_partnership: true）：先使用后合作模式只能选择"
                "与某一单位首次合作的后合作合同",
            )
