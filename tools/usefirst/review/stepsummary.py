"""A check's report as a GitHub Actions step summary, within GitHub's 1 MiB.

    usefirst review --base HEAD^1 --format github | tee review.log
    python -m usefirst.review.stepsummary --title "合并请求审核" review.log

Workflow command lines (``::error …``) are left out; the text report goes into
a code block. GitHub refuses a step summary over 1 MiB, so a longer report is
cut at a line and says so; the full report stays in the step's log.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from usefirst.argparse_zh import ChineseArgumentParser
from usefirst.exitcodes import OK, USAGE

LIMIT = 1024 * 1024
MARGIN = 8 * 1024


def summary_markdown(title: str, report: str, limit: int = LIMIT - MARGIN) -> str:
    """Render a report under a heading, cut to ``limit`` bytes of UTF-8."""
    lines = [line for line in report.splitlines() if not line.startswith("::")]
    verdict = lines.pop() if lines else ""
    fence = "`" * max(3, _longest_backtick_run(lines) + 1)
    head = f"### {title}\n\n{verdict}\n\n"
    if not lines:
        return head
    budget = limit - len(head.encode()) - 2 * len(fence) - 512
    shown, used = [], 0
    for line in lines:
        size = len(line.encode()) + 1
        if used + size > budget:
            break
        shown.append(line)
        used += size
    body = f"{fence}text\n" + "".join(f"{line}\n" for line in shown) + f"{fence}\n"
    if len(shown) < len(lines):
        body += (
            f"\n> 报告共 {len(lines)} 行，超出 GitHub 步骤摘要 1 MiB 的上限，"
            f"此处只列出前 {len(shown)} 行；完整报告见本步骤的运行日志。\n"
        )
    return head + body


def _longest_backtick_run(lines: list[str]) -> int:
    runs = (len(run) for line in lines for run in re.findall(r"`+", line))
    return max(runs, default=0)


def append_summary(path: Path, title: str, report: str) -> None:
    """Append a report to a step summary file, within what is left of 1 MiB."""
    used = path.stat().st_size if path.exists() else 0
    markdown = summary_markdown(title, report, LIMIT - MARGIN - used)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(markdown)


def build_parser() -> ChineseArgumentParser:
    """Build the command line of this module, every text in Chinese."""
    parser = ChineseArgumentParser(
        prog="python -m usefirst.review.stepsummary",
        description="把检查命令的报告写入 GitHub Actions 的检查摘要，不超过 1 MiB。",
    )
    parser.add_argument("report", type=Path, metavar="报告文件", help="检查命令的输出")
    parser.add_argument("--title", required=True, metavar="标题", help="摘要的标题")
    parser.add_argument(
        "--output",
        type=Path,
        metavar="文件",
        help="写入的摘要文件；默认取环境变量 GITHUB_STEP_SUMMARY",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Append each report file to ``$GITHUB_STEP_SUMMARY`` (or ``--output``)."""
    args = build_parser().parse_args(argv)
    output = args.output or os.environ.get("GITHUB_STEP_SUMMARY")
    if not output:
        print("没有 --output，也没有 GITHUB_STEP_SUMMARY 环境变量", file=sys.stderr)
        return USAGE
    try:
        report = args.report.read_text(encoding="utf-8", errors="replace")
    except OSError:
        print(f"无法读取检查报告 {args.report}：文件不存在或不可读", file=sys.stderr)
        return USAGE
    append_summary(Path(output), args.title, report)
    return OK


if __name__ == "__main__":
    raise SystemExit(main())
