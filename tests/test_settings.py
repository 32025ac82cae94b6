"""Specification of the repository settings (usefirst.settings).

    pytest tests/test_settings.py -q

``catalog/settings.yaml`` names the provincial reviewers and the USCCs to
accept as they are. A typo there would silently leave the catalog without
reviewers, so ``usefirst validate`` reports unknown keys and missing reviewers.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from usefirst.repository import Repository
from usefirst.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
USEFIRST = Path(sys.executable).with_name("usefirst")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("USEFIRST_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "schemas", root / "schemas")
    (root / "catalog").mkdir()
    return root


def settings_of(repo: Path, text: str) -> tuple[Settings, list[tuple[str, int]]]:
    (repo / "catalog" / "settings.yaml").write_text(text, "utf-8")
    settings, problems = load_settings(Repository(repo))
    return settings, [(problem.rule, problem.line) for problem in problems]


def test_valid_settings_are_read() -> None:
    settings, problems = load_settings(Repository(ROOT))
    assert problems == []
    assert "gd-xyhz-review" in settings.reviewers


def test_a_missing_file_means_no_reviewers_and_no_problem(repo: Path) -> None:
    assert load_settings(Repository(repo)) == (Settings(), [])


def test_a_misspelt_key_is_reported_with_the_right_spelling(repo: Path) -> None:
    text = "reviewers: [gd-review]\nuscc_override: []\n"
    (repo / "catalog" / "settings.yaml").write_text(text, "utf-8")
    _, problems = load_settings(Repository(repo))
    assert [(p.rule, p.line) for p in problems] == [("SETTINGS.unknown", 2)]
    assert "“uscc_override”（是否应为“uscc_overrides”？）" in problems[0].message


@pytest.mark.parametrize(
    "text", ["reviewer: [gd-review]\n", "reviewers: []\n", "reviewers:\n"]
)
def test_missing_or_empty_reviewers_are_reported(repo: Path, text: str) -> None:
    settings, problems = settings_of(repo, text)
    assert settings.reviewers == frozenset()
    assert ("SETTINGS.reviewers", 1) in problems


def test_reviewers_that_are_not_a_list_are_reported_once(repo: Path) -> None:
    assert settings_of(repo, "reviewers: gd-review\n")[1] == [("SETTINGS.list", 1)]


def test_validate_reports_settings_problems_in_chinese(repo: Path) -> None:
    text = "reviewer:\n  - gd-review\nuscc_overrides: []\n"
    (repo / "catalog" / "settings.yaml").write_text(text, "utf-8")
    result = subprocess.run(
        [str(USEFIRST), "validate", "--format", "json"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    found = {(p["file"], p["rule"], p["line"]) for p in json.loads(result.stdout)}
    assert found == {
        ("catalog/settings.yaml", "SETTINGS.unknown", 1),
        ("catalog/settings.yaml", "SETTINGS.reviewers", 1),
    }
    assert "省级审核人" in result.stdout
