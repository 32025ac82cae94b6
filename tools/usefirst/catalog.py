"""The catalog: every record file of a repository, loaded and indexed.

    catalog, problems = load_catalog(Repository.find(Path.cwd()))
    catalog.get("scut-2026-001").data["title"]

Layout, one folder per unit (or city bureau, enterprise, insurer)::

    catalog/<unit>/unit.yaml
    catalog/<unit>/<folder of the kind>/<id>.yaml
    catalog/<unit>/attachments/...

A record that fails its schema is reported and kept out of the cross-record
rules, but its id still counts as present, so a reference to it is not
reported a second time as missing.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from usefirst.facts import NO_FACTS, Facts
from usefirst.filecheck import FileResult, check_files
from usefirst.kinds import ATTACHMENT_FOLDER, FOLDER_KINDS, UNIT_FILE, UNIT_KIND
from usefirst.loader import Document
from usefirst.problems import Problem, Severity
from usefirst.repository import Repository

log = logging.getLogger(__name__)

RECORD_SUFFIXES = (".yaml", ".yml")
ROOT_FILES = ("settings.yaml", "numbers.yaml")  # the only files beside unit folders
T = TypeVar("T")


@dataclass
class Record:
    """One schema-valid record, where it came from, and its facts.

    A record whose file has errors (``complete`` false) is the valid part of
    what was written, or, in ``Catalog.written``, all that was written; only
    the checker's rules see such records.
    """

    document: Document
    folder: str
    facts: Facts
    complete: bool

    def __post_init__(self) -> None:
        # plain attributes, not properties: rules read them millions of times
        self.data: dict[str, Any] = self.document.data
        self.kind: str = self.data.get("kind")
        # a record kept as written despite wrong values may hold anything here
        record_id = self.data.get("id")
        self.id: str = record_id if isinstance(record_id, str) else ""
        self.file: str = self.document.file
        # the dictionary's own get, called without a step through this class
        # (so, like dict.get, it takes the default by position only)
        self.get: Callable[..., Any] = self.data.get

    def get(self, key: str, default: Any = None, /) -> Any:
        return self.data.get(key, default)

    def problem(
        self,
        path: tuple[str | int, ...],
        rule: str,
        message: str,
        severity: Severity = Severity.ERROR,
    ) -> Problem:
        """Make a problem pointing at one field of this record."""
        line = self.document.line_of(path)
        return Problem(self.file, line, rule, message, path, severity)


@dataclass
class Catalog:
    """All valid records, indexed by id and kind.

    ``written`` holds the records with a wrong value and no valid part, as they
    were written, for the rules that read only facts (``rule(facts_only=...)``).
    """

    repository: Repository
    records: list[Record] = field(default_factory=list)
    known_ids: set[str] = field(default_factory=set)
    written: list[Record] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_id: dict[str, Record] = {}
        self.by_kind: dict[str, list[Record]] = defaultdict(list)
        self._shared: dict[Hashable, Any] = {}
        for record in self.records:
            self.by_id.setdefault(record.id, record)
            self.by_kind[record.kind].append(record)
        self._units = {record.id: record for record in self.of_kind(UNIT_KIND)}

    def get(self, record_id: str) -> Record | None:
        """Return the valid record with this id, if there is one."""
        return self.by_id.get(record_id)

    def of_kind(self, kind: str) -> list[Record]:
        return self.by_kind.get(kind, [])

    def complete(self) -> Catalog:
        """Return the catalog without the records whose files have errors."""
        if not self.written and all(record.complete for record in self.records):
            return self
        records = [record for record in self.records if record.complete]
        return Catalog(self.repository, records, self.known_ids)

    def units(self) -> dict[str, Record]:
        """Map each unit folder to its unit record."""
        return self._units

    def referring(self, kind: str, key: str, record_id: str) -> Iterator[Record]:
        """Yield records of a kind whose field ``key`` names ``record_id``."""
        return (record for record in self.of_kind(kind) if record.get(key) == record_id)

    def shared(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Compute a value derived from the records once, for every rule that asks.

        Two rules that need the same pass over every record (the privacy rules
        look for identity and mobile numbers in the same texts) share it here.
        """
        if key not in self._shared:
            self._shared[key] = compute()
        return self._shared[key]


def record_files(repository: Repository) -> list[Path]:
    """List every YAML file below the catalog folder, sorted.

    Files right under ``catalog/`` are settings, not records; hidden files and
    folders are skipped. A folder named like a record file is listed too, so
    that the check reports it instead of passing over it; so is a file whose
    extension is in capitals, which the layout check asks to rename.
    """
    return [Path(path) for path in _walk(repository)[0]]


