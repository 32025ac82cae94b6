"""Keep text out of spreadsheet formulas, in CSV files and in workbooks.

    safe_cell("=HYPERLINK(\\"http://x\\")")   # "'=HYPERLINK(\\"http://x\\")"
    unguard("'=HYPERLINK(\\"http://x\\")")    # "=HYPERLINK(\\"http://x\\")"
    append_row(sheet, ["=1+1", 3])          # the text "=1+1", never a formula

A spreadsheet runs a cell that starts with =, +, -, @, a tab or a carriage
return as a formula, so a record value could run code on the reader's computer.
A CSV file has no cell types: such a value is written after an apostrophe,
which spreadsheets show as text, and ``unguard`` removes it on import. A value
that already starts with apostrophes before such a character gets one more, so
that every value reads back as it was. A workbook keeps the value itself, typed
as text and marked as quoted, so that it stays text even when edited.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
TEXT_TYPE = "s"
T = TypeVar("T")


def runs_as_formula(text: str) -> bool:
    """Tell whether a spreadsheet would run this text, or need it guarded."""
    return text.lstrip(QUOTE).startswith(FORMULA_START)


def safe_cell(value: T) -> T | str:
    """Return a CSV cell's value, text that would run as a formula quoted."""
    if isinstance(value, str) and runs_as_formula(value):
        return QUOTE + value
    return value


def unguard(text: str) -> str:
    """Undo ``safe_cell`` on the text of a CSV cell."""
    if text.startswith(QUOTE) and runs_as_formula(text[1:]):
        return text[1:]
    return text


def set_value(cell: Cell, value: Any) -> Cell:
    """Put a value in a workbook cell; text is always text, never a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = TEXT_TYPE
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True
    return cell


def append_row(sheet: Worksheet, values: Iterable[Any]) -> list[Cell]:
    """Add a row below the last one, as ``Worksheet.append`` does; return its cells."""
    values = list(values)
    sheet.append(values)
    row = sheet.max_row
    return [
        set_value(sheet.cell(row=row, column=column), value)
        for column, value in enumerate(values, start=1)
    ]
