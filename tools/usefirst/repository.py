"""Where a catalog repository keeps its parts.

repository = Repository.find(Path.cwd())
repository.catalog_dir      # <root>/catalog
"""

from __future__ import annotations

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

    def relative(self, path: Path) -> str:
        """Name a file the way messages show it: relative, with slashes."""
        try:
            return path.absolute().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()
