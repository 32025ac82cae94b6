"""REVIEW.permission and friends: the author may act for what the change touches.

    catalog/scut/...            only maintainers of scut (base side) or reviewers,
                                except inventor filings (see below)
    catalog/settings.yaml       only reviewers
    schemas/, tools/, .github/  only reviewers

``.github/CODEOWNERS`` is the exception: anyone may commit it when it is exactly
what ``usefirst codeowners`` makes of the changed tree, since it follows from
records the author may change. Anyone may also add or change an inventor's
filing in a unit folder (an achievement of channel ``inventor``, a contract, a
recognition application, an exercise-rights filing) and the attachments it
refers to: the unit's consent is then required (``consent``). One problem is
reported per folder, at the first changed file, so that a batch import does not
repeat the same sentence. A ``unit.yaml`` that adds the author to its
maintainers is reported as exactly that (REVIEW.self_grant, at the added login)
rather than as one more file the author may not change.
"""

from __future__ import annotations

from collections import defaultdict

from usefirst.codeowners import CODEOWNERS_FILE, render_codeowners
from usefirst.kinds import UNIT_KIND
from usefirst.problems import Problem, Severity
from usefirst.review.attachments import attachment_target, references
from usefirst.review.consent import is_inventor_filing
from usefirst.review.context import (
    CATALOG,
    RecordChange,
    ReviewContext,
    login_list,
    mention,
    unit_of,
)


def permission_problems(context: ReviewContext) -> list[Problem]:
    """Report folders the author may not change, and rights granted to oneself."""
    if context.author is None:
        return [_author_missing()]
    if context.author_is_reviewer:
        return []
    grants = _self_grants(context)
    exempt = {problem.file for problem in grants} | _inventor_files(context)
    by_unit: dict[str | None, list[str]] = defaultdict(list)
    for change in context.changes:
        if change.path in exempt:
            continue
        if change.path != CODEOWNERS_FILE or not _codeowners_regenerated(context):
            by_unit[unit_of(change.path)].append(change.path)
    problems = [
        problem
        for unit, paths in by_unit.items()
        if (problem := _folder_problem(context, unit, paths)) is not None
    ]
    return [*problems, *grants]


def _inventor_files(context: ReviewContext) -> set[str]:
    """Added or changed inventor filings and the attachments they refer to."""
    files: set[str] = set()
    for change in context.record_changes():
        if change.after is None or not is_inventor_filing(change):
            continue
        if not context.unit_exists(change.unit):
            continue  # no maintainer could consent: REVIEW.unit_unknown says so
        files.add(change.path)
        for reference in references(change.after):
            target = attachment_target(change.unit, reference.file)
            if target is not None:
                files.add(target)
    deleted = {c.path for c in context.changes if c.status == "D"}
    return files - deleted


def _author_missing() -> Problem:
    return Problem(
        "-",
        0,
        "REVIEW.author_missing",
        "未指定提交人（--author），没有检查提交人能否代表所改动的单位",
        severity=Severity.WARNING,
    )


def _folder_problem(
    context: ReviewContext, unit: str | None, paths: list[str]
) -> Problem | None:
    author, count = context.author, len(paths)
    first = _first_present(context, paths)
    if unit is None:
        shown = "、".join(paths[:5]) + ("等" if count > 5 else "")
        return Problem(
            first,
            1,
            "REVIEW.outside_unit",
            f"只有省级审核人可以修改单位文件夹以外的文件（设置、格式定义、工具、工作流等）："
            f"提交人 @{author} 不是审核人，却修改了 {shown}",
        )
    if not context.unit_exists(unit):
        return Problem(
            first,
            1,
            "REVIEW.unit_unknown",
            f"目标分支上还没有单位 {CATALOG}/{unit}/（缺少 unit.yaml）：新单位须由省级"
            f"审核人登记；本合并请求改动了该文件夹下的 {count} 个文件",
        )
    if context.may_act_for(unit):
        return None
    maintainers = mention(context.maintainers(unit))
    return Problem(
        first,
        1,
        "REVIEW.permission",
        f"提交人 @{author} 不是单位 {unit} 的维护人，不能修改 {CATALOG}/{unit}/ "
        f"下的文件（本合并请求改动了 {count} 个）；该单位的维护人是 {maintainers}",
    )


def _first_present(context: ReviewContext, paths: list[str]) -> str:
    deleted = {c.path for c in context.changes if c.status == "D"}
    return next((path for path in paths if path not in deleted), paths[0])


def _self_grants(context: ReviewContext) -> list[Problem]:
    """Unit files that list the author, who is no maintainer on the base side."""
    problems = []
    for change in context.record_changes():
        index = _granted_index(context, change) if change.kind == UNIT_KIND else None
        if index is not None:
            new_unit = not context.unit_exists(change.unit)
            problems.append(_self_grant(change, ("maintainers", index), new_unit))
    return problems


def _granted_index(context: ReviewContext, change: RecordChange) -> int | None:
    """The position of the author among the maintainers, if the base lacks him."""
    if change.after is None or context.may_act_for(change.unit):
        return None
    author = (context.author or "").casefold()
    after = change.after.data.get("maintainers")
    if author not in {login.casefold() for login in login_list(after)}:
        return None
    return next(i for i, a in enumerate(after) if str(a).casefold() == author)


def _self_grant(
    change: RecordChange, path: tuple[str | int, ...], new_unit: bool
) -> Problem:
    if new_unit:
        message = (
            "本合并请求新建单位并把提交人自己列为“维护人”（maintainers）：新单位须由省级"
            "审核人登记，维护权限在合并后才生效；请联系省级审核人登记本单位"
        )
    else:
        message = (
            "本合并请求把提交人自己加入了“维护人”（maintainers）：不能给自己增加维护"
            "权限，也不能在同一个合并请求中使用它；请由该单位现有的维护人或省级审核人"
            "提交这项变更"
        )
    return Problem(change.path, change.line(path), "REVIEW.self_grant", message, path)


def _codeowners_regenerated(context: ReviewContext) -> bool:
    """Tell whether the changed CODEOWNERS is exactly the generated one."""
    content = context.head.tree.read(CODEOWNERS_FILE)
    if content is None:
        return False
    return content == render_codeowners(
        context.head.tree, context.repository.schemas
    ).encode("utf-8")
