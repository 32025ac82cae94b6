"""Batch import: each row of a spreadsheet becomes a record file of one unit.

    options = ImportOptions(unit="scut", channel="unit_batch", dry_run=True)
    result = import_file(repository, Path("成果.xlsx"), "成果.xlsx", options)
    result.count(NEW), result.count(UPDATE), result.count(SAME)
    print(render(result.problems, "text"))

Every record a row makes is rendered as the YAML file it would be and checked
the way ``usefirst validate`` checks: layout and schema file by file, then
every rule over the catalog with the new and changed records in place. Each
problem names the sheet, the row and the column. With any error nothing is
written, unless ``write_valid_rows`` asks for the rows without errors; a dry
run writes nothing. Importing the same sheet again finds each row's record
(``identity``) and changes only what the sheet changes.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from usefirst.catalog import build_catalog, record_files
from usefirst.filecheck import FileResult, check_bytes, check_files
from usefirst.kinds import ACHIEVEMENT, KIND_FOLDERS, TECHNOLOGY_NEED, UNIT_FILE
from usefirst.loader import load_file
from usefirst.problems import Problem, Severity, has_errors
from usefirst.repository import Repository
from usefirst.rules import Context, run_rules
from usefirst.schemas import SchemaSet
from usefirst.settings import load_settings
from usefirst.sheets.columns import ColumnSet, header_key
from usefirst.sheets.identity import RecordIndex
from usefirst.sheets.progress import ProgressFactory, no_progress
from usefirst.sheets.reading import Table, read_tables
from usefirst.sheets.recordfile import has_comments, render_record
from usefirst.sheets.rows import NEW, SAME, UPDATE, RowResult, SheetImport

IMPORTABLE_KINDS = (ACHIEVEMENT, TECHNOLOGY_NEED)
UNIT_BATCH, CITY_BATCH = "unit_batch", "city_batch"
CITY_BUREAU = "city_bureau"
SHEET_SKIPPED = "IMPORT.sheet_skipped"
WRITE_FAILED = "IMPORT.write"

log = logging.getLogger(__name__)

__all__ = ["NEW", "SAME", "UPDATE", "ImportOptions", "ImportResult", "import_file"]


@dataclass(frozen=True)
class ImportOptions:
    """What to import into where, and whether to write."""

    unit: str
    channel: str = UNIT_BATCH
    kind: str = ACHIEVEMENT
    dry_run: bool = False
    write_valid_rows: bool = False
    today: datetime.date = field(default_factory=datetime.date.today)


@dataclass
class ImportResult:
    """The rows, every problem (sorted), and the files written."""

    rows: list[RowResult]
    problems: list[Problem]
    written: list[str]
    skipped: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        """Count the rows that had this outcome (new, update, same)."""
        return sum(1 for row in self.rows if row.action == action)


class Existing:
    """The catalog as it is: checked files, ids in use, and new ids to give."""

    def __init__(self, repository: Repository, unit: str, year: int) -> None:
        files = record_files(repository)
        self.repository = repository
        self.results = check_files(repository, files)
        self.unit = unit
        self.ids = {
            path.parent.name if path.name == UNIT_FILE else path.stem for path in files
        }
        self.by_id = {
            result.document.data["id"]: result
            for result in self.results
            if result.document is not None
            and isinstance(result.document.data.get("id"), str)
        }
        self.prefix = f"{unit}-{year}-"
        self.next_number = 1 + max(self._numbers(), default=0)

    def _numbers(self) -> list[int]:
        pattern = re.compile(re.escape(self.prefix) + r"(\d+)")
        return [int(m.group(1)) for i in self.ids if (m := pattern.fullmatch(i))]

    def index(self, kind: str, unit: str) -> RecordIndex:
        """Index the unit's records of a kind, valid or not, by identity keys."""
        index = RecordIndex(unit)
        for result in self.results:
            data = result.document.data if result.document else None
            ours = result.folder == unit and data and data.get("kind") == kind
            if ours and isinstance(data.get("id"), str):
                index.add(data["id"], data)
        return index

    def result(self, record_id: str) -> FileResult:
        """Return the checked file of an existing record."""
        return self.by_id[record_id]

    def taken(self, record_id: str) -> bool:
        """Tell whether a record or a new row already has this id."""
        return record_id in self.ids

    def claim(self, record_id: str) -> None:
        """Reserve an id a row gives itself."""
        self.ids.add(record_id)

    def new_id(self) -> str:
        """Give the next free id ``<unit>-<year>-<seq>``, in row order."""
        while True:
            record_id = f"{self.prefix}{self.next_number:03d}"
            self.next_number += 1
            if record_id not in self.ids:
                self.ids.add(record_id)
                return record_id

    def file_for(self, kind: str, record_id: str) -> str:
        """Name the file a record of the unit is written to."""
        return f"catalog/{self.unit}/{KIND_FOLDERS[kind]}/{record_id}.yaml"


