"""Specification of the report documents: Markdown and Excel, never public."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from usefirst.cli import main
from usefirst.exitcodes import INVALID, OK, USAGE
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


@pytest.mark.parametrize("kind", ["contracts", "summary"])
def test_a_report_names_the_records_it_leaves_out_and_exits_1(
    repository: Repository,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    kind: str,
) -> None:
    broken = "catalog/scut/pay_later_contracts/scut-pl-002.yaml"
    path = repository.root / broken
    path.write_text(path.read_text("utf-8") + "  - [\n", "utf-8")
    options = ["--unit", "scut"] if kind == "contracts" else ["--year", "2026"]
    command = ["--root", str(repository.root), "report", kind, *options]
    assert main([*command, "--today", "2027-01-15"]) == INVALID
    out = capsys.readouterr().out
    assert "未计入本报表" in out and broken in out

    excel = tmp_path / "报表.xlsx"
    assert main([*command, "--today", "2027-01-15", "-o", str(excel)]) == INVALID
    cells = [c.value for row in openpyxl.load_workbook(excel).active for c in row]
    assert any(isinstance(v, str) and broken in v for v in cells)


def test_a_wrong_output_or_unit_is_a_usage_error(
    repository: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = ["--root", str(repository.root), "report"]
    assert (
        main([*root, "summary", "--year", "2026", "-o", str(tmp_path / "x.pdf")])
        == USAGE
    )
    assert main([*root, "contracts", "--unit", "nowhere"]) == USAGE
    assert "成果库中没有单位“nowhere”" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("unit", "hint"),
    [
        ("..", "请写 catalog/ 下单位文件夹的名称"),
        ("scu", "是否应为 scut"),
        ("fs-kj", "是否应为 fs-kjj"),
    ],
)
def test_a_unit_must_be_one_of_the_catalog(
    repository: Repository, capsys: pytest.CaptureFixture[str], unit: str, hint: str
) -> None:
    command = ["--root", str(repository.root), "report", "contracts", "--unit", unit]
    assert main(command) == USAGE
    err = capsys.readouterr().err
    assert f"成果库中没有单位“{unit}”" in err and hint in err


@pytest.mark.parametrize("within", ["-999999999", "0", "3651", "九十", "1.5"])
def test_within_is_a_number_of_days_up_to_ten_years(
    repository: Repository, capsys: pytest.CaptureFixture[str], within: str
) -> None:
    command = ["report", "contracts", "--unit", "scut", f"--within={within}"]
    with pytest.raises(SystemExit) as stopped:
        main(["--root", str(repository.root), *command])
    assert stopped.value.code == USAGE
    assert f"“{within}”不是有效的天数：应为 1 到 3650 之间的整数" in (
        capsys.readouterr().err
    )


def test_within_ten_years_is_accepted(
    repository: Repository, capsys: pytest.CaptureFixture[str]
) -> None:
    command = ["report", "contracts", "--unit", "scut", "--within", "3650"]
    assert (
        main(["--root", str(repository.root), *command, "--today", "2027-01-15"]) == OK
    )
    assert "在 3650 天内结束" in capsys.readouterr().out


@pytest.mark.parametrize("today", ["20270115", "2027-W03-5", "2027-02-30"])
def test_today_is_written_as_a_real_day(
    repository: Repository, capsys: pytest.CaptureFixture[str], today: str
) -> None:
    command = ["report", "summary", "--year", "2026", "--today", today]
    with pytest.raises(SystemExit) as stopped:
        main(["--root", str(repository.root), *command])
    assert stopped.value.code == USAGE
    assert f"“{today}”不是日期：应写作 YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["r.xlsx", "r.md"])
def test_an_unwritable_report_file_is_a_usage_error(
    repository: Repository,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    path = tmp_path / "no-such-folder" / name
    command = ["report", "summary", "--year", "2026", "-o", str(path)]
    assert main(["--root", str(repository.root), *command]) == USAGE
    captured = capsys.readouterr()
    assert f"无法写入报表文件 {path}：请确认所在文件夹存在" in captured.err
    assert "Traceback" not in captured.err and not path.exists()
