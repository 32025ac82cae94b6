"""``usefirst report ...``: reports for reviewers, units and the provincial office.

usefirst report recognition --year 2027
usefirst report contracts --unit scut --within 90 -o scut.xlsx
usefirst report summary --year 2026 -o 2026年度汇总.md

Markdown on stdout unless ``-o`` names a .md or .xlsx file. No report is
public: they show amounts received and counterparties. The catalog is checked
as ``usefirst validate`` checks it, so that the recognition report can mark
applications resting on records with errors; record files with errors are
left out of every report, which then names them, and the command exits 1.
Registered as ``report`` (``usefirst.report`` renders problems).
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import sys
from collections.abc import Sequence
from pathlib import Path

from usefirst.catalog import Catalog
from usefirst.check import check_repository
from usefirst.dates import cli_day
from usefirst.exitcodes import INVALID, OK, USAGE
from usefirst.kinds import UNIT_FILE
from usefirst.problems import Problem
from usefirst.reports.first_use import first_use_report
from usefirst.reports.markdown import render_markdown
from usefirst.reports.model import Report
from usefirst.reports.ranking import recognition_report
from usefirst.reports.xlsx import write_xlsx
from usefirst.reports.year_summary import year_summary
from usefirst.repository import Repository

MAX_WITHIN_DAYS = 3650


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="生成认定排序、先使用合同、年度汇总等报表（不公开）",
        description="生成 Markdown 或 Excel 报表；报表含到账金额等不公开信息。",
    )
    reports = parser.add_subparsers(dest="report", metavar="报表", required=True)
    recognition = _add(reports, "recognition", "某年度认定申请的资格审查与排序")
    recognition.add_argument(
        "--year", type=int, required=True, metavar="年度", help="申报年度"
    )
    recognition.set_defaults(build=_recognition)
    contracts = _add(reports, "contracts", "某单位的先使用合同及后续情况")
    contracts.add_argument(
        "--unit", required=True, metavar="单位标识", help="单位文件夹名"
    )
    contracts.add_argument(
        "--within",
        type=within_days,
        default=90,
        metavar="天数",
        help=f"免费期在多少天内结束算“即将届满”（1 到 {MAX_WITHIN_DAYS}，默认 90）",
    )
    contracts.set_defaults(build=_contracts)
    summary = _add(
        reports, "summary", "某年度全省汇总：入库、出库、合同、到账，按地市和产业集群"
    )
    summary.add_argument(
        "--year", type=int, required=True, metavar="年度", help="统计年度"
    )
    summary.set_defaults(build=_summary)


def _add(
    reports: argparse._SubParsersAction, name: str, text: str
) -> argparse.ArgumentParser:
    parser = reports.add_parser(name, help=text, description=text)
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="输出文件",
        help="报表文件（.md 或 .xlsx）；默认输出到屏幕",
    )
    parser.add_argument(
        "--today",
        type=cli_day,
        default=None,
        metavar="日期",
        help="按哪一天计算，例如 2026-05-01；默认今天",
    )
    parser.set_defaults(run=run)
    return parser


def within_days(text: str) -> int:
    """Read ``--within``: a whole number of days from 1 to ``MAX_WITHIN_DAYS``."""
    days = int(text) if text.isascii() and text.isdigit() else 0
    if not 1 <= days <= MAX_WITHIN_DAYS:
        raise argparse.ArgumentTypeError(
            f"“{text}”不是有效的天数：应为 1 到 {MAX_WITHIN_DAYS} 之间的整数"
        )
    return days


def _recognition(
    catalog: Catalog,
    args: argparse.Namespace,
    today: datetime.date,
    problems: Sequence[Problem],
) -> Report:
    return recognition_report(catalog, args.year, today, problems)


def _contracts(
    catalog: Catalog,
    args: argparse.Namespace,
    today: datetime.date,
    problems: Sequence[Problem],
) -> Report:
    return first_use_report(catalog, args.unit, today, args.within)


def _summary(
    catalog: Catalog,
    args: argparse.Namespace,
    today: datetime.date,
    problems: Sequence[Problem],
) -> Report:
    return year_summary(catalog, args.year)


def run(args: argparse.Namespace, repository: Repository) -> int:
    output = args.output
    if output is not None and output.suffix.lower() not in (".md", ".xlsx"):
        print("报表文件的扩展名应为 .md 或 .xlsx", file=sys.stderr)
        return USAGE
    unit = getattr(args, "unit", None)
    if unit is not None and (why := unknown_unit(repository, unit)):
        print(why, file=sys.stderr)
        return USAGE
    today = args.today or datetime.date.today()
    catalog, problems = check_repository(repository, today=today)
    report = args.build(catalog, args, today, problems)
    left_out = _left_out(catalog, problems)
    if left_out:
        report.notes.insert(0, left_out)
        print(left_out, file=sys.stderr)
    code = INVALID if left_out else OK
    if output is None:
        sys.stdout.write(render_markdown(report))
        return code
    try:
        _write(report, output)
    except OSError:
        print(
            f"无法写入报表文件 {output}：请确认所在文件夹存在、有写入权限，"
            "且文件没有在其他程序中打开",
            file=sys.stderr,
        )
        return USAGE
    print(f"已生成报表：{output}")
    return code


def unknown_unit(repository: Repository, unit: str) -> str | None:
    """Say why a unit id names no unit of the catalog, listing close ids."""
    units = sorted(
        path.parent.name for path in repository.catalog_dir.glob(f"*/{UNIT_FILE}")
    )
    if unit in units:
        return None
    close = difflib.get_close_matches(unit, units, n=5, cutoff=0.5)
    hint = (
        f"：是否应为 {'、'.join(close)}？"
        if close
        else "：请写 catalog/ 下单位文件夹的名称"
    )
    return f"成果库中没有单位“{unit}”（catalog/{unit}/{UNIT_FILE} 不存在）{hint}"


SHOWN_FILES = 10


def _left_out(catalog: Catalog, problems: list[Problem]) -> str:
    """Name the record files whose errors keep them out of the report."""
    loaded = {record.file for record in catalog.records}
    files = sorted({p.file for p in problems if p.is_error and p.file not in loaded})
    if not files:
        return ""
    named = "、".join(files[:SHOWN_FILES]) + ("等" if len(files) > SHOWN_FILES else "")
    return (
        f"注意：{len(files)} 个记录文件有错误，未计入本报表：{named}。"
        "改正后（运行 usefirst validate 查看）请重新生成报表"
    )


def _write(report: Report, output: Path) -> None:
    if output.suffix.lower() == ".xlsx":
        write_xlsx(report, output)
    else:
        output.write_text(render_markdown(report), encoding="utf-8")