@dataclass
class Session:
    """One import run: where, what, and how to show progress."""

    repository: Repository
    options: ImportOptions
    file: str
    existing: Existing
    progress: ProgressFactory = no_progress
    rows_by_file: dict[str, int] = field(default_factory=dict)

    @property
    def schemas(self) -> SchemaSet:
        """Return the repository's record schemas."""
        return self.repository.schemas


def unit_type(repository: Repository, unit: str) -> str | None:
    """Return the type of a unit (university, city_bureau …), "" if unreadable."""
    path = repository.catalog_dir / unit / UNIT_FILE
    if not path.is_file():
        return None
    document, _ = load_file(path, repository.relative(path))
    data = document.data if document else {}
    return str(data.get("type", ""))


def channel_for(kind_of_unit: str, channel: str | None) -> tuple[str, str | None]:
    """Choose the channel for a unit; say why a requested one does not fit it."""
    fitting = CITY_BATCH if kind_of_unit == CITY_BUREAU else UNIT_BATCH
    if channel is None or channel == fitting:
        return fitting, None
    if channel == CITY_BATCH:
        return (
            channel,
            "--channel city_batch 只用于地市科技部门，而本单位不是地市科技部门",
        )
    return channel, "本单位是地市科技部门：请使用 --channel city_batch"


def import_file(
    repository: Repository,
    path: Path,
    file: str,
    options: ImportOptions,
    progress: ProgressFactory = no_progress,
) -> ImportResult:
    """Import a workbook or CSV file into a unit's folder."""
    tables, problems = read_tables(path, file, progress)
    existing = Existing(repository, options.unit, options.today.year)
    session = Session(repository, options, file, existing, progress)
    sheets: list[tuple[SheetImport, list[RowResult]]] = []
    skipped: list[str] = []
    renamed = _renamed_sheet(session, tables)
    for table in tables:
        kind = (
            options.kind
            if table is renamed
            else _kind_of(session, table, len(tables), problems, skipped)
        )
        if kind is not None:
            sheet = SheetImport(session, table, kind)
            sheets.append((sheet, sheet.run()))
            problems.extend(sheet.problems)
            skipped.extend(sheet.skipped)
    if not sheets:
        problems[:] = [_as_error(problem) for problem in problems]
        problems.extend(_nothing_importable(file, skipped))
    _check(session, sheets)
    rows = [row for _, sheet_rows in sheets for row in sheet_rows]
    _mark_comments(session, rows)
    problems.extend(problem for row in rows for problem in row.problems)
    written = _write(session, rows, problems)
    return ImportResult(rows, sorted(problems), written, skipped)


def _renamed_sheet(session: Session, tables: list[Table]) -> Table | None:
    """Find the first sheet laid out as the template of the kind asked for."""
    kind = session.options.kind
    columns = ColumnSet(session.schemas, kind)
    if len(tables) < 2 or any(t.sheet == columns.title for t in tables):
        return None
    titles = {session.schemas.kind_title(k) for k in session.schemas.kinds}
    wanted = {column.key for column in columns.layout()}
    for table in tables:
        keys = {header_key(header) for header in table.headers}
        if table.sheet not in titles and table.rows and wanted <= keys:
            return table
    return None


def _as_error(problem: Problem) -> Problem:
    """Make a skipped sheet an error when no sheet at all could be imported."""
    if problem.rule != SHEET_SKIPPED:
        return problem
    return dataclasses.replace(problem, severity=Severity.ERROR)


def _nothing_importable(file: str, skipped: list[str]) -> list[Problem]:
    """Make sheets of kinds the import does not take an error when none else was."""
    if not skipped:
        return []
    message = "没有可以导入的工作表：" + "；".join(skipped)
    return [Problem(file, 1, SHEET_SKIPPED, message)]


