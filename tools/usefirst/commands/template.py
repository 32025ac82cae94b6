"""``usefirst template KIND -o FILE.xlsx``: an Excel template for batch import.

usefirst template achievement -o 成果导入模板.xlsx
usefirst template technology_need -o 技术需求.csv
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from usefirst.exitcodes import OK, USAGE
from usefirst.repository import Repository
from usefirst.sheets.importer import IMPORTABLE_KINDS
from usefirst.sheets.template import write_template

SUFFIXES = (".xlsx", ".csv")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "template",
        help="生成某类记录的 Excel 导入模板",
        description="按记录格式生成 Excel 模板：中文列名、填写说明、下拉列表和示例行。",
    )
    parser.add_argument(
        "kind", metavar="类型", help="记录类型：achievement 或 technology_need"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="输出文件",
        help="模板文件（.xlsx 或 .csv）",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, repository: Repository) -> int:
    kinds = repository.schemas.kinds
    if args.kind not in kinds:
        print(
            f"不认识的记录类型“{args.kind}”：可选 {'、'.join(kinds)}", file=sys.stderr
        )
        return USAGE
    if args.kind not in IMPORTABLE_KINDS:
        names = "、".join(repository.schemas.kind_title(k) for k in IMPORTABLE_KINDS)
        print(
            f"只有{names}可以批量导入，才有导入模板：{repository.schemas.kind_title(args.kind)}"
            f"记录请用 usefirst new {args.kind} --unit 单位 新建",
            file=sys.stderr,
        )
        return USAGE
    if args.output.suffix.lower() not in SUFFIXES:
        print("模板文件的扩展名应为 .xlsx 或 .csv", file=sys.stderr)
        return USAGE
    try:
        write_template(repository.schemas, args.kind, args.output)
    except OSError:
        print(
            f"无法写入模板文件 {args.output}：请确认所在文件夹存在、有写入权限，"
            "且文件没有在其他程序中打开",
            file=sys.stderr,
        )
        return USAGE
    print(f"已生成模板：{args.output}")
    return OK
