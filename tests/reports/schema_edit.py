"""Change a schema of a test repository, to show that reports follow the schemas.

catalog = edit_schema(repository, "pay_later_contract", retitle("新名称"))
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from usefirst.catalog import Catalog, load_catalog
from usefirst.repository import Repository

Edit = Callable[[dict[str, Any]], None]


def edit_schema(repository: Repository, kind: str, edit: Edit) -> Catalog:
    """Edit a kind's schema in the repository; load the catalog anew."""
    path = repository.root / "schemas" / f"{kind}.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    edit(schema)
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    catalog, problems = load_catalog(Repository(repository.root), use_cache=False)
    assert problems == []
    return catalog


def retitle(title: str) -> Edit:
    """Give the kind another title."""

    def edit(schema: dict[str, Any]) -> None:
        schema["title"] = title

    return edit
