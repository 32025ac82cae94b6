"""The ``usefirst`` command line: a thin layer over the library.

usefirst validate --format json
"""

from __future__ import annotations

import argparse
import contextlib
import gettext
import importlib
import logging
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from usefirst import __version__
from usefirst.exitcodes import USAGE
from usefirst.repository import Repository, RepositoryNotFound, SchemaError

COMMANDS = (
    "validate",
    "review",
    "number",
    "codeowners",
    "intake",
    "template",
    "import_records",
    "export",
    "report_cmd",
    "new",
)


# argparse's own messages, by the message ids it passes to gettext
_ARGPARSE_CHINESE = {
    "usage: ": "用法：",
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
    """Argparse's help layout with Chinese headings, aligned by display width.

    argparse measures text with ``len``; a Chinese character takes two
    columns, so the columns would drift without the padding added here.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headings: list[str | None] = []

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(
            usage, actions, groups, "用法：" if prefix is None else prefix
        )

    def _format_usage(
        self, usage: str | None, actions: Any, groups: Any, prefix: str | None
    ) -> str:
        text = super()._format_usage(usage, actions, groups, prefix)
        # continuation lines are indented by the length of the prefix
        extra = " " * (_width(prefix or "") - len(prefix or ""))
        return text.replace("\n ", f"\n{extra} ") if extra else text

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            columns = _width(self._format_action_invocation(action))
            self._action_max_length = max(
                self._action_max_length, columns + self._current_indent
            )

    def _format_action(self, action: argparse.Action) -> str:
        text = super()._format_action(action)
        invocation = self._format_action_invocation(action)
        extra = " " * (_width(invocation) - len(invocation))
        # the help was aligned by the invocation's length, not its columns
        if extra and f"{invocation}{extra}  " in text.partition("\n")[0]:
            text = text.replace(f"{invocation}{extra}", invocation, 1)
        return text

    def start_section(self, heading: str | None) -> None:
        super().start_section(heading)
        self._headings.append(heading)

    def format_help(self) -> str:
        text = super().format_help()
        for heading in self._headings:
            text = text.replace(f"\n{heading}:\n", f"\n{heading}：\n")
        return text


def _width(text: str) -> int:
    """Count the terminal columns a text takes: two for a wide character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


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


def build_parser(command: str | None = None) -> ChineseArgumentParser:
    """Build the parser with one command's subparser, or with every command's."""
    parser = ChineseArgumentParser(
        prog="usefirst", description="广东省职务科技成果“先用后转”成果库工具"
    )
    parser.add_argument(
        "--version", action="version", version=__version__, help="显示版本号并退出"
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        metavar="目录",
        help="成果库仓库的根目录（默认从当前目录向上查找）",
    )
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="输出更多诊断信息"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="只输出警告和错误")
    subparsers = parser.add_subparsers(
        dest="command", metavar="命令", parser_class=ChineseArgumentParser
    )
    for name in (command,) if command in COMMANDS else COMMANDS:
        importlib.import_module(f"usefirst.commands.{name}").register(subparsers)
    if command in COMMANDS and command not in subparsers.choices:
        return build_parser()  # the module names a command of another name
    return parser


def command_named(argv: Sequence[str]) -> str | None:
    """Find the command a command line runs, or None if it asks for help.

    Only the command that runs is imported: the others bring libraries (the
    spreadsheets, the site) that would cost a check more time than it takes.
    """
    words = iter(argv)
    for word in words:
        if _asks_for_help(word):
            return None
        if word.startswith("--r") and "--root".startswith(word.split("=")[0]):
            if "=" not in word:
                next(words, None)
        elif word == "--":
            return next(words, None)
        elif word == "-" or not word.startswith("-"):
            return word
    return None


def _asks_for_help(word: str) -> bool:
    if word.startswith("--"):
        return len(word) > 2 and "--help".startswith(word)
    return word.startswith("-") and "h" in word


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(command_named(argv))
    args = parser.parse_args(argv)
    level = logging.WARNING if args.quiet or not args.verbose else logging.INFO
    logging.basicConfig(
        level=logging.DEBUG if args.verbose > 1 else level,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if args.command is None:
        parser.print_help(sys.stderr)
        return USAGE
    try:
        repository = Repository.find(args.root or Path.cwd())
    except RepositoryNotFound as error:
        print(
            f"找不到成果库：{error} 及其上级目录中没有 catalog/ 和 schemas/ 文件夹",
            file=sys.stderr,
        )
        return USAGE
    try:
        return args.run(args, repository)
    except SchemaError as error:
        print(
            f"记录格式文件 {error.file} 有误：{error.reason}。"
            "请修正 schemas/ 中的记录格式后再运行。",
            file=sys.stderr,
        )
        return USAGE
