"""``usefirst validate [PATH ...]``: check records and report every problem.

usefirst validate                       # the whole catalog
usefirst validate catalog/scut --format json
usefirst validate --today 2026-05-01    # as a report made that day checks it
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from usefirst.check import check_repository
from usefirst.dates import cli_day
from usefirst.exitcodes import INVALID, OK, USAGE
from usefirst.problems import Problem, has_errors
from usefirst.report import FORMATS, render
from usefirst.repository import Repository

CATALOG = "catalog"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="检查记录：格式、标识、引用和通知规则",
        description="检查整个成果库，或只报告所列文件和文件夹中的问题"
        "（引用仍按整个成果库核对）。",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="路径",
        help="要报告的文件或文件夹；不写表示整个成果库",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="输出格式：text（默认）、json 或 github",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="不使用也不更新检查缓存"
    )
    parser.add_argument(
        "--today",
        type=cli_day,
        metavar="日期",
        help="按这一天检查（例如日期不能晚于今天），与报表的 --today 相同；默认今天",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, repository: Repository) -> int:
    selected = []
    for path in args.paths:
        if not path.exists() and not path.is_symlink():
            print(f"找不到路径：{path}", file=sys.stderr)
            return USAGE
        relative = repository.relative(path)
        if relative.startswith("/"):
            print(f"路径不在成果库 {repository.root} 中：{path}", file=sys.stderr)
            return USAGE
        if relative != "." and relative.split("/")[0] != CATALOG:
            print(
                f"只能检查 {CATALOG}/ 中的文件和文件夹，或整个成果库（.）：{path}",
                file=sys.stderr,
            )
            return USAGE
        selected.append(relative)
    _, problems = check_repository(
        repository, use_cache=not args.no_cache, today=args.today
    )
    problems = [p for p in problems if _selected(p, selected)]
    print(render(problems, args.format))
    return INVALID if has_errors(problems) else OK


def _selected(problem: Problem, selected: list[str]) -> bool:
    if not selected or problem.file == "-" or "." in selected:
        return True
    return any(
        problem.file == s or problem.file.startswith(s.rstrip("/") + "/")
        for s in selected
    )
