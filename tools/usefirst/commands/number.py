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
from usefirst.exitcodes import INVALID, OK, USAGE
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


FIRST_YEAR = 2024  # the catalog's numbers start with the reform


def run(args: argparse.Namespace, repository: Repository) -> int:
    today = datetime.date.today()
    date = args.date or today
    latest = today + datetime.timedelta(days=1)  # a merge east of UTC
    if not datetime.date(FIRST_YEAR, 1, 1) <= date <= latest:
        print(
            f"审核通过日期“{date.isoformat()}”超出范围：应在 {FIRST_YEAR}-01-01 到 "
            f"{latest.isoformat()} 之间，它决定编号年份，写错后编号无法收回",
            file=sys.stderr,
        )
        return USAGE
    outcome = assign_numbers(repository, date, dry_run=args.dry_run)
    for assignment in outcome.assigned:
        print(f"{visible(assignment.file)}: {assignment.number}")
    verb = "将分配" if args.dry_run else "已分配"
    print(f"{verb} {len(outcome.assigned)} 个编号。", file=sys.stderr)
    if outcome.problems:
        print(render(outcome.problems, "text"))
    return INVALID if has_errors(outcome.problems) else OK
