"""Specification of ``usefirst import``: a sheet filled by an office becomes records.

A technology-transfer office fills the template the way offices do: spaces
around names, full-width digits, dates typed in three ways, Chinese names of
cities and clusters. Every row becomes a valid record; importing again changes
nothing; a bad sheet is reported row by row and column by column, all at once,
and nothing is written.
"""

from __future__ import annotations

import datetime
import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from sheet_helpers import (
    BATTERY,
    LYCHEE,
    ROBOT,
    TODAY,
    fill_template,
    patent,
    records_of,
)

from usefirst.check import check_repository
from usefirst.cli import main
from usefirst.exitcodes import INVALID, OK, USAGE
from usefirst.loader import parse_text
from usefirst.problems import Problem
from usefirst.repository import Repository
from usefirst.sheets.importer import ImportOptions, ImportResult, import_file
from usefirst.sheets.rows import NEW, SAME, UPDATE
from usefirst.sheets.template import write_template

FOLDER = "achievements"
INVENTOR_RECORD = """\
kind: achievement
id: scut-2025-001
title: 协作机器人视觉伺服控制软件
unit: scut
channel: inventor
filed_by: 赵强
inventors:
  - name: 赵强
rights:
  - type: software_copyright
    number: 2021SR0123456
summary: 基于深度学习的视觉伺服控制软件，定位精度达到 0.05 毫米，适用于协作机器人装配。
clusters: [robotics]
city: "440300"
trl: 7
offer:
  license_types: [non_exclusive]
  free_months: 12
funding:
  provincial_fiscal: false
status: in_stock
"""


def run_import(repository: Repository, path: Path, **options: Any) -> ImportResult:
    settings = {"unit": "scut", "today": TODAY, **options}
    return import_file(repository, path, path.name, ImportOptions(**settings))


def rules_of(problems: list[Problem]) -> list[str]:
    return sorted(problem.rule for problem in problems)


@pytest.fixture
def office_sheet(repository: Repository, tmp_path: Path) -> Path:
    return fill_template(
        repository, "achievement", [BATTERY, ROBOT, LYCHEE], tmp_path / "成果.xlsx"
    )


def test_a_messy_office_sheet_becomes_valid_records(
    repository: Repository, office_sheet: Path
) -> None:
    result = run_import(repository, office_sheet)
    assert result.problems == []
    assert [row.action for row in result.rows] == [NEW, NEW, NEW]
    assert sorted(records_of(repository, "scut", FOLDER)) == [
        "scut-2026-001.yaml",
        "scut-2026-002.yaml",
        "scut-2026-003.yaml",
    ]
    _, problems = check_repository(repository, use_cache=False, today=TODAY)
    assert problems == []


def test_cells_are_normalised_before_they_become_records(
    repository: Repository, office_sheet: Path
) -> None:
    run_import(repository, office_sheet)
    files = records_of(repository, "scut", FOLDER)
    battery = yaml.safe_load(files["scut-2026-001.yaml"])
    assert battery["title"] == "一种硫化物固态电解质及其制备方法"
    assert [p["name"] for p in battery["inventors"]] == ["李明", "王芳"]
    assert battery["rights"][0] == {
        "type": "patent",
        "number": "ZL201710601862.3",
        "granted_on": "2019-08-13",
    }
    assert battery["clusters"] == ["new-energy", "advanced-materials"]
    assert battery["city"] == "440100"
    assert battery["trl"] == 6
    assert battery["offer"] == {"license_types": ["non_exclusive"], "free_months": 12}
    assert battery["contact"]["phone"] == "020-87110000"
    assert battery["funding"] == {"provincial_fiscal": False}
    assert battery["application_fields"] == ["动力电池", "储能电站"]
    robot = yaml.safe_load(files["scut-2026-002.yaml"])
    assert robot["rights"][0]["number"] == "2021SR0123456"
    assert robot["rights"][0]["granted_on"] == "2021-03-04"
    assert robot["city"] == "440300"


def test_batch_records_carry_the_channel_and_status_but_never_a_number(
    repository: Repository, office_sheet: Path
) -> None:
    run_import(repository, office_sheet)
    for text in records_of(repository, "scut", FOLDER).values():
        data = yaml.safe_load(text)
        assert data["channel"] == "unit_batch"
        assert data["status"] == "in_stock"
        assert data["unit"] == "scut"
        assert "number" not in data and "admitted_on" not in data


