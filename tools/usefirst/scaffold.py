"""A new record file with every field explained in Chinese, ready to fill in.

    text = scaffold(repository.schemas, "achievement", "scut", "scut-2026-004")
    # # yaml-language-server: $schema=../../../schemas/achievement.schema.json
    # # 科技成果：一项职务科技成果的入库记录……
    # # 成果名称（必填）：简洁说明技术内容，例如 高安全固态锂电池电解质制备技术。
    # title:

Every field of the schema appears in schema order under a comment with its
title, whether it is required, its description and, for a closed vocabulary,
the codes with their Chinese names. Required fields are written out with an
empty value; optional ones are commented out ("# " before each line), so that
removing that one "# " (an editor's toggle comment) brings a field, or a whole
group with its own comments, to life. The kind, id, unit, status and, for an
achievement, the channel ``inventor`` are filled in.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from usefirst.kinds import UNIT_KIND
from usefirst.schemas import SchemaSet
from usefirst.sheets.recordfile import schema_line

OPTIONS_PER_LINE = 4
PREFILLED_CHANNEL = "inventor"
HOW_TO = (
    "# 填写方法：必填字段都要填写；选填字段需要时，"
    "删除该行（或整组每行）开头的“# ”再填写。",
    '# 日期写作 2026-05-01；金额以元为单位，写数字，例如 500000 或 "123456.78"；'
    "代码类字段填写代码。",
    "# 写好后运行 usefirst validate 检查。",
)


def new_id(taken: set[str], unit: str, today: datetime.date) -> str:
    """Return the first free id ``<unit>-<year>-<seq>`` after the highest in use."""
    prefix = f"{unit}-{today.year}-"
    pattern = re.compile(re.escape(prefix) + r"(\d+)")
    used = [
        int(m.group(1)) for record_id in taken if (m := pattern.fullmatch(record_id))
    ]
    number = max(used, default=0) + 1
    while f"{prefix}{number:03d}" in taken:
        number += 1
    return f"{prefix}{number:03d}"


def prefilled_values(schemas: SchemaSet, kind: str, unit: str, record_id: str) -> dict:
    """Return the top-level values a new record starts with."""
    root = schemas.resolve(schemas.documents[kind])
    properties = root.get("properties", {})
    values: dict[str, Any] = {
        "kind": kind,
        "id": unit if kind == UNIT_KIND else record_id,
    }
    if "unit" in properties:
        values["unit"] = unit
    if "channel" in properties:
        values["channel"] = PREFILLED_CHANNEL
    status = schemas.resolve(properties.get("status", {})).get("enum")
    if status:
        values["status"] = status[0]
    return values


def scaffold(schemas: SchemaSet, kind: str, unit: str, record_id: str) -> str:
    """Write the text of a new, explained record file."""
    root = schemas.resolve(schemas.documents[kind])
    values = prefilled_values(schemas, kind, unit, record_id)
    lines = [
        schema_line(kind),
        f"# {root.get('title', kind)}：{root.get('description', '')}",
        *HOW_TO,
        "",
    ]
    required = set(root.get("required", [])) | _conditional(root, values)
    lines.extend(_fields(schemas, root, required, values, ""))
    return "\n".join(lines) + "\n"


def _conditional(root: dict[str, Any], values: dict[str, Any]) -> set[str]:
    """Fields an ``allOf`` clause requires, given the prefilled values."""
    needed: set[str] = set()
    for clause in root.get("allOf", []):
        tests = clause.get("if", {}).get("properties", {})
        if tests and all(
            "const" in test and values.get(field) == test["const"]
            for field, test in tests.items()
        ):
            needed.update(clause.get("then", {}).get("required", []))
    return needed


def _fields(
    schemas: SchemaSet,
    node: dict[str, Any],
    required: set[str],
    values: dict[str, Any],
    indent: str,
) -> list[str]:
    lines = []
    for key, raw in node.get("properties", {}).items():
        schema = schemas.resolve(raw)
        needed = key in required
        block = [
            *_explain(schemas, schema, key, needed, indent),
            *_value(schemas, schema, key, values.get(key), indent),
        ]
        lines.extend(block if needed else _commented(block, indent))
    return lines


def _explain(
    schemas: SchemaSet, schema: dict[str, Any], key: str, needed: bool, indent: str
) -> list[str]:
    title = schema.get("title", key)
    state = "必填" if needed else "选填"
    lines = [
        f"{indent}# {title}（{state}）：{schema.get('description', '')}".rstrip("：")
    ]
    items = schemas.resolve(schema.get("items", {}))
    labels = schemas.labels(schema) or schemas.labels(items)
    options = [f"{code}（{label}）" for code, label in labels.items()]
    for start in range(0, len(options), OPTIONS_PER_LINE):
        head = "可选值：" if start == 0 else "　　　　"
        chunk = "、".join(options[start : start + OPTIONS_PER_LINE])
        lines.append(f"{indent}#   {head}{chunk}")
    return lines


def _value(
    schemas: SchemaSet, schema: dict[str, Any], key: str, value: Any, indent: str
) -> list[str]:
    if value is not None:
        return [f"{indent}{key}: {_scalar(value)}"]
    inner = indent + "  "
    if schema.get("type") == "object" or "properties" in schema:
        nested = set(schema.get("required", []))
        return [f"{indent}{key}:", *_fields(schemas, schema, nested, {}, inner)]
    if schema.get("type") == "array":
        items = schemas.resolve(schema.get("items", {}))
        if items.get("type") == "object" or "properties" in items:
            return [f"{indent}{key}:", *_item(schemas, items, inner)]
        return [f"{indent}{key}:", f"{inner}- "]
    return [f"{indent}{key}:"]


def _item(schemas: SchemaSet, items: dict[str, Any], indent: str) -> list[str]:
    """Write one list item whose fields sit under a dash."""
    fields = _fields(schemas, items, set(items.get("required", [])), {}, indent + "  ")
    for index, line in enumerate(fields):
        stripped = line[len(indent) + 2 :]
        if not stripped.startswith("#"):
            fields[index] = f"{indent}- {stripped}"
            break
    return fields


def _commented(block: list[str], indent: str) -> list[str]:
    return [f"{indent}# {line[len(indent) :]}" for line in block]


def _scalar(value: Any) -> str:
    text = str(value)
    return f"'{text}'" if re.fullmatch(r"[0-9.:-]+", text) else text
