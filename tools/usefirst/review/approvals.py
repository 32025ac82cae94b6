"""Pull-request reviews as the review command reads them (``--approvals FILE``).

    approvals = load_approvals(Path("reviews.json"))
    approvals.approvers("3f2c…")      # {"scut-ttc"}: approved that commit

The approvals file is what ``gh api repos/{owner}/{repo}/pulls/{n}/reviews``
returns, optionally wrapped with the pull request's head commit::

    {"head_sha": "3f2c…",
     "reviews": [{"user": {"login": "scut-ttc"}, "state": "APPROVED",
                  "submitted_at": "2026-05-01T08:00:00Z", "commit_id": "3f2c…"}]}

A bare list of reviews, or a list of such lists (``gh api --paginate --slurp``),
is accepted too; ``user`` may be a login or an object with ``login``. Per user
the latest review in state APPROVED, CHANGES_REQUESTED or DISMISSED counts (a
later COMMENTED review does not withdraw an approval, as on GitHub), and an
approval counts only if it names the head commit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

APPROVED = "APPROVED"
DECISIVE_STATES = {APPROVED, "CHANGES_REQUESTED", "DISMISSED"}


class ApprovalsError(Exception):
    """Raised when the approvals file cannot be read as reviews."""


@dataclass(frozen=True)
class Review:
    """One pull-request review: who, which verdict, when, on which commit."""

    user: str
    state: str
    submitted_at: str
    commit_id: str


@dataclass(frozen=True)
class Approvals:
    """The reviews of one pull request and, if known, its head commit."""

    reviews: tuple[Review, ...]
    head_sha: str | None = None

    def latest(self) -> dict[str, Review]:
        """Each user's latest decisive review, keyed by lower-case login."""
        latest: dict[str, Review] = {}
        ordered = sorted(
            enumerate(self.reviews), key=lambda item: (item[1].submitted_at, item[0])
        )
        for _, review in ordered:
            if review.state in DECISIVE_STATES:
                latest[review.user.casefold()] = review
        return latest

    def approvers(self, head_sha: str) -> set[str]:
        """Logins (lower case) whose latest verdict approves ``head_sha``."""
        return {
            user
            for user, review in self.latest().items()
            if review.state == APPROVED and _same_commit(review.commit_id, head_sha)
        }

    def stale(self, head_sha: str) -> dict[str, Review]:
        """Approvals whose latest verdict names an earlier commit."""
        return {
            user: review
            for user, review in self.latest().items()
            if review.state == APPROVED and not _same_commit(review.commit_id, head_sha)
        }


def load_approvals(path: Path) -> Approvals:
    """Read an approvals file; raise ``ApprovalsError`` with a Chinese reason."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ApprovalsError(f"无法读取审批记录文件 {path}：文件不存在") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ApprovalsError(
            f"无法读取审批记录文件 {path}：应为 UTF-8 编码、可以读取的 JSON 文件"
        ) from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ApprovalsError(
            f"审批记录文件 {path} 第 {error.lineno} 行第 {error.colno} 列不是有效的 "
            "JSON：请重新用 gh api 下载评审记录，不要手工编辑"
        ) from error
    head_sha = None
    if isinstance(data, dict):
        head_sha = data.get("head_sha")
        data = data.get("reviews")
        if head_sha is not None and not isinstance(head_sha, str):
            raise ApprovalsError("审批记录文件中的 head_sha 应为提交编号文本")
    if not isinstance(data, list):
        raise ApprovalsError("审批记录文件应为评审列表，或含 reviews 列表的对象")
    items = list(_flatten(data))
    reviews = tuple(
        _review(item, index)
        for index, item in enumerate(items)
        # the review of an account deleted since has no user: it cannot consent
        if not (isinstance(item, dict) and "user" in item and item["user"] is None)
    )
    return Approvals(reviews, head_sha)


def _flatten(items: list[Any]) -> Iterator[Any]:
    for item in items:
        if isinstance(item, list):
            yield from item
        else:
            yield item


def _review(item: Any, index: int) -> Review:
    if not isinstance(item, dict):
        raise ApprovalsError(f"审批记录第 {index + 1} 项不是对象")
    user = item.get("user")
    if isinstance(user, dict):
        user = user.get("login")
    values = [
        user,
        item.get("state"),
        item.get("submitted_at") or "",
        item.get("commit_id") or "",
    ]
    if not all(isinstance(value, str) for value in values) or not values[0]:
        raise ApprovalsError(
            f"审批记录第 {index + 1} 项缺少 user、state，或字段类型不正确"
        )
    return Review(*values)


def _same_commit(commit_id: str, head_sha: str) -> bool:
    return bool(commit_id) and commit_id.lower() == head_sha.lower()
