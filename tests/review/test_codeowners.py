"""``usefirst codeowners``: CODEOWNERS follows the unit records and the reviewers."""

from __future__ import annotations

from review_repo import PROJECT, GitRepo, unit

from usefirst.codeowners import HEADER, DiskSource, render_codeowners


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
    text = render_codeowners(DiskSource(repo.root))
    assert "mallory" not in text
    assert "/catalog/sysu/ @sysu-ttc @gd-review\n" in text


def test_the_projects_codeowners_is_up_to_date() -> None:
    expected = render_codeowners(DiskSource(PROJECT))
    actual = (PROJECT / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert actual == expected, "请运行 usefirst codeowners 重新生成 .github/CODEOWNERS"