def _kind_of(
    session: Session,
    table: Table,
    tables: int,
    problems: list[Problem],
    skipped: list[str],
) -> str | None:
    """Name the kind a sheet holds, if it is one the import takes."""
    schemas = session.schemas
    titles = {schemas.kind_title(kind): kind for kind in schemas.kinds}
    kind = titles.get(table.sheet)
    if kind is None and tables == 1:
        kind = session.options.kind
    if kind in IMPORTABLE_KINDS:
        return kind
    names = "、".join(schemas.kind_title(k) for k in IMPORTABLE_KINDS)
    if kind is not None and table.rows:
        skipped.append(f"工作表“{table.sheet}”不能批量导入（只能导入{names}），已跳过")
    elif table.rows:
        problems.append(
            Problem(
                session.file,
                1,
                SHEET_SKIPPED,
                f"工作表“{table.sheet}”已跳过：工作表名称应为{names}（与模板相同）",
                (table.sheet,),
                Severity.WARNING,
            )
        )
    return None


def _check(session: Session, sheets: list[tuple[SheetImport, list[RowResult]]]) -> None:
    """Check each new or changed record as its file, then every rule."""
    repository = session.repository
    changed = [
        (sheet, row)
        for sheet, rows in sheets
        for row in rows
        if row.action in (NEW, UPDATE)
    ]
    fresh: dict[str, FileResult] = {}
    session.rows_by_file.update({row.file: row.row for _, row in changed})
    with session.progress("检查", len(changed)) as bar:
        for sheet, row in changed:
            row.text = render_record(session.schemas, row.kind, row.data).encode()
            result = check_bytes(repository, row.file, row.text)
            fresh[row.file] = result
            _attach(sheet, row, result.problems)
            bar.advance()
    if not changed:
        return
    results = {result.file: result for result in session.existing.results}
    results.update(fresh)
    catalog, _ = build_catalog(repository, results.values())
    settings, _ = load_settings(repository)
    context = Context(session.options.today, settings.uscc_overrides)
    by_file = {row.file: (sheet, row) for sheet, row in changed}
    for problem in run_rules(catalog, context):
        if problem.file in by_file:
            sheet, row = by_file[problem.file]
            _attach(sheet, row, [problem])


def _mark_comments(session: Session, rows: list[RowResult]) -> None:
    """Note each record an update rewrites whose file holds hand-written comments."""
    for row in rows:
        if row.action == UPDATE:
            path = session.repository.root / row.file
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            row.drops_comments = has_comments(text)


def _attach(sheet: SheetImport, row: RowResult, problems: list[Problem]) -> None:
    for problem in problems:
        mapped = sheet.record_problem(row, problem)
        if mapped is not None:
            row.problems.append(mapped)


def _write(
    session: Session, rows: list[RowResult], problems: list[Problem]
) -> list[str]:
    """Write new and changed records, unless a dry run or an error forbids it."""
    options = session.options
    if options.dry_run or (has_errors(problems) and not options.write_valid_rows):
        return []
    todo = [row for row in rows if row.action in (NEW, UPDATE) and row.ok]
    written: list[str] = []
    with session.progress("写入", len(todo)) as bar:
        for row in todo:
            path = session.repository.root / row.file
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(row.text)
            except OSError as error:
                problems.append(_write_problem(row.file, error, len(written)))
                break
            written.append(row.file)
            bar.advance()
    return written


def _write_problem(file: str, error: OSError, written: int) -> Problem:
    """Say in Chinese why a record file cannot be written, and what already was."""
    log.debug("cannot write %s: %s: %s", file, type(error).__name__, error)
    if isinstance(error, FileExistsError | NotADirectoryError):
        why = "路径上有一个同名的文件占着文件夹的位置：请把它移走或改名"
    elif isinstance(error, PermissionError):
        why = "没有写入权限：请检查文件夹的权限"
    else:
        why = "请确认磁盘空间足够、文件没有被其他程序占用"
    message = (
        f"无法写入这个记录文件，{why}，然后重新导入（此前已写入 {written} 个文件）"
    )
    return Problem(file, 1, WRITE_FAILED, message)
