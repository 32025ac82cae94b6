"""``usefirst report ...``: reports for reviewers, units and the provincial office.

usefirst report recognition --year 2027
usefirst report contracts --unit scut --within 90 -o scut.xlsx
usefirst report summary --year 2026 -o 2026年度汇总.md

Markdown on stdout unless ``-o`` names a .md or .xlsx file. No report is
public: they show amounts received and counterparties.
Registered as ``report`` (``usefirst.report`` renders problems).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from usefirst.catalog import Catalog, load_catalog
from usefirst.exitcodes import OK, USAGE
from usefirst.reports.first_use import first_use_report
from usefirst.reports.markdown import render_markdown
from usefirst.reports.model import Report
from usefirst.reports.ranking import recognition_report
from usefirst.reports.xlsx import write_xlsx
from usefirst.reports.year_summary import year_summary
from usefirst.repository import Repository


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="生成认定排序、先使用合同、年度汇总等报表（不公开）",
        description="生成 Markdown 或 Excel 报表；报表含到账金额等不公开信息。",
    )
    reports = parser.add_subparsers(dest="report", metavar="REPORT", required=True)
    recognition = _add(reports, "recognition", "某年度认定申请的资格审查与排序")
    recognition.add_argument("--year", type=int, required=True, help="申报年度")
    recognition.set_defaults(build=_recognition)
    contracts = _add(reports, "contracts", "某单位的先使用合同及后续情况")
    contracts.add_argument("--unit", required=True, help="单位标识")
    contracts.add_argument(
        "--within",
        type=int,
        default=90,
        help="免费期在多少天内结束算“即将届满”（默认 90）",
    )
    contracts.set_defaults(build=_contracts)
    summary = _add(
        reports, "summary", "某年度全省汇总：入库、出库、合同、到账，按地市和产业集群"
    )
    summary.add_argument("--year", type=int, required=True, help="统计年度")
    summary.set_defaults(build=_summary)


def _add(
    reports: argparse._SubParsersAction, name: str, text: str
) -> argparse.ArgumentParser:
    parser = reports.add_parser(name, help=text, description=text)
    parser.add_argument(
        "-o", "--output", type=Path, help="输出文件（.md 或 .xlsx）；默认输出到屏幕"
    )
    parser.add_argument(
        "--today",
        type=_day,
        default=None,
        help="按哪一天计算（YYYY-MM-DD，默认今天）",
    )
    parser.set_defaults(run=run)
    return parser


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{text}”不是日期：应写作 YYYY-MM-DD"
        ) from None


def _recognition(
    catalog: Catalog, args: argparse.Namespace, today: datetime.date
) -> Report:
    return recognition_report(catalog, args.year, today)


def _contracts(
    catalog: Catalog, args: argparse.Namespace, today: datetime.date
) -> Report:
    return first_use_report(catalog, args.unit, today, args.within)


def _summary(
    catalog: Catalog, args: argparse.Namespace, today: datetime.date
) -> Report:
    return year_summary(catalog, args.year)


def run(args: argparse.Namespace, repository: Repository) -> int:
    output = args.output
    if output is not None and output.suffix.lower() not in (".md", ".xlsx"):
        print("报表文件的扩展名应为 .md 或 .xlsx", file=sys.stderr)
        return USAGE
    if (
        getattr(args, "unit", None)
        and not (repository.catalog_dir / args.unit).is_dir()
    ):
        print(f"找不到单位文件夹：catalog/{args.unit}", file=sys.stderr)
        return USAGE
    catalog, problems = load_catalog(repository)
    broken = {problem.file for problem in problems if problem.is_error}
    if broken:
        print(
            f"注意：{len(broken)} 个记录文件有错误，未计入报表；"
            "运行 usefirst validate 查看",
            file=sys.stderr,
        )
    report = args.build(catalog, args, args.today or datetime.date.today())
    if output is None:
        sys.stdout.write(render_markdown(report))
    elif output.suffix.lower() == ".xlsx":
        write_xlsx(report, output)
        print(f"已生成报表：{output}")
    else:
        output.write_text(render_markdown(report), encoding="utf-8")
        print(f"已生成报表：{output}")
    return OK
