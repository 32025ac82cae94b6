"""Reporters: problems as text, JSON or GitHub workflow annotations.

print(render(problems, "text"))
"""

from __future__ import annotations

import json
from collections.abc import Callable

from usefirst.problems import Problem, Severity

FORMATS = ("text", "json", "github")
_SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告"}


def render_text(problems: list[Problem]) -> str:
    """One line a problem: ``file:line: rule message``, then a count."""
    lines = [
        f"{p.file}:{p.line}: {p.rule} {p.message}"
        + (f"（{_SEVERITY_NAMES[p.severity]}）" if not p.is_error else "")
        for p in problems
    ]
    lines.append(summary(problems))
    return "\n".join(lines)


def render_json(problems: list[Problem]) -> str:
    """A JSON list of objects with file, line, path, rule, severity, message."""
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2)


def render_github(problems: list[Problem]) -> str:
    """Workflow commands that annotate each file and line, then the text report."""
    lines = [_annotation(problem) for problem in problems]
    return "\n".join([*lines, render_text(problems)])


def summary(problems: list[Problem]) -> str:
    """Count errors and warnings in one Chinese sentence."""
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if not problems:
        return "检查通过：没有发现问题。"
    files = len({p.file for p in problems})
    return f"发现 {errors} 个错误、{warnings} 个警告，涉及 {files} 个文件。"


def _annotation(problem: Problem) -> str:
    level = "error" if problem.is_error else "warning"
    properties = ",".join(
        [
            f"file={_escape_property(problem.file)}",
            f"line={max(problem.line, 1)}",
            f"title={_escape_property(problem.rule)}",
        ]
    )
    return f"::{level} {properties}::{_escape_data(problem.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


RENDERERS: dict[str, Callable[[list[Problem]], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}


def render(problems: list[Problem], format_name: str) -> str:
    """Render problems in one of ``FORMATS``."""
    return RENDERERS[format_name](problems)
