"""What a review knows: the changes, both sides, and who may do what.

    git = Git(repository.root)
    context = ReviewContext(repository, git.changes("origin/main"),
                            Side(git.tree("origin/main")), Side(git.worktree()),
                            author="scut-ttc")
    context.may_act_for("scut")        # as the base side's unit.yaml says
    for change in context.record_changes():
        change.before, change.after    # parsed documents, or None

Rights are always read from the base side, so that a pull request can never
grant itself rights; logins are compared without regard to case, as GitHub does.
Changed records are compared with the ``fork`` side, where the head left the
base (the merge base), which is the base itself unless the base moved on since.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath
from typing import Any

from usefirst.kinds import FOLDER_KINDS, UNIT_FILE, UNIT_KIND
from usefirst.loader import Document, parse_bytes
from usefirst.problems import Problem, Severity
from usefirst.repository import Repository
from usefirst.review.approvals import Approvals
from usefirst.review.gitdiff import Change, Tree
from usefirst.settings import SETTINGS_FILE

CATALOG = "catalog"


def unit_of(path: str) -> str | None:
    """Name the unit folder of a path inside ``catalog/<unit>/``, else None."""
    parts = PurePosixPath(path).parts
    return parts[1] if len(parts) > 2 and parts[0] == CATALOG else None


def kind_of(path: str) -> str | None:
    """Name the record kind a path's place implies, or None for other files."""
    parts = PurePosixPath(path).parts
    if len(parts) == 3 and parts[0] == CATALOG and parts[2] == UNIT_FILE:
        return UNIT_KIND
    if len(parts) == 4 and parts[0] == CATALOG and parts[3].endswith(".yaml"):
        return FOLDER_KINDS.get(parts[2])
    return None


def unit_file(unit: str) -> str:
    return f"{CATALOG}/{unit}/{UNIT_FILE}"


def login_list(value: Any) -> list[str]:
    """Keep the text items of a list of logins; anything else means none."""
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str)]


class Side:
    """One side of the change, with its record files parsed on demand."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self._documents: dict[str, Document | None] = {}

    def load(self, paths: Iterable[str]) -> None:
        """Parse many files at once (one git process for a commit)."""
        missing = [path for path in paths if path not in self._documents]
        for path, raw in self.tree.read_many(missing).items():
            document = parse_bytes(raw, path)[0] if raw is not None else None
            self._documents[path] = document

    def document(self, path: str) -> Document | None:
        """Return the parsed file at ``path``, or None if absent or broken."""
        self.load([path])
        return self._documents[path]

    def data(self, path: str) -> dict[str, Any]:
        document = self.document(path)
        return document.data if document is not None else {}


@dataclass
class RecordChange:
    """A changed record file with its documents before and after."""

    path: str
    status: str
    kind: str
    before: Document | None
    after: Document | None

    @property
    def unit(self) -> str:
        return unit_of(self.path) or ""

    def line(self, path: tuple[str | int, ...]) -> int:
        """Line of a field in the changed file, or 1."""
        return self.after.line_of(path) if self.after is not None else 1


@dataclass
class ReviewContext:
    """Everything the review checks read, built once."""

    repository: Repository
    changes: list[Change]
    base: Side
    head: Side
    author: str | None = None
    approvals: Approvals | None = None
    head_commit: str | None = None
    fork: Side | None = None
    _records: list[RecordChange] | None = field(default=None, repr=False)

    @property
    def origin(self) -> Side:
        """The side changed records are compared with: the fork, else the base."""
        return self.fork or self.base

    @cached_property
    def reviewers(self) -> list[str]:
        """Provincial reviewers as the base side's settings list them."""
        settings = self.base.data(f"{CATALOG}/{SETTINGS_FILE}")
        return login_list(settings.get("reviewers"))

    def maintainers(self, unit: str) -> list[str]:
        """The unit's maintainers as the base side's ``unit.yaml`` lists them."""
        return login_list(self.base.data(unit_file(unit)).get("maintainers"))

    def unit_exists(self, unit: str) -> bool:
        return self.base.document(unit_file(unit)) is not None

    @property
    def author_is_reviewer(self) -> bool:
        return self.author is not None and _member(self.author, self.reviewers)

    def may_act_for(self, unit: str) -> bool:
        """Tell whether the author is a base-side maintainer of the unit."""
        return self.author is not None and _member(self.author, self.maintainers(unit))

    def severity(self) -> Severity:
        """Reviewers may correct approved records: shown, but not blocking."""
        return Severity.WARNING if self.author_is_reviewer else Severity.ERROR

    def record_changes(self) -> list[RecordChange]:
        """Every changed record file, parsed on both sides."""
        if self._records is None:
            records = [(c, kind_of(c.path)) for c in self.changes]
            records = [(c, kind) for c, kind in records if kind is not None]
            self.origin.load(c.path for c, _ in records if c.status != "A")
            self.head.load(c.path for c, _ in records if c.status != "D")
            self._records = [
                RecordChange(
                    change.path,
                    change.status,
                    kind,
                    self.origin.document(change.path) if change.status != "A" else None,
                    self.head.document(change.path) if change.status != "D" else None,
                )
                for change, kind in records
            ]
        return self._records

    def kind_title(self, kind: str) -> str:
        """The Chinese name of a record kind, from its schema."""
        return self.repository.schemas.kind_title(kind)

    def field_title(self, kind: str, path: tuple[str | int, ...]) -> str:
        if kind not in self.repository.schemas.kinds:
            return str(path[-1]) if path else "记录"
        return self.repository.schemas.field_title(kind, path)


def _member(login: str, logins: Iterable[str]) -> bool:
    return login.casefold() in {item.casefold() for item in logins}


def mention(logins: Iterable[str]) -> str:
    """Show logins the way GitHub does, joined with the Chinese comma."""
    shown = "、".join(f"@{login}" for login in logins)
    return shown or "（无）"


def show(value: Any, limit: int = 60) -> str:
    """Quote a user's value in a message: one line, control characters removed."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = "".join(" " if ch.isspace() or not ch.isprintable() else ch for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def split_odd_names(changes: list[Change]) -> tuple[list[Change], list[Problem]]:
    """Set aside paths with control characters, which could forge log lines."""
    kept, problems = [], []
    for change in changes:
        if show(change.path, len(change.path) + 1) == change.path:
            kept.append(change)
            continue
        shown = change.path.encode("unicode_escape").decode("ascii")
        problems.append(
            Problem(
                shown,
                1,
                "REVIEW.filename",
                "文件名中含有换行、制表符等控制字符：请改用字母、数字和连字符命名",
            )
        )
    return kept, problems
