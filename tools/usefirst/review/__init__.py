"""Review a pull request: what it changes between a base commit and the head.

    problems = review(repository, "origin/main", author="scut-ttc",
                      approvals=load_approvals(Path("reviews.json")))

The checks, each in its own module: who may change what (``permissions``), what
approval fixes (``approved``), the ledger of numbers (``ledger``), attachments
(``attachments``) and the unit's consent to an inventor's filing (``consent``).
Rights and reviewers are read from the base side only.

The change is what the head did since it left the base: the diff from their
merge base, as ``git diff base...head`` shows it. A branch that is behind
``main`` then does not appear to delete what ``main`` gained since; records are
compared with the merge base, rights are read from the base as it is now.
"""

from __future__ import annotations

from usefirst.problems import Problem
from usefirst.repository import Repository
from usefirst.review.approvals import Approvals, ApprovalsError, load_approvals
from usefirst.review.approved import approved_record_problems
from usefirst.review.attachments import attachment_problems
from usefirst.review.consent import consent_problems
from usefirst.review.context import ReviewContext, Side, split_odd_names
from usefirst.review.gitdiff import Git, GitError
from usefirst.review.ledger import ledger_problems
from usefirst.review.permissions import permission_problems

__all__ = [
    "RULES",
    "Approvals",
    "ApprovalsError",
    "GitError",
    "load_approvals",
    "review",
]

RULES = {
    "REVIEW.author_missing": "未指定提交人，未检查权限（警告）",
    "REVIEW.filename": "文件名不含换行、制表符等控制字符",
    "REVIEW.outside_unit": "单位文件夹以外的文件只有省级审核人可以修改",
    "REVIEW.unit_unknown": "新单位须由省级审核人登记",
    "REVIEW.permission": "提交人是所改动单位的维护人（按目标分支）",
    "REVIEW.self_grant": "不能在同一合并请求中给自己增加维护权限",
    "REVIEW.deleted": "已审核通过的记录不能删除，出库改状态",
    "REVIEW.number_changed": "编号一经分配永不改变",
    "REVIEW.immutable": "已审核通过记录的单位、完成人、入库渠道、类型、入库日期不变",
    "REVIEW.number_set": "编号和入库日期由系统填写，提交时不填",
    "REVIEW.ledger": "编号台账只增不减，已分配的编号不删不改",
    "REVIEW.attachment_outside": "附件在本单位的 attachments/ 文件夹中",
    "REVIEW.attachment_symlink": "附件不是符号链接",
    "REVIEW.attachment_missing": "附件文件存在",
    "REVIEW.attachment_size": "附件不超过 20 MiB",
    "REVIEW.attachment_hash": "附件与记录中的 SHA-256 一致",
    "REVIEW.attachment_type": "附件按内容是 PDF、OFD、JPEG 或 PNG，且与扩展名一致",
    "REVIEW.attachment_unreferenced": "新增的附件有记录引用（警告）",
    "REVIEW.consent": "成果完成人的填报经单位同意（维护人批准或由维护人发起）",
    "REVIEW.consent_pending": "未提供审批记录，单位同意待确认（警告）",
}


def review(
    repository: Repository,
    base: str,
    *,
    head: str | None = None,
    author: str | None = None,
    approvals: Approvals | None = None,
    head_sha: str | None = None,
) -> list[Problem]:
    """Check a change from ``base`` to ``head`` (or the working tree); sorted."""
    git = Git(repository.root)
    git.check()
    base_tree = git.tree(base)
    head_tree = git.tree(head) if head else git.worktree()
    fork = git.tree(git.merge_base(base, head or "HEAD"))
    if head_sha is None and approvals is not None:
        head_sha = approvals.head_sha
    changes, problems = split_odd_names(
        git.changes(fork.commit, head_tree.commit if head else None)
    )
    context = ReviewContext(
        repository,
        changes,
        Side(base_tree),
        Side(head_tree),
        author=author.removeprefix("@") if author else None,
        approvals=approvals,
        head_commit=head_sha or (git.commit(head or "HEAD") if approvals else None),
        fork=Side(fork) if fork.commit != base_tree.commit else None,
    )
    problems += [
        *permission_problems(context),
        *approved_record_problems(context),
        *ledger_problems(context),
        *attachment_problems(context),
        *consent_problems(context),
    ]
    return sorted(problems)
