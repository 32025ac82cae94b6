"""Write a record as the YAML file a person would have written.

    text = render_record(repository.schemas, "achievement", data)
    # # yaml-language-server: $schema=../../../schemas/achievement.schema.json
    # kind: achievement
    # id: scut-2026-004
    # ...

Keys follow the order of the schema, Chinese stays Chinese, and every text
that a YAML reader could take for a number, a date, a boolean or null is
quoted ('440100', '2026-05-01', '123456.78', 'no'), so that editors and other
tools read the file exactly as ``usefirst`` does. A text with several lines is
a literal block. Records hold only mappings, lists, texts, integers and
booleans, which this module writes itself: PyYAML's representer would take
most of the time of a 10,000-row import.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from usefirst.kinds import UNIT_KIND
from usefirst.schemas import SCHEMA_SUFFIX, SchemaSet

INDENT = "  "
_AMBIGUOUS = re.compile(
    r"[-+]?[0-9.][0-9_.:eE+-]*|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*"
    r"|y|n|yes|no|on|off|true|false|null|~|\.inf|\.nan|<<|=",
    re.IGNORECASE,
)
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
Order = dict[str, tuple[int, "Order"]]


def schema_line(kind: str) -> str:
    """Name the record's schema for editors (yaml-language-server)."""
    depth = "../.." if kind == UNIT_KIND else "../../.."
    return f"# yaml-language-server: $schema={depth}/schemas/{kind}{SCHEMA_SUFFIX}"


def render_record(schemas: SchemaSet, kind: str, data: dict[str, Any]) -> str:
    """Render a record as YAML text, schema line first."""
    ordered = _ordered(data, _order(schemas, kind))
    return "\n".join([schema_line(kind), *_mapping(ordered, "")]) + "\n"


_ORDERS: dict[tuple[str, int], tuple[dict[str, Any], Order]] = {}


def _order(schemas: SchemaSet, kind: str) -> Order:
    """Return the key order of a kind, worked out once per schema document."""
    document = schemas.documents[kind]
    key = (kind, id(document))
    if key not in _ORDERS:
        # the document is kept with its order, so that its id is never reused
        _ORDERS[key] = (document, _tree(schemas, document, 0))
    return _ORDERS[key][1]


def _tree(schemas: SchemaSet, schema: dict[str, Any], depth: int) -> Order:
    """Map each key to its place and the order of what it holds."""
    schema = schemas.resolve(schema)
    if depth > 8:
        return {}
    if schema.get("type") == "array":
        return _tree(schemas, schema.get("items", {}), depth + 1)
    properties = schema.get("properties", {})
    return {
        key: (index, _tree(schemas, sub, depth + 1))
        for index, (key, sub) in enumerate(properties.items())
    }


def _ordered(value: Any, order: Order) -> Any:
    """Put the keys of a value, and of all it holds, in schema order."""
    if isinstance(value, list):
        return [_ordered(item, order) for item in value]
    if not isinstance(value, dict):
        return value
    keys = sorted(value, key=lambda key: (order.get(key, (len(order), {}))[0], key))
    return {key: _ordered(value[key], order.get(key, (0, {}))[1]) for key in keys}


def _mapping(mapping: dict[str, Any], pad: str) -> list[str]:
    lines = []
    for key, value in mapping.items():
        if isinstance(value, dict) and value:
            lines.append(f"{pad}{key}:")
            lines.extend(_mapping(value, pad + INDENT))
        elif isinstance(value, list) and value:
            lines.append(f"{pad}{key}:")
            lines.extend(_sequence(value, pad))
        else:
            lines.extend(_scalar_lines(f"{pad}{key}:", value, pad))
    return lines


def _sequence(items: list[Any], pad: str) -> list[str]:
    lines = []
    for item in items:
        if isinstance(item, dict) and item:
            block = _mapping(item, pad + INDENT)
            lines.append(f"{pad}- {block[0][len(pad) + len(INDENT) :]}")
            lines.extend(block[1:])
        else:
            lines.extend(_scalar_lines(f"{pad}-", item, pad))
    return lines


def _scalar_lines(head: str, value: Any, pad: str) -> list[str]:
    if isinstance(value, str) and _is_block(value):
        body = [f"{pad}{INDENT}{line}" if line else "" for line in value.split("\n")]
        return [f"{head} |-", *body]
    return [f"{head} {scalar(value)}"]


def _is_block(text: str) -> bool:
    # a literal block keeps every character but a leading space or a final newline
    lines = text.split("\n")
    return (
        len(lines) > 1
        and not text.startswith((" ", "\t"))
        and not text.endswith(("\n", " ", "\t"))
        and all(line.isprintable() for line in lines)
    )


def scalar(value: Any) -> str:
    """Write one value on one line: plain where safe, otherwise quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict | list):
        return "{}" if isinstance(value, dict) else "[]"
    text = str(value)
    if not text.isprintable():
        return json.dumps(text, ensure_ascii=False)
    if _plain(text):
        return text
    return "'" + text.replace("'", "''") + "'"


def _plain(text: str) -> bool:
    return (
        bool(text)
        and text[0] not in _INDICATORS
        and not text[0].isspace()
        and not text.endswith((" ", ":"))
        and ": " not in text
        and " #" not in text
        and not _AMBIGUOUS.fullmatch(text)
    )


def has_comments(text: str) -> bool:
    """Tell whether a record file holds comments other than its schema line."""
    try:
        scalars = [
            (token.start_mark.index, token.end_mark.index)
            for token in yaml.scan(text, Loader=yaml.SafeLoader)
            if isinstance(token, yaml.ScalarToken)
        ]
    except yaml.YAMLError:
        return False
    for found in re.finditer(r"(?:^|(?<=[ \t]))#", text, re.MULTILINE):
        start = found.start()
        if any(first <= start < last for first, last in scalars):
            continue
        if not text.startswith("# yaml-language-server:", start):
            return True
    return False
