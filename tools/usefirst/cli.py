"""The ``usefirst`` command line: a thin layer over the library.

usefirst validate --format json
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from usefirst import __version__
from usefirst.argparse_zh import ChineseArgumentParser
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
