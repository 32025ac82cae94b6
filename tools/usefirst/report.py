"""Reporters: problems as text, JSON or GitHub workflow annotations.

print(render(problems, "text"))
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable

from usefirst.problems import Problem, Severity

FORMATS = ("text", "json", "github")
_SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告"}

# Characters of the categories Cc, Cf, Cs, Zl and Zp (Unicode 15): they break
# a line, hide or reorder text, or cannot be written out at all
_HIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
    "\u08e2\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    "\ud800-\udfff\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
# GitHub's runner takes the legacy form ``##[command]`` anywhere in a line
_LEGACY_COMMAND = "##["


def render_text(problems: list[Problem]) -> str:
    """One line a problem: ``file:line: rule message``, then a count."""
    lines = [
        f"{_line_start(p.file)}:{p.line}: {p.rule} {p.message}"
        + (f"（{_SEVERITY_NAMES[p.severity]}）" if not p.is_error else "")
        for p in map(_shown, problems)
    ]
    lines.append(summary(problems))
    return "\n".join(lines)


def render_json(problems: list[Problem]) -> str:
    """A JSON list of objects with file, line, path, rule, severity, message.

    Texts stay exact; what could break or fake a line of a log is written as
    a JSON escape, which reads back as the same text.
    """
    text = json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2)
    text = _HIDDEN.sub(_json_escape, text)
    return text.replace(_LEGACY_COMMAND, "##\\u005b")


def _json_escape(match: re.Match[str]) -> str:
    # json.dumps writes the control characters in strings as escapes already:
    # a line break left is one between the items
    character = match.group()
    return character if character == "\n" else json.dumps(character)[1:-1]


def render_github(problems: list[Problem]) -> str:
    """Workflow commands that annotate each file and line, then the text report."""
    lines = [_annotation(problem) for problem in map(_shown, problems)]
    return "\n".join([*lines, render_text(problems)])


def visible(text: str) -> str:
    """Show a text on one line, its control characters as escapes like ``\\n``.

    Record text ends up in logs that GitHub reads for workflow commands; once
    shown this way it can neither start a line nor hide a command in one.
    """
    text = _HIDDEN.sub(lambda match: _escape(match.group()), text)
    return text.replace(_LEGACY_COMMAND, "## [")


def _escape(character: str) -> str:
    return character.encode("unicode_escape", "backslashreplace").decode("ascii")


def _shown(problem: Problem) -> Problem:
    path = tuple(
        visible(part) if isinstance(part, str) else part for part in problem.path
    )
    return dataclasses.replace(
        problem, file=visible(problem.file), message=visible(problem.message), path=path
    )


def _line_start(file: str) -> str:
    # a line of the text report starts with the file: "::" there would be a
    # workflow command, "./" in front names the same file
    return f"./{file}" if file.lstrip().startswith("::") else file


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
