"""CODEOWNERS made from the unit records and the reviewer list.

    owners, problems = collect_owners(DiskSource(Path(".")), repository.schemas)
    text = render(owners)
    # * @gd-review
    # /catalog/scut/ @scut-ttc @gd-review

GitHub lets the last matching line win, so every unit line names the reviewers
too. Only logins and unit folders that the schemas allow are written: a value
in a record can never add a line, a pattern or an owner of its own making.
What cannot be written is reported: without a single valid reviewer (settings
unreadable, ``reviewers`` empty or wrong) CODEOWNERS would leave everything
outside the unit folders without an owner, so that is an error; a unit whose
maintainers cannot be read keeps its reviewers, and is a warning.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from usefirst.kinds import UNIT_FILE, UNIT_ID, UNIT_KIND, id_pattern
from usefirst.loader import Document, parse_bytes
from usefirst.problems import Problem, Severity
from usefirst.schemas import SchemaSet
from usefirst.settings import SETTINGS_FILE

CODEOWNERS_FILE = ".github/CODEOWNERS"
SETTINGS_PATH = f"catalog/{SETTINGS_FILE}"
TITLES = {"reviewers": "省级审核人", "maintainers": "维护人"}
EXAMPLES = {"reviewers": "gd-xyhz-review", "maintainers": "scut-ttc"}
HEADER = (
    "# 本文件由 usefirst codeowners 生成，请勿手工修改：来源是\n"
    "# catalog/<单位>/unit.yaml 的维护人（maintainers）和\n"
    "# catalog/settings.yaml 的省级审核人（reviewers）。\n"
    "# GitHub 以最后一条匹配的规则为准，所以每个单位文件夹也列出审核人。\n"
)


class FileSource(Protocol):
    """Where record files are read from: the disk, or one side of a change."""

    def read(self, path: str) -> bytes | None: ...

    def files(self, folder: str) -> list[str]: ...


class DiskSource:
    """Files of a repository on disk; symlinks are neither read nor listed."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def read(self, path: str) -> bytes | None:
        full = self.root / path
        if full.is_symlink() or not full.is_file():
            return None
        return full.read_bytes()

    def files(self, folder: str) -> list[str]:
        found = []
        for directory, subfolders, names in os.walk(self.root / folder):
            subfolders[:] = [s for s in subfolders if not s.startswith(".")]
            relative = Path(directory).relative_to(self.root).as_posix()
            found.extend(f"{relative}/{name}" for name in names)
        return sorted(found)


@dataclass(frozen=True)
class Owners:
    """Reviewers, and the maintainers of each unit folder."""

    reviewers: tuple[str, ...]
    units: dict[str, tuple[str, ...]]


def collect_owners(
    source: FileSource, schemas: SchemaSet
) -> tuple[Owners, list[Problem]]:
    """Read the reviewers and every unit's maintainers, and what is wrong there."""
    login = _login_pattern(schemas)
    reviewers, problems = _reviewers(source, login)
    units = {}
    for unit, path in _unit_files(source, id_pattern(schemas, UNIT_ID)):
        units[unit], found = _maintainers(source, path, login)
        problems.extend(found)
    return Owners(reviewers, dict(sorted(units.items()))), problems


def render(owners: Owners) -> str:
    """Write the CODEOWNERS text of some owners."""
    lines = [HEADER]
    reviewers = owners.reviewers
    if reviewers:
        lines.append(f"* {_mentions(reviewers)}\n")
    for unit, maintainers in owners.units.items():
        everyone = _unique([*maintainers, *reviewers])
        if everyone:
            lines.append(f"/catalog/{unit}/ {_mentions(everyone)}\n")
    return "".join(lines)


def render_codeowners(source: FileSource, schemas: SchemaSet) -> str:
    """Generate CODEOWNERS from the files of a source, whatever is wrong there."""
    return render(collect_owners(source, schemas)[0])


def _login_pattern(schemas: SchemaSet) -> re.Pattern[str]:
    login = schemas.field_schema(UNIT_KIND, ("maintainers", 0))
    return re.compile(login["pattern"])


def _unit_files(source: FileSource, unit: re.Pattern[str]) -> list[tuple[str, str]]:
    """Each unit folder the schema allows, with its unit file."""
    found = []
    for path in source.files("catalog"):
        parts = PurePosixPath(path).parts
        if len(parts) == 3 and parts[2] == UNIT_FILE and unit.fullmatch(parts[1]):
            found.append((parts[1], path))
    return found


def _document(source: FileSource, path: str) -> tuple[Document | None, list[Problem]]:
    raw = source.read(path)
    return parse_bytes(raw, path) if raw is not None else (None, [])


def _reviewers(
    source: FileSource, login: re.Pattern[str]
) -> tuple[tuple[str, ...], list[Problem]]:
    document, problems = _document(source, SETTINGS_PATH)
    value = document.data.get("reviewers") if document is not None else None
    reviewers, wrong = _logins(document, "reviewers", value, login, Severity.ERROR)
    problems.extend(wrong)
    if not reviewers:
        line = document.line_of(("reviewers",)) if document is not None else 1
        message = (
            "没有一个有效的省级审核人：CODEOWNERS 不能不列审核人，否则单位文件夹以外"
            "的文件无人负责。请在 catalog/settings.yaml 的“省级审核人”（reviewers）"
            "下逐行列出审核人的 GitHub 账号，例如“- gd-xyhz-review”"
        )
        rule = "CODEOWNERS.reviewers"
        problems.append(Problem(SETTINGS_PATH, line, rule, message, ("reviewers",)))
    return reviewers, problems


def _maintainers(
    source: FileSource, path: str, login: re.Pattern[str]
) -> tuple[tuple[str, ...], list[Problem]]:
    document, problems = _document(source, path)
    # the unit's folder keeps its reviewers: a warning, not a lost owner
    problems = [dataclasses.replace(p, severity=Severity.WARNING) for p in problems]
    value = document.data.get("maintainers") if document is not None else None
    maintainers, wrong = _logins(document, "maintainers", value, login)
    return maintainers, [*problems, *wrong]


def _logins(
    document: Document | None,
    key: str,
    value: Any,
    login: re.Pattern[str],
    severity: Severity = Severity.WARNING,
) -> tuple[tuple[str, ...], list[Problem]]:
    """The valid logins of a list, and a problem for each other item."""
    if document is None:
        return (), []
    field = f"“{TITLES[key]}”（{key}）"
    if value is not None and not isinstance(value, list):
        message = f"{field}应为 GitHub 账号的列表：每行一个，例如“- {EXAMPLES[key]}”"
        return (), [_login_problem(document, (key,), message, severity)]
    valid, problems = [], []
    for index, item in enumerate(value or []):
        if isinstance(item, str) and login.fullmatch(item):
            valid.append(item)
            continue
        shown = json.dumps(item, ensure_ascii=False)[:60]
        message = (
            f"{field}中的 {shown} 不是 GitHub 账号（字母、数字和连字符，最长 39 个"
            "字符），没有写入 CODEOWNERS：请改正或删去这一项"
        )
        problems.append(_login_problem(document, (key, index), message, severity))
    return _unique(valid), problems


def _login_problem(
    document: Document, path: tuple[str | int, ...], message: str, severity: Severity
) -> Problem:
    rule = f"CODEOWNERS.{path[0]}"
    line = document.line_of(path)
    return Problem(document.file, line, rule, message, path, severity)


def _unique(logins: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for login in logins:
        seen.setdefault(login.casefold(), login)
    return tuple(seen.values())


def _mentions(logins: Iterable[str]) -> str:
    return " ".join(f"@{login}" for login in logins)