def test_record_files_read_as_people_write_them(
    repository: Repository, office_sheet: Path
) -> None:
    run_import(repository, office_sheet)
    text = records_of(repository, "scut", FOLDER)["scut-2026-001.yaml"]
    lines = text.splitlines()
    assert lines[0] == (
        "# yaml-language-server: $schema=../../../schemas/achievement.schema.json"
    )
    keys = [line.split(":")[0] for line in lines[1:] if line[:1].isalpha()]
    assert keys[:6] == ["kind", "id", "title", "unit", "channel", "inventors"]
    assert "title: 一种硫化物固态电解质及其制备方法" in lines  # not \u escapes
    assert "city: '440100'" in lines
    assert "  granted_on: '2019-08-13'" in lines
    document, problems = parse_text(text, "x.yaml")
    assert problems == [] and document is not None
    assert document.data == yaml.safe_load(text)  # any YAML reader agrees


def test_importing_the_same_sheet_again_changes_nothing(
    repository: Repository, office_sheet: Path
) -> None:
    run_import(repository, office_sheet)
    before = records_of(repository, "scut", FOLDER)
    again = run_import(repository, office_sheet)
    assert [row.action for row in again.rows] == [SAME, SAME, SAME]
    assert again.written == []
    assert records_of(repository, "scut", FOLDER) == before


def test_a_changed_row_updates_its_record_and_shows_what_changes(
    repository: Repository, tmp_path: Path
) -> None:
    run_import(
        repository,
        fill_template(repository, "achievement", [BATTERY], tmp_path / "a.xlsx"),
    )
    changed = {**BATTERY, "技术成熟度": 8, "关键词": "固态电池；电解质；储能"}
    changed["成果名称"] = "硫化物固态电解质制备技术"  # the right still identifies it
    sheet = fill_template(repository, "achievement", [changed], tmp_path / "b.xlsx")

    preview = run_import(repository, sheet, dry_run=True)
    [row] = preview.rows
    assert (row.action, row.record_id) == (UPDATE, "scut-2026-001")
    shown = {change.header: (change.old, change.new) for change in row.changes}
    assert shown["技术成熟度"] == ("“6”", "“8”")
    assert shown["关键词"] == ("“固态电池；电解质”", "“固态电池；电解质；储能”")
    assert set(shown) == {"成果名称", "技术成熟度", "关键词"}
    assert preview.written == []
    assert (
        yaml.safe_load(records_of(repository, "scut", FOLDER)["scut-2026-001.yaml"])[
            "trl"
        ]
        == 6
    )

    done = run_import(repository, sheet)
    assert done.written == ["catalog/scut/achievements/scut-2026-001.yaml"]
    data = yaml.safe_load(records_of(repository, "scut", FOLDER)["scut-2026-001.yaml"])
    assert data["trl"] == 8 and data["keywords"][-1] == "储能"
    assert len(records_of(repository, "scut", FOLDER)) == 1


def test_a_right_written_as_its_application_number_finds_the_record(
    repository: Repository, tmp_path: Path
) -> None:
    run_import(
        repository,
        fill_template(repository, "achievement", [BATTERY], tmp_path / "a.xlsx"),
    )
    other = {
        **BATTERY,
        "成果名称": "另一种写法的名称",
        "知识产权1.权利号": "2017 1060 1862.3",
    }
    other.pop("知识产权2.权利号")
    other.pop("知识产权2.权利类型")
    result = run_import(
        repository,
        fill_template(repository, "achievement", [other], tmp_path / "b.xlsx"),
        dry_run=True,
    )
    assert [(row.action, row.record_id) for row in result.rows] == [
        (UPDATE, "scut-2026-001")
    ]


def test_a_record_without_right_numbers_is_found_by_title_and_unit(
    repository: Repository, tmp_path: Path
) -> None:
    run_import(
        repository,
        fill_template(repository, "achievement", [LYCHEE], tmp_path / "a.xlsx"),
    )
    edited = {**LYCHEE, "成果名称": " 荔枝低温保鲜工艺　", "技术成熟度": 5}
    result = run_import(
        repository,
        fill_template(repository, "achievement", [edited], tmp_path / "b.xlsx"),
    )
    assert [(row.action, row.record_id) for row in result.rows] == [
        (UPDATE, "scut-2026-001")
    ]


