"""The ``usefirst`` command line: a thin layer over the library.

usefirst validate --format json
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from usefirst import __version__
from usefirst.exitcodes import USAGE
from usefirst.repository import Repository, RepositoryNotFound

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


def build_parser() -> argparse.ArgumentParser:
    """Build the parser with every command's subparser."""
    parser = argparse.ArgumentParser(
        prog="usefirst", description="广东省职务科技成果“先用后转”成果库工具"
    )
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="成果库仓库的根目录（默认从当前目录向上查找）",
    )
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="输出更多诊断信息"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="只输出警告和错误")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"usefirst.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    parser = build_parser()
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
    return args.run(args, repository)
