"""The field reference, generated from the schemas, and the schemas themselves.

    pages, files = field_reference(schemas, linker_for)
    pages[1].path     # "reference/achievement.md"
    files[0].path     # "schemas/achievement.schema.json", at a stable URL

Each field shows its key, Chinese title, type, whether it is required, its
description, its codes and whether the public site shows it (``publish``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from usefirst.publish import PUBLIC_FIELDS, is_public
from usefirst.schemas import SCHEMA_SUFFIX, SchemaSet
from usefirst.site import links
from usefirst.site.escape import html, inline
from usefirst.site.model import Page, StaticFile
from usefirst.site.render import Linker, bullets, paragraph, sections, table

_TYPE_NAMES = {
    "string": "文本",
    "integer": "整数",
    "number": "数字",
    "boolean": "是/否",
    "array": "列表",
    "object": "一组字段",
}
Path_ = tuple[str | int, ...]
Field = tuple[Path_, dict[str, Any], str]


def field_reference(
    schemas: SchemaSet, linker: Callable[[str], Linker]
) -> tuple[list[Page], list[StaticFile]]:
    """Render the reference index and one page per kind; publish the schemas."""
    kinds = sorted(schemas.kinds)
    pages = [_index(schemas, kinds, linker(links.REFERENCE))]
    pages.extend(
        _kind_page(schemas, kind, linker(links.reference_path(kind))) for kind in kinds
    )
    files = [
        StaticFile(links.schema_file(name), _schema_bytes(schemas, name))
        for name in sorted(schemas.documents)
    ]
    return pages, files


def _schema_bytes(schemas: SchemaSet, name: str) -> bytes:
    text = json.dumps(schemas.documents[name], ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def _index(schemas: SchemaSet, kinds: list[str], here: Linker) -> Page:
    items = []
    for kind in kinds:
        document = schemas.documents[kind]
        link = here.link(document.get("title", kind), links.reference_path(kind))
        description = html(document.get("description", ""))
        items.append(f"{link}（<code>{kind}</code>）：{description}")
    intro = paragraph(
        "每类记录的字段、是否必填、取值和是否在网站公开，均由 JSON Schema 生成。"
        "编辑器可直接引用 Schema 文件校验记录，网址固定为 "
        f"<code>/schemas/&lt;记录类型&gt;{SCHEMA_SUFFIX}</code>。"
    )
    markdown = sections("# 字段说明", intro, bullets(items))
    return Page(links.REFERENCE, "字段说明", markdown, in_nav=True)


def _kind_page(schemas: SchemaSet, kind: str, here: Linker) -> Page:
    document = schemas.documents[kind]
    title = document.get("title", kind)
    schema = here.link(f"{kind}{SCHEMA_SUFFIX}", links.schema_file(kind))
    hidden = None if kind in PUBLIC_FIELDS else paragraph("本类记录不在网站公开。")
    header = ["字段", "名称", "类型", "必填", "公开", "说明"]
    rows = [_row(schemas, kind, *field) for field in _fields(schemas, kind)]
    markdown = sections(
        f"# {inline(title)}",
        paragraph(html(document.get("description", ""))),
        paragraph(f"Schema 文件：{schema}"),
        hidden,
        table(header, rows),
    )
    return Page(here.source, f"字段说明：{title}", markdown)


def _fields(schemas: SchemaSet, kind: str) -> Iterator[Field]:
    yield from _walk(schemas, schemas.resolve(schemas.documents[kind]), ())


def _walk(schemas: SchemaSet, node: dict[str, Any], path: Path_) -> Iterator[Field]:
    required = set(node.get("required", []))
    conditional = {
        key
        for clause in node.get("allOf", [])
        for key in clause.get("then", {}).get("required", [])
    }
    for key, child in node.get("properties", {}).items():
        child = schemas.resolve(child)
        need = "是" if key in required else "视情况" if key in conditional else "否"
        yield (*path, key), child, need
        if child.get("type") == "object":
            yield from _walk(schemas, child, (*path, key))
        items = schemas.resolve(child.get("items", {}))
        if child.get("type") == "array" and items.get("type") == "object":
            yield from _walk(schemas, items, (*path, key, 0))


def _row(
    schemas: SchemaSet, kind: str, path: Path_, node: dict[str, Any], required: str
) -> list[str]:
    key = "".join(
        "[]" if isinstance(part, int) else f".{part}" for part in path
    ).lstrip(".")
    return [
        f"<code>{html(key)}</code>",
        html(node.get("title", "")),
        _type(schemas, node),
        required,
        "公开" if is_public(kind, path) else "不公开",
        html(node.get("description", "")) + _codes(schemas, node),
    ]


def _type(schemas: SchemaSet, node: dict[str, Any]) -> str:
    if "const" in node:
        return "固定值"
    types = node.get("type", [])
    types = types if isinstance(types, list) else [types]
    name = "或".join(_TYPE_NAMES.get(t, t) for t in types)
    items = schemas.resolve(node.get("items", {}))
    if "array" in types and items.get("type") in _TYPE_NAMES:
        name += f"（每项为{_TYPE_NAMES[items['type']]}）"
    return name


def _codes(schemas: SchemaSet, node: dict[str, Any]) -> str:
    is_list = node.get("type") == "array"
    target = schemas.resolve(node.get("items", {})) if is_list else node
    labels = schemas.labels(target)
    if not labels:
        return ""
    codes = "、".join(f"<code>{html(c)}</code> {html(n)}" for c, n in labels.items())
    return f"<br>可选值：{codes}"
