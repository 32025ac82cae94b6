"""Say in Chinese what an import does: new, changed and unchanged records.

print(describe(result, options))
# 科技成果：新增 2 条，更新 1 条，没有变化 5 条。
#   新增 scut-2026-004（第 3 行）：一种高效固态电池
#   更新 scut-2026-001（第 4 行）：高安全固态锂电池电解质制备技术
#     成果简介：“……” → “……”
# 试运行：没有写入任何文件。
"""

from __future__ import annotations

from collections import defaultdict

from usefirst.problems import has_errors
from usefirst.report import visible
from usefirst.sheets.importer import ImportOptions, ImportResult
from usefirst.sheets.rows import NEW, SAME, UPDATE, RowResult

SHOWN = 50
DROPS_COMMENTS = "注释将被删除：记录文件中手写的 # 注释在更新后不再保留"
ACTION_NAMES = {NEW: "新增", UPDATE: "更新", SAME: "没有变化"}


def describe(
    result: ImportResult, options: ImportOptions, titles: dict[str, str]
) -> str:
    """Describe the rows by sheet, the changes, and what was written."""
    by_kind: dict[str, list[RowResult]] = defaultdict(list)
    for row in result.rows:
        by_kind[row.kind].append(row)
    lines = []
    for kind, rows in by_kind.items():
        counts = "，".join(
            _count(rows, action, name) for action, name in ACTION_NAMES.items()
        )
        lines.append(f"{titles.get(kind, kind)}：{counts}。")
        lines.extend(_details(rows))
    if not result.rows:
        lines.append("没有可导入的行。")
    lines.extend(result.skipped)
    lines.append(_outcome(result, options))
    # ids, titles, cell values and sheet names come from the sheet as typed
    return "\n".join(map(visible, lines))


def _count(rows: list[RowResult], action: str, name: str) -> str:
    """Count the rows of one action, and those of them that have errors."""
    chosen = [row for row in rows if row.action == action]
    failing = sum(1 for row in chosen if not row.ok)
    return f"{name} {len(chosen)} 条" + (
        f"（其中 {failing} 条有错误）" if failing else ""
    )


def _details(rows: list[RowResult]) -> list[str]:
    lines = []
    shown = [row for row in rows if row.action in (NEW, UPDATE)]
    for row in shown[:SHOWN]:
        title = row.data.get("title") or row.data.get("name") or ""
        where = f"第 {row.row} 行" + ("，有错误" if not row.ok else "")
        lines.append(
            f"  {ACTION_NAMES[row.action]} {row.record_id}（{where}）：{title}"
        )
        lines.extend(f"    {c.header}：{c.old} → {c.new}" for c in row.changes)
        if row.drops_comments:
            lines.append(f"    {DROPS_COMMENTS}")
    if len(shown) > SHOWN:
        lines.append(f"  ……另有 {len(shown) - SHOWN} 条新增或更新未列出")
    return lines


def _outcome(result: ImportResult, options: ImportOptions) -> str:
    if options.dry_run:
        return "试运行：没有写入任何文件。"
    if result.written:
        return f"已写入 {len(result.written)} 个记录文件。"
    if has_errors(result.problems) and not options.write_valid_rows:
        return (
            "发现错误，没有写入任何文件；改正后重新导入，"
            "或加 --write-valid-rows 只写入没有错误的行。"
        )
    return "没有需要写入的变化。"
