"""Specification of ``usefirst new``: a record file with every field explained."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from usefirst.catalog import load_catalog
from usefirst.cli import main
from usefirst.exitcodes import OK, USAGE
from usefirst.loader import parse_text
from usefirst.repository import Repository
from usefirst.scaffold import new_id, scaffold


def test_every_field_of_the_schema_is_explained_in_chinese(
    repository: Repository,
) -> None:
    text = scaffold(repository.schemas, "achievement", "scut", "scut-2026-009")
    assert text.splitlines()[0] == (
        "# yaml-language-server: $schema=../../../schemas/achievement.schema.json"
    )
    for title in (
        "成果名称（必填）",
        "成果编号（选填）",
        "所在地市（必填）",
        "出库原因（必填）",
    ):
        assert f"# {title}" in text
    assert "440100（广州市）" in text and "new-energy（新能源）" in text


def test_required_fields_are_open_and_optional_ones_commented_out(
    repository: Repository,
) -> None:
    text = scaffold(repository.schemas, "achievement", "scut", "scut-2026-009")
    document, problems = parse_text(text, "new.yaml")
    assert problems == [] and document is not None
    data = document.data
    assert (data["kind"], data["id"], data["unit"]) == (
        "achievement",
        "scut-2026-009",
        "scut",
    )
    assert (data["channel"], data["status"]) == ("inventor", "in_stock")
    assert "title" in data and data["title"] is None
    # the inventor's channel makes the offer and the funding required
    assert "offer" in data and "funding" in data and "filed_by" in data
    assert "number" not in data and "contact" not in data and "exit" not in data
    assert "\n# number:\n" in text and "\n# contact:\n" in text


@pytest.mark.parametrize(
    "kind",
    ["first_use_contract", "pay_later_contract", "recognition_application", "unit"],
)
def test_every_kind_scaffolds_to_valid_yaml(repository: Repository, kind: str) -> None:
    document, problems = parse_text(
        scaffold(repository.schemas, kind, "scut", "x-1"), "x"
    )
    assert problems == [] and document is not None
    assert document.data["kind"] == kind


def test_a_filled_in_scaffold_validates(repository: Repository, tmp_path: Path) -> None:
    text = scaffold(
        repository.schemas, "technology_need", "pengcheng", "pengcheng-2026-001"
    )
    filled = (
        text.replace("\ntitle:\n", "\ntitle: 动力电池热失控预警技术\n")
        .replace(
            "\ndescription:\n",
            "\ndescription: 需要在电芯层面提前预警热失控，误报率低于 1%。\n",
        )
        .replace("\nclusters:\n  - \n", "\nclusters:\n  - new-energy\n")
        .replace("\ncity:\n", "\ncity: '441300'\n")
        .replace("\nposted_on:\n", "\nposted_on: '2026-05-08'\n")
        .replace("\n  name:\n", "\n  name: 研发部\n")
        .replace("\n  # email:\n", "\n  email: rd@pengcheng.example.com\n")
    )
    path = (
        repository.catalog_dir
        / "pengcheng"
        / "technology_needs"
        / "pengcheng-2026-001.yaml"
    )
    path.parent.mkdir(parents=True)
    path.write_text(filled, encoding="utf-8")
    catalog, problems = load_catalog(repository, use_cache=False)
    assert problems == []
    assert catalog.get("pengcheng-2026-001").get("status") == "open"


def test_new_ids_follow_the_highest_in_use() -> None:
    taken = {"scut-2026-001", "scut-2026-007", "scut-2025-010", "sysu-2026-020"}
    assert new_id(taken, "scut", datetime.date(2026, 3, 1)) == "scut-2026-008"
    assert new_id(set(), "scut", datetime.date(2027, 1, 1)) == "scut-2027-001"


def test_the_command_writes_the_file_and_never_overwrites(
    repository: Repository, capsys: pytest.CaptureFixture[str]
) -> None:
    root = ["--root", str(repository.root)]
    assert (
        main([*root, "new", "achievement", "--unit", "scut", "--id", "scut-2026-042"])
        == OK
    )
    written = capsys.readouterr().out.strip()
    assert written == "catalog/scut/achievements/scut-2026-042.yaml"
    assert "# 成果名称（必填）" in (repository.root / written).read_text(
        encoding="utf-8"
    )
    assert (
        main([*root, "new", "achievement", "--unit", "scut", "--id", "scut-2026-042"])
        == USAGE
    )
    assert "文件已存在" in capsys.readouterr().err


def test_a_unit_must_exist_before_its_records(
    repository: Repository, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["--root", str(repository.root), "new", "achievement", "--unit", "nowhere"]
    )
    assert code == USAGE
    assert "usefirst new unit --unit nowhere" in capsys.readouterr().err
