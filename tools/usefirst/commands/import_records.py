"""``usefirst import FILE --unit UNIT``: batch import from a spreadsheet.

usefirst import 成果.xlsx --unit scut --dry-run
usefirst import 成果.csv --unit gz-kjj --channel city_batch
usefirst import 成果.xlsx --unit scut --write-valid-rows --format json

Registered as ``import`` (a Python keyword, hence the module name).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from usefirst.exitcodes import INVALID, OK, USAGE
from usefirst.kinds import ACHIEVEMENT
from usefirst.problems import has_errors
from usefirst.report import FORMATS, render
from usefirst.repository import Repository
from usefirst.sheets.importer import (
    CITY_BATCH,
    IMPORTABLE_KINDS,
    UNIT_BATCH,
    WRITE_FAILED,
    ImportOptions,
    channel_for,
    import_file,
    unit_type,
)
from usefirst.sheets.plan import describe
from usefirst.sheets.progress import terminal_progress

SUFFIXES = (".xlsx", ".csv")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="从 Excel 或 CSV 批量导入成果",
        description="把表格的每一行变成单位文件夹中的一条记录，"
        "并按 validate 的规则检查。有错误时不写入任何文件；"
        "再次导入同一表格不会重复入库，只更新有变化的字段。",
    )
    parser.add_argument("file", type=Path, metavar="文件", help=".xlsx 或 .csv 文件")
    parser.add_argument(
        "--unit", required=True, metavar="单位标识", help="导入到哪个单位的文件夹"
    )
    parser.add_argument(
        "--channel",
        choices=(UNIT_BATCH, CITY_BATCH),
        default=None,
        help="入库渠道：unit_batch（成果单位批量导入）或 "
        "city_batch（地市科技部门批量导入）；默认按单位类型",
    )
    parser.add_argument(
        "--kind",
        choices=IMPORTABLE_KINDS,
        default=ACHIEVEMENT,
        help="CSV 文件（或工作表名称不是记录类型的工作簿）中的记录类型",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="只检查并列出变化，不写入"
    )
    parser.add_argument(
        "--write-valid-rows",
        action="store_true",
        help="有错误时仍写入没有错误的行",
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="问题的输出格式"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, repository: Repository) -> int:
    options = _options(args, repository)
    if isinstance(options, str):
        print(options, file=sys.stderr)
        return USAGE
    result = import_file(
        repository, args.file, args.file.as_posix(), options, terminal_progress
    )
    titles = {kind: repository.schemas.kind_title(kind) for kind in IMPORTABLE_KINDS}
    plan = describe(result, options, titles)
    print(plan, file=sys.stdout if args.format == "text" else sys.stderr)
    print(render(result.problems, args.format))
    if any(problem.rule == WRITE_FAILED for problem in result.problems):
        return USAGE
    return INVALID if has_errors(result.problems) else OK


def _options(args: argparse.Namespace, repository: Repository) -> ImportOptions | str:
    """Make the import's options, or say why the command line cannot be used."""
    if not args.file.is_file():
        return f"找不到文件：{args.file}"
    if args.file.suffix.lower() not in SUFFIXES:
        return "只能导入 .xlsx 工作簿或 .csv 文件"
    kind_of_unit = unit_type(repository, args.unit)
    if kind_of_unit is None:
        return f"找不到单位“{args.unit}”：catalog/{args.unit}/unit.yaml 不存在"
    channel, why = channel_for(kind_of_unit, args.channel)
    if why:
        return why
    return ImportOptions(
        unit=args.unit,
        channel=channel,
        kind=args.kind,
        dry_run=args.dry_run,
        write_valid_rows=args.write_valid_rows,
    )
