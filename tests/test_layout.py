"""Specification of where a record file must stand (usefirst.layout).

    pytest tests/test_layout.py -q

catalog/<unit>/unit.yaml holds the unit (id = folder name); every other record
is catalog/<unit>/<folder of its kind>/<id>.yaml with ``unit`` = the folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from usefirst.catalog import load_catalog
from usefirst.filecheck import check_files
from usefirst.layout import layout_problems
from usefirst.loader import parse_text
from usefirst.problems import Problem
from usefirst.repository import Repository

ROOT = Path(__file__).resolve().parents[1]

UNIT = """\
kind: unit
id: lab
name: 岭南测试大学
"""
ACHIEVEMENT = """\
kind: achievement
id: lab-2025-001
title: 高安全固态电解质制备技术
unit: lab
"""


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Repository:
    root = tmp_path_factory.mktemp("repo")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    (root / "catalog").mkdir()
    return Repository(root)


def check(repository: Repository, file: str, text: str) -> list[Problem]:
    document, problems = parse_text(text, file)
    assert problems == []
    return layout_problems(repository, document)


def one(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


@pytest.mark.parametrize(
    ("file", "text"),
    [
        ("catalog/lab/unit.yaml", UNIT),
        ("catalog/lab/achievements/lab-2025-001.yaml", ACHIEVEMENT),
        (
            "catalog/lab/first_use_contracts/lab-fu-001.yaml",
            "kind: first_use_contract\nid: lab-fu-001\nunit: lab\n",
        ),
        (
            "catalog/lab/technology_needs/need-1.yaml",
            "kind: technology_need\nid: need-1\nunit: lab\n",
        ),
    ],
)
def test_record_in_its_place_has_no_problem(
    repository: Repository, file: str, text: str
) -> None:
    assert check(repository, file, text) == []


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("catalog/lab/first_use_contracts/lab-2025-001.yaml", "achievements"),
        ("catalog/lab/lab-2025-001.yaml", "achievements"),
        ("catalog/lab/achievements/2025/lab-2025-001.yaml", "achievements"),
        ("catalog/lab/attachments/lab-2025-001.yaml", "achievements"),
    ],
)
def test_record_in_the_wrong_folder_is_told_its_folder(
    repository: Repository, file: str, expected: str
) -> None:
    problem = one(check(repository, file, ACHIEVEMENT))
    assert (problem.rule, problem.line, problem.path) == ("LAYOUT.place", 1, ("kind",))
    assert problem.message == (
        f"科技成果记录应放在 catalog/lab/{expected}/<记录标识>.yaml"
    )


@pytest.mark.parametrize(
    "file",
    ["catalog/lab/achievements/unit.yaml", "catalog/lab/lab.yaml", "catalog/lab.yaml"],
)
def test_unit_outside_its_unit_file_is_told_where_it_goes(
    repository: Repository, file: str
) -> None:
    problem = one(check(repository, file, UNIT))
    assert problem.rule == "LAYOUT.place"
    assert "catalog/<单位标识>/unit.yaml" in problem.message


def test_id_must_equal_the_file_name(repository: Repository) -> None:
    file = "catalog/lab/achievements/lab-2025-002.yaml"
    problem = one(check(repository, file, ACHIEVEMENT))
    assert (problem.rule, problem.line, problem.path) == ("LAYOUT.id", 2, ("id",))
    assert "应为“lab-2025-002”，实际为“lab-2025-001”" in problem.message


def test_unit_id_must_equal_the_folder_name(repository: Repository) -> None:
    problem = one(check(repository, "catalog/other/unit.yaml", UNIT))
    assert (problem.rule, problem.line) == ("LAYOUT.id", 2)
    assert "文件夹名" in problem.message
    assert "应为“other”" in problem.message


def test_missing_id_is_named(repository: Repository) -> None:
    text = ACHIEVEMENT.replace("id: lab-2025-001\n", "")
    problem = one(check(repository, "catalog/lab/achievements/x-1.yaml", text))
    assert problem.rule == "LAYOUT.id"
    assert "应为“x-1”，现在没有填写" in problem.message


def test_unit_field_must_equal_the_folder(repository: Repository) -> None:
    file = "catalog/other/achievements/lab-2025-001.yaml"
    problem = one(check(repository, file, ACHIEVEMENT))
    assert (problem.rule, problem.line, problem.path) == ("LAYOUT.unit", 4, ("unit",))
    assert "应为“other”，实际为“lab”" in problem.message


def test_wrong_id_and_wrong_unit_are_both_reported(repository: Repository) -> None:
    file = "catalog/other/achievements/x-1.yaml"
    problems = check(repository, file, ACHIEVEMENT)
    assert [(p.rule, p.line) for p in problems] == [
        ("LAYOUT.id", 2),
        ("LAYOUT.unit", 4),
    ]


def test_yml_extension_is_refused_but_the_rest_still_checked(
    repository: Repository,
) -> None:
    file = "catalog/lab/achievements/lab-2025-001.yml"
    problem = one(check(repository, file, ACHIEVEMENT))
    assert (problem.rule, problem.line) == ("LAYOUT.extension", 1)
    assert "lab-2025-001.yaml" in problem.message
    problems = check(repository, file, ACHIEVEMENT.replace("unit: lab", "unit: x"))
    assert [p.rule for p in problems] == ["LAYOUT.extension", "LAYOUT.unit"]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("kind: patent\nid: x\n", 1),
        ("id: x\nkind: [achievement]\n", 2),
        ("id: x\nname: 无类型\n", 1),
        ("id: x\nkind: common\n", 2),
    ],
)
def test_unknown_kind_lists_the_kinds(
    repository: Repository, text: str, line: int
) -> None:
    problem = one(check(repository, "catalog/lab/achievements/x.yaml", text))
    assert (problem.rule, problem.line) == ("LAYOUT.kind", line)
    assert "achievement" in problem.message
    assert "first_use_contract" in problem.message
    assert "common" not in problem.message


def test_misplaced_record_is_still_checked_against_its_schema(
    repository: Repository,
) -> None:
    path = repository.catalog_dir / "lab" / "first_use_contracts" / "x.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(ACHIEVEMENT, encoding="utf-8")
    (result,) = check_files(repository, [path], use_cache=False)
    rules = {problem.rule for problem in result.problems}
    assert "LAYOUT.place" in rules
    assert "SCHEMA.required" in rules


def test_no_file_of_the_catalog_is_passed_over_in_silence(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "schemas", root / "schemas")
    files = {
        "catalog/settings.yaml": "reviewers: [gd-review]\n",
        "catalog/numbers.yaml": "{}\n",
        "catalog/notes.txt": "说明",
        "catalog/lab.YAML": UNIT,
        "catalog/lab/unit.yaml": UNIT,
        "catalog/lab/.gitkeep": "",
        "catalog/lab/notes.docx": "x",
        "catalog/lab/achievements/lab-2025-001.YAML": ACHIEVEMENT,
        "catalog/lab/achievements/scan.pdf": "x",
        "catalog/lab/attachments/scan.pdf": "x",
        "catalog/lab/attachments/2025/receipt.png": "x",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "achievements").mkdir(parents=True)
    (elsewhere / "unit.yaml").write_text(UNIT, "utf-8")
    (root / "catalog/linked").symlink_to(elsewhere)
    (root / "catalog/lab/technology_needs").symlink_to(elsewhere / "achievements")
    (root / "catalog/lab/attachments/2024").symlink_to(elsewhere)
    _, problems = load_catalog(Repository(root), use_cache=False)
    found = {(p.file, p.rule) for p in problems if p.rule.startswith("LAYOUT.")}
    assert found == {
        ("catalog/linked", "LAYOUT.symlink"),
        ("catalog/lab/technology_needs", "LAYOUT.symlink"),
        ("catalog/notes.txt", "LAYOUT.stray"),
        ("catalog/lab.YAML", "LAYOUT.stray"),
        ("catalog/lab/notes.docx", "LAYOUT.not_record"),
        ("catalog/lab/achievements/lab-2025-001.YAML", "LAYOUT.extension"),
        ("catalog/lab/achievements/scan.pdf", "LAYOUT.not_record"),
    }
    stray = next(p for p in problems if p.file == "catalog/notes.txt")
    assert "catalog/ 下只能放单位文件夹和 settings.yaml、numbers.yaml" in stray.message
    scan = next(p for p in problems if p.file.endswith("achievements/scan.pdf"))
    assert "附件请放到单位的 attachments/ 文件夹中" in scan.message
    linked = next(p for p in problems if p.file == "catalog/linked")
    assert "符号链接" in linked.message and "不会被检查" in linked.message