def test_a_cell_saying_the_same_in_other_words_changes_nothing(
    repository: Repository, tmp_path: Path
) -> None:
    run_import(
        repository,
        fill_template(repository, "achievement", [BATTERY], tmp_path / "a.xlsx"),
    )
    reworded = {**BATTERY, "所在地市": "440100", "产业集群": "new-energy；先进材料"}
    reworded["知识产权1.授权或登记日期"] = datetime.datetime(2019, 8, 13)
    result = run_import(
        repository,
        fill_template(repository, "achievement", [reworded], tmp_path / "b.xlsx"),
    )
    assert [row.action for row in result.rows] == [SAME]


def test_every_bad_cell_is_reported_by_sheet_row_and_column_and_nothing_is_written(
    repository: Repository, tmp_path: Path
) -> None:
    bad = {
        **ROBOT,
        "成果名称": "坏行",  # too short: at least 4 characters
        "所在地市": "广州天河",
        "技术成熟度": "很高",
        "知识产权1.授权或登记日期": "2021/13/4",
    }
    sheet = fill_template(
        repository, "achievement", [BATTERY, bad], tmp_path / "成果.xlsx"
    )
    result = run_import(repository, sheet)

    found = {(p.line, p.path[1], p.rule) for p in result.problems}
    assert found == {
        (3, "所在地市", "IMPORT.cell"),
        (3, "技术成熟度", "IMPORT.cell"),
        (3, "知识产权1.授权或登记日期", "IMPORT.cell"),
        (3, "成果名称", "SCHEMA.minLength"),
    }
    for problem in result.problems:
        assert problem.file == "成果.xlsx"
        assert problem.message.startswith(
            f"工作表“科技成果”第 3 行“{problem.path[1]}”列："
        )
    assert result.written == []
    assert records_of(repository, "scut", FOLDER) == {}


def test_the_good_rows_are_written_when_asked(
    repository: Repository, tmp_path: Path
) -> None:
    bad = {**ROBOT, "所在地市": "火星"}
    sheet = fill_template(
        repository, "achievement", [BATTERY, bad], tmp_path / "成果.xlsx"
    )
    result = run_import(repository, sheet, write_valid_rows=True)
    assert rules_of(result.problems) == ["IMPORT.cell"]
    assert result.written == ["catalog/scut/achievements/scut-2026-001.yaml"]


