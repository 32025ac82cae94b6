"""Numbers on merge: every approved record gets its number, once, forever.

    result = assign_numbers(Repository.find(Path(".")), datetime.date(2026, 5, 1))
    result.assigned[0].number        # "XYHZ-CG-2026-000001"

Achievements (every channel) get an achievement number ``XYHZ-CG-<year>-<6
digits>`` and, if missing, ``admitted_on``; contracts and exercise-rights
filings get a filing number ``XYHZ-HT-<year>-<6 digits>``. Numbers run per
series and year. The ledger ``catalog/numbers.yaml`` keeps every number ever
issued, so that the number of a deleted or renamed record is never issued again,
and a record whose ``number:`` line was lost gets its own number back. The
ledger keeps no admission dates: a lost ``admitted_on`` is reported, not
invented.

Record files are edited as text: a ``number:`` line is inserted right after the
``id:`` line (then ``admitted_on:``), and the result is parsed again and
compared before it is written, so comments and layout stay as they were.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from usefirst.catalog import record_files
from usefirst.filecheck import FileResult, check_files
from usefirst.kinds import NUMBERED_KINDS
from usefirst.loader import Document, load_file, parse_text
from usefirst.problems import Problem, Severity
from usefirst.repository import Repository

LEDGER_FILE = "numbers.yaml"
NUMBER = re.compile(r"XYHZ-(CG|HT)-([0-9]{4})-([0-9]{6})")
# achievements have achievement numbers; contracts and filings filing numbers
SERIES = {kind: "CG" if kind == "achievement" else "HT" for kind in NUMBERED_KINDS}
LAST_SEQUENCE = 999_999
LEDGER_HEADER = (
    "# 已分配编号台账：由 usefirst number 在合并后维护，请勿手工修改。\n"
    "# 编号一经分配永不重用：记录删除或改名后，它的编号仍留在这里。\n"
)
BOM = "\ufeff"


@dataclass(frozen=True)
class Assignment:
    """A number (and admission date) given to one record file."""

    file: str
    record_id: str
    number: str
    admitted_on: str | None


@dataclass
class Numbering:
    """The outcome of one run: what was assigned and what went wrong."""

    assigned: list[Assignment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ledger_changed: bool = False


def assign_numbers(
    repository: Repository, date: datetime.date, *, dry_run: bool = False
) -> Numbering:
    """Number every unnumbered approved record and update the ledger."""
    ledger_path = repository.catalog_dir / LEDGER_FILE
    ledger, problems = read_ledger(repository, ledger_path)
    outcome = Numbering(problems=problems)
    if problems:
        return outcome
    results = check_files(repository, record_files(repository))
    issued = dict(ledger)
    outcome.problems.extend(_reconcile(issued, results))
    outcome.problems.extend(_incomplete(ledger_path, ledger, issued, repository))
    taken = {number for result in results if (number := _number_of(result))}
    for result in _unnumbered(results, outcome.problems):
        restored = _issued_before(issued, taken, result)
        assignment = restored or _next_assignment(issued, result, date)
        if assignment is None:
            outcome.problems.append(_exhausted(result, date))
            continue
        problem = None if dry_run else _write_record(repository, result, assignment)
        if problem is not None:
            outcome.problems.append(problem)
            continue
        if restored is not None:
            outcome.problems.append(_restored(result, restored))
        issued[assignment.number] = assignment.record_id
        taken.add(assignment.number)
        outcome.assigned.append(assignment)
    outcome.ledger_changed = issued != ledger
    if outcome.ledger_changed and not dry_run:
        ledger_path.write_text(render_ledger(issued), encoding="utf-8")
    return outcome


def read_ledger(
    repository: Repository, path: Path
) -> tuple[dict[str, str], list[Problem]]:
    """Read the issued numbers; a missing ledger is an empty one."""
    if not path.exists():
        return {}, []
    file = repository.relative(path)
    document, problems = load_file(path, file)
    if document is None:
        return {}, problems
    issued = document.data.get("issued") or {}
    valid = isinstance(issued, dict) and all(
        NUMBER.fullmatch(str(number)) and isinstance(record_id, str)
        for number, record_id in issued.items()
    )
    if not valid:
        message = "编号台账的 issued 应为“编号: 记录标识”的对应表；请恢复台账文件"
        return {}, [
            Problem(file, document.line_of(("issued",)), "NUMBER.ledger", message)
        ]
    return dict(issued), problems


def render_ledger(issued: dict[str, str]) -> str:
    """Write the ledger text, numbers in order."""
    if not issued:
        return LEDGER_HEADER + "issued: {}\n"
    # ids such as "123" or "true" would read back as numbers or booleans
    lines = [f"  {number}: {json.dumps(issued[number])}\n" for number in sorted(issued)]
    return LEDGER_HEADER + "issued:\n" + "".join(lines)


def _reconcile(issued: dict[str, str], results: list[FileResult]) -> list[Problem]:
    """Enter numbers found in records into the ledger; report numbers reused."""
    problems = []
    for result in results:
        document, number = result.document, _number_of(result)
        if document is None or number is None:
            continue
        record_id = document.data.get("id")
        owner = issued.setdefault(number, str(record_id))
        if owner != record_id:
            problems.append(
                Problem(
                    result.file,
                    document.line_of(("number",)),
                    "NUMBER.reused",
                    f"编号 {number} 已分配给记录“{owner}”，不能重复使用：请恢复本记录"
                    "原来的编号，或删除 number 一行等待重新分配",
                    ("number",),
                )
            )
    return problems


def _incomplete(
    path: Path, ledger: dict[str, str], issued: dict[str, str], repository: Repository
) -> list[Problem]:
    """Warn when records hold numbers the ledger lacks: it may have lost some."""
    added = sorted(set(issued) - set(ledger))
    if not added:
        return []
    message = (
        f"编号台账缺少记录中已有的编号 {added[0]}"
        + (f" 等 {len(added)} 个" if len(added) > 1 else "")
        + "：已按记录补记。台账若被删除或改动过，请从提交历史恢复它，否则已删除"
        "记录的编号可能被重新分配"
    )
    file = repository.relative(path)
    return [
        Problem(file, 1, "NUMBER.ledger_incomplete", message, severity=Severity.WARNING)
    ]


def _number_of(result: FileResult) -> str | None:
    """The well-formed number a record file holds, if any."""
    document = result.document
    number = document.data.get("number") if document is not None else None
    return number if isinstance(number, str) and NUMBER.fullmatch(number) else None


def _unnumbered(results: list[FileResult], problems: list[Problem]) -> list[FileResult]:
    """The approved records of a numbered kind that still lack a number."""
    waiting = []
    for result in sorted(results, key=lambda r: r.file):
        document = result.document
        if document is None:
            problems.append(_unreadable(result))
            continue
        if document.data.get("kind") not in SERIES:
            continue
        if "number" in document.data:
            continue
        if any(problem.is_error for problem in result.problems):
            problems.append(
                Problem(
                    result.file,
                    1,
                    "NUMBER.invalid_record",
                    "记录没有通过格式检查，暂不分配编号：请先改正 usefirst validate "
                    "报告的问题",
                    severity=Severity.WARNING,
                )
            )
            continue
        waiting.append(result)
    return waiting


def _unreadable(result: FileResult) -> Problem:
    return Problem(
        result.file,
        1,
        "NUMBER.unreadable",
        "记录文件无法读取，未检查是否需要分配编号：请先改正 usefirst validate "
        "报告的问题，再重新运行 usefirst number",
        severity=Severity.WARNING,
    )


def _issued_before(
    issued: dict[str, str], taken: set[str], result: FileResult
) -> Assignment | None:
    """The number the ledger already holds for this record, if no file has it."""
    data = result.document.data if result.document is not None else {}
    prefix = f"XYHZ-{SERIES[data['kind']]}-"
    numbers = sorted(
        number
        for number, record_id in issued.items()
        if record_id == data["id"] and number.startswith(prefix)
    )
    free = [number for number in numbers if number not in taken]
    return Assignment(result.file, data["id"], free[0], None) if free else None


def _restored(result: FileResult, assignment: Assignment) -> Problem:
    data = result.document.data if result.document is not None else {}
    message = (
        f"记录“{assignment.record_id}”没有编号，但台账中已为它分配过 "
        f"{assignment.number}：按原编号恢复，不另发新号"
    )
    if data.get("kind") == "achievement" and "admitted_on" not in data:
        message += (
            "；台账不记录入库日期，请从提交历史中找回原来的“入库日期”（admitted_on）"
            "并补上"
        )
    return Problem(
        result.file, 1, "NUMBER.restored", message, ("number",), Severity.WARNING
    )


def _next_assignment(
    issued: dict[str, str], result: FileResult, date: datetime.date
) -> Assignment | None:
    data = result.document.data if result.document is not None else {}
    series = SERIES[data["kind"]]
    prefix = f"XYHZ-{series}-{date.year:04d}-"
    used = [int(number[-6:]) for number in issued if number.startswith(prefix)]
    sequence = max(used, default=0) + 1
    if sequence > LAST_SEQUENCE:
        return None
    admitted = None
    if data["kind"] == "achievement" and "admitted_on" not in data:
        admitted = date.isoformat()
    return Assignment(result.file, data["id"], f"{prefix}{sequence:06d}", admitted)


def _exhausted(result: FileResult, date: datetime.date) -> Problem:
    return Problem(
        result.file,
        1,
        "NUMBER.exhausted",
        f"{date.year} 年的编号已用完（{LAST_SEQUENCE} 个）：请联系维护人员",
    )


def _write_record(
    repository: Repository, result: FileResult, assignment: Assignment
) -> Problem | None:
    """Insert the new lines after ``id:`` and write the file if it reads back."""
    path = repository.root / result.file
    text = path.read_bytes().decode("utf-8")
    edited = insert_number(text, result.document, assignment)
    if edited is None:
        return Problem(
            result.file,
            1,
            "NUMBER.edit",
            "无法在“记录标识”（id）一行之后插入编号：请把 id 写成单独一行的"
            "“id: 记录标识”后再运行 usefirst number",
        )
    path.write_bytes(edited.encode("utf-8"))
    return None


def insert_number(
    text: str, document: Document | None, assignment: Assignment
) -> str | None:
    """Return the text with the number lines after ``id:``, or None if unsafe."""
    if document is None:
        return None
    bom = BOM if text.startswith(BOM) else ""
    lines = text.removeprefix(BOM).splitlines(keepends=True)
    index = document.line_of(("id",)) - 1
    if not (0 <= index < len(lines)) or not re.match(r"\s*id\s*:", lines[index]):
        return None
    newline = "\r\n" if lines[index].endswith("\r\n") else "\n"
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    if not lines[index].endswith(("\n", "\r")):
        lines[index] += newline
    added = [f"{indent}number: {assignment.number}{newline}"]
    if assignment.admitted_on:
        added.append(f"{indent}admitted_on: {assignment.admitted_on}{newline}")
    lines[index + 1 : index + 1] = added
    edited = "".join(lines)
    return bom + edited if _reads_back(edited, document, assignment) else None


def _reads_back(text: str, document: Document, assignment: Assignment) -> bool:
    expected = dict(document.data, number=assignment.number)
    if assignment.admitted_on:
        expected["admitted_on"] = assignment.admitted_on
    reread, problems = parse_text(text, document.file)
    return reread is not None and not problems and reread.data == expected
