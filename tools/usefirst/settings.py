"""Repository settings kept by the provincial reviewers in ``catalog/settings.yaml``.

reviewers: [gd-review-1, gd-review-2]
uscc_overrides: ["12440000MB2C12345X"]
"""

from __future__ import annotations

from dataclasses import dataclass

from usefirst.loader import load_file
from usefirst.problems import Problem
from usefirst.repository import Repository

SETTINGS_FILE = "settings.yaml"


@dataclass(frozen=True)
class Settings:
    """Reviewers who may change everything, and USCCs accepted as they are."""

    reviewers: frozenset[str] = frozenset()
    uscc_overrides: frozenset[str] = frozenset()


def load_settings(repository: Repository) -> tuple[Settings, list[Problem]]:
    """Read the settings file; a missing file means no reviewers, no overrides."""
    path = repository.catalog_dir / SETTINGS_FILE
    if not path.exists():
        return Settings(), []
    file = repository.relative(path)
    document, problems = load_file(path, file)
    if document is None:
        return Settings(), problems
    values = {}
    for key in ("reviewers", "uscc_overrides"):
        items = document.data.get(key) or []
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            problems.append(
                Problem(
                    file,
                    document.line_of((key,)),
                    "SETTINGS.list",
                    f"“{key}”应为文本列表",
                    (key,),
                )
            )
            items = []
        values[key] = frozenset(items)
    return Settings(**values), problems
