"""Argparse in Chinese: its messages, headings and help laid out by display width.

    parser = ChineseArgumentParser(prog="usefirst", description="成果库工具")
    parser.add_argument("--root", metavar="目录", help="成果库仓库的根目录")
    parser.parse_args(["--help"])        # 用法：usefirst [-h] [--root 目录] ...

argparse measures text with ``len`` and wraps it only at spaces. A Chinese
character takes two columns of a terminal and a Chinese sentence has no spaces,
so the usage, the help column and the descriptions are laid out here by the
columns they take, breaking lines between Chinese characters.
"""

from __future__ import annotations

import argparse
import contextlib
import gettext
import itertools
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn

from usefirst.exitcodes import USAGE

USAGE_PREFIX = "用法："

# argparse's own messages, by the message ids it passes to gettext
_ARGPARSE_CHINESE = {
    "usage: ": USAGE_PREFIX,
    "positional arguments": "位置参数",
    "options": "选项",
    "subcommands": "子命令",
    "show this help message and exit": "显示本帮助并退出",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "“%(value)s”不是可选的值，可选：%(choices)s"
    ),
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的值",
    "the following arguments are required: %s": "缺少必填的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "后面需要一个值",
    "expected at most one argument": "后面最多只能有一个值",
    "expected at least one argument": "后面至少需要一个值",
    "expected %s argument": "后面需要 %s 个值",
    "expected %s arguments": "后面需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 不明确，可能是：%(matches)s"
    ),
    "not allowed with argument %s": "不能与 %s 同时使用",
    "ignored explicit argument %r": "不接受值 %r",
    "one of the arguments %s is required": "%s 中必须写一个",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "没有子命令“%(parser_name)s”，可选：%(choices)s"
    ),
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}

# Chinese line breaking: no line starts with a closing mark or ends with an
# opening one; nor with a hyphen, which joins the parts of a code (XYHZ-CG-年份)
_NO_LINE_START = frozenset("，。、；：！？）》」』】〕”’…,.;:!?)]}%-")
_NO_LINE_END = frozenset("（《「『【〔“‘([{-")
# argparse's own split of a usage into the pieces a line may break between
_USAGE_PART = re.compile(r"\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+")