def test_the_plan_counts_the_rows_with_errors_apart(
    repository: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = {**ROBOT, "所在地市": "火星"}
    sheet = fill_template(
        repository, "achievement", [BATTERY, bad], tmp_path / "成果.xlsx"
    )
    command = ["import", str(sheet), "--unit", "scut", "--write-valid-rows"]
    assert main(["--root", str(repository.root), *command]) == INVALID
    out = capsys.readouterr().out
    assert "新增 2 条（其中 1 条有错误）" in out
    assert "（第 3 行，有错误）" in out and "已写入 1 个记录文件" in out


def test_the_same_achievement_twice_in_a_sheet_is_reported(
    repository: Repository, tmp_path: Path
) -> None:
    twice = {
        **ROBOT,
        "成果名称": "另一个名称的同一软件",
        "知识产权1.权利号": "2021SR0123456",
    }
    sheet = fill_template(
        repository, "achievement", [ROBOT, twice], tmp_path / "a.xlsx"
    )
    result = run_import(repository, sheet)
    [problem] = [p for p in result.problems if p.is_error]
    assert (problem.line, problem.path[1], problem.rule) == (
        3,
        "知识产权1.权利号",
        "IMPORT.duplicate_row",
    )
    assert "与第 2 行是同一科技成果（权利号“2021SR0123456”相同）" in problem.message
    # records that exist only as rows are named by their rows, not by new files
    assert not any("catalog/scut" in p.message for p in result.problems)


def test_rules_across_records_run_on_the_imported_rows(
    repository: Repository, tmp_path: Path
) -> None:
    secret = {**ROBOT, "知识产权1.是否保密专利": "是", "知识产权1.权利类型": "专利权"}
    secret["知识产权1.权利号"] = patent("201910000001")
    result = run_import(
        repository,
        fill_template(repository, "achievement", [secret], tmp_path / "a.xlsx"),
    )
    assert result.written == []
    assert any(p.path[1].startswith("知识产权1") for p in result.problems if p.is_error)


def test_numbers_and_dates_of_admission_cannot_come_from_a_sheet(
    repository: Repository, tmp_path: Path
) -> None:
    numbered = {**ROBOT, "成果编号": "XYHZ-CG-2026-000123", "入库日期": "2026-05-01"}
    result = run_import(
        repository,
        fill_template(repository, "achievement", [numbered], tmp_path / "a.xlsx"),
    )
    assert {(p.path[1], p.rule) for p in result.problems} == {
        ("成果编号", "IMPORT.system_field"),
        ("入库日期", "IMPORT.system_field"),
    }


def test_a_city_bureau_imports_with_the_holder_of_each_achievement(
    repository: Repository, tmp_path: Path
) -> None:
    row = {**ROBOT, "权属单位名称": "广州市某某研究院"}
    sheet = fill_template(repository, "achievement", [row, LYCHEE], tmp_path / "a.xlsx")
    result = import_file(
        repository,
        sheet,
        "a.xlsx",
        ImportOptions(unit="gz-kjj", channel="city_batch", today=TODAY),
    )
    [problem] = result.problems  # the lychee row names no holder
    assert (problem.line, problem.path[1], problem.rule) == (
        3,
        "权属单位名称",
        "SCHEMA.required",
    )
    preview = result.rows[0].data
    assert (preview["channel"], preview["holder"], preview["id"]) == (
        "city_batch",
        "广州市某某研究院",
        "gz-kjj-2026-001",
    )


def test_records_filed_by_inventors_are_not_changed_by_a_batch(
    repository: Repository, tmp_path: Path
) -> None:
    folder = repository.catalog_dir / "scut" / FOLDER
    folder.mkdir()
    (folder / "scut-2025-001.yaml").write_text(INVENTOR_RECORD, encoding="utf-8")
    changed = {**ROBOT, "技术成熟度": 9}
    result = run_import(
        repository,
        fill_template(repository, "achievement", [changed], tmp_path / "b.xlsx"),
    )
    assert [(row.action, row.record_id) for row in result.rows] == [
        (UPDATE, "scut-2025-001")
    ]
    assert "IMPORT.inventor_record" in rules_of(result.problems)
    assert result.written == []
    assert "trl: 7" in (folder / "scut-2025-001.yaml").read_text(encoding="utf-8")


def test_the_untouched_example_row_is_skipped(
    repository: Repository, tmp_path: Path
) -> None:
    sheet = fill_template(
        repository, "achievement", [ROBOT], tmp_path / "a.xlsx", keep_example=True
    )
    result = run_import(repository, sheet)
    assert [(row.row, row.action) for row in result.rows] == [(3, NEW)]


def test_the_untouched_example_row_of_a_csv_template_is_skipped(
    repository: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "成果.csv"
    write_template(repository.schemas, "achievement", path)
    header, example = path.read_text(encoding="utf-8-sig").splitlines()
    row = ",".join(str(ROBOT.get(name, "")) for name in header.split(","))
    path.write_text(f"{header}\n{example}\n{row}\n", encoding="utf-8-sig")
    result = run_import(repository, path)
    assert [(row.row, row.action) for row in result.rows] == [(3, NEW)]


def test_a_title_row_above_the_headers_is_passed_over(
    repository: Repository, tmp_path: Path
) -> None:
    sheet = fill_template(repository, "achievement", [LYCHEE], tmp_path / "a.xlsx")
    workbook = openpyxl.load_workbook(sheet)
    workbook.worksheets[0].insert_rows(1)
    workbook.worksheets[0]["A1"] = "华南理工大学 2026 年科技成果汇总表"
    workbook.save(sheet)
    result = run_import(repository, sheet)
    assert result.problems == []
    assert [(row.row, row.action) for row in result.rows] == [(3, NEW)]


def test_unknown_columns_are_ignored_with_a_warning(
    repository: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "成果.csv"
    header = [
        "序号",
        "成果名称",
        "成果完成人1.姓名",
        "知识产权1.权利类型",
        "成果简介",
        "产业集群",
        "所在地市",
    ]
    row = [
        "1",
        "荔枝低温保鲜工艺",
        "陈华",
        "技术秘密",
        LYCHEE["成果简介"],
        "现代农业",
        "广州",
    ]
    path.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    result = run_import(repository, path)
    [warning] = result.problems
    assert (warning.rule, warning.path[1], warning.is_error) == (
        "IMPORT.unknown_column",
        "序号",
        False,
    )
    assert len(result.written) == 1


def test_a_sheet_without_a_required_column_imports_nothing(
    repository: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "成果.csv"
    path.write_text(
        "成果名称,成果简介\n荔枝低温保鲜工艺,很长的简介\n", encoding="utf-8"
    )
    result = run_import(repository, path)
    missing = {p.path[1] for p in result.problems if p.rule == "IMPORT.missing_column"}
    assert missing == {"产业集群", "所在地市", "成果完成人1.姓名", "知识产权1.权利类型"}
    assert result.rows == [] and result.written == []


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_files_in_the_encodings_excel_saves(
    repository: Repository, tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "成果.csv"
    header = "成果名称,成果完成人1.姓名,知识产权1.权利类型,成果简介,产业集群,所在地市"
    row = f"荔枝低温保鲜工艺,陈华,技术秘密,{LYCHEE['成果简介']},现代农业,广州"
    path.write_bytes(f"{header}\r\n{row}\r\n".encode(encoding))
    result = run_import(repository, path)
    assert result.problems == []
    data = yaml.safe_load(records_of(repository, "scut", FOLDER)["scut-2026-001.yaml"])
    assert data["title"] == "荔枝低温保鲜工艺" and data["city"] == "440100"


@pytest.mark.parametrize("separator", [";", "\t"], ids=["semicolon", "tab"])
def test_csv_files_separated_otherwise_than_by_commas(
    repository: Repository, tmp_path: Path, separator: str
) -> None:
    path = tmp_path / "成果.csv"
    cells = [
        ["成果名称", "成果完成人1.姓名", "知识产权1.权利类型", "成果简介", "产业集群"],
        ["荔枝低温保鲜工艺", "陈华", "技术秘密", LYCHEE["成果简介"], "现代农业"],
    ]
    cells[0].append("所在地市")
    cells[1].append("广州")
    text = "".join(separator.join(row) + "\r\n" for row in cells)
    path.write_text(text, encoding="utf-8")
    result = run_import(repository, path)
    assert result.problems == []
    data = yaml.safe_load(records_of(repository, "scut", FOLDER)["scut-2026-001.yaml"])
    # the summary's own full-width commas stay in the text
    assert data["summary"] == LYCHEE["成果简介"]


def test_technology_needs_are_imported_into_the_enterprise_folder(
    repository: Repository, tmp_path: Path
) -> None:
    need = {
        "需求名称": "动力电池热失控预警技术",
        "需求描述": "需要在电芯层面提前预警热失控，误报率低于 1%。",
        "产业集群": "新能源",
        "所在地市": "惠州",
        "发布日期": "2026年5月8日",
        "期望合作方式": "先使用后付费、技术开发",
        "联系方式.联系人或部门": "研发部",
        "联系方式.电子邮箱": "rd@pengcheng.example.com",
    }
    sheet = fill_template(repository, "technology_need", [need], tmp_path / "需求.xlsx")
    result = run_import(repository, sheet, unit="pengcheng", kind="technology_need")
    assert result.problems == []
    data = yaml.safe_load(
        records_of(repository, "pengcheng", "technology_needs")[
            "pengcheng-2026-001.yaml"
        ]
    )
    assert data["status"] == "open"
    assert data["cooperation_modes"] == ["first_use", "development"]
    assert data["posted_on"] == "2026-05-08"


def test_the_command_reports_in_every_format_and_exits_1_on_errors(
    repository: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = {**ROBOT, "所在地市": "火星"}
    sheet = fill_template(repository, "achievement", [bad], tmp_path / "成果.xlsx")
    root = ["--root", str(repository.root)]
    assert (
        main([*root, "import", str(sheet), "--unit", "scut", "--format", "json"])
        == INVALID
    )
    captured = capsys.readouterr()
    [problem] = json.loads(captured.out)
    assert problem["line"] == 2 and problem["rule"] == "IMPORT.cell"
    assert "没有写入任何文件" in captured.err  # the plan goes to stderr with json

    assert (
        main([*root, "import", str(sheet), "--unit", "scut", "--format", "github"])
        == INVALID
    )
    assert "::error file=" in capsys.readouterr().out


def test_the_command_writes_and_then_finds_nothing_to_change(
    repository: Repository, office_sheet: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = ["--root", str(repository.root)]
    assert (
        main([*root, "import", str(office_sheet), "--unit", "scut", "--dry-run"]) == OK
    )
    assert "新增 3 条" in capsys.readouterr().out
    assert records_of(repository, "scut", FOLDER) == {}
    assert main([*root, "import", str(office_sheet), "--unit", "scut"]) == OK
    assert "已写入 3 个记录文件" in capsys.readouterr().out
    assert main([*root, "import", str(office_sheet), "--unit", "scut"]) == OK
    assert "没有变化 3 条" in capsys.readouterr().out


def test_the_plan_shows_control_characters_of_a_sheet_as_escapes(
    repository: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "成果.csv"
    header = "成果名称,成果完成人1.姓名,知识产权1.权利类型,成果简介,产业集群,所在地市"
    title = "荔枝\x1b[31m保鲜\n::error::伪造 ##[warning]"
    row = f'"{title}",陈华,技术秘密,{LYCHEE["成果简介"]},现代农业,广州'
    path.write_bytes(f"{header}\r\n{row}\r\n".encode())
    root = ["--root", str(repository.root)]
    # a record may not hold control characters: the row is refused, and said so
    assert main([*root, "import", str(path), "--unit", "scut", "--dry-run"]) == INVALID
    out = capsys.readouterr().out
    assert "YAML.control_character" in out
    assert "\x1b" not in out
    assert [line for line in out.splitlines() if line.startswith("::")] == []
    assert "：荔枝\\x1b[31m保鲜\\n::error::伪造 ## [warning]\n" in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--unit", "nowhere"], "找不到单位"),
        (["--unit", "scut", "--channel", "city_batch"], "只用于地市科技部门"),
        (["--unit", "gz-kjj", "--channel", "unit_batch"], "--channel city_batch"),
    ],
)
def test_a_wrong_unit_or_channel_is_a_usage_error(
    repository: Repository,
    office_sheet: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    code = main(
        ["--root", str(repository.root), "import", str(office_sheet), *arguments]
    )
    assert code == USAGE
    assert message in capsys.readouterr().err


def test_a_file_that_is_not_a_workbook_is_reported_not_raised(
    repository: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "成果.xlsx"
    path.write_bytes(b"this is not a zip file")
    result = run_import(repository, path)
    assert rules_of(result.problems) == ["IMPORT.file"]


def test_a_renamed_template_sheet_beside_another_sheet_is_imported(
    repository: Repository, tmp_path: Path
) -> None:
    path = fill_template(repository, "achievement", [LYCHEE], tmp_path / "a.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook.worksheets[0].title = "2026年成果"
    notes = workbook.create_sheet("备注")
    notes.append(["事项", "说明"])
    notes.append(["报送", "技术转移中心汇总"])
    workbook.save(path)

    result = run_import(repository, path)

    assert [(row.row, row.action) for row in result.rows] == [(2, NEW)]
    assert rules_of(result.problems) == ["IMPORT.sheet_skipped"]
    assert not result.problems[0].is_error
    assert "备注" in result.problems[0].message


def test_a_workbook_whose_every_sheet_is_skipped_is_an_error(
    repository: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "a.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Sheet1"
    workbook.active.append(["成果名称", "成果简介"])
    workbook.active.append(["荔枝低温保鲜工艺", "常温货架期延长到 12 天。"])
    other = workbook.create_sheet("Sheet2")
    other.append(["事项", "说明"])
    other.append(["报送", "技术转移中心汇总"])
    workbook.save(path)
    root = ["--root", str(repository.root)]

    assert main([*root, "import", str(path), "--unit", "scut"]) == INVALID
    result = run_import(repository, path)
    assert result.rows == []
    assert rules_of(result.problems) == ["IMPORT.sheet_skipped"] * 2
    assert all(problem.is_error for problem in result.problems)


def test_a_template_whose_example_title_alone_is_changed_imports_cleanly(
    repository: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "a.xlsx"
    write_template(repository.schemas, "achievement", path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    title = [cell.column for cell in sheet[1] if cell.value == "成果名称"][0]
    sheet.cell(row=2, column=title, value="一种钠离子电池正极材料")
    workbook.save(path)

    result = run_import(repository, path)

    assert result.problems == []
    assert [(row.row, row.action) for row in result.rows] == [(2, NEW)]
    record = yaml.safe_load(
        (repository.catalog_dir / "scut" / FOLDER / "scut-2026-001.yaml").read_text()
    )
    assert record["offer"]["license_types"] == ["non_exclusive"]
    assert record["funding"]["provincial_fiscal"] is False
    assert record["funding"]["projects"][0]["name"]


def test_an_application_number_typed_as_an_excel_number_keeps_its_check_digit(
    repository: Repository, tmp_path: Path
) -> None:
    row = {
        **LYCHEE,
        "知识产权1.权利类型": "专利申请权",
        "知识产权1.权利号": 201810601803.0,
    }
    path = fill_template(repository, "achievement", [row], tmp_path / "a.xlsx")

    result = run_import(repository, path)

    assert result.problems == []
    record = yaml.safe_load(
        (repository.catalog_dir / "scut" / FOLDER / "scut-2026-001.yaml").read_text()
    )
    assert record["rights"][0]["number"] == "201810601803.0"


def test_a_file_where_the_records_folder_should_be_is_reported_and_exits_2(
    repository: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = fill_template(repository, "achievement", [LYCHEE], tmp_path / "a.xlsx")
    (repository.catalog_dir / "scut" / FOLDER).write_text("", encoding="utf-8")
    root = ["--root", str(repository.root)]

    assert main([*root, "import", str(path), "--unit", "scut"]) == USAGE

    output = capsys.readouterr().out
    assert "IMPORT.write" in output
    assert "同名的文件占着文件夹的位置" in output
    assert "Error" not in output


def test_the_plan_says_which_updated_records_lose_their_comments(
    repository: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = fill_template(
        repository, "achievement", [BATTERY, LYCHEE], tmp_path / "a.xlsx"
    )
    run_import(repository, first)
    commented = repository.catalog_dir / "scut" / FOLDER / "scut-2026-001.yaml"
    text = commented.read_text(encoding="utf-8")
    commented.write_text(text.replace("\ntrl:", "\n# 中试报告见附件\ntrl:"), "utf-8")
    plain = repository.catalog_dir / "scut" / FOLDER / "scut-2026-002.yaml"
    plain.write_text(plain.read_text("utf-8").replace("采用", "采用#1"), "utf-8")
    rows = [{**BATTERY, "技术成熟度": 8}, {**LYCHEE, "技术成熟度": 5}]
    sheet = fill_template(repository, "achievement", rows, tmp_path / "b.xlsx")
    root = ["--root", str(repository.root), "import", str(sheet), "--unit", "scut"]

    assert main([*root, "--dry-run"]) == OK

    plan = capsys.readouterr().out
    assert plan.count("注释将被删除") == 1
    first_record = plan[plan.index("更新 scut-2026-001") : plan.index("scut-2026-002")]
    assert "注释将被删除" in first_record


# ---------------------------------------------------------------------------
# What the values of a workbook do not show: merged cells and formulas
# ---------------------------------------------------------------------------


def edit_sheet(path: Path, change: Any) -> Path:
    """Open a saved workbook, change its first sheet, and save it again."""
    workbook = openpyxl.load_workbook(path)
    change(workbook.worksheets[0])
    workbook.save(path)
    return path


def column_of(sheet: Any, header: str) -> str:
    return openpyxl.utils.get_column_letter(
        [cell.value for cell in sheet[1]].index(header) + 1
    )


def test_a_cell_merged_down_a_column_counts_for_every_row(
    repository: Repository, tmp_path: Path
) -> None:
    rows = [
        BATTERY,
        *({k: v for k, v in r.items() if k != "所在地市"} for r in [ROBOT, LYCHEE]),
    ]
    sheet = fill_template(repository, "achievement", rows, tmp_path / "成果.xlsx")
    edit_sheet(
        sheet,
        lambda s: s.merge_cells(
            f"{column_of(s, '所在地市')}2:{column_of(s, '所在地市')}4"
        ),
    )
    result = run_import(repository, sheet)
    assert [(p.rule, p.line, p.severity.value) for p in result.problems] == [
        ("IMPORT.merged", 3, "warning"),
        ("IMPORT.merged", 4, "warning"),
    ]
    assert "合并单元格" in result.problems[0].message
    records = records_of(repository, "scut", FOLDER).values()
    # the three records share the one city typed in the merged cell
    assert [yaml.safe_load(text)["city"] for text in records] == ["440100"] * 3


def test_cells_merged_across_columns_keep_their_row_out(
    repository: Repository, tmp_path: Path
) -> None:
    sheet = fill_template(
        repository, "achievement", [BATTERY, ROBOT], tmp_path / "成果.xlsx"
    )
    edit_sheet(sheet, lambda s: s.merge_cells("A3:B3"))
    result = run_import(repository, sheet, write_valid_rows=True)
    assert [(p.rule, p.line) for p in result.problems if p.is_error] == [
        ("IMPORT.merged", 3)
    ]
    assert result.written == ["catalog/scut/achievements/scut-2026-001.yaml"]


def test_a_formula_without_a_computed_value_keeps_its_row_out(
    repository: Repository, tmp_path: Path
) -> None:
    sheet = fill_template(
        repository, "achievement", [BATTERY, ROBOT], tmp_path / "成果.xlsx"
    )
    edit_sheet(sheet, lambda s: s.__setitem__(f"{column_of(s, '技术成熟度')}3", "=3+4"))
    result = run_import(repository, sheet, write_valid_rows=True)
    assert [(p.rule, p.line) for p in result.problems if p.is_error] == [
        ("IMPORT.formula", 3)
    ]
    assert "没有它算出的值" in result.problems[0].message
    assert result.written == ["catalog/scut/achievements/scut-2026-001.yaml"]


def test_a_formula_with_a_computed_value_is_imported_with_a_warning(
    repository: Repository, tmp_path: Path
) -> None:
    sheet = fill_template(
        repository, "achievement", [BATTERY, ROBOT], tmp_path / "成果.xlsx"
    )
    edit_sheet(sheet, lambda s: s.__setitem__(f"{column_of(s, '技术成熟度')}3", "=3+4"))
    # as Excel saves it: the formula and the value it computed
    computed = tmp_path / "算过.xlsx"
    with zipfile.ZipFile(sheet) as source, zipfile.ZipFile(computed, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>3+4</f><v />", b"<f>3+4</f><v>7</v>")
                assert b"<v>7</v>" in data
            target.writestr(item, data)
    result = run_import(repository, computed)
    assert [(p.rule, p.line, p.severity.value) for p in result.problems] == [
        ("IMPORT.formula", 3, "warning")
    ]
    robot = records_of(repository, "scut", FOLDER)["scut-2026-002.yaml"]
    assert yaml.safe_load(robot)["trl"] == 7


@pytest.mark.parametrize(
    "note", ["注：以上成果信息由技术转移中心整理", "填表说明：金额单位为元"]
)
def test_a_note_below_the_table_is_passed_over_with_a_warning(
    repository: Repository, tmp_path: Path, note: str
) -> None:
    sheet = fill_template(
        repository,
        "achievement",
        [BATTERY, ROBOT, {"记录标识": note}],
        tmp_path / "成果.xlsx",
    )
    result = run_import(repository, sheet)
    assert [(p.rule, p.line, p.severity.value) for p in result.problems] == [
        ("IMPORT.note_row", 4, "warning")
    ]
    assert note in result.problems[0].message
    assert len(records_of(repository, "scut", FOLDER)) == 2
