"""``usefirst codeowners``: CODEOWNERS follows the unit records and the reviewers."""

from __future__ import annotations

import pytest
from review_repo import PROJECT, GitRepo, unit

from usefirst.codeowners import HEADER, DiskSource, render_codeowners
from usefirst.schemas import SchemaSet

SCHEMAS = SchemaSet.load(PROJECT / "schemas")


def test_each_unit_folder_is_owned_by_its_maintainers_and_the_reviewers(
    repo: GitRepo,
) -> None:
    assert repo.run("codeowners") == (0, "")
    assert repo.read(".github/CODEOWNERS") == HEADER + (
        "* @gd-review\n"
        "/catalog/scut/ @scut-ttc @scut-kjy @gd-review\n"
        "/catalog/sysu/ @sysu-ttc @gd-review\n"
    )


def test_check_fails_when_out_of_date_and_passes_after_generation(
    repo: GitRepo,
) -> None:
    code, out = repo.run("codeowners", "--check")
    assert code == 1 and "请运行 usefirst codeowners" in out
    repo.run("codeowners")
    assert repo.run("codeowners", "--check")[0] == 0
    repo.write("catalog/sysu/unit.yaml", unit("sysu", "中山大学", ["sysu-new"]))
    code, out = repo.run("codeowners", "--check")
    assert code == 1
    assert "+/catalog/sysu/ @sysu-new @gd-review" in out


def test_a_value_in_a_record_cannot_add_lines_or_owners(repo: GitRepo) -> None:
    hostile = unit("sysu", "中山大学", ["sysu-ttc"]) + (
        '  - "evil\\n* @mallory"\n  - "@mallory"\n  - "team/x"\n  - SYSU-TTC\n'
    )
    repo.write("catalog/sysu/unit.yaml", hostile)
    repo.write("catalog/Bad Folder/unit.yaml", unit("bad", "坏", ["mallory"]))
    text = render_codeowners(DiskSource(repo.root), SCHEMAS)
    assert "mallory" not in text
    assert "/catalog/sysu/ @sysu-ttc @gd-review\n" in text


def test_the_projects_codeowners_is_up_to_date() -> None:
    expected = render_codeowners(DiskSource(PROJECT), SCHEMAS)
    actual = (PROJECT / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert actual == expected, "请运行 usefirst codeowners 重新生成 .github/CODEOWNERS"


@pytest.mark.parametrize(
    "settings",
    [
        "reviewers: [gd-review\n",  # not YAML
        "reviewers: []\n",
        "reviewers: gd-review\n",
        "uscc_overrides: []\n",
    ],
    ids=["unreadable", "empty", "not-a-list", "missing"],
)
@pytest.mark.parametrize("check", [False, True], ids=["write", "check"])
def test_without_reviewers_codeowners_is_refused_not_written(
    repo: GitRepo, settings: str, check: bool
) -> None:
    repo.write("catalog/settings.yaml", settings)
    code, out = repo.run("codeowners", *(["--check"] if check else []))
    assert code == 1
    assert "catalog/settings.yaml:1: CODEOWNERS.reviewers" in out
    assert "省级审核人" in out
    assert not (repo.root / ".github/CODEOWNERS").exists()


def test_a_missing_settings_file_is_refused(repo: GitRepo) -> None:
    repo.remove("catalog/settings.yaml")
    code, out = repo.run("codeowners")
    assert code == 1
    assert "catalog/settings.yaml:1: CODEOWNERS.reviewers" in out


def test_an_invalid_reviewer_login_is_an_error(repo: GitRepo) -> None:
    repo.write("catalog/settings.yaml", "reviewers:\n  - gd-review\n  - gd/team\n")
    code, out = repo.run("codeowners")
    assert code == 1
    assert "catalog/settings.yaml:3: CODEOWNERS.reviewers" in out and "gd/team" in out


def test_a_broken_maintainers_list_is_reported(repo: GitRepo) -> None:
    text = unit("sysu", "中山大学", ["sysu-ttc"]) + "  - team/x\n"
    repo.write("catalog/sysu/unit.yaml", text)
    repo.write("catalog/scut/unit.yaml", "kind: unit\nmaintainers: [scut-ttc\n")
    code, out = repo.run("codeowners")
    assert code == 0
    assert "catalog/sysu/unit.yaml:11: CODEOWNERS.maintainers" in out
    assert "team/x" in out
    assert "catalog/scut/unit.yaml:3: YAML.syntax" in out
    # the reviewers still own both folders
    assert repo.read(".github/CODEOWNERS").endswith(
        "/catalog/scut/ @gd-review\n/catalog/sysu/ @sysu-ttc @gd-review\n"
    )


def test_unit_folders_are_those_the_schema_allows(repo: GitRepo) -> None:
    repo.write("catalog/x/unit.yaml", unit("x", "短", ["x-ttc"]))
    text = render_codeowners(DiskSource(repo.root), SCHEMAS)
    assert "/catalog/x/" not in text
    assert "/catalog/sysu/ @sysu-ttc @gd-review\n" in text


@pytest.mark.parametrize(
    "blocker", [".github", ".github/CODEOWNERS"], ids=["github-file", "owners-folder"]
)
@pytest.mark.parametrize("check", [False, True], ids=["write", "check"])
def test_a_github_path_of_the_wrong_type_is_a_usage_error(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], blocker: str, check: bool
) -> None:
    if blocker == ".github":
        repo.write(".github", "not a folder\n")
    else:
        (repo.root / blocker).mkdir(parents=True)
    code, _ = repo.run("codeowners", *(["--check"] if check else []))
    assert code == 2
    assert "无法读写 .github/CODEOWNERS" in capsys.readouterr().err
