"""Where a catalog repository keeps its parts.

repository = Repository.find(Path.cwd())
repository.catalog_dir      # <root>/catalog
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from usefirst.schemas import SCHEMA_SUFFIX, SchemaSet

log = logging.getLogger(__name__)

CACHE_ENV = "USEFIRST_CACHE_DIR"


class RepositoryNotFound(Exception):
    """Raised when no folder above the start has ``catalog/`` and ``schemas/``."""


class SchemaError(Exception):
    """Raised when a schema file cannot be read, or is missing but referred to."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


@dataclass(frozen=True)
class Repository:
    """The root of a catalog repository and its well-known folders."""

    root: Path

    @classmethod
    def find(cls, start: Path) -> Repository:
        """Return the nearest repository at or above ``start``."""
        start = start.resolve()
        for folder in (start, *start.parents):
            if (folder / "schemas").is_dir() and (folder / "catalog").is_dir():
                return cls(folder)
        raise RepositoryNotFound(str(start))

    @property
    def catalog_dir(self) -> Path:
        return self.root / "catalog"

    @property
    def schema_dir(self) -> Path:
        return self.root / "schemas"

    @property
    def cache_dir(self) -> Path:
        """Name the folder of the check cache, outside the repository.

        A cache inside the working tree could be planted by a pull request;
        unpickling it would run the submitter's code in CI.
        """
        override = os.environ.get(CACHE_ENV)
        if override:
            return Path(override)
        base = os.environ.get("XDG_CACHE_HOME", "")
        home = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
        key = hashlib.sha256(str(self.root.resolve()).encode()).hexdigest()[:16]
        return home / "usefirst" / key

    @cached_property
    def schemas(self) -> SchemaSet:
        """Load the record schemas; raise ``SchemaError`` naming a broken file."""
        try:
            schemas = SchemaSet.load(self.schema_dir)
        except (OSError, ValueError, RecursionError) as error:
            raise self._broken_schema(error) from error
        for name, document in schemas.documents.items():
            self._check_schema(name, document, schemas.documents)
        return schemas

    def _broken_schema(self, error: Exception) -> SchemaError:
        # SchemaSet.load does not say which file it failed on: read each again
        for path in sorted(self.schema_dir.glob(f"*{SCHEMA_SUFFIX}")):
            try:
                json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError, RecursionError) as found:
                log.debug("schema %s: %s", path, found)
                return SchemaError(self.relative(path), _schema_reason(found))
        log.debug("schemas: %s", error)
        return SchemaError(self.relative(self.schema_dir), "无法读取")

    def _check_schema(
        self, name: str, document: Any, documents: dict[str, Any]
    ) -> None:
        file = self.relative(self.schema_dir / f"{name}{SCHEMA_SUFFIX}")
        if not isinstance(document, dict):
            raise SchemaError(file, "内容应是一个 JSON 对象")
        for target in _referenced_files(document):
            if target.removesuffix(SCHEMA_SUFFIX) not in documents:
                missing = self.relative(self.schema_dir / target)
                raise SchemaError(missing, f"文件不存在，而 {file} 引用了它")

    def relative(self, path: Path | str) -> str:
        """Name a file the way messages show it: relative, with slashes.

        A file outside the repository keeps its absolute path.
        """
        # string operations, not pathlib: this runs once per record file
        root = str(self.root)
        prefix = os.path.join(root, "")
        absolute = os.path.abspath(path)
        if not absolute.startswith(prefix) and absolute != root:
            absolute = os.path.realpath(path)  # reached through a symbolic link
        if absolute == root:
            return "."
        if absolute.startswith(prefix):
            return absolute[len(prefix) :].replace(os.sep, "/")
        return Path(absolute).as_posix()


def _referenced_files(node: Any) -> Iterator[str]:
    """Yield the files that ``$ref`` keywords under a schema node point into."""
    if isinstance(node, dict):
        reference = node.get("$ref")
        if isinstance(reference, str) and reference.partition("#")[0]:
            yield reference.partition("#")[0]
        for value in node.values():
            yield from _referenced_files(value)
    elif isinstance(node, list):
        for value in node:
            yield from _referenced_files(value)


def _schema_reason(error: Exception) -> str:
    """Say in Chinese why a schema file could not be read."""
    if isinstance(error, json.JSONDecodeError):
        return f"第 {error.lineno} 行第 {error.colno} 列不是有效的 JSON"
    if isinstance(error, UnicodeDecodeError):
        return "不是 UTF-8 编码的文本"
    if isinstance(error, RecursionError):
        return "嵌套层次过深"
    if isinstance(error, IsADirectoryError):
        return "是文件夹而不是文件"
    if isinstance(error, PermissionError):
        return "没有读取权限"
    return "文件无法读取"