def _walk(repository: Repository) -> tuple[list[str], list[str]]:
    """Split the catalog into record files and paths that belong nowhere.

    A symlinked folder is not followed: its records would be neither checked
    nor published, so it is reported with the stray files.
    """
    # names as strings: a Path per file costs more than reading the file
    root = str(repository.catalog_dir)
    found: list[str] = []
    stray: list[str] = []
    for folder, folders, files in os.walk(root):
        folders[:] = [name for name in folders if not name.startswith(".")]
        in_attachments = _in_attachments(folder[len(root) :])
        if not in_attachments:
            stray.extend(
                os.path.join(folder, name)
                for name in folders
                if not name.lower().endswith(RECORD_SUFFIXES)
                and os.path.islink(os.path.join(folder, name))
            )
        if folder == root:
            stray.extend(os.path.join(folder, name) for name in files if _stray(name))
            continue
        for name in [*files, *folders]:
            if name.startswith("."):
                continue
            if name.lower().endswith(RECORD_SUFFIXES):
                found.append(os.path.join(folder, name))
            elif name in files and not in_attachments:
                stray.append(os.path.join(folder, name))
    return sorted(found), sorted(stray)


def _stray(name: str) -> bool:
    return not name.startswith(".") and name not in ROOT_FILES


def _in_attachments(relative: str) -> bool:
    # relative is os.sep + "<unit>" + ...; attachments only right below a unit
    parts = relative.split(os.sep)
    return len(parts) > 2 and parts[2] == ATTACHMENT_FOLDER


def stray_problems(repository: Repository, paths: Iterable[str]) -> list[Problem]:
    """Report files and linked folders the catalog would otherwise pass over."""
    problems = []
    for path in paths:
        file = repository.relative(path)
        name = file.rsplit("/", 1)[-1]
        if os.path.islink(path) and os.path.isdir(path):
            rule = "LAYOUT.symlink"
            message = (
                f"文件夹“{name}”是指向别处的符号链接，其中的记录不会被检查或发布："
                "请把文件夹本身放到这里"
            )
        elif file.count("/") == 1:
            rule = "LAYOUT.stray"
            message = (
                f"catalog/ 下只能放单位文件夹和 {'、'.join(ROOT_FILES)}："
                f"请把“{name}”移到所属单位的文件夹中，或删除它"
            )
        else:
            rule = "LAYOUT.not_record"
            message = (
                f"“{name}”不是 .yaml 记录文件，不会被检查或发布："
                f"记录请改为 .yaml 文件，扫描件等附件请放到单位的 "
                f"{ATTACHMENT_FOLDER}/ 文件夹中"
            )
        problems.append(Problem(file, 1, rule, message))
    return problems


def load_catalog(
    repository: Repository, *, use_cache: bool = True, partial: bool = False
) -> tuple[Catalog, list[Problem]]:
    """Load and schema-check every record file; index the valid ones."""
    files, stray = _walk(repository)
    results = check_files(repository, files, use_cache=use_cache)
    catalog, problems = build_catalog(repository, results, partial=partial)
    # a record behind a symlinked folder is reported with the folder, not
    # again as a missing reference in every file that names it
    catalog.known_ids.update(_ids_behind_links(repository, stray))
    return catalog, [*stray_problems(repository, stray), *problems]


def _ids_behind_links(repository: Repository, stray: list[str]) -> set[str]:
    ids: set[str] = set()
    for path in stray:
        if not (os.path.islink(path) and os.path.isdir(path)):
            continue
        for folder, _, files in os.walk(path):
            for name in files:
                place = _id_of_place(repository.relative(os.path.join(folder, name)))
                if place:
                    ids.add(place)
    return ids


def build_catalog(
    repository: Repository, results: Iterable[FileResult], *, partial: bool = False
) -> tuple[Catalog, list[Problem]]:
    """Index per-file results into a catalog and gather their problems.

    With ``partial``, records whose files have errors are indexed too, as far
    as they are valid (``Record.complete``), for the rules to check them; those
    with no valid part are kept as written, with their facts.
    """
    records, written, known, problems = [], [], set(), []
    for result in results:
        problems.extend(result.problems)
        # a record stands for the id it holds and for the one its place gives,
        # so that neither is reported missing where it is named
        record_id = result.document.data.get("id") if result.document else None
        known.update(
            name
            for name in (record_id, _id_of_place(result.file))
            if isinstance(name, str) and name
        )
        complete = result.complete
        if result.readable is not None and (complete or partial):
            records.append(
                Record(result.readable, result.folder, result.facts, complete)
            )
        elif partial and result.document is not None and result.facts != NO_FACTS:
            written.append(Record(result.document, result.folder, result.facts, False))
    log.info("loaded %d records, %d valid", len(known), len(records))
    return Catalog(repository, records, known, written), problems


def _id_of_place(file: str) -> str | None:
    parts = file.split("/")
    if len(parts) == 3 and parts[2] == UNIT_FILE:
        return parts[1]
    if len(parts) == 4 and parts[2] in FOLDER_KINDS:
        return parts[3].rsplit(".", 1)[0]
    return None
