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

import errno
import logging
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from usefirst.problems import Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing on this machine
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

log = logging.getLogger(__name__)

MAX_BYTES = 512 * 1024
MAX_DEPTH = 32  # records nest four or five levels; deeper is a mistake or an attack
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
# C0 but tab and line feed, DEL, C1, line separators and bidirectional controls:
# they hide or reorder text in reviews and terminals
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
# libyaml refuses raw C0 characters, so only an escape or a raw separator or
# bidirectional control can bring one in; most files have neither
_MAY_HIDE = re.compile(r"[\\\x85\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_STR_TAG = "tag:yaml.org,2002:str"

_HINTS = {
    "tab character": "不能用制表符（Tab）缩进，请改用空格",
    "mapping values are not allowed": (
        "此处不能出现冒号；值中含“: ”时请给整个值加引号"
    ),
    "could not find expected ':'": "缺少冒号，或上一行的引号没有闭合",
    "did not find expected key": "缩进不一致，或列表项与字段混在同一层",
    "did not find expected '-' indicator": "缩进不一致，或列表项与字段混在同一层",
    "did not find expected ',' or ']'": "方括号“[”没有闭合，或列表项之间缺少逗号",
    "did not find expected ',' or '}'": "花括号“{”没有闭合，或字段之间缺少逗号",
    "found unknown escape character": "双引号中的反斜杠转义无效；可改用单引号",
    "found unexpected end of stream": "文件意外结束，可能有引号或括号没有闭合",
    "did not find expected node content": (
        "此处缺少值：请检查列表或括号是否写完整，或给整个值加上引号"
    ),
    "found invalid Unicode character escape code": (
        "双引号中的“\\u”或“\\U”转义不是有效的字符编码；可改用单引号"
    ),
    "did not find expected alphabetic or numeric character": (
        "“&”或“*”后缺少名称；值以这两个符号开头时请给整个值加上引号"
    ),
    "did not find expected hexdecimal number": (
        "双引号中的“\\x”“\\u”转义后应为十六进制数字；可改用单引号"
    ),
    "did not find expected comment or line break": (
        "本行末尾多出了内容：请删去它，或给整个值加上引号"
    ),
}
_FALLBACK = "请检查本行及上一行的缩进、冒号和引号是否正确"
_UNCLOSED_QUOTE = "引号没有闭合：请在值的末尾补上与开头相同的引号"
_CONTROL = "文件含有不可见的控制字符：请删除它，或从原文重新复制这一行"


class Document:
    """A parsed record file: its data and the line of every field."""

    __slots__ = ("file", "data", "_lines", "_tree")

    def __init__(
        self,
        file: str,
        data: Any,
        lines: dict[Path_, int] | None = None,
        *,
        tree: _Lines | None = None,
    ) -> None:
        self.file = file
        self.data = data
        self._lines = lines
        self._tree = tree

    def __repr__(self) -> str:
        return f"Document({self.file!r})"

    def with_data(
        self, data: Any, renamed: dict[Path_, Path_] | None = None
    ) -> Document:
        """Return a document of the same file and lines holding other data.

        ``renamed`` maps paths in the new data to the paths they were written
        at, so that a field read under another name keeps its line.
        """
        if not renamed:
            return Document(self.file, data, self._lines, tree=self._tree)
        lines = dict(self.lines)
        for new, old in renamed.items():
            for path, line in self.lines.items():
                if path[: len(old)] == old:
                    lines[(*new, *path[len(old) :])] = line
        return Document(self.file, data, lines)

    def __getstate__(self) -> tuple[str, Any, dict[Path_, int] | None, Any]:
        return self.file, self.data, self._lines, self._tree

    def __setstate__(self, state: tuple[str, Any, Any, Any]) -> None:
        self.file, self.data, self._lines, self._tree = state

    @property
    def lines(self) -> dict[Path_, int]:
        """Map the path of every field and list item to its line."""
        if self._lines is None:
            self._lines = {}
            if self._tree is not None:
                _flatten(self._tree, (), self._lines)
        return self._lines

    def line_of(self, path: Path_) -> int:
        """Return the line of a field, or of its nearest enclosing field."""
        if self._tree is None or self._lines is not None:
            return _line_in_flat(self.lines, tuple(path))
        line, children = self._tree
        for part in path:
            try:
                child = children[part]
            except (KeyError, IndexError, TypeError):
                return line
            if child.__class__ is int:
                return child
            line, children = child
        return line


# The lines of a mapping or list: the line where it starts, then per key (or
# index) either the line of a scalar or the _Lines of a nested mapping or list.
# Kept nested rather than keyed by path tuples: building it costs one store
# per value, and only a problem ever asks for a line.
_Lines = tuple[int, Any]


def _line_in_flat(lines: dict[Path_, int], path: Path_) -> int:
    while path:
        line = lines.get(path)
        if line is not None:
            return line
        path = path[:-1]
    return lines.get((), 1)


def _flatten(tree: _Lines, path: Path_, out: dict[Path_, int]) -> None:
    line, children = tree
    out[path] = line
    items = children.items() if isinstance(children, dict) else enumerate(children)
    for key, child in items:
        if child.__class__ is int:
            out[(*path, key)] = child
        else:
            _flatten(child, (*path, key), out)


class _TooDeep(Exception):
    """Raised by the builder at the first value nested beyond MAX_DEPTH."""

    def __init__(self, event: Any) -> None:
        super().__init__(event.start_mark.line + 1)
        self.line = event.start_mark.line + 1


class _Builder:
    """Turn libyaml events into Python values, noting lines and problems.

    The loop over events is the hot path of the whole check: a plain scalar
    in a mapping (most events) costs one call to libyaml and a few lookups.
    """

    def __init__(self, file: str, next_event: Any) -> None:
        self.file = file
        self.next_event = next_event
        self.problems: list[Problem] = []
        self.reported: set[tuple[int, str, str]] = set()

    def problem(self, event: Any, rule: str, message: str, path: Path_) -> None:
        # one problem per line and cause: ten aliases of one anchor on a line
        # need one fix, and an alias bomb must not bury the report
        line = event.start_mark.line + 1
        if (line, rule, message) not in self.reported:
            self.reported.add((line, rule, message))
            self.problems.append(Problem(self.file, line, rule, message, path))

    def check_node_event(self, event: Any, path: Path_) -> None:
        if event.anchor is not None:
            self.problem(
                event,
                "YAML.anchor",
                f"不允许使用锚点“&{event.anchor}”：请把内容直接写出",
                path,
            )
        tag = event.tag
        if tag is not None and tag != _STR_TAG and not _implicit(event):
            self.problem(
                event,
                "YAML.tag",
                f"不允许使用 YAML 标签“{_as_written(tag)}”：值请直接书写，文本可加引号",
                path,
            )

    def value(self, event: Any, path: Path_) -> tuple[Any, int | _Lines]:
        """Build the value that starts with ``event`` and its lines."""
        line = event.start_mark.line + 1
        cls = event.__class__
        if cls is _Alias:
            self.problem(
                event,
                "YAML.alias",
                f"不允许使用别名“*{event.anchor}”：请把内容直接写出",
                path,
            )
            return None, line
        if event.anchor is not None or event.tag is not None:
            self.check_node_event(event, path)
        if cls is _Scalar:
            return _resolve(event), line
        if len(path) >= MAX_DEPTH:
            raise _TooDeep(event)
        if cls is _SequenceStart:
            return self.sequence(path, line)
        return self.mapping(path, line)

    def sequence(self, path: Path_, line: int) -> tuple[list[Any], _Lines]:
        items: list[Any] = []
        lines: list[int | _Lines] = []
        next_event = self.next_event
        while True:
            event = next_event()
            cls = event.__class__
            if cls is _SequenceEnd:
                return items, (line, lines)
            if cls is _Scalar and event.anchor is None and event.tag is None:
                items.append(_resolve(event))
                lines.append(event.start_mark.line + 1)
                continue
            item, item_lines = self.value(event, (*path, len(items)))
            items.append(item)
            lines.append(item_lines)

    def mapping(self, path: Path_, line: int) -> tuple[dict[str, Any], _Lines]:
        result: dict[str, Any] = {}
        lines: dict[str, int | _Lines] = {}
        next_event = self.next_event
        while True:
            event = next_event()
            cls = event.__class__
            if cls is _MappingEnd:
                return result, (line, lines)
            if cls is _Scalar and event.anchor is None and event.tag is None:
                key = event.value
            else:
                key = self.key(event, path)
            value_event = next_event()
            if key is None:
                # reported already; a made-up key would surface in other messages
                self.value(value_event, path)
                continue
            if key in result:
                self.duplicate(event, value_event, path, key)
                continue
            if (
                value_event.__class__ is _Scalar
                and value_event.anchor is None
                and value_event.tag is None
            ):
                result[key] = _resolve(value_event)
                lines[key] = event.start_mark.line + 1
                continue
            value, value_lines = self.value(value_event, (*path, key))
            result[key] = value
            if value_lines.__class__ is int:
                value_lines = event.start_mark.line + 1
            else:
                value_lines = (event.start_mark.line + 1, value_lines[1])
            lines[key] = value_lines

    def duplicate(self, event: Any, value_event: Any, path: Path_, key: str) -> None:
        self.problem(
            event,
            "YAML.duplicate_key",
            f"字段“{key}”重复出现：每个字段只能写一次",
            (*path, key),
        )
        self.value(value_event, (*path, f"{key}#dup"))

    def key(self, event: Any, path: Path_) -> str | None:
        if event.__class__ is _Scalar:
            self.check_node_event(event, path)
            return event.value
        self.problem(event, "YAML.complex_key", "字段名必须是简单文本", path)
        if event.__class__ is not _Alias:
            self.value(event, path)
        return None


_Scalar = yaml.ScalarEvent
_Alias = yaml.AliasEvent
_SequenceStart = yaml.SequenceStartEvent
_SequenceEnd = yaml.SequenceEndEvent
_MappingEnd = yaml.MappingEndEvent
# only plain scalars starting with one of these can be anything but text
_MAYBE_NOT_TEXT = frozenset("0123456789+-~nNtTfF")


def _as_written(tag: str) -> str:
    """Spell a YAML tag as it is written: ``!!int``, not its full URI."""
    if tag.startswith(_CORE_PREFIX):
        return "!!" + tag.removeprefix(_CORE_PREFIX)
    return tag


_CORE_PREFIX = "tag:yaml.org,2002:"


def _implicit(event: Any) -> bool:
    implicit = event.implicit
    return implicit[0] if isinstance(implicit, tuple) else bool(implicit)


def _resolve(event: Any) -> Any:
    text = event.value
    if not event.implicit[0] or event.tag is not None:
        return text
    if not text:
        return None
    if text[0] not in _MAYBE_NOT_TEXT:
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
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _zero_every_other(raw):
        return None, [
            Problem(file, 1, "YAML.encoding", "文件是 UTF-16 编码：请另存为 UTF-8 编码")
        ]
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        message = "文件含有零字节，不是文本文件：记录应是 UTF-8 编码的 YAML 文本"
        return None, [Problem(file, line, "YAML.encoding", message)]
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


def _too_deep(file: str, line: int) -> Problem:
    message = f"嵌套层次过深（超过 {MAX_DEPTH} 层）：记录的字段不会嵌套这么多层"
    return Problem(file, line, "YAML.too_deep", message)


def _zero_every_other(raw: bytes) -> bool:
    # UTF-16 without a byte order mark: a zero beside every ASCII character
    half = len(raw) // 2
    return half > 0 and max(raw[0::2].count(0), raw[1::2].count(0)) > half // 2


def _syntax_problem(error: yaml.YAMLError, text: str, file: str) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        line = text.encode("utf-8")[: error.position].count(b"\n") + 1
        return Problem(file, line, "YAML.syntax", f"YAML 格式错误：{_CONTROL}")
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 1
    detail = getattr(error, "problem", None) or str(error)
    if "nesting depth" in detail:
        return _too_deep(file, line)
    context = getattr(error, "context", None) or ""
    opened = _unclosed_quote_line(text, line)
    if "quoted scalar" in context and "end of stream" in detail:
        # the scanner stops at the end of the file; the quote opened earlier
        line = error.context_mark.line + 1
        hint = _UNCLOSED_QUOTE
    elif opened is not None:
        line, hint = opened, _UNCLOSED_QUOTE
    elif "cannot start any token" in detail and mark is not None:
        hint = _token_hint(text, mark)
    else:
        hint = next((text for key, text in _HINTS.items() if key in detail), None)
    if hint is None:
        log.debug("%s:%d: unexplained YAML error: %s", file, line, detail)
        hint = _FALLBACK
    return Problem(file, line, "YAML.syntax", f"YAML 格式错误：{hint}")


# a value (of a field or a list item) that opens with a quote
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"][^#'"]*?:\s+)?(["'])(.*)$""")


def _unclosed_quote_line(text: str, error_line: int) -> int | None:
    """Find the last line before an error whose quoted value does not close.

    A quote left open swallows the lines below it, so the parser only fails
    further down; the line to fix is where the quote opens.
    """
    lines = text.splitlines()[: error_line - 1]
    for number in range(len(lines), 0, -1):
        match = _QUOTED_VALUE.match(lines[number - 1])
        if match is None:
            continue
        quote, rest = match.groups()
        if quote == '"':
            rest = rest.replace("\\\\", "").replace('\\"', "")
        else:
            rest = rest.replace("''", "")
        return None if quote in rest else number
    return None


_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


def _more_tabs(syntax: Problem, text: str) -> list[Problem]:
    """Name the other lines indented with a tab: the parser stops at the first."""
    if _HINTS["tab character"] not in syntax.message:
        return []
    starts = (match.start() for match in _TAB_INDENT.finditer(text))
    lines = {text.count("\n", 0, start) + 1 for start in starts}
    return [
        Problem(syntax.file, line, syntax.rule, syntax.message)
        for line in sorted(lines - {syntax.line})
    ]


def _token_hint(text: str, mark: Any) -> str:
    lines = text.splitlines()
    character = ""
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        character = lines[mark.line][mark.column]
    if character == "\t":
        return _HINTS["tab character"]
    return f"值不能以“{character}”开头：请给整个值加上引号"


def parse_text(text: str, file: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document from text under the rules of this module."""
    loader = _Loader(text)
    builder = _Builder(file, loader.get_event)
    try:
        root = _first_document(builder)
    except yaml.YAMLError as error:
        syntax = _syntax_problem(error, text, file)
        return None, [*builder.problems, syntax, *_more_tabs(syntax, text)]
    except _TooDeep as error:
        return None, [*builder.problems, _too_deep(file, error.line)]
    finally:
        loader.dispose()
    if root is None or root[0] is None:
        empty = Problem(file, 1, "YAML.empty", "文件为空：应是一条记录的字段")
        return None, [*builder.problems, empty]
    data, tree = root
    if not isinstance(data, dict):
        line = tree if isinstance(tree, int) else tree[0]
        message = "文件内容应是“字段: 值”形式的一条记录"
        return None, [
            *builder.problems,
            Problem(file, line, "YAML.not_mapping", message),
        ]
    document = Document(file, data, tree=tree)
    if _MAY_HIDE.search(text):
        builder.problems.extend(_control_characters(document, data, ()))
    return document, builder.problems


def _control_characters(document: Document, value: Any, path: Path_) -> list[Problem]:
    """Report every text value that carries an invisible control character."""
    if isinstance(value, str):
        found = _INVISIBLE.search(value)
        if found is None:
            return []
        code = f"U+{ord(found.group()):04X}"
        message = (
            f"字段“{'.'.join(map(str, path))}”含有不可见的控制字符（{code}）："
            "请删除；需要换行时请用“|”分行书写"
        )
        line = document.line_of(path)
        return [Problem(document.file, line, "YAML.control_character", message, path)]
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return []
    return [
        problem
        for key, item in items
        for problem in _control_characters(document, item, (*path, key))
    ]


def _first_document(builder: _Builder) -> tuple[Any, int | _Lines] | None:
    """Build the first document's root; report any further document."""
    next_event = builder.next_event
    root = None
    while (event := next_event()) is not None:
        if event.__class__ is not yaml.DocumentStartEvent:
            continue
        root_event = next_event()
        if root is not None:
            builder.problem(
                root_event,
                "YAML.multiple_documents",
                "一个文件只能有一条记录：请删除“---”后的内容或拆分为多个文件",
                (),
            )
            break
        root = builder.value(root_event, ())
    return root


def parse_bytes(raw: bytes, file: str) -> tuple[Document | None, list[Problem]]:
    """Decode and parse the bytes of one record file."""
    if len(raw) > MAX_BYTES:
        return None, [
            Problem(
                file,
                1,
                "YAML.too_large",
                f"文件过大：一条记录不应超过 {MAX_BYTES // 1024} KiB，"
                "扫描件等附件请放在 attachments 文件夹中",
            )
        ]
    text, problems = _decode(raw, file)
    if text is None:
        return None, problems
    return parse_text(text, file)


# never follow a symbolic link, never wait on a named pipe
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def read_record(path: Path | str, file: str) -> tuple[bytes | None, list[Problem]]:
    """Read the bytes of a record file (at most one byte over the limit)."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        if error.errno == errno.ELOOP or os.path.islink(path):
            return None, [Problem(file, 1, "YAML.symlink", "记录文件不能是符号链接")]
        return None, [_unreadable(file, error)]
    try:
        info = os.fstat(descriptor)
        mode = info.st_mode
        if stat.S_ISREG(mode):
            return _read_up_to(descriptor, min(info.st_size, MAX_BYTES) + 1), []
    except OSError as error:
        return None, [_unreadable(file, error)]
    finally:
        os.close(descriptor)
    if stat.S_ISDIR(mode):
        name = os.path.basename(path)
        message = f"“{name}”是文件夹，不是记录文件：文件夹名不要以 .yaml 结尾"
        return None, [Problem(file, 1, "LAYOUT.directory", message)]
    message = "这不是普通文件（可能是管道或设备）：记录应是 UTF-8 编码的 YAML 文本文件"
    return None, [Problem(file, 1, "FILE.not_regular", message)]


def _read_up_to(descriptor: int, limit: int) -> bytes:
    # sized to the file: a fixed 512 KiB buffer per file costs more than parsing
    chunks = []
    while limit > 0:
        chunk = os.read(descriptor, limit)
        if not chunk:
            break
        chunks.append(chunk)
        limit -= len(chunk)
    return b"".join(chunks)


def _unreadable(file: str, error: OSError) -> Problem:
    if isinstance(error, PermissionError):
        reason = "没有读取权限：请检查文件权限"
    elif isinstance(error, FileNotFoundError):
        reason = "文件在检查时已不存在：请重新运行检查"
    else:
        reason = f"{error.strerror or error}"
    return Problem(file, 1, "FILE.unreadable", f"无法读取文件（{reason}）")


def load_file(path: Path, file: str) -> tuple[Document | None, list[Problem]]:
    """Read and parse one record file; problems instead of exceptions."""
    raw, problems = read_record(path, file)
    if raw is None:
        return None, problems
    return parse_bytes(raw, file)
