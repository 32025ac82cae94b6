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
import logging
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from usefirst.problems import Problem, Severity
from usefirst.sheets.cells import is_blank
from usefirst.sheets.formulas import unguard
from usefirst.sheets.progress import ProgressFactory, no_progress
from usefirst.sheets.sheetxml import SheetMarks, sheet_marks

EXPLANATION_SHEET = "填写说明"
CODES_SHEET = "代码表"
SKIPPED_SHEETS = (EXPLANATION_SHEET, CODES_SHEET)

log = logging.getLogger(__name__)

# what reading a workbook raises when the file is not one, or is broken inside
# (XML parse errors are SyntaxErrors)
_WORKBOOK_ERRORS = (
    zipfile.BadZipFile,
    InvalidFileException,
    OSError,
    KeyError,
    ValueError,
    SyntaxError,
    EOFError,
    zlib.error,
)
_SAVE_AS_XLSX = "请用 Excel 或 WPS 打开，另存为“Excel 工作簿（*.xlsx）”后再导入"


Note = tuple[str, str, str, Severity]  # header, rule, message, severity


@dataclass
class SheetRow:
    """One row of a sheet: its number, its non-empty cells by header, and notes.

    A note is a problem of a cell that its value does not show (a merged cell,
    a formula), for the import to report at the row.
    """

    number: int
    cells: dict[str, Any]
    notes: list[Note] = field(default_factory=list)


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
        tables, problems = _read_csv(path, file)
    elif path.suffix.lower() == ".xlsx":
        tables, problems = _read_workbook(path, file, progress)
    else:
        message = "只能导入 .xlsx 工作簿或 .csv 文件"
        return [], [Problem(file, 1, "IMPORT.file", message)]
    return tables, [*problems, *(p for t in tables for p in _note_rows(t, file))]


# what a note below a table opens with: 注, 备注, 说明, 填表说明, 填报说明
_NOTE = re.compile(r"^(?:注|备注|说明|填表|填报)")


def _note_rows(table: Table, file: str) -> list[Problem]:
    """Take notes written below the table out of its rows, with a warning."""
    problems = []
    while table.rows and _is_note(table.rows[-1]):
        row = table.rows.pop()
        (text,) = row.cells.values()
        message = (
            f"工作表“{table.sheet}”第 {row.number} 行只有一段说明“{text}”，"
            "看来是表格下方的备注，未导入"
        )
        problems.append(
            Problem(
                file, row.number, "IMPORT.note_row", message, severity=Severity.WARNING
            )
        )
    return problems


def _is_note(row: SheetRow) -> bool:
    values = list(row.cells.values())
    return (
        len(values) == 1
        and isinstance(values[0], str)
        and bool(_NOTE.match(values[0].strip()))
    )


def _read_workbook(
    path: Path, file: str, progress: ProgressFactory
) -> tuple[list[Table], list[Problem]]:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except _WORKBOOK_ERRORS as error:
        return [], _unreadable(file, error)
    try:
        tables = _read_sheets(workbook, progress)
        marks = sheet_marks(path)
    except _WORKBOOK_ERRORS as error:
        return [], _unreadable(file, error)
    finally:
        workbook.close()
    for table in tables:
        if table.sheet in marks:
            _note_marks(table, marks[table.sheet])
    return [table for table in tables if table.headers], []


