"""``usefirst new``: a record file is only ever written inside its unit's folder."""

from __future__ import annotations

import pytest
from review_repo import GitRepo, unit

from usefirst.exitcodes import OK, USAGE


def files(repo: GitRepo) -> set[str]:
    """Every file below the repository's parent folder, catalog or not."""
    return {
        path.relative_to(repo.root.parent).as_posix()
        for path in repo.root.parent.rglob("*")
        if path.is_file() and ".git" not in path.parts
    }


@pytest.mark.parametrize(
    ("kind", "options", "named"),
    [
        ("achievement", ["--unit", "scut", "--id", "../../../escaped"], "记录标识"),
        ("achievement", ["--unit", "scut", "--id", "{outside}/escaped"], "记录标识"),
        ("achievement", ["--unit", "scut", "--id", "Scut-2026-001"], "记录标识"),
        ("achievement", ["--unit", "../..", "--id", "scut-2026-009"], "单位标识"),
        ("achievement", ["--unit", "scut/achievements"], "单位标识"),
        ("unit", ["--unit", "../../escaped"], "单位标识"),
        ("unit", ["--unit", "New Unit"], "单位标识"),
    ],
)
def test_an_id_or_unit_that_is_no_plain_name_is_refused(
    repo: GitRepo,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    options: list[str],
    named: str,
) -> None:
    before = files(repo)
    outside = repo.root.parent.as_posix()
    code, out = repo.run("new", kind, *[o.format(outside=outside) for o in options])
    assert (code, out) == (USAGE, "")
    assert files(repo) == before
    err = capsys.readouterr().err
    assert f"“{named}”" in err and "小写字母、数字和连字符" in err


def test_a_records_unit_folder_must_exist(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo.root / "catalog/empty").mkdir()
    assert repo.run("new", "achievement", "--unit", "empty")[0] == USAGE
    assert "usefirst new unit --unit empty" in capsys.readouterr().err
    assert not (repo.root / "catalog/empty/achievements").exists()


def test_a_generated_id_too_long_for_the_schema_asks_for_one(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    long_unit = "u" * 60
    repo.write(f"catalog/{long_unit}/unit.yaml", unit(long_unit, "长名单位", ["x"]))
    assert repo.run("new", "achievement", "--unit", long_unit)[0] == USAGE
    assert "--id" in capsys.readouterr().err
    assert not (repo.root / f"catalog/{long_unit}/achievements").exists()


def test_a_new_unit_and_a_record_in_it_are_written_in_place(repo: GitRepo) -> None:
    assert repo.run("new", "unit", "--unit", "newunit") == (
        OK,
        "catalog/newunit/unit.yaml\n",
    )
    repo.write("catalog/newunit/unit.yaml", unit("newunit", "新单位", ["x-ttc"]))
    code, out = repo.run("new", "technology_need", "--unit", "newunit", "--id", "n-1")
    assert (code, out) == (OK, "catalog/newunit/technology_needs/n-1.yaml\n")


def test_a_record_folder_that_is_a_file_is_a_usage_error(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write("catalog/sysu/achievements", "not a folder\n")
    assert repo.run("new", "achievement", "--unit", "sysu")[0] == USAGE
    assert "catalog/sysu/achievements 应为文件夹" in capsys.readouterr().err
    assert repo.read("catalog/sysu/achievements") == "not a folder\n"