def display_width(text: str) -> int:
    """Count the terminal columns a text takes: two for a wide character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> list[str]:
    """Break a text into lines of at most ``width`` columns.

    Runs of spaces count as one. Lines break at a space or between Chinese
    characters, never inside a Latin word, an option or a code, and never
    before a closing mark or after an opening one; only a word wider than a
    whole line is cut.
    """
    lines: list[str] = []
    line = ""
    for spaced, word in _words(" ".join(text.split())):
        joined = f"{line} {word}" if line and spaced else line + word
        if display_width(joined) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        line = word
        while display_width(line) > width:
            cut = _fitting(line, width)
            lines.append(line[:cut])
            line = line[cut:]
    return [*lines, line] if line else lines


def _words(text: str) -> list[tuple[bool, str]]:
    """Split a text into the pieces no line breaks inside, each with a space before."""
    words: list[tuple[bool, str]] = []
    for spaced, atom in _atoms(text):
        if words and not spaced and not _may_break(words[-1][1], atom):
            words[-1] = (words[-1][0], words[-1][1] + atom)
        else:
            words.append((spaced, atom))
    return words


def _atoms(text: str) -> Iterator[tuple[bool, str]]:
    """Yield each wide character and each run of narrow ones, after a space or not."""
    spaced = False
    for kind, group in itertools.groupby(text, _kind):
        chars = "".join(group)
        if kind == " ":
            spaced = True
            continue
        for atom in chars if kind == "wide" else (chars,):
            yield spaced, atom
            spaced = False


def _kind(character: str) -> str:
    if character == " ":
        return " "
    return "wide" if display_width(character) == 2 else "narrow"


def _may_break(before: str, after: str) -> bool:
    return before[-1] not in _NO_LINE_END and after[0] not in _NO_LINE_START


def _fitting(text: str, width: int) -> int:
    """How many characters of a text fit in ``width`` columns (at least one)."""
    used = 0
    for index, character in enumerate(text):
        used += display_width(character)
        if used > width:
            return max(index, 1)
    return len(text)


def _chinese_gettext(message: str) -> str:
    return _ARGPARSE_CHINESE.get(message) or gettext.gettext(message)


def _chinese_ngettext(singular: str, plural: str, count: int) -> str:
    return _chinese_gettext(singular if count == 1 else plural)


@contextlib.contextmanager
def _argparse_in_chinese() -> Iterator[None]:
    """Let argparse look its messages up in Chinese while our parsers run.

    argparse calls the module globals ``_`` and ``ngettext`` each time it
    shows a message; swapping them only meanwhile leaves other parsers in the
    process (pytest's, for one) as they were.
    """
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _chinese_gettext, _chinese_ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


class ChineseHelpFormatter(argparse.HelpFormatter):
    """Argparse's help layout with Chinese headings, measured in columns."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headings: list[str | None] = []

    def _format_usage(
        self, usage: str | None, actions: Any, groups: Any, prefix: str | None
    ) -> str:
        prefix = USAGE_PREFIX if prefix is None else prefix
        if usage is not None or not actions:
            return super()._format_usage(usage, actions, groups, prefix)
        optionals = [action for action in actions if action.option_strings]
        positionals = [action for action in actions if not action.option_strings]
        options = _USAGE_PART.findall(self._format_actions_usage(optionals, groups))
        values = _USAGE_PART.findall(self._format_actions_usage(positionals, groups))
        lines = _usage_lines(
            (prefix, self._prog),
            (_with_values(options), values),
            self._width - self._current_indent,
        )
        return "\n".join(lines) + "\n\n"

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is argparse.SUPPRESS:
            return
        # subcommands are measured at their own, deeper indent
        columns = [self._invocation_columns(action)]
        columns.extend(
            map(self._invocation_columns, self._iter_indented_subactions(action))
        )
        self._action_max_length = max(self._action_max_length, *columns)

    def _invocation_columns(self, action: argparse.Action) -> int:
        invocation = self._format_action_invocation(action)
        return self._current_indent + display_width(invocation)

    def _format_action_invocation(self, action: argparse.Action) -> str:
        """Show ``-o, --output 文件``: the value once, after the last option."""
        if not action.option_strings or action.nargs == 0:
            return super()._format_action_invocation(action)
        metavar = self._get_default_metavar_for_optional(action)
        options = ", ".join(action.option_strings)
        return f"{options} {self._format_args(action, metavar)}"

    def _format_action(self, action: argparse.Action) -> str:
        help_position = min(self._action_max_length + 2, self._max_help_position)
        invocation = " " * self._current_indent + self._format_action_invocation(action)
        help_lines = self._help_lines(action, max(self._width - help_position, 11))
        lines = [invocation]
        # the help starts on the invocation's line if two spaces are left there
        if help_lines and display_width(invocation) + 2 <= help_position:
            padding = " " * (help_position - display_width(invocation))
            lines = [invocation + padding + help_lines.pop(0)]
        lines.extend(" " * help_position + line for line in help_lines)
        parts = [line + "\n" for line in lines]
        parts.extend(map(self._format_action, self._iter_indented_subactions(action)))
        return self._join_parts(parts)

    def _help_lines(self, action: argparse.Action, width: int) -> list[str]:
        if not action.help or not action.help.strip():
            return []
        text = self._expand_help(action)
        return self._split_lines(text, width) if text else []

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        # like textwrap.fill, argparse counts the indent into the width
        lines = wrap(text, width - display_width(indent))
        return "\n".join(indent + line for line in lines)

    def start_section(self, heading: str | None) -> None:
        super().start_section(heading)
        self._headings.append(heading)

    def format_help(self) -> str:
        text = super().format_help()
        for heading in self._headings:
            text = text.replace(f"\n{heading}:\n", f"\n{heading}：\n")
        return text


def _usage_lines(
    start: tuple[str, str], parts: Sequence[list[str]], width: int
) -> list[str]:
    """Lay out ``用法：prog``, the options, then the positionals, by columns.

    The continuation lines line up after the program's name; under the
    prefix instead when the name takes more than three quarters of the width
    or leaves too little room for a part.
    """
    head = "".join(start)
    everything = [head, *parts[0], *parts[1]]
    if display_width(" ".join(everything)) <= width:
        return [" ".join(everything)]
    indent = display_width(head) + 1
    widest = max(map(display_width, everything[1:]), default=0)
    if indent > width * 3 // 4 or indent + widest > width:
        indent = display_width(start[0])
        rows = [row for group in parts for row in _pack(group, width - indent)]
        return [head, *(" " * indent + row for row in rows)]
    rows = [row for group in parts for row in _pack(group, width - indent)]
    if not rows:
        return [head]
    return [f"{head} {rows[0]}", *(" " * indent + row for row in rows[1:])]


def _with_values(parts: list[str]) -> list[str]:
    """Keep a required option and its value (``--year 年度``) on one line."""
    joined: list[str] = []
    for part in parts:
        if joined and not part.startswith(("-", "[", "(")):
            joined[-1] = f"{joined[-1]} {part}"
        else:
            joined.append(part)
    return joined


def _pack(parts: list[str], width: int) -> list[str]:
    """Join parts with spaces into as few lines of ``width`` columns as they fit."""
    rows: list[str] = []
    for part in parts:
        if rows and display_width(f"{rows[-1]} {part}") <= width:
            rows[-1] = f"{rows[-1]} {part}"
        else:
            rows.append(part)
    return rows


class ChineseArgumentParser(argparse.ArgumentParser):
    """An argument parser whose help and errors are Chinese; errors exit 2."""

    def __init__(self, *args: Any, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        with _argparse_in_chinese():
            super().__init__(*args, add_help=False, **kwargs)
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", ChineseArgumentParser)
        with _argparse_in_chinese():
            return super().add_subparsers(**kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        with _argparse_in_chinese():
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with _argparse_in_chinese():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        with _argparse_in_chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with _argparse_in_chinese():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        """Show the usage and a Chinese error, then exit as a usage error."""
        self.print_usage(sys.stderr)
        self.exit(
            USAGE,
            f"{self.prog}：错误：{message}\n运行“{self.prog} -h”查看全部用法。\n",
        )
