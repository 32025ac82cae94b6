"""Write a report as an Excel workbook: a sheet of notes, then a sheet per table.

    write_xlsx(report, Path("2027年度汇总.xlsx"))

Amounts stay exact decimals in the file and show with thousands separators;
text from records is written as text, never run as a formula.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from usefirst.reports.model import NOT_PUBLIC, Report, Table
from usefirst.sheets.formulas import append_row

AMOUNT_FORMAT = "#,##0.00"
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def write_xlsx(report: Report, path: Path) -> None:
    """Write a report to an .xlsx file."""
    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "说明"
    for line in (report.title, NOT_PUBLIC, "", *report.notes):
        append_row(notes, [line])
    notes["A1"].font = Font(bold=True, size=14)
    notes.column_dimensions["A"].width = 100
    used: set[str] = {notes.title}
    for table in report.tables:
        _write_table(workbook.create_sheet(_sheet_name(table.title, used)), table)
    workbook.save(path)


def _sheet_name(title: str, used: set[str]) -> str:
    base = _FORBIDDEN.sub("", title)[:28] or "表"
    name, number = base, 2
    while name in used:
        name, number = f"{base}{number}", number + 1
    used.add(name)
    return name


def _write_table(sheet: Worksheet, table: Table) -> None:
    for cell in append_row(sheet, table.headers):
        cell.font = Font(bold=True)
    for row in table.rows:
        for cell in append_row(sheet, row):
            if isinstance(cell.value, Decimal):
                cell.number_format = AMOUNT_FORMAT
    for index, header in enumerate(table.headers, start=1):
        width = max(10, min(50, 2 * len(header) + 4))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
