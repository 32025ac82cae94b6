"""``usefirst export -o FILE.xlsx``: the catalog as a workbook, one sheet per kind.

usefirst export -o 成果库.xlsx
usefirst export -o scut.xlsx --unit scut
usefirst export -o 成果.csv --kind achievement

The columns are the templates' columns, so an export imports back unchanged.
An export holds data that is not public (contract amounts, payments, personal
data): it is for the unit and the provincial office.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from usefirst.catalog import load_catalog
from usefirst.exitcodes import OK, USAGE
from usefirst.repository import Repository
from usefirst.sheets.exporter import EXPORT_KINDS, export_catalog


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="把成果库导出为 Excel（每类记录一个工作表）或 CSV",
        description="导出的列与导入模板相同：科技成果和技术需求的工作表导出后可直接修改再导入，"
        "其他记录只供查看。导出文件含不公开的信息，请妥善保管。",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="输出文件",
        help="导出文件（.xlsx 或 .csv）",
    )
    parser.add_argument(
        "--kind",
        action="append",
        choices=EXPORT_KINDS,
        metavar="类型",
        help=f"只导出这类记录（可重复），可选：{'、'.join(EXPORT_KINDS)}；"
        "CSV 只能导出一类，默认 achievement",
    )
    parser.add_argument(
        "--unit", metavar="单位标识", help="只导出这个单位文件夹中的记录"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, repository: Repository) -> int:
    suffix = args.output.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        print("导出文件的扩展名应为 .xlsx 或 .csv", file=sys.stderr)
        return USAGE
    kinds = args.kind or (["achievement"] if suffix == ".csv" else list(EXPORT_KINDS))
    if suffix == ".csv" and len(kinds) != 1:
        print("CSV 文件只能导出一类记录：请只写一个 --kind", file=sys.stderr)
        return USAGE
    if args.unit and not (repository.catalog_dir / args.unit).is_dir():
        print(f"找不到单位文件夹：catalog/{args.unit}", file=sys.stderr)
        return USAGE
    catalog, problems = load_catalog(repository)
    broken = {problem.file for problem in problems if problem.is_error}
    if broken:
        print(
            f"有 {len(broken)} 个记录文件有错误，未导出；运行 usefirst validate 查看",
            file=sys.stderr,
        )
    try:
        counts = export_catalog(catalog, args.output, kinds, args.unit)
    except OSError:
        print(
            f"无法写入导出文件 {args.output}：请确认所在文件夹存在、有写入权限，"
            "且文件没有在其他程序中打开",
            file=sys.stderr,
        )
        return USAGE
    total = sum(counts.values())
    print(f"已导出 {total} 条记录到 {args.output}")
    return OK
