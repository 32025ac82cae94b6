"""Problems found in the data: values collected and reported together.

Problem(file="catalog/scut/unit.yaml", line=3, path=("name",),
        rule="SCHEMA.required", message="缺少必填字段“单位名称”")
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding in one file: where it is, which rule, and what to do."""

    file: str
    line: int
    rule: str
    message: str
    path: tuple[str | int, ...] = field(default=(), compare=False)
    severity: Severity = field(default=Severity.ERROR, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def dotted_path(self) -> str:
        """Render the field path the way JSON Pointer-ish tools print it."""
        parts = []
        for part in self.path:
            if isinstance(part, int):
                parts.append(f"[{part}]")
            else:
                parts.append(f".{part}" if parts else str(part))
        return "".join(parts)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "path": self.dotted_path(),
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
        }


def has_errors(problems: list[Problem]) -> bool:
    """Tell whether any problem is an error rather than a warning."""
    return any(problem.is_error for problem in problems)
