"""MONEY.*: contract amounts and payments are positive and add up.

    amount: 600000
    payments:
      - {date: "2026-10-20", amount: "300000.50", receipt: ...}
      - {date: "2026-11-20", amount: 0, receipt: ...}      # MONEY.positive

Amounts are summed in integer fen (``usefirst.money``), never as floats.
"""

from __future__ import annotations

from collections.abc import Iterator

from usefirst.catalog import Catalog, Record
from usefirst.kinds import FOLLOW_UP_KINDS
from usefirst.money import format_yuan, to_fen
from usefirst.problems import Problem, Severity
from usefirst.rules.base import Context, rule
from usefirst.rules.lookup import Path, field_name, value_at


def amount_fields(contract: Record) -> Iterator[Path]:
    """Yield the path of a contract's amount and of every payment's amount."""
    yield ("amount",)
    for index, _ in enumerate(contract.get("payments", [])):
        yield ("payments", index, "amount")


def _follow_ups(catalog: Catalog) -> Iterator[Record]:
    for kind in FOLLOW_UP_KINDS:
        yield from catalog.of_kind(kind)


@rule("MONEY.positive", "合同金额和到账金额大于零", per_record=True)
def amounts_positive(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report a zero contract amount or a zero payment."""
    for contract in _follow_ups(catalog):
        for path in amount_fields(contract):
            if to_fen(value_at(contract, path)) > 0:
                continue
            yield contract.problem(
                path,
                "MONEY.positive",
                f"“{field_name(catalog, contract, path)}”为 0：金额应大于 0"
                "（单位为元）；没有到账的款项不要填写收款记录",
            )


def _amount_name(catalog: Catalog, contract: Record) -> str:
    return field_name(catalog, contract, ("amount",))


@rule("MONEY.payments_exceed_amount", "到账合计不超过合同金额（警告）", per_record=True)
def payments_within_amount(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Warn when the payments received add up to more than the contract amount."""
    for contract in _follow_ups(catalog):
        amount = to_fen(contract.get("amount"))
        received = sum(to_fen(p["amount"]) for p in contract.get("payments", []))
        if received <= amount:
            continue
        yield contract.problem(
            ("payments",),
            "MONEY.payments_exceed_amount",
            f"“{field_name(catalog, contract, ('payments',))}”合计 "
            f"{format_yuan(received)} 元，超过“{_amount_name(catalog, contract)}”"
            f"{format_yuan(amount)} 元：请核对各笔到账金额，或更新合同金额"
            "（如有补充协议）",
            Severity.WARNING,
        )
