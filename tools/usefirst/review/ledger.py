"""REVIEW.ledger: the ledger of issued numbers only grows.

    catalog/numbers.yaml
      issued:
        XYHZ-CG-2026-000001: "scut-2026-001"   # never removed, never changed

``usefirst number`` enters every number it issues into the ledger on merge, so
that the number of a deleted record is never issued again. A pull request that
empties or deletes the ledger, or removes or changes an entry, would let a
number be issued twice: that is an error even for a reviewer, whose other
corrections are only shown as warnings.
"""

from __future__ import annotations

from typing import Any

from usefirst.numbering import LEDGER_FILE
from usefirst.problems import Problem
from usefirst.review.context import CATALOG, ReviewContext

LEDGER = f"{CATALOG}/{LEDGER_FILE}"
SHOWN = 3  # numbers named in the message


def ledger_problems(context: ReviewContext) -> list[Problem]:
    """Report entries of the ledger that the change removes or alters."""
    if not any(change.path == LEDGER for change in context.changes):
        return []
    before = _issued(context.origin.data(LEDGER))
    after = _issued(context.head.data(LEDGER))
    lost = sorted(
        number for number, owner in before.items() if after.get(number) != owner
    )
    if not lost:
        return []
    named = "、".join(lost[:SHOWN])
    if len(lost) > SHOWN:
        named += f" 等 {len(lost)} 个"
    document = context.head.document(LEDGER)
    line = document.line_of(("issued",)) if document is not None else 1
    return [
        Problem(
            LEDGER,
            line,
            "REVIEW.ledger",
            f"编号台账只增不减：本次改动去掉或改动了已分配的编号 {named}："
            f"请恢复 {LEDGER}；台账由 usefirst number 在合并后维护，不要手工修改",
        )
    ]


def _issued(data: dict[str, Any]) -> dict[str, Any]:
    issued = data.get("issued")
    return issued if isinstance(issued, dict) else {}
