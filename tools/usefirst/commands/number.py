"""``usefirst number``: give newly approved records their numbers, on merge.

usefirst number                      # today's year and date
usefirst number --date 2026-05-01
usefirst number --dry-run            # show what would be assigned
"""

from __future__ import annotations

import argparse
import datetime
import sys

from usefirst.dates import cli_day
from usefirst.exitcodes import INVALID, OK
from usefirst.numbering import assign_numbers
from usefirst.problems import has_errors
from usefirst.report import render, visible
from usefirst.repository import Repository


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "number",
        help="合并后分配成果编号和备案编号",
        description="为尚无编号的成果分配成果编号 XYHZ-CG-年份-六位序号"
        "（并填写入库日期），为合同和先使用后行权备案分配备案编号 "
        "XYHZ-HT-年份-六位序号；编号按年份顺序递增，记入 catalog/numbers.yaml "
        "台账，永不重复使用。重复运行不会再改动文件。",
    )
    parser.add_argument(
        "--date",
        type=cli_day,
        metavar="日期",
        help="审核通过（合并）的日期，例如 2026-05-01，决定编号年份和入库日期；"
        "默认今天",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="只列出将要分配的编号，不修改文件"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, repository: Repository) -> int:
    date = args.date or datetime.date.today()
    outcome = assign_numbers(repository, date, dry_run=args.dry_run)
    for assignment in outcome.assigned:
        print(f"{visible(assignment.file)}: {assignment.number}")
    verb = "将分配" if args.dry_run else "已分配"
    print(f"{verb} {len(outcome.assigned)} 个编号。", file=sys.stderr)
    if outcome.problems:
        print(render(outcome.problems, "text"))
    return INVALID if has_errors(outcome.problems) else OK
