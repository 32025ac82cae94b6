"""Write a report as Markdown: a title, notes, then one table per section.

print(render_markdown(report))
"""

from __future__ import annotations

from decimal import Decimal

from usefirst.reports.model import NOT_PUBLIC, Cell, Report, Table


def render_markdown(report: Report) -> str:
    """Render a report as Markdown text."""
    lines = [f"# {report.title}", "", f"> {NOT_PUBLIC}", ""]
    lines.extend(f"- {note}" for note in report.notes)
    for table in report.tables:
        lines.extend(["", f"## {table.title}", "", *_table(table)])
    return "\n".join(lines) + "\n"


def _table(table: Table) -> list[str]:
    if not table.rows:
        return ["（无）"]
    lines = [_line(table.headers), _line(["---"] * len(table.headers))]
    lines.extend(_line([_cell(cell) for cell in row]) for row in table.rows)
    return lines


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _cell(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        return f"{cell:,.2f}"
    return str(cell).replace("|", "\\|").replace("\n", " ")
