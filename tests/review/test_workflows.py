"""The GitHub workflows: linted by actionlint and zizmor, least privilege, pinned."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from review_repo import PROJECT

WORKFLOWS = sorted((PROJECT / ".github/workflows").glob("*.yml"))
PINNED = re.compile(r"[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*")
CHECKER = "${RUNNER_TEMP}/checker/bin"
BASE_PYTHON = '"${RUNNER_TEMP}/checker/bin/python"'
BASE_USEFIRST = '"${RUNNER_TEMP}/checker/bin/usefirst" --root "${GITHUB_WORKSPACE}"'


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
        f"{BASE_USEFIRST} validate --format github",
        f"{BASE_USEFIRST} review --base",
        "--approvals",
        f"{BASE_USEFIRST} codeowners --check",
        "mkdocs build --strict",
        f"{BASE_PYTHON} -m usefirst.review.stepsummary",
        "actions/upload-artifact@",
    ):
        assert command in text


def check_steps() -> list[dict]:
    return load(PROJECT / ".github/workflows/check.yml")["jobs"]["check"]["steps"]


def test_the_checker_is_installed_from_the_base_commit_not_the_pull_request() -> None:
    steps = check_steps()
    runs = [step.get("run", "") for step in steps]
    install = next(i for i, run in enumerate(runs) if "git worktree add" in run)
    assert 'git worktree add --detach "${RUNNER_TEMP}/base" HEAD^1' in runs[install]
    assert '-m venv "${RUNNER_TEMP}/checker"' in runs[install]
    assert (
        'pip install --disable-pip-version-check --quiet "${RUNNER_TEMP}/base"'
        in (runs[install])
    )
    # every check runs the base commit's code, reading the pull request's tree
    calls = [(i, call) for i, run in enumerate(runs) for call in usefirst_calls(run)]
    assert {call for _, call in calls} == {
        f"{CHECKER}/usefirst --root ${{GITHUB_WORKSPACE}}",
        f"{CHECKER}/python -m usefirst.review.stepsummary",
    }
    assert min(i for i, _ in calls) > install


def usefirst_calls(run: str) -> list[str]:
    """Each ``usefirst`` program or module a shell script runs, with what precedes."""
    words = shlex.split(run)
    calls = []
    for i, word in enumerate(words):
        if word == "usefirst" or word.endswith("/usefirst"):
            calls.append(" ".join(words[i : i + 3]))
        elif word.startswith("usefirst") and words[i - 1] == "-m":
            calls.append(" ".join(words[i - 2 : i + 1]))
    return calls


def test_the_pull_requests_own_code_runs_only_after_every_check() -> None:
    steps = check_steps()
    runs = [step.get("run", "") for step in steps]
    own = [i for i, run in enumerate(runs) if re.search(r"pip install\b.* \.$", run)]
    checks = [i for i, run in enumerate(runs) if usefirst_calls(run)]
    build = next(i for i, run in enumerate(runs) if "mkdocs build --strict" in run)
    assert len(own) == 1
    assert max(checks) < own[0] < build
    assert "python -m pip install" in runs[own[0]]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_dates_are_beijing_dates(path: Path) -> None:
    assert load(path)["env"]["TZ"] == "Asia/Shanghai"


def test_numbers_are_committed_on_top_of_the_latest_main() -> None:
    publish = load(PROJECT / ".github/workflows/publish.yml")
    steps = publish["jobs"]["number"]["steps"]
    checkout = next(step for step in steps if "checkout" in step.get("uses", ""))
    assert checkout["with"]["ref"] == "main"


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


def test_the_site_is_built_with_the_address_github_pages_publishes_it_at() -> None:
    publish = load(PROJECT / ".github/workflows/publish.yml")
    build = publish["jobs"]["build"]
    steps = build["steps"]
    pages = next(
        i for i, step in enumerate(steps) if "configure-pages@" in step.get("uses", "")
    )
    site = next(
        i for i, step in enumerate(steps) if "mkdocs build" in step.get("run", "")
    )
    assert pages < site
    address = f"${{{{ steps.{steps[pages]['id']}.outputs.base_url }}}}"
    assert steps[site]["env"]["SITE_URL"] == address
    # configure-pages reads the Pages settings; it enables nothing
    assert build["permissions"]["pages"] == "read"
    assert "enablement" not in steps[pages].get("with", {})
