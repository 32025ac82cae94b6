"""``usefirst review --base REF``: check what a pull request changes.

usefirst review --base origin/main --author scut-ttc
usefirst review --base HEAD^1 --author "$AUTHOR" --approvals reviews.json \\
    --head-sha "$HEAD_SHA" --format github
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from usefirst.exitcodes import INVALID, OK, USAGE
from usefirst.problems import has_errors
from usefirst.report import FORMATS, render, visible
from usefirst.repository import Repository
from usefirst.review import ApprovalsError, GitError, load_approvals, review


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "review",
        help="审核合并请求：权限、已审核记录、附件和单位同意",
        description="用 git 比较目标分支（--base）与工作区（或 --head 所指的提交），"
        "检查提交人能否代表所改动的单位、已审核通过的记录是否被删除或篡改、附件是否"
        "与校验值一致，以及成果完成人的填报是否已获单位同意。权限和审核人名单以目标"
        "分支一侧为准。",
    )
    parser.add_argument(
        "--base", required=True, metavar="提交", help="目标分支或提交，例如 origin/main"
    )
    parser.add_argument(
        "--head",
        metavar="提交",
        help="要审核的提交；不写表示当前工作区（含 catalog/ 中尚未提交的文件）",
    )
    parser.add_argument("--author", metavar="账号", help="合并请求提交人的 GitHub 账号")
    parser.add_argument(
        "--approvals",
        type=Path,
        metavar="文件",
        help="合并请求评审记录的 JSON 文件（GitHub pulls/{n}/reviews 接口的结果）；"
        "不写时单位同意只作为待确认的警告",
    )
    parser.add_argument(
        "--head-sha",
        metavar="提交哈希",
        help="合并请求的最新提交；只有针对它的批准才算数（默认取审批文件的 head_sha，"
        "再默认取 --head 或 HEAD）",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="输出格式：text（默认）、json 或 github",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, repository: Repository) -> int:
    try:
        approvals = load_approvals(args.approvals) if args.approvals else None
        problems = review(
            repository,
            args.base,
            head=args.head,
            author=args.author,
            approvals=approvals,
            head_sha=args.head_sha,
        )
    except (ApprovalsError, GitError) as error:
        # the message may quote a ref or a path as typed, control characters too
        print(visible(str(error)), file=sys.stderr)
        return USAGE
    print(render(problems, args.format))
    return INVALID if has_errors(problems) else OK
