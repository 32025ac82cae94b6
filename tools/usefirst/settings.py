"""Repository settings kept by the provincial reviewers in ``catalog/settings.yaml``.

reviewers: [gd-review-1, gd-review-2]
uscc_overrides: ["12440000MB2C12345X"]
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from usefirst.loader import Document, load_file
from usefirst.problems import Problem
from usefirst.repository import Repository

SETTINGS_FILE = "settings.yaml"
KEY_TITLES = {
    "reviewers": "省级审核人",
    "uscc_overrides": "按原样接受的统一社会信用代码",
}


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
    problems.extend(_unknown_keys(document))
    values = {key: _text_list(document, key, problems) for key in KEY_TITLES}
    if values["reviewers"] is not None and not values["reviewers"]:
        problems.append(_problem(document, "reviewers", "SETTINGS.reviewers", _NONE))
    return Settings(**{k: frozenset(v or ()) for k, v in values.items()}), problems


_NONE = "“省级审核人”（reviewers）未填写：请至少列出一位省级审核人的 GitHub 账号"


def _unknown_keys(document: Document) -> list[Problem]:
    problems = []
    for key in document.data:
        if key in KEY_TITLES:
            continue
        close = difflib.get_close_matches(str(key), list(KEY_TITLES), n=1)
        hint = f"（是否应为“{close[0]}”？）" if close else ""
        known = "、".join(KEY_TITLES)
        message = f"不认识的设置“{key}”{hint}：可用的设置有 {known}"
        problems.append(_problem(document, key, "SETTINGS.unknown", message))
    return problems


def _text_list(document: Document, key: str, problems: list[Problem]) -> list | None:
    """Return the list of texts under ``key``; ``None`` when it is not one."""
    items = document.data.get(key) or []
    if isinstance(items, list) and all(isinstance(item, str) for item in items):
        return items
    message = f"“{KEY_TITLES[key]}”（{key}）应为文本列表，例如 [gd-review]"
    problems.append(_problem(document, key, "SETTINGS.list", message))
    return None


def _problem(document: Document, key: str, rule: str, message: str) -> Problem:
    return Problem(document.file, document.line_of((key,)), rule, message, (key,))
