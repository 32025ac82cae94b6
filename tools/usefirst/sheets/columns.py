"""Spreadsheet columns of a record kind, derived from its schema.

    columns = ColumnSet(repository.schemas, "achievement")
    [column.header for column in columns.layout()][:3]  # 记录标识、成果编号、成果名称
    columns.by_header[header_key("知识产权2.权利号")].path  # ("rights", 1, "number")

One column per leaf field, headed by the field's Chinese title. The fields of a
nested object are headed by the titles joined with "." (对接联系方式.联系电话);
a list of objects becomes groups of columns numbered from 1 (知识产权1.权利类型,
知识产权1.权利号, 知识产权2.权利类型 …); a list of texts or codes is one cell,
its items separated by "；". The record kind is the sheet, not a column.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from usefirst.schemas import COMMON, SchemaSet

Path = tuple[str | int, ...]
GroupKey = tuple[str, ...]

TEXT = "text"
CODE = "code"
DATE = "date"
AMOUNT = "amount"
INTEGER = "integer"
BOOLEAN = "boolean"
CHOICE = "choice"
CHOICES = "choices"
TEXTS = "texts"

LIST_SEPARATOR = "；"
TEMPLATE_GROUPS = 3
MAX_GROUPS = 50
SKIPPED_FIELDS = ("kind",)
# identifiers whose schema gives no pattern (权利号, 项目编号) are read like codes
IDENTIFIER_KEYS = ("number", "code")
YES, NO = "是", "否"


@dataclass(frozen=True)
class Column:
    """One spreadsheet column: its header, the record field and the cell type."""

    header: str
    path: Path
    cell: str
    required: bool
    description: str
    labels: tuple[tuple[str, str], ...] = ()
    pattern: str = ""
    group: GroupKey = ()
    position: int = -1

    @property
    def codes(self) -> dict[str, str]:
        """Map each code of a closed vocabulary to its Chinese name."""
        return dict(self.labels)

    @property
    def key(self) -> str:
        """Return the header as matching sees it."""
        return header_key(self.header)


def header_key(header: str) -> str:
    """Reduce a header to what identifies it, whatever spaces or width were typed."""
    text = unicodedata.normalize("NFKC", str(header))
    text = "".join(text.split()).replace("(必填)", "")
    return text.strip("*")


def group_key(path: Path) -> GroupKey:
    """Name the list a path belongs to, without its positions."""
    return tuple(part for part in path if isinstance(part, str))


class ColumnSet:
    """Every column a kind can have, and the columns of a template or export."""

    def __init__(self, schemas: SchemaSet, kind: str) -> None:
        self.schemas = schemas
        self.kind = kind
        self.root = schemas.resolve(schemas.documents[kind])
        self.amount_pattern = schemas.documents[COMMON]["$defs"]["amount"]["pattern"]
        self.all = list(self._walk(self.root, (), (), True, (), -1))
        self.by_header = {column.key: column for column in self.all}
        self.by_path = {column.path: column for column in self.all}
        self.order = {column.path: index for index, column in enumerate(self.all)}

    @property
    def title(self) -> str:
        """Name the kind in Chinese, as its schema titles it."""
        return self.schemas.kind_title(self.kind)

    def layout(self, counts: Mapping[GroupKey, int] | None = None) -> list[Column]:
        """List the columns of a sheet: three groups per list, or as many as needed."""
        counts = counts or {}
        return [
            column
            for column in self.all
            if column.position < max(TEMPLATE_GROUPS, counts.get(column.group, 0))
        ]

    def group_counts(self, records: list[dict[str, Any]]) -> dict[GroupKey, int]:
        """Count the groups the longest list of each kind of list needs."""
        counts: dict[GroupKey, int] = {}
        for data in records:
            for path in self.flatten(data):
                column = self.by_path[path]
                if column.group:
                    count = max(counts.get(column.group, 0), column.position + 1)
                    counts[column.group] = count
        return counts

    def header_of(self, path: Path) -> str:
        """Name any field path the way column headers name it."""
        titles: list[str] = []
        node = self.root
        for part in path:
            if isinstance(part, int):
                node = self.schemas.resolve(node.get("items", {}))
                titles[-1] += str(part + 1) if titles else ""
                continue
            node = self.schemas.resolve(node.get("properties", {}).get(part, {}))
            titles.append(node.get("title", part))
        return ".".join(titles) or self.title

    def flatten(self, data: dict[str, Any]) -> dict[Path, Any]:
        """Take the value of every column from a record."""
        cells: dict[Path, Any] = {}
        self._visit(data, (), cells)
        return cells

    def _visit(self, value: Any, path: Path, cells: dict[Path, Any]) -> None:
        if path in self.by_path:
            cells[path] = value
        elif isinstance(value, dict):
            for key, item in value.items():
                self._visit(item, (*path, key), cells)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self._visit(item, (*path, index), cells)

    def build(self, cells: Mapping[Path, Any]) -> dict[str, Any]:
        """Make a record from column values; empty groups leave no list item."""
        root: dict[Any, Any] = {}
        for path in sorted(cells, key=self.order.__getitem__):
            value = cells[path]
            if value is None or value == "" or value == []:
                continue
            node = root
            for part in path[:-1]:
                node = node.setdefault(part, {})
            node[path[-1]] = value
        return _compact(root)

    def _walk(
        self,
        node: dict[str, Any],
        path: Path,
        titles: tuple[str, ...],
        required: bool,
        group: GroupKey,
        position: int,
    ) -> Iterator[Column]:
        needed_keys = node.get("required", ())
        for key, raw in node.get("properties", {}).items():
            if not path and key in SKIPPED_FIELDS:
                continue
            schema = self.schemas.resolve(raw)
            here, names = (*path, key), (*titles, schema.get("title", key))
            needed = required and key in needed_keys
            if _is_object(schema):
                yield from self._walk(schema, here, names, needed, group, position)
            elif _is_object_list(self.schemas, schema):
                yield from self._groups(schema, here, names, needed)
            else:
                yield self._column(schema, here, names, needed, group, position)

    def _groups(
        self, schema: dict[str, Any], path: Path, names: tuple[str, ...], needed: bool
    ) -> Iterator[Column]:
        items = self.schemas.resolve(schema.get("items", {}))
        for index in range(schema.get("maxItems", MAX_GROUPS)):
            numbered = (*names[:-1], f"{names[-1]}{index + 1}")
            first = needed and index < schema.get("minItems", 0)
            here = (*path, index)
            yield from self._walk(items, here, numbered, first, group_key(path), index)

    def _column(
        self,
        schema: dict[str, Any],
        path: Path,
        names: tuple[str, ...],
        required: bool,
        group: GroupKey,
        position: int,
    ) -> Column:
        cell, vocabulary = self._cell(schema)
        if cell == TEXT and path[-1] in IDENTIFIER_KEYS:
            cell = CODE
        labels = tuple((code, vocabulary.get(code) or code) for code in vocabulary)
        return Column(
            header=".".join(names),
            path=path,
            cell=cell,
            required=required,
            description=schema.get("description", ""),
            labels=labels,
            pattern=schema.get("pattern", "") if cell == CODE else "",
            group=group,
            position=position,
        )

    def _cell(self, schema: dict[str, Any]) -> tuple[str, dict[str, str]]:
        if schema.get("type") == "array":
            items = self.schemas.resolve(schema.get("items", {}))
            if "enum" in items:
                return CHOICES, _vocabulary(self.schemas, items)
            return TEXTS, {}
        if "enum" in schema:
            return CHOICE, _vocabulary(self.schemas, schema)
        simple = {"boolean": BOOLEAN, "integer": INTEGER}.get(str(schema.get("type")))
        if simple:
            return simple, {}
        if schema.get("pattern") == self.amount_pattern:
            return AMOUNT, {}
        if schema.get("format") == "date":
            return DATE, {}
        return (CODE if "pattern" in schema else TEXT), {}


def _vocabulary(schemas: SchemaSet, schema: dict[str, Any]) -> dict[str, str]:
    labels = schemas.labels(schema)
    return {str(code): labels.get(code, str(code)) for code in schema["enum"]}


def _is_object(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "object" or "properties" in schema


def _is_object_list(schemas: SchemaSet, schema: dict[str, Any]) -> bool:
    if schema.get("type") != "array":
        return False
    return _is_object(schemas.resolve(schema.get("items", {})))


def _compact(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    items = {key: _compact(item) for key, item in value.items()}
    if items and all(isinstance(key, int) for key in items):
        return [items[key] for key in sorted(items)]
    return items


def conditions(schemas: SchemaSet, kind: str) -> dict[str, list[str]]:
    """Say, per top-level field, when an ``allOf`` condition makes it required."""
    root = schemas.resolve(schemas.documents[kind])
    found: dict[str, list[str]] = {}
    for clause in root.get("allOf", []):
        when = clause.get("if", {}).get("properties", {})
        for field, test in when.items():
            if "const" not in test:
                continue
            schema = schemas.resolve(root["properties"][field])
            label = schemas.labels(schema).get(test["const"], test["const"])
            text = f"“{schema.get('title', field)}”为“{label}”时必填"
            for needed in clause.get("then", {}).get("required", []):
                found.setdefault(needed, []).append(text)
    return found
