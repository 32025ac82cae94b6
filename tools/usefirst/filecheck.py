"""Checks of one file on its own: YAML, layout and schema, with a cache.

    results = check_files(repository, [Path("catalog/scut/unit.yaml")])

A file's result (its record, its problems, the facts rules read of it alone)
depends only on its bytes, its place and the schemas, so it is cached under
the digest of all three; a pull request that changes one file re-checks one
file. The cache keeps one shard per unit folder, so that saving after such a
change rewrites one small shard, not the whole catalog.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from usefirst import __version__
from usefirst.facts import NO_FACTS, Facts, record_facts
from usefirst.layout import layout_problems
from usefirst.loader import Document, parse_bytes, read_record
from usefirst.problems import Problem
from usefirst.repository import Repository

log = logging.getLogger(__name__)

CACHE_FOLDER = "files"
_Entry = tuple[bytes, "FileResult"]


@dataclass
class FileResult:
    """What one file yields: its document (if it parsed), problems and facts.

    ``readable`` is what the rules across records may read: the document when
    its record is schema-valid, else its record without unknown fields (a
    misspelt required field read under its right name), if that is valid
    (``SchemaSet.valid_part``). The facts are those of ``readable``, or of
    the record as written when it has no valid part.
    """

    file: str
    folder: str
    document: Document | None
    problems: list[Problem]
    readable: Document | None = None
    facts: Facts = NO_FACTS

    @property
    def complete(self) -> bool:
        """Tell whether the file has no error at all."""
        return not any(problem.is_error for problem in self.problems)


def check_files(
    repository: Repository, paths: Iterable[Path | str], *, use_cache: bool = True
) -> list[FileResult]:
    """Check each file, reusing cached results of unchanged files."""
    with paused_gc():
        cache = _Cache(repository) if use_cache else None
        results = [check_path(repository, path, cache) for path in paths]
        if cache:
            cache.save()
    return results


def check_path(
    repository: Repository, path: Path | str, cache: _Cache | None = None
) -> FileResult:
    """Check one file on disk; an unreadable file is a problem, not an error."""
    file = repository.relative(path)
    raw, problems = read_record(path, file)
    if raw is None:
        return FileResult(file, folder_of(file), None, problems)
    result = cache.get(file, raw) if cache else None
    if result is None:
        result = check_bytes(repository, file, raw)
        if cache:
            cache.put(file, raw, result)
    return result


def check_bytes(repository: Repository, file: str, raw: bytes) -> FileResult:
    """Parse one file, check its layout and schema, and gather its facts."""
    log.debug("checking %s", file)
    document, problems = parse_bytes(raw, file)
    if document is None:
        return FileResult(file, folder_of(file), None, problems)
    problems.extend(layout_problems(repository, document))

    # a record in the wrong place is still checked in full, so that one run
    # shows every problem; only a record of no known kind has no schema
    kind = document.data.get("kind")
    if not isinstance(kind, str) or kind not in repository.schemas.kinds:
        return FileResult(file, folder_of(file), document, problems)
    schema_problems = repository.schemas.validate(document, kind)
    problems.extend(_not_repeating_yaml(schema_problems, problems))
    readable = _readable(repository, document, kind) if schema_problems else document
    facts = record_facts(kind, (readable or document).data)
    return FileResult(file, folder_of(file), document, problems, readable, facts)


def _not_repeating_yaml(found: list[Problem], problems: list[Problem]) -> list[Problem]:
    """Leave out schema problems of a field whose YAML problem explains them.

    An alias is read as an empty value and a tagged value as text: the schema
    would then report a field the YAML problem already speaks of.
    """
    fields = [p.path for p in problems if p.rule.startswith("YAML.") and p.path]
    if not fields:
        return found
    return [
        problem
        for problem in found
        if not any(problem.path[: len(field)] == field for field in fields)
    ]


def _readable(repository: Repository, document: Document, kind: str) -> Document | None:
    part = repository.schemas.valid_part(document.data, kind)
    return None if part is None else document.with_data(part.data, part.renamed)


def folder_of(file: str) -> str:
    """Name the unit folder of a repository-relative file, or ``""``."""
    parts = file.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "catalog" else ""


@contextmanager
def paused_gc() -> Iterator[None]:
    """Keep the cyclic garbage collector away from the records being loaded.

    Records are trees of dicts, lists and strings, freed by reference counting.
    Left running, the collector walks every record loaded so far again and
    again, which costs as much as parsing them. Afterwards the records loaded
    are frozen (``gc.freeze``) rather than scanned once more: they stay alive
    for the rest of the run and are still freed by reference counting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


