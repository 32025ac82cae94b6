"""Styled data sheets shared by templates and exports: headers, notes, drop-downs.

    workbook = openpyxl.Workbook()
    codes = CodeSheet(workbook)
    sheet = workbook.create_sheet("科技成果")
    write_headers(sheet, columns.layout(), codes)

Headers of required columns are red; each header carries a note with the
field's explanation; every closed vocabulary (地市, 产业集群, 权利类型 …) and
every 是/否 column gets a drop-down list of Chinese names, read from the hidden
sheet ``代码表``. A column holding several choices accepts any typed text, so
that "新能源；先进材料" can be entered.
"""

from __future__ import annotations

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from usefirst.sheets.columns import BOOLEAN, CHOICE, CHOICES, NO, YES, Column
from usefirst.sheets.formulas import set_value
from usefirst.sheets.reading import CODES_SHEET

LAST_ROW = 1_048_576
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000")
OPTIONAL_FONT = Font(bold=True)


class CodeSheet:
    """The hidden sheet of drop-down lists, one column per vocabulary."""

    def __init__(self, workbook: Workbook) -> None:
        self.sheet = workbook.create_sheet(CODES_SHEET)
        self.sheet.sheet_state = "hidden"
        self.ranges: dict[tuple[str, ...], str] = {}

    def range_for(self, title: str, labels: tuple[str, ...]) -> str:
        """Return the formula of a list of names, adding the list once."""
        if labels not in self.ranges:
            column = len(self.ranges) + 1
            letter = get_column_letter(column)
            set_value(self.sheet.cell(row=1, column=column), title)
            for row, label in enumerate(labels, start=2):
                set_value(self.sheet.cell(row=row, column=column), label)
            end = len(labels) + 1
            name = quote_sheetname(CODES_SHEET)
            self.ranges[labels] = f"{name}!${letter}$2:${letter}${end}"
        return self.ranges[labels]


def requirement(column: Column) -> str:
    """Say whether a column must be filled, in Chinese."""
    if column.required:
        return "必填"
    if column.group or len(column.path) > 1:
        return "填写该组时按说明填写"
    return "选填"


def write_headers(sheet: Worksheet, columns: list[Column], codes: CodeSheet) -> None:
    """Write the header row with notes, widths and drop-down lists."""
    for index, column in enumerate(columns, start=1):
        cell = set_value(sheet.cell(row=1, column=index), column.header)
        cell.font = REQUIRED_FONT if column.required else OPTIONAL_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center")
        note = f"{requirement(column)}。{column.description}".strip()
        cell.comment = Comment(note, "usefirst", width=320, height=120)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(40, 4 + 2 * len(column.header))
        _drop_down(sheet, column, letter, codes)
    sheet.freeze_panes = "A2"


def _drop_down(sheet: Worksheet, column: Column, letter: str, codes: CodeSheet) -> None:
    if column.cell in (CHOICE, CHOICES):
        labels = tuple(label for _, label in column.labels)
    elif column.cell == BOOLEAN:
        labels = (YES, NO)
    else:
        return
    title = column.header.rsplit(".", 1)[-1]
    validation = DataValidation(
        type="list",
        formula1=codes.range_for(title, labels),
        allow_blank=True,
        showErrorMessage=column.cell != CHOICES,
        errorTitle="不在可选范围内",
        error="请从下拉列表中选择",
        promptTitle=title,
        prompt="可多选，用“；”分隔" if column.cell == CHOICES else "请从下拉列表中选择",
        showInputMessage=True,
    )
    validation.add(f"{letter}2:{letter}{LAST_ROW}")
    sheet.add_data_validation(validation)
