"""The GitHub workflows: linted by actionlint and zizmor, least privilege, pinned."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from review_repo import PROJECT

WORKFLOWS = sorted((PROJECT / ".github/workflows").glob("*.yml"))
PINNED = re.compile(r"[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*")


def tool(name: str) -> str:
    """Find a linter next to the running Python, else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} is missing: install the project with its test extras"
    return found


def load(path: Path) -> dict:
    # PyYAML reads the key "on" as True
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_there_is_a_check_and_a_publish_workflow() -> None:
    assert [path.name for path in WORKFLOWS] == ["check.yml", "publish.yml"]


def test_actionlint_finds_nothing() -> None:
    result = subprocess.run(
        [tool("actionlint"), "-no-color", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, "")


def test_zizmor_finds_nothing_even_as_an_auditor() -> None:
    result = subprocess.run(
        [
            tool("zizmor"),
            "--offline",
            "--no-progress",
            "--color",
            "never",
            "--persona",
            "auditor",
            str(PROJECT / ".github"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_explicit_and_minimal(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {}
    for job in workflow["jobs"].values():
        assert "permissions" in job
        granted = {
            scope for scope, level in job["permissions"].items() if level != "read"
        }
        assert granted <= {"contents", "pages", "id-token"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_with_its_version(path: Path) -> None:
    uses = [
        line.split("uses:", 1)[1].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if "uses:" in line
    ]
    assert uses
    assert [u for u in uses if not PINNED.fullmatch(u)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_is_pasted_into_a_shell_line(path: Path) -> None:
    for job in load(path)["jobs"].values():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), step.get("name")


def test_pull_requests_run_with_a_read_only_token_and_no_secrets() -> None:
    check = load(PROJECT / ".github/workflows/check.yml")
    assert set(check["on"]) == {"pull_request", "pull_request_review"}
    text = (PROJECT / ".github/workflows/check.yml").read_text(encoding="utf-8")
    assert "secrets." not in text
    for step in check["jobs"]["check"]["steps"]:
        if "checkout" in step.get("uses", ""):
            assert step["with"]["persist-credentials"] == "false"


def test_pull_requests_are_validated_reviewed_and_built() -> None:
    text = (PROJECT / ".github/workflows/check.yml").read_text(encoding="utf-8")
    for command in (
        "usefirst validate --format github",
        "usefirst review --base",
        "--approvals",
        "usefirst codeowners --check",
        "mkdocs build --strict",
        "python -m usefirst.review.stepsummary",
        "actions/upload-artifact@",
    ):
        assert command in text


def test_publication_numbers_then_deploys_one_run_at_a_time() -> None:
    publish = load(PROJECT / ".github/workflows/publish.yml")
    assert publish["on"]["push"]["branches"] == ["main"]
    assert publish["concurrency"]["cancel-in-progress"] == "false"
    assert list(publish["jobs"]) == ["number", "build", "deploy"]
    text = (PROJECT / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    assert "usefirst number" in text and "[usefirst number]" in text
    assert "actions/upload-pages-artifact@" in text
    assert "actions/deploy-pages@" in text


@pytest.mark.parametrize(
    ("schema", "names"),
    [
        ("vendor.github-issue-forms", ["achievement.yml", "technology_need.yml"]),
        ("vendor.github-issue-config", ["config.yml"]),
    ],
)
def test_issue_forms_follow_githubs_schema(schema: str, names: list[str]) -> None:
    files = [str(PROJECT / ".github/ISSUE_TEMPLATE" / name) for name in names]
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", schema, *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
