"""REVIEW.consent: an inventor's filing carries the consent of its unit.

Consent is an approving review of the pull request's head commit by one of the
unit's maintainers, as the base side lists them. A pull request authored by
such a maintainer is the unit's consent itself: GitHub lets nobody approve his
own pull request, and most units have one maintainer. Without an approvals
file the check cannot know, and says that consent is pending.

    usefirst review --base origin/main --author chen-jh --approvals reviews.json
"""

from __future__ import annotations

from usefirst.kinds import CONTRACT_KINDS
from usefirst.problems import Problem, Severity
from usefirst.review.approvals import Approvals
from usefirst.review.context import RecordChange, ReviewContext, mention

FILING_KINDS = (*CONTRACT_KINDS, "recognition_application", "exercise_rights_filing")


def is_inventor_filing(change: RecordChange) -> bool:
    """Tell whether an added or changed record is a filing the unit consents to."""
    if change.after is None:
        return False
    if change.kind in FILING_KINDS:
        return True
    return (
        change.kind == "achievement" and change.after.data.get("channel") == "inventor"
    )


def consent_problems(context: ReviewContext) -> list[Problem]:
    """Report inventor filings that no maintainer of their unit has approved."""
    filings = [
        change
        for change in context.record_changes()
        if is_inventor_filing(change)
        and context.unit_exists(change.unit)  # else REVIEW.unit_unknown
        and not context.may_act_for(change.unit)
    ]
    return [
        problem
        for change in filings
        if (problem := _consent(context, change)) is not None
    ]


def _consent(context: ReviewContext, change: RecordChange) -> Problem | None:
    maintainers = context.maintainers(change.unit)
    eligible = {m.casefold() for m in maintainers}
    what = f"成果完成人填报的{context.kind_title(change.kind)}须经成果单位同意"
    line = change.line(("unit",))
    if context.approvals is None:
        return Problem(
            change.path,
            line,
            "REVIEW.consent_pending",
            f"{what}：等待单位维护人 {mention(maintainers)} "
            "在合并请求中批准（Approve）",
            ("unit",),
            Severity.WARNING,
        )
    head_sha = context.head_commit or ""
    if eligible & context.approvals.approvers(head_sha):
        return None
    return Problem(
        change.path,
        line,
        "REVIEW.consent",
        f"{what}，尚未获得同意：需要单位维护人 {mention(maintainers)} 中的一位"
        f"在合并请求中批准（Approve）最新提交"
        f"{_stale_note(context.approvals, eligible, head_sha)}",
        ("unit",),
    )


def _stale_note(approvals: Approvals, eligible: set[str], head_sha: str) -> str:
    stale = {u: r for u, r in approvals.stale(head_sha).items() if u in eligible}
    if not stale:
        return ""
    names = "、".join(
        f"@{review.user} 批准的是较早的提交 {review.commit_id[:7]}"
        if review.commit_id
        else f"@{review.user} 的批准没有注明针对哪个提交"
        for review in stale.values()
    )
    return f"（{names}，提交有更新后须重新批准）"
