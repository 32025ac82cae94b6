"""Read the sheets of an .xlsx workbook or a .csv file as rows of cells.

    tables, problems = read_tables(Path("成果.xlsx"), "成果.xlsx")
    table = tables[0]
    table.sheet, table.headers[:2]        # "科技成果", ["记录标识", "成果编号"]
    table.rows[0].number, table.rows[0].cells["成果名称"]

The first row with two or more filled cells holds the headers (a title row
above them is passed over); every later row that is not empty is a row of
cells, numbered as the spreadsheet numbers it. Hidden sheets (the
template's code lists) and the template's explanation sheet are not data. A CSV
file may be UTF-8 (with or without BOM) or GB18030, as Excel on Chinese Windows
saves it; its one sheet is named after the file, and the apostrophe an export
puts before text a spreadsheet would run as a formula is taken off again.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl

from usefirst.problems import Problem
from usefirst.sheets.cells import is_blank
from usefirst.sheets.formulas import unguard
from usefirst.sheets.progress import ProgressFactory, no_progress

EXPLANATION_SHEET = "填写说明"
CODES_SHEET = "代码表"
SKIPPED_SHEETS = (EXPLANATION_SHEET, CODES_SHEET)


@dataclass
class SheetRow:
    """One row of a sheet: its number and its non-empty cells by header."""

    number: int
    cells: dict[str, Any]


@dataclass
class Table:
    """One sheet: its name, its headers in order, and its rows."""

    sheet: str
    headers: list[str]
    rows: list[SheetRow] = field(default_factory=list)
    header_row: int = 1


def read_tables(
    path: Path, file: str, progress: ProgressFactory = no_progress
) -> tuple[list[Table], list[Problem]]:
    """Read every data sheet of a workbook, or the one sheet of a CSV file."""
    if path.suffix.lower() == ".csv":
        return _read_csv(path, file)
    if path.suffix.lower() == ".xlsx":
        return _read_workbook(path, file, progress)
    return [], [Problem(file, 1, "IMPORT.file", "只能导入 .xlsx 工作簿或 .csv 文件")]


def _read_workbook(
    path: Path, file: str, progress: ProgressFactory
) -> tuple[list[Table], list[Problem]]:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        message = f"无法读取工作簿（{error}）：请用 Excel 或 WPS 另存为 .xlsx 后再导入"
        return [], [Problem(file, 1, "IMPORT.file", message)]
    tables = []
    try:
        for sheet in workbook.worksheets:
            if sheet.sheet_state != "visible" or sheet.title in SKIPPED_SHEETS:
                continue
            with progress(f"读取“{sheet.title}”", sheet.max_row or 0) as bar:
                rows = sheet.iter_rows(values_only=True)
                tables.append(_table(sheet.title, rows, bar.advance))
    finally:
        workbook.close()
    return [table for table in tables if table.headers], []


def _read_csv(path: Path, file: str) -> tuple[list[Table], list[Problem]]:
    raw = path.read_bytes()
    text = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        message = (
            "CSV 文件既不是 UTF-8 也不是 GB18030 编码：请在 Excel 中另存为“CSV UTF-8”"
        )
        return [], [Problem(file, 1, "IMPORT.encoding", message)]
    rows = csv.reader(io.StringIO(text, newline=""))
    cells = ([unguard(cell) for cell in row] for row in rows)
    return [_table(path.name, cells)], []


def _table(sheet: str, rows: Any, advance: Callable[[], None] = lambda: None) -> Table:
    headers: list[str] = []
    table = Table(sheet, headers)
    for number, values in enumerate(rows, start=1):
        advance()
        if not headers:
            # a title above the headers fills one (merged) cell only
            if sum(1 for value in values if not is_blank(value)) >= 2:
                headers.extend("" if is_blank(v) else str(v).strip() for v in values)
                table.header_row = number
            continue
        cells = {
            headers[index]: value
            for index, value in enumerate(values)
            if index < len(headers) and headers[index] and not is_blank(value)
        }
        if cells:
            table.rows.append(SheetRow(number, cells))
    return table
