"""A report: a title, notes, and tables of text, counts and amounts.

    Report("2027 年认定申请排序", notes=["按实际到账金额排序"],
           tables=[Table("先使用后付费", ["名次", "申请"], [[1, "scut-rd-2027-001"]])])

Cells are text, integers, or amounts in yuan as ``Decimal`` (from fen with
``usefirst.money.fen_to_yuan``); each writer shows them its own way (Markdown
with thousands separators, Excel as numbers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

Cell = str | int | Decimal | None
NOT_PUBLIC = "内部资料，不公开"


@dataclass
class Table:
    """A titled table: headers and rows of cells."""

    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)


@dataclass
class Report:
    """A titled report with notes and tables."""

    title: str
    notes: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
