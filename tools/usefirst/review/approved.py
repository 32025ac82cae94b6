"""What approval fixes: approved records stay, and keep who and what they are.

A record on the base side has been approved by merging. It is never deleted (an
exit is ``status: exited``); its number, unit, inventors (their names), channel,
kind and admission date do not change; and nobody but a reviewer (or the
numbering on merge) writes a ``number`` or ``admitted_on``. A reviewer's own
corrections of approved records are shown as warnings, so that they are seen
but can be merged.

    catalog/scut/achievements/x.yaml: number XYHZ-CG-2026-000001 → …000002
    → REVIEW.number_changed at the line of ``number``
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from usefirst.problems import Problem
from usefirst.review.context import RecordChange, ReviewContext, show

IMMUTABLE_FIELDS = ("kind", "unit", "channel", "inventors", "admitted_on")
SYSTEM_FIELDS = ("number", "admitted_on")


def approved_record_problems(context: ReviewContext) -> list[Problem]:
    """Report deletions and forbidden changes of records, and numbers set by hand."""
    problems: list[Problem] = []
    for change in context.record_changes():
        # a file still there but unreadable is no deletion: validate names it
        if change.status == "D" and change.before is not None:
            problems.append(_deleted(context, change))
        if change.before is not None and change.after is not None:
            problems.extend(
                _changed_fields(context, change, change.before.data, change.after.data)
            )
        problems.extend(_system_fields(context, change))
    return problems


def _deleted(context: ReviewContext, change: RecordChange) -> Problem:
    title = context.kind_title(change.kind)
    advice = (
        "出库请把“库存状态”（status）改为 exited 并填写“出库信息”（exit），不要删除文件"
        if change.kind == "achievement"
        else "如需更正，请修改记录内容；如需撤回，请联系省级审核人"
    )
    return Problem(
        change.path,
        1,
        "REVIEW.deleted",
        f"已审核通过的{title}记录不能删除：{advice}",
        severity=context.severity(),
    )


def _changed_fields(
    context: ReviewContext,
    change: RecordChange,
    before: dict[str, Any],
    after: dict[str, Any],
) -> Iterator[Problem]:
    for key in ("number", *IMMUTABLE_FIELDS):
        old, new = before.get(key), after.get(key)
        if key in before and _comparable(key, old) != _comparable(key, new):
            yield _changed_field(context, change, key, old, new)


def _changed_field(
    context: ReviewContext, change: RecordChange, key: str, old: Any, new: Any
) -> Problem:
    title = context.field_title(change.kind, (key,))
    shown = f"原为“{_show(key, old)}”，现为“{_show(key, new)}”"
    if key == "number":
        rule = "REVIEW.number_changed"
        message = f"“{title}”一经分配永不改变：{shown}；请恢复原编号"
    else:
        rule = "REVIEW.immutable"
        message = f"已审核通过的记录不能修改“{title}”（{key}）：{shown}"
    return Problem(
        change.path, change.line((key,)), rule, message, (key,), context.severity()
    )


def _system_fields(context: ReviewContext, change: RecordChange) -> Iterator[Problem]:
    if change.after is None or context.author_is_reviewer:
        return
    before = change.before.data if change.before is not None else {}
    for key in SYSTEM_FIELDS:
        if key in change.after.data and key not in before:
            title = context.field_title(change.kind, (key,))
            yield Problem(
                change.path,
                change.line((key,)),
                "REVIEW.number_set",
                f"“{title}”（{key}）由系统在审核通过、合并后填写，提交时不要填写："
                f"请删除 {key} 这一行",
                (key,),
            )


def _comparable(key: str, value: Any) -> Any:
    if key == "inventors" and isinstance(value, list):
        return [item.get("name") if isinstance(item, dict) else item for item in value]
    return value


def _show(key: str, value: Any) -> str:
    if value is None:
        return "（无）"
    value = _comparable(key, value)
    if isinstance(value, list):
        return show("、".join(str(item) for item in value))
    return show(value)
