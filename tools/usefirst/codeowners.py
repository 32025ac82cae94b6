"""CODEOWNERS made from the unit records and the reviewer list.

    text = render_codeowners(DiskSource(Path(".")))
    # * @gd-review
    # /catalog/scut/ @scut-ttc @gd-review

GitHub lets the last matching line win, so every unit line names the reviewers
too. Only logins that GitHub could have (letters, digits, hyphens) and unit
folders that the schema allows are written: a value in a record can never add a
line, a pattern or an owner of its own making.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from usefirst.kinds import UNIT_FILE
from usefirst.loader import parse_bytes
from usefirst.settings import SETTINGS_FILE

CODEOWNERS_FILE = ".github/CODEOWNERS"
LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")
UNIT_FOLDER = re.compile(r"[a-z0-9][a-z0-9-]{1,63}")
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


def collect_owners(source: FileSource) -> Owners:
    """Read the reviewers and every unit's maintainers."""
    settings = _data(source, f"catalog/{SETTINGS_FILE}")
    units = {}
    for path in source.files("catalog"):
        parts = PurePosixPath(path).parts
        if (
            len(parts) == 3
            and parts[2] == UNIT_FILE
            and UNIT_FOLDER.fullmatch(parts[1])
        ):
            units[parts[1]] = _logins(_data(source, path).get("maintainers"))
    return Owners(_logins(settings.get("reviewers")), dict(sorted(units.items())))


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


def render_codeowners(source: FileSource) -> str:
    """Generate CODEOWNERS from the files of a source."""
    return render(collect_owners(source))


def _data(source: FileSource, path: str) -> dict[str, Any]:
    raw = source.read(path)
    document = parse_bytes(raw, path)[0] if raw is not None else None
    return document.data if document is not None else {}


def _logins(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else []
    valid = [i for i in items if isinstance(i, str) and LOGIN.fullmatch(i)]
    return _unique(valid)


def _unique(logins: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for login in logins:
        seen.setdefault(login.casefold(), login)
    return tuple(seen.values())


def _mentions(logins: Iterable[str]) -> str:
    return " ".join(f"@{login}" for login in logins)