def _note_marks(table: Table, marks: SheetMarks) -> None:
    """Fill merged cells down a column, and note merges and formulas at their rows."""
    rows = {row.number: row for row in table.rows}
    for first_row, first_column, last_row, last_column in marks.merged:
        header = _header_at(table, first_column)
        top = rows.get(first_row)
        if last_row <= table.header_row or header is None or top is None:
            continue  # a title or header merged across, or no data there
        if last_column != first_column:
            message = "与右侧的单元格合并了：请取消合并，每个单元格只填一项"
            top.notes.append((header, "IMPORT.merged", message, Severity.ERROR))
        elif header in top.cells:
            _fill_down(rows, header, top, last_row)
    counted: set[str] = set()
    for (number, column), computed in sorted(marks.formulas.items()):
        header, row = _header_at(table, column), rows.get(number)
        if header is None or row is None or (computed and header in counted):
            continue
        if computed:
            counted.add(header)
            message = (
                "是公式（本列以下的公式同样处理）：按 Excel 保存时算出的值导入，请核对"
            )
            row.notes.append((header, "IMPORT.formula", message, Severity.WARNING))
        else:
            message = (
                "是公式，但文件中没有它算出的值：请在 Excel 或 WPS 中打开并保存后"
                "再导入，或把公式改为直接填写的值"
            )
            row.notes.append((header, "IMPORT.formula", message, Severity.ERROR))


def _fill_down(
    rows: dict[int, SheetRow], header: str, top: SheetRow, last: int
) -> None:
    value = top.cells[header]
    for number in range(top.number + 1, last + 1):
        row = rows.get(number)
        if row is None or header in row.cells:
            continue
        row.cells[header] = value
        message = f"是合并单元格：已按第 {top.number} 行的“{value}”导入，请核对"
        row.notes.append((header, "IMPORT.merged", message, Severity.WARNING))


def _header_at(table: Table, column: int) -> str | None:
    if 1 <= column <= len(table.headers) and table.headers[column - 1]:
        return table.headers[column - 1]
    return None


def _read_sheets(workbook: Any, progress: ProgressFactory) -> list[Table]:
    tables = []
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible" or sheet.title in SKIPPED_SHEETS:
            continue
        with progress(f"读取“{sheet.title}”", sheet.max_row or 0) as bar:
            rows = sheet.iter_rows(values_only=True)
            tables.append(_table(sheet.title, rows, bar.advance))
    return tables


def _unreadable(file: str, error: Exception) -> list[Problem]:
    """Say in Chinese why a file cannot be read; Python's words go to the log."""
    log.debug("cannot read %s: %s: %s", file, type(error).__name__, error)
    return [Problem(file, 1, "IMPORT.file", _reason(error))]


def _reason(error: Exception) -> str:
    if isinstance(error, FileNotFoundError):
        return "找不到这个文件：请确认路径和文件名"
    if isinstance(error, IsADirectoryError):
        return "这是一个文件夹，不是文件：请选择要导入的 .xlsx 或 .csv 文件"
    if isinstance(error, PermissionError):
        return "没有读取这个文件的权限：请检查文件权限，或复制一份后再导入"
    if isinstance(error, OSError):
        return "无法读取这个文件：请确认文件没有被其他程序占用，再重新导入"
    if isinstance(error, zipfile.BadZipFile | InvalidFileException):
        return (
            "不是有效的 .xlsx 工作簿（可能是改了扩展名的其他文件，或文件已损坏）："
            + _SAVE_AS_XLSX
        )
    if isinstance(error, csv.Error):
        return (
            "CSV 文件格式有误（例如单元格内容过长或引号不成对）："
            "请在 Excel 中另存为“CSV UTF-8”后再导入"
        )
    return "工作簿已损坏，无法读出其中的内容：" + _SAVE_AS_XLSX


def _read_csv(path: Path, file: str) -> tuple[list[Table], list[Problem]]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        return [], _unreadable(file, error)
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
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text))
    cells = ([unguard(cell) for cell in row] for row in rows)
    try:
        return [_table(path.name, cells)], []
    except csv.Error as error:
        return [], _unreadable(file, error)


def _separator(text: str) -> str:
    """Tell the separator of a CSV file by its header line: comma unless ; or tab.

    Excel saves CSV with semicolons where the system's list separator is one,
    and text copied from a sheet is separated by tabs.
    """
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {mark: header.count(mark) for mark in (",", ";", "\t")}
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] > counts[","] else ","


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
