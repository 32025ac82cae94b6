"""Checks of one file on its own: YAML, layout and schema, with a cache.

    results = check_files(repository, [Path("catalog/scut/unit.yaml")])

A file's result depends only on its bytes, its place and the schemas, so it is
cached under the digest of all three; a pull request that changes one file
re-checks one file.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from usefirst import __version__
from usefirst.layout import layout_problems
from usefirst.loader import Document, load_file, parse_bytes
from usefirst.problems import Problem
from usefirst.repository import Repository

log = logging.getLogger(__name__)

CACHE_FILE = "files.pickle"


@dataclass
class FileResult:
    """What one file yields: its document (if it parsed) and its problems."""

    file: str
    folder: str
    document: Document | None
    problems: list[Problem]


def check_files(
    repository: Repository, paths: Iterable[Path], *, use_cache: bool = True
) -> list[FileResult]:
    """Check each file, reusing cached results of unchanged files."""
    cache = _Cache(repository) if use_cache else None
    results = []
    for path in paths:
        file = repository.relative(path)
        if path.is_symlink():
            document, problems = load_file(path, file)
            results.append(FileResult(file, _folder(file), document, problems))
            continue
        raw = path.read_bytes()
        result = cache.get(file, raw) if cache else None
        if result is None:
            result = check_bytes(repository, file, raw)
            if cache:
                cache.put(file, raw, result)
        results.append(result)
    if cache:
        cache.save()
    return results


def check_bytes(repository: Repository, file: str, raw: bytes) -> FileResult:
    """Parse one file and check its layout and schema."""
    log.debug("checking %s", file)
    document, problems = parse_bytes(raw, file)
    if document is not None:
        layout = layout_problems(repository, document)
        problems.extend(layout)
        kind = document.data.get("kind")
        if not layout and kind in repository.schemas.kinds:
            problems.extend(repository.schemas.validate(document, kind))
    return FileResult(file, _folder(file), document, problems)


def _folder(file: str) -> str:
    parts = PurePosixPath(file).parts
    return parts[1] if len(parts) > 2 and parts[0] == "catalog" else ""


class _Cache:
    """Per-file results keyed by content, tool version and schemas."""

    def __init__(self, repository: Repository) -> None:
        self.path = repository.cache_dir / CACHE_FILE
        self.salt = _salt(repository)
        self.entries: dict[str, tuple[bytes, FileResult]] = {}
        self.dirty = False
        try:
            salt, entries = pickle.loads(self.path.read_bytes())
        except (
            OSError,
            pickle.UnpicklingError,
            EOFError,
            ValueError,
            AttributeError,
            ImportError,
        ):
            return
        if salt == self.salt:
            self.entries = entries

    def get(self, file: str, raw: bytes) -> FileResult | None:
        entry = self.entries.get(file)
        if entry and entry[0] == hashlib.sha1(raw).digest():
            return entry[1]
        return None

    def put(self, file: str, raw: bytes, result: FileResult) -> None:
        self.entries[file] = (hashlib.sha1(raw).digest(), result)
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_bytes(pickle.dumps((self.salt, self.entries), protocol=5))
            temporary.replace(self.path)
        except OSError as error:
            log.warning("cache not written: %s", error)


def _salt(repository: Repository) -> bytes:
    digest = hashlib.sha1(__version__.encode())
    for path in sorted(repository.schema_dir.glob("*.json")):
        digest.update(path.name.encode() + path.read_bytes())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    return digest.digest()
