"""Specification of ``usefirst template``: an Excel template made from the schema."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from usefirst.cli import main
from usefirst.exitcodes import OK, USAGE
from usefirst.repository import Repository
from usefirst.sheets.columns import ColumnSet
from usefirst.sheets.reading import CODES_SHEET, EXPLANATION_SHEET
from usefirst.sheets.template import write_template


def validations(sheet: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, str]:
    """Map each column letter with a drop-down to its list formula."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            letter = cell_range.coord.split(":")[0].rstrip("0123456789")
            found[letter] = validation.formula1
    return found


def column_letter(sheet: openpyxl.worksheet.worksheet.Worksheet, header: str) -> str:
    for cell in sheet[1]:
        if cell.value == header:
            return cell.column_letter
    raise AssertionError(f"no column {header}")


@pytest.fixture
def template(repository: Repository, tmp_path: Path) -> openpyxl.Workbook:
    path = tmp_path / "成果导入模板.xlsx"
    assert (
        main(
            ["--root", str(repository.root), "template", "achievement", "-o", str(path)]
        )
        == OK
    )
    return openpyxl.load_workbook(path)


def test_template_has_data_explanation_and_hidden_code_sheets(
    template: openpyxl.Workbook,
) -> None:
    assert template.sheetnames == ["科技成果", EXPLANATION_SHEET, CODES_SHEET]
    assert template[CODES_SHEET].sheet_state == "hidden"
    assert template["科技成果"].sheet_state == "visible"


def test_headers_are_the_schema_columns(
    template: openpyxl.Workbook, repository: Repository
) -> None:
    layout = ColumnSet(repository.schemas, "achievement").layout()
    assert [cell.value for cell in template["科技成果"][1]] == [
        c.header for c in layout
    ]


def test_required_headers_are_red_and_every_header_is_explained(
    template: openpyxl.Workbook,
) -> None:
    header = {cell.value: cell for cell in template["科技成果"][1]}
    assert header["成果名称"].font.color.rgb.endswith("C00000")
    assert header["技术成熟度"].font.color is None
    assert "必填" in header["成果名称"].comment.text
    assert "技术成熟度等级" in header["技术成熟度"].comment.text


@pytest.mark.parametrize(
    ("header", "first_choice"),
    [
        ("所在地市", "广州市"),
        ("产业集群", "新一代电子信息"),
        ("知识产权1.权利类型", "专利权"),
        ("知识产权3.权利类型", "专利权"),
        ("许可条件.可选许可方式", "独占许可"),
        ("知识产权1.是否保密专利", "是"),
        ("入库渠道", "成果完成人填报"),
    ],
)
def test_closed_vocabularies_have_drop_downs_from_the_code_sheet(
    template: openpyxl.Workbook, header: str, first_choice: str
) -> None:
    sheet = template["科技成果"]
    formula = validations(sheet)[column_letter(sheet, header)]
    sheet_name, cells = formula.split("!")
    assert sheet_name.strip("'") == CODES_SHEET
    column, first_row = cells.split(":")[0].strip("$").split("$")
    assert template[CODES_SHEET][f"{column}{first_row}"].value == first_choice


def test_free_text_columns_have_no_drop_down(template: openpyxl.Workbook) -> None:
    sheet = template["科技成果"]
    assert column_letter(sheet, "成果名称") not in validations(sheet)


def test_the_example_row_shows_names_not_codes(template: openpyxl.Workbook) -> None:
    sheet = template["科技成果"]
    row = {sheet.cell(1, c.column).value: c.value for c in sheet[2] if c.value}
    assert row["所在地市"] == "广州市"
    assert row["知识产权1.权利类型"] == "专利权"
    assert row["成果名称"]
    assert "记录标识" not in row and "成果编号" not in row  # given by the system


def test_the_explanation_sheet_documents_groups_lists_and_each_column(
    template: openpyxl.Workbook,
) -> None:
    text = "\n".join(
        str(cell.value)
        for row in template[EXPLANATION_SHEET].iter_rows()
        for cell in row
        if cell.value
    )
    assert "知识产权1.权利类型" in text and "知识产权4.权利类型" in text
    assert "用“；”分隔或换行" in text
    assert "2026年5月1日" in text and "万元" in text
    assert "“入库渠道”为“地市科技部门批量导入”时必填" in text  # 权属单位名称


@pytest.mark.parametrize(
    "kind",
    [
        "achievement",
        "technology_need",
        "first_use_contract",
        "pay_later_contract",
        "cooperation_contract",
        "recognition_application",
        "exercise_rights_filing",
        "insurance_product",
        "unit",
    ],
)
def test_every_kind_has_a_template(
    repository: Repository, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / f"{kind}.xlsx"
    write_template(repository.schemas, kind, path)
    title = repository.schemas.documents[kind]["title"]
    assert openpyxl.load_workbook(path).sheetnames[0] == title


def test_a_csv_template_holds_headers_and_example(
    repository: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "成果.csv"
    write_template(repository.schemas, "achievement", path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 by its BOM
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["记录标识", "成果编号", "成果名称"]
    assert len(rows) == 2


def test_an_unknown_kind_is_a_usage_error(
    repository: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "--root",
            str(repository.root),
            "template",
            "patent",
            "-o",
            str(tmp_path / "x.xlsx"),
        ]
    )
    assert code == USAGE
    assert "不认识的记录类型" in capsys.readouterr().err


def test_a_kind_that_cannot_be_imported_gets_no_template(
    repository: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "合同.xlsx"
    command = ["template", "first_use_contract", "-o", str(path)]
    assert main(["--root", str(repository.root), *command]) == USAGE
    err = capsys.readouterr().err
    assert "只有科技成果、技术需求可以批量导入" in err and "usefirst new" in err
    assert not path.exists()


@pytest.mark.parametrize("name", ["模板.xlsx", "模板.csv"])
def test_an_unwritable_template_file_is_a_usage_error(
    repository: Repository,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    path = tmp_path / "no-such-folder" / name
    command = ["template", "achievement", "-o", str(path)]
    assert main(["--root", str(repository.root), *command]) == USAGE
    captured = capsys.readouterr()
    assert f"无法写入模板文件 {path}：请确认所在文件夹存在" in captured.err
    assert "Traceback" not in captured.err and not path.exists()
