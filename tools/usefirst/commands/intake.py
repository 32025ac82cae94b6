"""``usefirst intake FORM.md``: turn a filled issue form into a record file.

usefirst intake issue-42.md --kind achievement --unit scut -o new.yaml
gh issue view 42 --json body --jq .body | usefirst intake - --kind technology_need
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from usefirst.dates import cli_day
from usefirst.exitcodes import INVALID, OK, USAGE
from usefirst.intake import FORMS, MAX_BODY_CHARS, intake
from usefirst.kinds import UNIT_FILE
from usefirst.loader import load_file
from usefirst.problems import has_errors
from usefirst.report import render
from usefirst.repository import Repository


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "intake",
        help="把议题表单（不用 git 的填报）转换为记录文件",
        description="读取 GitHub 议题表单的正文（### 栏目标题 加内容），生成一条记录，"
        "供审核人核对后提交合并请求。表单内容只作为数据写入，不会被执行。",
    )
    parser.add_argument(
        "form", metavar="表单文件", help="议题正文文件；写 - 表示从标准输入读取"
    )
    parser.add_argument("--kind", required=True, choices=tuple(FORMS), help="表单类型")
    parser.add_argument(
        "--unit",
        metavar="单位标识",
        help="单位标识（文件夹名）；不写则取表单中填写的标识",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="记录文件",
        help="写入的记录文件；不写则输出到屏幕",
    )
    parser.add_argument(
        "--date",
        type=cli_day,
        metavar="日期",
        help="填报日期（技术需求的发布日期），例如 2026-05-01；默认今天",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, repository: Repository) -> int:
    try:
        body = _read(args.form)
    except OSError as error:
        print(f"无法读取表单 {args.form}：{_reason(error)}", file=sys.stderr)
        return USAGE
    except UnicodeDecodeError:
        print(
            f"表单 {args.form} 不是 UTF-8 编码的文本：请把议题正文另存为 UTF-8 "
            "后再转换",
            file=sys.stderr,
        )
        return USAGE
    if args.output is not None and args.output.exists():
        print(
            f"{args.output} 已存在：请换一个文件名，不会覆盖已有文件", file=sys.stderr
        )
        return USAGE
    file = "-" if args.form == "-" else args.form
    text, path, problems = intake(
        body,
        args.kind,
        repository.schemas,
        unit=args.unit,
        date=args.date or datetime.date.today(),
        file=file,
        registered=lambda unit: _unit_name(repository, unit),
    )
    if problems:
        print(render(problems, "text"), file=sys.stderr)
    if text is None or has_errors(problems):
        return INVALID
    if args.output is None:
        sys.stdout.write(text)
    elif not _write(args.output, text):
        return USAGE
    print(f"建议的记录位置：{path}", file=sys.stderr)
    return OK


def _read(name: str) -> str:
    raw = sys.stdin.buffer.read(MAX_BODY_CHARS * 4 + 1) if name == "-" else None
    if raw is None:
        with open(name, "rb") as handle:
            raw = handle.read(MAX_BODY_CHARS * 4 + 1)
    # a body cut at the size limit may end inside a character; the rest must
    # be UTF-8, or names would silently turn into replacement characters
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(raw) - 3:
            raise
        return raw[: error.start].decode("utf-8")


def _write(path: Path, text: str) -> bool:
    """Write a new file; say in Chinese why not, and never overwrite."""
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        print(f"无法写入 {path}：{_reason(error)}", file=sys.stderr)
        return False
    return True


def _reason(error: OSError) -> str:
    """Say in Chinese why a file could not be read or written."""
    if isinstance(error, FileNotFoundError):
        folder = Path(error.filename or ".").parent
        return "文件不存在" if folder.is_dir() else "文件夹不存在"
    if isinstance(error, FileExistsError):
        return "文件已存在，不会覆盖"
    if isinstance(error, IsADirectoryError):
        return "这是一个文件夹，不是文件"
    if isinstance(error, PermissionError):
        return "没有读写权限"
    return "系统拒绝了这次读写，请检查路径和磁盘空间"


def _unit_name(repository: Repository, unit: str) -> str | None:
    """The name of a unit in the catalog ("" if unnamed), or None if absent."""
    path = repository.catalog_dir / unit / UNIT_FILE
    if not path.is_file():
        return None
    document, _ = load_file(path, repository.relative(path))
    name = document.data.get("name") if document is not None else None
    return name if isinstance(name, str) else ""
