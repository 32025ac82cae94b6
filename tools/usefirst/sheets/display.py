"""Show a record value in a spreadsheet cell, the way the import reads it back.

    to_cell(city_column, "440100")                 # "广州市"
    to_cell(clusters_column, ["new-energy"])       # "新能源"
    to_cell(amount_column, "123456.78")            # Decimal("123456.78")

Codes show as their Chinese names, booleans as 是/否, lists joined by "；",
amounts as exact decimals (a number in the workbook, text in a CSV file).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from usefirst.sheets.columns import (
    AMOUNT,
    BOOLEAN,
    CHOICE,
    CHOICES,
    LIST_SEPARATOR,
    NO,
    TEXTS,
    YES,
    Column,
)


def to_cell(column: Column, value: Any) -> Any:
    """Turn a record value into what its cell shows."""
    if value is None:
        return None
    codes = column.codes
    if column.cell == CHOICE:
        return codes.get(str(value), value)
    if column.cell == CHOICES and isinstance(value, list):
        return LIST_SEPARATOR.join(codes.get(str(item), str(item)) for item in value)
    if column.cell == TEXTS and isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if column.cell == BOOLEAN and isinstance(value, bool):
        return YES if value else NO
    if column.cell == AMOUNT and isinstance(value, int | str):
        try:
            return Decimal(value)
        except ArithmeticError:
            return value
    return value


def to_text_cell(column: Column, value: Any) -> str:
    """Turn a record value into the text of a CSV cell."""
    shown = to_cell(column, value)
    if shown is None:
        return ""
    return format(shown, "f") if isinstance(shown, Decimal) else str(shown)


def show(column: Column, value: Any, limit: int = 40) -> str:
    """Quote a value for a message, shortened to ``limit`` characters."""
    text = to_text_cell(column, value)
    if not text:
        return "（空）"
    text = text.replace("\n", " ")
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"
