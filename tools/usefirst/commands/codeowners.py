"""``usefirst codeowners``: write .github/CODEOWNERS from the unit records.

usefirst codeowners            # write .github/CODEOWNERS
usefirst codeowners --check    # exit 1 if the file is out of date
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from usefirst.codeowners import CODEOWNERS_FILE, DiskSource, collect_owners, render
from usefirst.exitcodes import INVALID, OK, USAGE
from usefirst.problems import has_errors
from usefirst.report import render as render_report
from usefirst.repository import Repository


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "codeowners",
        help="根据单位维护人和审核人生成 .github/CODEOWNERS",
        description="每个单位文件夹 /catalog/<单位>/ 由该单位的维护人（maintainers）和"
        "省级审核人负责，其余文件由省级审核人负责。读不出省级审核人时不生成，"
        "以 1 退出。",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="只检查文件是否最新：过期时列出差异并以 1 退出",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, repository: Repository) -> int:
    source = DiskSource(repository.root)
    owners, problems = collect_owners(source, repository.schemas)
    if problems:
        print(render_report(problems, "text"))
    if has_errors(problems):
        print(f"{CODEOWNERS_FILE} 未生成也未检查：请先改正上面的错误")
        return INVALID
    path = repository.root / CODEOWNERS_FILE
    wanted = render(owners)
    try:
        if _wrong_type(path):
            raise NotADirectoryError(CODEOWNERS_FILE)
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if args.check:
            return _check(current, wanted)
        if current != wanted:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(wanted, encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        print(
            f"无法读写 {CODEOWNERS_FILE}：.github 应为文件夹，CODEOWNERS 应为可读写的"
            "文本文件；请改正后重新运行",
            file=sys.stderr,
        )
        return USAGE
    if current != wanted:
        print(f"已更新 {CODEOWNERS_FILE}。", file=sys.stderr)
    return OK


def _wrong_type(path: Path) -> bool:
    """Tell whether the folder is no folder, or the file no file."""
    folder = path.parent
    return (folder.exists() and not folder.is_dir()) or (
        path.exists() and not path.is_file()
    )


def _check(current: str, wanted: str) -> int:
    """Say whether CODEOWNERS is up to date; show the difference if not."""
    if current == wanted:
        print(f"{CODEOWNERS_FILE} 是最新的。")
        return OK
    diff = difflib.unified_diff(
        current.splitlines(keepends=True),
        wanted.splitlines(keepends=True),
        f"{CODEOWNERS_FILE}（现有）",
        f"{CODEOWNERS_FILE}（应为）",
    )
    sys.stdout.writelines(diff)
    print(
        f"{CODEOWNERS_FILE} 与单位维护人或审核人名单不一致："
        "请运行 usefirst codeowners 重新生成并一并提交"
    )
    return INVALID
