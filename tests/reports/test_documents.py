"""Specification of the report documents: Markdown and Excel, never public."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from usefirst.cli import main
from usefirst.exitcodes import OK, USAGE
from usefirst.reports.markdown import render_markdown
from usefirst.reports.model import NOT_PUBLIC, Report, Table
from usefirst.reports.xlsx import write_xlsx
from usefirst.repository import Repository

REPORT = Report(
    "2026 年度测试报表",
    notes=["一条说明"],
    tables=[
        Table(
            "金额", ["项目", "数量", "金额（元）"], [["甲|乙", 2, Decimal("1234567.5")]]
        ),
        Table("空表", ["项目"], []),
    ],
)


def test_markdown_has_title_notice_notes_and_tables() -> None:
    text = render_markdown(REPORT)
    assert text.startswith("# 2026 年度测试报表\n")
    assert f"> {NOT_PUBLIC}" in text
    assert "- 一条说明" in text
    assert "| 甲\\|乙 | 2 | 1,234,567.50 |" in text
    assert "## 空表\n\n（无）" in text


def test_excel_keeps_amounts_exact_and_says_it_is_not_public(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    write_xlsx(REPORT, path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["说明", "金额", "空表"]
    assert workbook["说明"]["B1"].value is None
    assert NOT_PUBLIC in [row[0].value for row in workbook["说明"].iter_rows()]
    cell = workbook["金额"]["C2"]
    assert Decimal(str(cell.value)) == Decimal("1234567.5")
    assert cell.number_format == "#,##0.00"


@pytest.mark.parametrize(
    ("arguments", "heading"),
    [
        (["recognition", "--year", "2026"], "2026 年度认定申请排序"),
        (["contracts", "--unit", "scut"], "华南理工大学先使用合同及后续情况"),
        (["summary", "--year", "2026"], "2026 年度先用后转工作汇总"),
    ],
)
def test_each_report_prints_markdown(
    repository: Repository,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    heading: str,
) -> None:
    command = [
        "--root",
        str(repository.root),
        "report",
        *arguments,
        "--today",
        "2027-01-15",
    ]
    assert main(command) == OK
    out = capsys.readouterr().out
    assert out.startswith(f"# {heading}\n") and NOT_PUBLIC in out


def test_a_report_goes_to_an_excel_file(repository: Repository, tmp_path: Path) -> None:
    path = tmp_path / "排序.xlsx"
    command = [
        "report",
        "recognition",
        "--year",
        "2026",
        "--today",
        "2027-01-15",
        "-o",
        str(path),
    ]
    assert main(["--root", str(repository.root), *command]) == OK
    sheet = openpyxl.load_workbook(path)["先使用后付费：排序"]
    assert [cell.value for cell in sheet["B"]][1:] == [
        "szu-ra-2026-001",
        "szu-ra-2026-002",
        "scut-ra-2026-001",
    ]


def test_a_wrong_output_or_unit_is_a_usage_error(
    repository: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = ["--root", str(repository.root), "report"]
    assert (
        main([*root, "summary", "--year", "2026", "-o", str(tmp_path / "x.pdf")])
        == USAGE
    )
    assert main([*root, "contracts", "--unit", "nowhere"]) == USAGE
    assert "找不到单位文件夹" in capsys.readouterr().err
