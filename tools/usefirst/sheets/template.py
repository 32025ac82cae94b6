"""Excel templates for batch import, generated from the record schemas.

    write_template(repository.schemas, "achievement", Path("成果导入模板.xlsx"))

The workbook has three sheets: the data sheet named after the kind (科技成果),
with Chinese headers, a note on every header, drop-down lists and one example
row; ``填写说明``, which explains every column and how lists, groups, dates
and amounts are written; and the hidden ``代码表`` behind the drop-downs. A CSV
template holds the header row and the example row.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from usefirst.schemas import SchemaSet
from usefirst.sheets.columns import (
    AMOUNT,
    BOOLEAN,
    CHOICE,
    CHOICES,
    DATE,
    INTEGER,
    LIST_SEPARATOR,
    NO,
    TEMPLATE_GROUPS,
    TEXTS,
    Column,
    ColumnSet,
    conditions,
    group_key,
)
from usefirst.sheets.formulas import append_row, safe_cell, set_value
from usefirst.sheets.reading import EXPLANATION_SHEET
from usefirst.sheets.workbook import CodeSheet, requirement, write_headers

# fields the import or the approval fills in: the example leaves them empty
MANAGED_FIELDS = ("id", "number", "unit", "channel", "status", "admitted_on")
EXAMPLE_ROW = 2
_EXAMPLE = re.compile(r"例如\s*([^。；;]+)")

# examples for fields whose schema description gives none; None leaves a group empty
_PARTY = {("name",): "广州市示例科技有限公司", ("uscc",): "91440101MA59EXAMP2"}
_SCAN = {("file",): "attachments/hetong-2026-001.pdf", ("sha256",): "0" * 64}
_CONTRACT = {
    ("achievement",): "scut-2026-001",
    ("filed_by",): "李明",
    ("first_use_contract",): "scut-xsy-2026-001",
    ("signed_on",): "2026-05-20",
    ("amount",): 600000,
    **{("scan", *key): value for key, value in _SCAN.items()},
    **{("payments", "receipt", *key): value for key, value in _SCAN.items()},
    ("payments", "date"): "2026-06-30",
    ("payments", "amount"): 300000,
}
EXAMPLES: dict[str, dict[tuple[str, ...], Any]] = {
    "achievement": {
        ("inventors", "name"): "李明",
        ("rights", "number"): "ZL201710601862.3",
        ("rights", "title"): "一种硫化物固态电解质的制备方法",
        ("rights", "granted_on"): "2019-08-13",
        ("summary",): "以硫化物为基体制备高离子电导率固态电解质，室温电导率"
        "达到 10 mS/cm，可替代液态电解液，显著提高锂电池安全性，"
        "已完成中试验证。",
        ("keywords",): "固态电池；电解质；锂电池",
        ("clusters",): "新能源",
        ("trl",): 6,
        ("offer", "license_types"): "普通许可",
        ("offer", "free_months"): 12,
        ("funding", "provincial_fiscal"): "否",
        ("funding", "projects", "name"): "广东省重点领域研发计划“固态电池”专项",
        ("filed_by",): None,
        ("holder",): None,
        ("exit",): None,
    },
    "first_use_contract": {
        **_CONTRACT,
        **{("licensee", *key): value for key, value in _PARTY.items()},
        ("free_period", "start"): "2026-06-01",
        ("free_period", "end"): "2027-05-31",
    },
    "pay_later_contract": {
        **_CONTRACT,
        ("signed_on",): "2027-06-01",
        ("payments", "date"): "2027-06-30",
    },
    "cooperation_contract": {
        **_CONTRACT,
        **{("partner", *key): value for key, value in _PARTY.items()},
        ("signed_on",): "2027-06-01",
        ("payments", "date"): "2027-06-30",
        ("first_partnership",): "是",
    },
    "recognition_application": {
        ("filed_by",): "李明",
        ("year",): 2027,
        ("achievement",): "scut-2026-001",
        ("contracts",): "scut-hff-2027-001",
        ("submitted_on",): "2027-07-15",
    },
    "exercise_rights_filing": {
        ("achievement",): "scut-2026-001",
        ("inventor", "name"): "李明",
        ("inventor", "id_number"): None,
        ("inventor", "phone"): None,
        ("period", "start"): "2026-06-01",
        ("period", "end"): "2028-05-31",
        ("approval", "approved_on"): "2026-05-20",
        **{("form", *key): value for key, value in _SCAN.items()},
    },
    "insurance_product": {
        ("provider",): "示例财产保险股份有限公司广东分公司",
        ("summary",): "承保成果转化过程中因技术失败造成的研发费用损失。",
        ("valid",): None,
    },
    "technology_need": {
        ("description",): "需要在电芯层面提前预警热失控，误报率低于 1%，"
        "可集成到现有电池管理系统。",
        ("keywords",): "热失控；电池管理系统",
        ("clusters",): "新能源",
        ("posted_on",): "2026-05-01",
        ("deadline",): "2026-12-31",
    },
    "unit": {("maintainers",): "scut-ttc"},
}

GENERAL_NOTES = (
    "第 1 行是列名，请不要修改。第 {example} 行是填写示例：导入时若未修改会自动跳过，"
    "也可以直接删除。从下一行起，每行填写一项{title}。",
    "红色列名为必填列；“填写该组时按说明填写”的列属于一组（如对接联系方式），"
    "填写该组任一列时，组内必填的列也要填写。",
    "可有多项的内容按编号分组，例如 知识产权1.权利类型、知识产权1.权利号、"
    "知识产权2.权利类型……模板预留 {groups} 组；需要更多时，在右侧照同样格式"
    "添加列名（如 知识产权4.权利类型），导入时会一并读取。",
    "一格中有多项（如 关键词、应用领域）时用“；”分隔或换行；"
    "产业集群、许可方式等可选值也可以用“、”“，”分隔。",
    "地市、产业集群、权利类型、许可方式等请从下拉列表选择中文名称，"
    "也可以填写代码；“是/否”列填写 是 或 否。",
    "日期可写作 2026-05-01、2026/5/1 或 2026年5月1日，也可以使用 Excel 日期格式。"
    "金额以元为单位，可带千分位，也可写“万元”，例如 50万元。",
    "记录标识、编号、入库日期由系统生成，新记录不要填写。重新导入导出的表格时"
    "保留原值即可：同一成果（权利号相同，或名称与单位相同）不会重复入库，"
    "只更新有变化的字段，并在导入前列出变化。",
    "导入命令：usefirst import 文件.xlsx --unit 单位标识 "
    "[--channel unit_batch|city_batch] [--dry-run]",
)


def example_cells(columns: ColumnSet) -> dict[str, Any]:
    """Fill the example row: schema examples, a few written here, group 1 only."""
    cells = {}
    for column in columns.layout():
        value = _example(columns, column)
        if value is not None:
            cells[column.header] = value
    return cells


def _example(columns: ColumnSet, column: Column) -> Any:
    key = group_key(column.path)
    if key[0] in MANAGED_FIELDS or column.position > 0:
        return None
    for prefix, value in EXAMPLES.get(columns.kind, {}).items():
        if key[: len(prefix)] == prefix:
            return value
    found = _EXAMPLE.search(column.description)
    if found:
        return _from_description(column, found.group(1).strip())
    return _default(column) if column.required else None


def _from_description(column: Column, text: str) -> Any:
    items = [item.strip() for item in text.split("、") if item.strip()]
    if column.cell in (TEXTS, CHOICES):
        return LIST_SEPARATOR.join(items)
    if column.cell == CHOICE:
        return _default(column)
    return items[0] if column.cell != INTEGER else _default(column)


def _default(column: Column) -> Any:
    if column.cell in (CHOICE, CHOICES):
        return column.labels[0][1]
    defaults = {BOOLEAN: NO, DATE: "2026-05-01", AMOUNT: 500000, INTEGER: 1}
    return defaults.get(column.cell, column.header.rsplit(".", 1)[-1])


def write_template(schemas: SchemaSet, kind: str, path: Path) -> None:
    """Write the template of a kind as .xlsx (or .csv: headers and example)."""
    columns = ColumnSet(schemas, kind)
    layout = columns.layout()
    example = example_cells(columns)
    if path.suffix.lower() == ".csv":
        _write_csv(path, layout, example)
        return
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = columns.title
    explanation = workbook.create_sheet(EXPLANATION_SHEET)
    codes = CodeSheet(workbook)
    write_headers(sheet, layout, codes)
    _write_example(sheet, layout, example)
    _write_explanation(explanation, columns, layout, example)
    workbook.save(path)


def _write_example(sheet: Worksheet, layout: list[Column], example: dict) -> None:
    font = Font(italic=True, color="808080")
    for index, column in enumerate(layout, start=1):
        cell = sheet.cell(row=EXAMPLE_ROW, column=index)
        set_value(cell, example.get(column.header)).font = font


def _write_explanation(
    sheet: Worksheet, columns: ColumnSet, layout: list[Column], example: dict
) -> None:
    """Write the general notes, then one line per column."""
    append_row(sheet, [f"{columns.title}批量导入模板：填写说明"])
    sheet["A1"].font = Font(bold=True, size=14)
    for number, note in enumerate(GENERAL_NOTES, start=1):
        text = note.format(
            example=EXAMPLE_ROW, title=columns.title, groups=TEMPLATE_GROUPS
        )
        append_row(sheet, [f"{number}. {text}"])
    sheet.append([])
    append_row(sheet, ["列名", "是否必填", "说明", "可选值", "示例"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    first = sheet.max_row + 1
    when = conditions(columns.schemas, columns.kind)
    for column in layout:
        append_row(sheet, _explanation_row(column, when, example))
    for letter, width in zip("ABCDE", (34, 22, 70, 50, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=first):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _explanation_row(
    column: Column, when: dict[str, list[str]], example: dict
) -> list[Any]:
    needed = "；".join([requirement(column), *when.get(str(column.path[0]), [])])
    options = "、".join(label for _, label in column.labels)
    if column.cell == BOOLEAN:
        options = "是、否"
    return [
        column.header,
        needed,
        column.description,
        options,
        example.get(column.header),
    ]


def _write_csv(path: Path, layout: list[Column], example: dict) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([safe_cell(column.header) for column in layout])
        writer.writerow(
            [
                "" if (v := example.get(c.header)) is None else safe_cell(v)
                for c in layout
            ]
        )