class _Cache:
    """Per-file results keyed by content, tool version and schemas."""

    def __init__(self, repository: Repository) -> None:
        self.root = repository.root
        self.folder = repository.cache_dir / CACHE_FOLDER
        self.salt = _salt(repository)
        self.shards: dict[str, dict[str, _Entry]] = {}
        self.dirty: set[str] = set()
        self.load()

    def load(self) -> None:
        try:
            paths = list(self.folder.glob("*.pickle"))
        except OSError:
            return
        for path in paths:
            shard = _read_shard(path, self.salt)
            if shard is not None:
                self.shards[path.stem] = shard

    def get(self, file: str, raw: bytes) -> FileResult | None:
        entry = self.shards.get(_shard_name(file), {}).get(file)
        if entry and entry[0] == hashlib.sha1(raw).digest():
            return entry[1]
        return None

    def put(self, file: str, raw: bytes, result: FileResult) -> None:
        name = _shard_name(file)
        self.shards.setdefault(name, {})[file] = (hashlib.sha1(raw).digest(), result)
        self.dirty.add(name)

    def save(self) -> None:
        """Write the shards that changed, without entries of deleted files."""
        for name in sorted(self.dirty):
            entries = {
                file: entry
                for file, entry in self.shards[name].items()
                if os.path.lexists(self.root / file)
            }
            try:
                _write_shard(self.folder / f"{name}.pickle", self.salt, entries)
            except OSError as error:
                log.warning("cache not written: %s", error)
                return
        self.dirty.clear()


def _shard_name(file: str) -> str:
    return hashlib.sha1(folder_of(file).encode()).hexdigest()[:16]


def _read_shard(path: Path, salt: bytes) -> dict[str, _Entry] | None:
    try:
        stored_salt, entries = pickle.loads(path.read_bytes())
    except Exception:  # a damaged or outdated cache is only a slower run
        log.debug("cache shard %s ignored", path)
        return None
    return entries if stored_salt == salt else None


def _write_shard(path: Path, salt: bytes, entries: dict[str, _Entry]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(pickle.dumps((salt, entries), protocol=5))
    temporary.replace(path)


# the code that decides a file's result; a change to any of it, or to the
# schemas, makes every cached result stale
_RESULT_MODULES = (
    "facts",
    "filecheck",
    "identifiers",
    "kinds",
    "layout",
    "loader",
    "problems",
    "schemas",
)
_RESULT_LIBRARIES = ("pyyaml", "jsonschema", "fastjsonschema")


def _salt(repository: Repository) -> bytes:
    digest = hashlib.sha1(__version__.encode())
    for library in _RESULT_LIBRARIES:
        digest.update(metadata.version(library).encode())
    for path in sorted(repository.schema_dir.glob("*.json")):
        digest.update(path.name.encode() + _schema_bytes(path))
    for name in _RESULT_MODULES:
        digest.update((Path(__file__).parent / f"{name}.py").read_bytes())
    return digest.digest()


def _schema_bytes(path: Path) -> bytes:
    """Read a schema file for the salt; one that cannot be read counts as empty.

    Loading the schemas then reports that file as a ``SchemaError`` naming it,
    which the salt must not pre-empt with an ``OSError``.
    """
    try:
        return path.read_bytes()
    except OSError:
        log.debug("schema %s unreadable for the cache salt", path)
        return b""
