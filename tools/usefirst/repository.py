"""Where a catalog repository keeps its parts.

repository = Repository.find(Path.cwd())
repository.catalog_dir      # <root>/catalog
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from usefirst.schemas import SchemaSet


class RepositoryNotFound(Exception):
    """Raised when no folder above the start has ``catalog/`` and ``schemas/``."""


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
        return self.root / ".cache" / "usefirst"

    @cached_property
    def schemas(self) -> SchemaSet:
        return SchemaSet.load(self.schema_dir)

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
