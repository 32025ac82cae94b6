"""Specification of ``usefirst export``: the catalog as the templates' sheets.

An export has one sheet per kind with the template's headers, shows codes by
their Chinese names and amounts exactly, and imports back without a change.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sheet_helpers import BATTERY, LYCHEE, ROBOT, TODAY, fill_template, records_of

from usefirst.catalog import load_catalog
from usefirst.cli import main
from usefirst.exitcodes import OK, USAGE
from usefirst.repository import Repository
from usefirst.sheets.columns import ColumnSet
from usefirst.sheets.exporter import EXPORT_KINDS, export_catalog
from usefirst.sheets.importer import ImportOptions, import_file
from usefirst.sheets.rows import SAME

SHA = "ab" * 32
FIRST_USE = f"""\
kind: first_use_contract
id: scut-xsy-2026-001
achievement: scut-2026-001
unit: scut
filed_by: 李明
signed_on: "2026-05-10"
scan: {{file: attachments/xsy-001.pdf, sha256: {SHA}}}
licensee:
  name: 惠州市鹏程新能源科技有限公司
  uscc: 91441300MA4UQ8LX1K
  city: "441300"
license_type: non_exclusive
free_period: {{start: "2026-06-01", end: "2027-05-31"}}
"""
PAY_LATER = f"""\
kind: pay_later_contract
id: scut-hff-2026-001
achievement: scut-2026-001
unit: scut
filed_by: 李明
first_use_contract: scut-xsy-2026-001
mode: license
license_type: non_exclusive
signed_on: "2026-05-15"
amount: "600000.50"
payments:
  - date: "2026-05-16"
    amount: "180000.50"
    receipt: {{file: attachments/r1.pdf, sha256: {SHA}}}
  - date: "2026-05-18"
    amount: 120000
    receipt: {{file: attachments/r2.pdf, sha256: {SHA}}}
