"""Strict YAML loading that keeps the line of every value.

    path = Path("catalog/scut/unit.yaml")
    document, problems = load_file(path, path.as_posix())
    document.data["name"]            # "华南理工大学"
    document.line_of(("name",))      # 3

Only a safe subset of YAML is accepted: one mapping per file, no anchors or
aliases, no tags but ``!!str``, unique keys. Plain scalars resolve to null,
true/false and decimal integers only; everything else (dates, ``no``, numbers
with a dot such as patent numbers) stays a string, so no value ever changes type
behind the user's back. The schema then says which strings are valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from usefirst.problems import Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing on this machine
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 512 * 1024
Path_ = tuple[str | int, ...]

_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_INT = re.compile(r"[-+]?(0|[1-9][0-9]{0,17})")
_STR_TAG = "tag:yaml.org,2002:str"

_HINTS = {
    "found character '\\t' that cannot start any token": "不能用制表符缩进，请改用空格",
    "mapping values are not allowed here": (
        "此处不能出现冒号；值中含“: ”时请给整个值加引号"
    ),
    "could not find expected ':'": "缺少冒号，或上一行的引号没有闭合",
    "found unexpected end of stream": "文件意外结束，可能有引号或括号没有闭合",
    "did not find expected key": "缩进不一致，或列表项与字段混在同一层",
    "found unknown escape character": "双引号中的反斜杠转义无效；可改用单引号",
}


@dataclass
class Document:
    """A parsed record file: its data and the line of every field."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """Return the line of a field, or of its nearest enclosing field."""
        path = tuple(path)
        while path:
            line = self.lines.get(path)
            if line is not None:
                return line
            path = path[:-1]
        return self.lines.get((), 1)


class _Builder:
    """Turn libyaml events into Python values, noting lines and problems."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []

    def problem(self, event: Any, rule: str, message: str, path: Path_) -> None:
        line = event.start_mark.line + 1
        self.problems.append(Problem(self.file, line, rule, message, path))

    def check_node_event(self, event: Any, path: Path_) -> None:
        if getattr(event, "anchor", None):
            self.problem(
                event,
                "YAML.anchor",
                f"不允许使用锚点“&{event.anchor}”：请把内容直接写出",
                path,
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != _STR_TAG and not _implicit(event):
            self.problem(
                event,
                "YAML.tag",
                f"不允许使用 YAML 标签“{tag}”：值请直接书写，文本可加引号",
                path,
            )

    def value(self, events: Any, event: Any, path: Path_) -> Any:
        if isinstance(event, yaml.AliasEvent):
            self.problem(
                event,
                "YAML.alias",
                f"不允许使用别名“*{event.anchor}”：请把内容直接写出",
                path,
            )
            return None
        self.check_node_event(event, path)
        if isinstance(event, yaml.ScalarEvent):
            return _resolve(event)
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(events, path)
        return self.mapping(events, path)

    def sequence(self, events: Any, path: Path_) -> list[Any]:
        items: list[Any] = []
        for event in events:
            if isinstance(event, yaml.SequenceEndEvent):
                return items
            item_path = (*path, len(items))
            self.lines[item_path] = event.start_mark.line + 1
            items.append(self.value(events, event, item_path))
        return items

    def mapping(self, events: Any, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for event in events:
            if isinstance(event, yaml.MappingEndEvent):
                return result
            key = self.key(events, event, path)
            value_event = next(events)
            key_path = (*path, key)
            if key in result:
                self.problem(
                    event,
                    "YAML.duplicate_key",
                    f"字段“{key}”重复出现：每个字段只能写一次",
                    key_path,
                )
                self.value(events, value_event, (*path, f"{key}#dup"))
                continue
            self.lines[key_path] = event.start_mark.line + 1
            result[key] = self.value(events, value_event, key_path)
        return result

    def key(self, events: Any, event: Any, path: Path_) -> str:
        if isinstance(event, yaml.ScalarEvent):
            self.check_node_event(event, path)
            return event.value
        self.problem(event, "YAML.complex_key", "字段名必须是简单文本", path)
        self.value(events, event, path)
        return f"#complex{event.start_mark.line}"


def _implicit(event: Any) -> bool:
    implicit = event.implicit
    return implicit[0] if isinstance(implicit, tuple) else bool(implicit)


def _resolve(event: Any) -> Any:
    text = event.value
    if event.tag is not None or not event.implicit[0]:
        return text
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.fullmatch(text):
        return int(text)
    return text


def _decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            Problem(file, 1, "YAML.encoding", "文件是 UTF-16 编码：请另存为 UTF-8 编码")
        ]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        hint = "请另存为 UTF-8 编码"
        try:
            raw.decode("gb18030")
            hint = "文件看起来是 GBK/GB18030 编码：" + hint
        except UnicodeDecodeError:
            pass
        return None, [
            Problem(
                file,
                line,
                "YAML.encoding",
                f"文件不是有效的 UTF-8 文本（第 {line} 行）：{hint}",
            )
        ]


def _syntax_problem(error: yaml.YAMLError, file: str) -> Problem:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 1
    detail = getattr(error, "problem", None) or str(error)
    hint = next((text for key, text in _HINTS.items() if key in detail), None)
    message = f"YAML 格式错误：{hint}" if hint else f"YAML 格式错误（{detail}）"
    return Problem(file, line, "YAML.syntax", message)


def parse_text(text: str, file: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document from text under the rules of this module."""
    builder = _Builder(file)
    try:
        events = iter(yaml.parse(text, Loader=_Loader))
        roots = []
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                root_event = next(events)
                if isinstance(root_event, yaml.DocumentEndEvent):
                    continue
                if roots:
                    builder.problem(
                        root_event,
                        "YAML.multiple_documents",
                        "一个文件只能有一条记录：请删除“---”后的内容或拆分为多个文件",
                        (),
                    )
                    break
                builder.lines[()] = root_event.start_mark.line + 1
                roots.append(builder.value(events, root_event, ()))
    except yaml.YAMLError as error:
        return None, [*builder.problems, _syntax_problem(error, file)]
    if not roots or roots[0] is None:
        return None, [
            *builder.problems,
            Problem(file, 1, "YAML.empty", "文件为空：应是一条记录的字段"),
        ]
    if not isinstance(roots[0], dict):
        return None, [
            *builder.problems,
            Problem(
                file, 1, "YAML.not_mapping", "文件内容应是“字段: 值”形式的一条记录"
            ),
        ]
    return Document(file, roots[0], builder.lines), builder.problems


def parse_bytes(raw: bytes, file: str) -> tuple[Document | None, list[Problem]]:
    """Decode and parse the bytes of one record file."""
    if len(raw) > MAX_BYTES:
        return None, [
            Problem(
                file,
                1,
                "YAML.too_large",
                f"文件过大（{len(raw) // 1024} KiB）：一条记录不应超过 "
                f"{MAX_BYTES // 1024} KiB，附件请单独存放",
            )
        ]
    text, problems = _decode(raw, file)
    if text is None:
        return None, problems
    return parse_text(text, file)


def load_file(path: Path, file: str) -> tuple[Document | None, list[Problem]]:
    """Read and parse one record file; problems instead of exceptions."""
    if path.is_symlink():
        return None, [Problem(file, 1, "YAML.symlink", "记录文件不能是符号链接")]
    if path.stat().st_size > MAX_BYTES:
        return parse_bytes(path.read_bytes()[: MAX_BYTES + 1], file)
    return parse_bytes(path.read_bytes(), file)