scan: {{file: attachments/hff-001.pdf, sha256: {SHA}}}
"""


def import_rows(repository: Repository, tmp_path: Path) -> None:
    sheet = fill_template(
        repository, "achievement", [BATTERY, ROBOT, LYCHEE], tmp_path / "in.xlsx"
    )
    result = import_file(
        repository, sheet, "in.xlsx", ImportOptions(unit="scut", today=TODAY)
    )
    assert result.problems == [] and len(result.written) == 3


def add_contracts(repository: Repository) -> None:
    for folder, name, text in (
        ("first_use_contracts", "scut-xsy-2026-001", FIRST_USE),
        ("pay_later_contracts", "scut-hff-2026-001", PAY_LATER),
    ):
        path = repository.catalog_dir / "scut" / folder / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def exported(repository: Repository, tmp_path: Path) -> Path:
    import_rows(repository, tmp_path)
    add_contracts(repository)
    path = tmp_path / "成果库.xlsx"
    assert main(["--root", str(repository.root), "export", "-o", str(path)]) == OK
    return path


def test_one_sheet_per_kind_with_the_templates_headers(
    exported: Path, repository: Repository
) -> None:
    workbook = openpyxl.load_workbook(exported)
    titles = [repository.schemas.documents[kind]["title"] for kind in EXPORT_KINDS]
    assert [name for name in workbook.sheetnames if name != "代码表"] == titles
    for kind, title in zip(EXPORT_KINDS, titles, strict=True):
        headers = [cell.value for cell in workbook[title][1]]
        layout = ColumnSet(repository.schemas, kind).layout()
        assert headers == [column.header for column in layout], kind


def test_values_are_shown_as_the_import_reads_them(exported: Path) -> None:
    sheet = openpyxl.load_workbook(exported)["科技成果"]
    headers = [cell.value for cell in sheet[1]]
    rows = [
        dict(zip(headers, (c.value for c in row), strict=True))
        for row in sheet.iter_rows(min_row=2)
    ]
    battery = next(row for row in rows if row["记录标识"] == "scut-2026-001")
    assert battery["所在地市"] == "广州市"
    assert battery["产业集群"] == "新能源；先进材料"
    assert battery["知识产权1.权利类型"] == "专利权"
    assert battery["经费来源.省级财政科技资金支持"] == "否"
    assert battery["入库渠道"] == "成果单位批量导入"


def test_amounts_are_exact(exported: Path) -> None:
    sheet = openpyxl.load_workbook(exported)["后付费合同"]
    headers = [cell.value for cell in sheet[1]]
    row = dict(zip(headers, (cell.value for cell in sheet[2]), strict=True))
    assert Decimal(str(row["合同金额（元）"])) == Decimal("600000.50")
    assert Decimal(str(row["收款记录1.到账金额（元）"])) == Decimal("180000.50")
    assert row["收款记录2.到账日期"] == "2026-05-18"


def test_an_export_imports_back_without_a_change(
    exported: Path, repository: Repository
) -> None:
    before = records_of(repository, "scut", "achievements")
    result = import_file(
        repository, exported, exported.name, ImportOptions(unit="scut", today=TODAY)
    )
    assert result.problems == []
    assert [row.action for row in result.rows] == [SAME, SAME, SAME]
    assert result.written == []
    assert records_of(repository, "scut", "achievements") == before
    assert any(
        "先使用合同" in line and "不能批量导入" in line for line in result.skipped
    )


def test_a_csv_export_imports_back_without_a_change(
    repository: Repository, tmp_path: Path
) -> None:
    import_rows(repository, tmp_path)
    path = tmp_path / "成果.csv"
    code = main(
        ["--root", str(repository.root), "export", "-o", str(path), "--unit", "scut"]
    )
    assert code == OK
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert len(rows) == 4 and rows[0][0] == "记录标识"
    result = import_file(
        repository, path, path.name, ImportOptions(unit="scut", today=TODAY)
    )
    assert (result.problems, result.written) == ([], [])
    assert {row.action for row in result.rows} == {SAME}


def test_an_export_can_hold_one_unit(repository: Repository, tmp_path: Path) -> None:
    import_rows(repository, tmp_path)
    catalog, _ = load_catalog(repository)
    counts = export_catalog(
        catalog, tmp_path / "x.xlsx", ["achievement", "unit"], "gz-kjj"
    )
    assert counts == {"achievement": 0, "unit": 1}


def test_a_csv_holds_one_kind_only(
    repository: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = [
        "export",
        "-o",
        str(tmp_path / "x.csv"),
        "--kind",
        "unit",
        "--kind",
        "achievement",
    ]
    assert main(["--root", str(repository.root), *arguments]) == USAGE
    assert "只能导出一类记录" in capsys.readouterr().err


def test_broken_files_are_counted_not_exported(
    repository: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import_rows(repository, tmp_path)
    broken = repository.catalog_dir / "scut" / "achievements" / "scut-2026-002.yaml"
    broken.write_text("kind: achievement\nid: scut-2026-002\n", encoding="utf-8")
    path = tmp_path / "x.xlsx"
    assert main(["--root", str(repository.root), "export", "-o", str(path)]) == OK
    captured = capsys.readouterr()
    assert "1 个记录文件有错误，未导出" in captured.err
    assert openpyxl.load_workbook(path)["科技成果"].max_row == 3  # header + 2 records


@pytest.mark.parametrize("name", ["成果库.xlsx", "成果.csv"])
def test_an_unwritable_export_file_is_a_usage_error(
    repository: Repository,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    import_rows(repository, tmp_path)
    path = tmp_path / "no-such-folder" / name
    assert main(["--root", str(repository.root), "export", "-o", str(path)]) == USAGE
    captured = capsys.readouterr()
    assert f"无法写入导出文件 {path}：请确认所在文件夹存在" in captured.err
    assert "已导出" not in captured.out and not path.exists()
