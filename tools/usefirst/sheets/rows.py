"""One sheet of a batch import: its headers, then each row made into a record.

    sheet = SheetImport(session, table, "achievement")
    results = sheet.run()          # one RowResult per row, problems attached

A row is read (``normalise``), matched with the unit's existing records
(``identity``) and merged into the existing record: a column the sheet has
replaces the field, unless the cell says the same thing in other words (a
Chinese name for a code, 50万元 for 500000), in which case the record keeps its
own spelling; a column the sheet lacks leaves the field as it is. The fields the
import or the approval owns (记录标识, 编号, 单位, 入库渠道, 入库日期) never come
from a cell unchanged: a cell may only confirm them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from usefirst.problems import Problem, Severity
from usefirst.sheets.cells import to_text
from usefirst.sheets.columns import Column, ColumnSet, Path, header_key
from usefirst.sheets.display import show
from usefirst.sheets.identity import Key, RecordIndex, describe, key_path
from usefirst.sheets.normalise import NormalisedRow, RowNormaliser, read_cell
from usefirst.sheets.reading import SheetRow, Table
from usefirst.sheets.template import MANAGED_FIELDS, example_cells

if TYPE_CHECKING:
    from usefirst.sheets.importer import Existing, Session

NEW, UPDATE, SAME = "new", "update", "same"
_REQUIRED_KEY = re.compile(r"（([A-Za-z_][A-Za-z0-9_]*)）$")
SYSTEM_FIELDS = ("number", "admitted_on")
INVENTOR_CHANNEL = "inventor"


@dataclass
class Change:
    """One field a row changes: its header, the old and the new value shown."""

    header: str
    old: str
    new: str


@dataclass
class RowResult:
    """What one row becomes: a new, changed or unchanged record, and its problems."""

    sheet: str
    row: int
    kind: str
    record_id: str
    action: str
    data: dict[str, Any]
    file: str
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    text: bytes = b""
    drops_comments: bool = False

    @property
    def ok(self) -> bool:
        """Tell whether the row has no error (warnings allowed)."""
        return not any(problem.is_error for problem in self.problems)


class SheetImport:
    """Turn the rows of one sheet into records of one kind."""

    def __init__(self, session: Session, table: Table, kind: str) -> None:
        self.session = session
        self.table = table
        self.kind = kind
        self.columns = ColumnSet(session.schemas, kind)
        self.mapped: dict[str, Column] = {}
        self.problems: list[Problem] = []
        self.existing: Existing = session.existing
        self.index = session.existing.index(kind, session.options.unit)
        self.seen = RecordIndex(session.options.unit)
        self.other_units: dict[str, list[int]] = defaultdict(list)
        self.skipped: list[str] = []

    def problem(
        self,
        row: int,
        header: str | None,
        rule: str,
        message: str,
        severity: Severity = Severity.ERROR,
    ) -> Problem:
        """Make a problem that names the sheet, the row and the column."""
        where = f"工作表“{self.table.sheet}”第 {row} 行"
        where += f"“{header}”列" if header else ""
        path = (self.table.sheet, header) if header else (self.table.sheet,)
        text = f"{where}：{message}"
        return Problem(self.session.file, row, rule, text, path, severity)

    def map_headers(self) -> bool:
        """Match headers to columns; tell whether every required column is there."""
        for number, header in enumerate(self.table.headers, start=1):
            if header:
                self._map_header(number, header)
        missing = self._missing_columns()
        for header in missing:
            self.problems.append(
                self.problem(
                    self.table.header_row,
                    header,
                    "IMPORT.missing_column",
                    f"缺少必填列：{self.columns.title}表格必须有“{header}”列，"
                    "请使用 usefirst template 生成的模板",
                )
            )
        return not missing

    def _map_header(self, number: int, header: str) -> None:
        column = self.columns.by_header.get(header_key(header))
        if column is None:
            self.problems.append(
                self.problem(
                    self.table.header_row,
                    header,
                    "IMPORT.unknown_column",
                    f"不是{self.columns.title}模板中的列，已忽略；"
                    "列名请与模板一致（见模板的“填写说明”）",
                    Severity.WARNING,
                )
            )
        elif any(known.path == column.path for known in self.mapped.values()):
            self.problems.append(
                self.problem(
                    self.table.header_row,
                    header,
                    "IMPORT.duplicate_column",
                    f"第 {number} 列与前面的列重复：每列只能出现一次",
                )
            )
        else:
            self.mapped[header] = column

    def _missing_columns(self) -> list[str]:
        present = {column.path[0] for column in self.mapped.values()}
        needed = [
            column
            for column in self.columns.layout()
            if column.required and column.path[0] not in MANAGED_FIELDS
        ]
        missing: dict[Any, str] = {}
        for column in needed:
            if column.path[0] not in present:
                missing.setdefault(column.path[0], column.header)
        return list(missing.values())

    def run(self) -> list[RowResult]:
        """Read, match and merge every row; report rows of other units once."""
        if not self.map_headers():
            return []
        rows = [row for row in self.table.rows if not self._is_example(row)]
        read = RowNormaliser(self.mapped).normalise([row.cells for row in rows])
        results = []
        with self.session.progress("整理", len(rows)) as bar:
            for row, values in zip(rows, read, strict=True):
                result = self._row(row, values)
                if result is not None:
                    results.append(result)
                bar.advance()
        self._report_other_units()
        return results

    def _is_example(self, row: SheetRow) -> bool:
        if row.number != self.table.header_row + 1:
            return False
        example = {
            h: v for h, v in example_cells(self.columns).items() if h in self.mapped
        }
        # a CSV file gives back text where the workbook held numbers
        return _texts(row.cells) == _texts(example)

    def _row(self, row: SheetRow, values: NormalisedRow) -> RowResult | None:
        unit = values.values.get(("unit",))
        if unit and unit != self.session.options.unit:
            self.other_units[unit].append(row.number)
            return None
        problems = [
            self.problem(row.number, header, "IMPORT.cell", message)
            for header, message in values.errors.items()
        ]
        problems.extend(
            self.problem(row.number, header, rule, message, severity)
            for header, rule, message, severity in row.notes
        )
        fresh = self.columns.build(values.values)
        old = self._match(row, fresh, problems)
        return self._merge(row, values.values, old, problems)

    def _match(
        self, row: SheetRow, fresh: dict[str, Any], problems: list[Problem]
    ) -> dict[str, Any] | None:
        """Find the existing record a row is; report rows that repeat a row."""
        self._repeated(row, fresh, problems)
        found = self.index.find(fresh)
        if not found:
            return None
        header = self._key_header(next(iter(found.values())), fresh)
        if len(found) > 1:
            named = "、".join(
                f"{rid}（{describe(k, fresh)}）" for rid, k in found.items()
            )
            message = (
                f"同时对应已有记录 {named}：请核对权利号和名称，一行只能对应一条记录"
            )
            problems.append(
                self.problem(row.number, header, "IMPORT.ambiguous", message)
            )
            return None
        result = self.existing.result(next(iter(found)))
        if result.document is None or any(p.is_error for p in result.problems):
            message = (
                f"对应的已有记录 {result.file} 本身有错误："
                "请先运行 usefirst validate 并修复该文件，再导入"
            )
            problems.append(
                self.problem(row.number, header, "IMPORT.existing_invalid", message)
            )
            return None
        return result.document.data

    def _key_header(self, key: Key, data: dict[str, Any]) -> str:
        return self.columns.header_of(key_path(key, data))

    def _repeated(
        self, row: SheetRow, fresh: dict[str, Any], problems: list[Problem]
    ) -> None:
        earlier = self.seen.find(fresh)
        self.seen.add(str(row.number), fresh)
        if not earlier:
            return
        number, key = next(iter(earlier.items()))
        title = self.columns.title
        message = (
            f"与第 {number} 行是同一{title}（{describe(key, fresh)}相同）："
            f"同一{title}只能占一行"
        )
        header = self._key_header(key, fresh)
        problems.append(
            self.problem(row.number, header, "IMPORT.duplicate_row", message)
        )

    def _merge(
        self,
        row: SheetRow,
        values: dict[Path, Any],
        old: dict[str, Any] | None,
        problems: list[Problem],
    ) -> RowResult:
        cells = self.columns.flatten(old) if old else {}
        for column in self.mapped.values():
            if column.path[0] in MANAGED_FIELDS:
                continue
            new = values.get(column.path)
            if not _same(column, cells.get(column.path), new):
                _put(cells, column.path, new)
        self._managed(row, values, old, cells, problems)
        data = {"kind": self.kind, **self.columns.build(cells)}
        return self._result(row, old, data, problems)

    def _managed(
        self,
        row: SheetRow,
        values: dict[Path, Any],
        old: dict[str, Any] | None,
        cells: dict[Path, Any],
        problems: list[Problem],
    ) -> None:
        old = old or {}
        options = self.session.options
        cells[("id",)] = self._record_id(row, values, old, problems)
        cells[("unit",)] = options.unit
        if "channel" in self.columns.root.get("properties", {}):
            cells[("channel",)] = self._channel(row, values, old, problems)
        status = values.get(("status",)) or old.get("status")
        cells[("status",)] = status or self._default_status()
        for name in SYSTEM_FIELDS:
            self._system_field(row, values, old, name, problems)
            _put(cells, (name,), old.get(name))

    def _default_status(self) -> str | None:
        schema = self.columns.schemas.field_schema(self.kind, ("status",))
        return (schema.get("enum") or [None])[0]

    def _record_id(
        self,
        row: SheetRow,
        values: dict[Path, Any],
        old: dict[str, Any],
        problems: list[Problem],
    ) -> str:
        given = values.get(("id",))
        header = self.columns.by_path[("id",)].header
        if old:
            if given and given != old["id"]:
                problems.append(
                    self.problem(
                        row.number,
                        header,
                        "IMPORT.id",
                        f"“{given}”与已有记录的标识“{old['id']}”不符："
                        "已有记录的标识不能修改，请保留原值或清空",
                    )
                )
            return old["id"]
        return self._new_record_id(row, given, header, problems)

    def _new_record_id(
        self, row: SheetRow, given: str | None, header: str, problems: list[Problem]
    ) -> str:
        existing = self.session.existing
        if given and not existing.taken(given):
            existing.claim(given)
            return given
        if given:
            message = (
                f"“{given}”已被成果库中的其他记录使用：新记录请清空此列，由系统生成"
            )
            problems.append(
                self.problem(row.number, header, "IMPORT.id_taken", message)
            )
        return existing.new_id()

    def _channel(
        self,
        row: SheetRow,
        values: dict[Path, Any],
        old: dict[str, Any],
        problems: list[Problem],
    ) -> str:
        channel = old.get("channel") or self.session.options.channel
        given = values.get(("channel",))
        if given and given != channel:
            column = self.columns.by_path[("channel",)]
            problems.append(
                self.problem(
                    row.number,
                    column.header,
                    "IMPORT.channel",
                    f"{show(column, given)}与本条记录的入库渠道{show(column, channel)}"
                    "不符：入库渠道由导入参数 --channel 决定，已有记录的入库渠道"
                    "不能通过导入修改；请清空此列或保留原值",
                )
            )
        return channel

    def _system_field(
        self,
        row: SheetRow,
        values: dict[Path, Any],
        old: dict[str, Any],
        name: str,
        problems: list[Problem],
    ) -> None:
        column = self.columns.by_path.get((name,))
        given = values.get((name,))
        if column is None or given is None or given == old.get(name):
            return
        keep = f"已有记录请保留原值{show(column, old.get(name))}" if old else ""
        problems.append(
            self.problem(
                row.number,
                column.header,
                "IMPORT.system_field",
                f"{show(column, given)}不能由导入填写：“{column.header}”在审核通过时"
                f"由系统填写，新记录请留空{('；' + keep) if keep else ''}",
            )
        )

    def _result(
        self,
        row: SheetRow,
        old: dict[str, Any] | None,
        data: dict[str, Any],
        problems: list[Problem],
    ) -> RowResult:
        changes = self.changes(old, data) if old else []
        action = NEW if old is None else UPDATE if changes else SAME
        if old is not None and old.get("channel") == INVENTOR_CHANNEL and changes:
            problems.append(
                self.problem(
                    row.number,
                    changes[0].header,
                    "IMPORT.inventor_record",
                    f"{old['id']} 由成果完成人填报，不能通过批量导入修改：请由完成人"
                    f"提交修改，或从表格中删除本行（变化：{changes[0].header}）",
                )
            )
        return RowResult(
            sheet=self.table.sheet,
            row=row.number,
            kind=self.kind,
            record_id=data["id"],
            action=action,
            data=data if action != SAME else old,
            file=self.session.existing.file_for(self.kind, data["id"]),
            changes=changes,
            problems=problems,
        )

    def record_problem(self, row: RowResult, problem: Problem) -> Problem | None:
        """Point a problem of the record a row makes at the row and its column."""
        header = self._header_of(problem)
        taken = [str(p.path[1]) for p in row.problems if len(p.path) > 1]
        if header is not None and any(t.startswith(header) for t in taken):
            return None  # the cell's own problem already says it
        message = problem.message
        for file, number in self.session.rows_by_file.items():
            # the other record may exist only as a row of this sheet
            message = message.replace(file, f"本表第 {number} 行的记录")
        return self.problem(row.row, header, problem.rule, message, problem.severity)

    def _header_of(self, problem: Problem) -> str | None:
        path = tuple(problem.path)
        missing = _REQUIRED_KEY.search(problem.message)
        if problem.rule == "SCHEMA.required" and missing:
            path = (*path, missing.group(1))
        if not path:
            return None
        column = self.columns.by_path.get(path)
        return column.header if column else self.columns.header_of(path)

    def changes(self, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
        """List the fields that differ, by column, in sheet order."""
        before, after = self.columns.flatten(old), self.columns.flatten(new)
        paths = sorted(set(before) | set(after), key=self.columns.order.__getitem__)
        return [
            Change(
                self.columns.by_path[path].header,
                show(self.columns.by_path[path], before.get(path)),
                show(self.columns.by_path[path], after.get(path)),
            )
            for path in paths
            if before.get(path) != after.get(path)
        ]

    def _report_other_units(self) -> None:
        for unit, numbers in self.other_units.items():
            shown = "、".join(map(str, numbers[:5])) + (
                " 行等" if len(numbers) > 5 else " 行"
            )
            self.skipped.append(
                f"工作表“{self.table.sheet}”第 {shown}（共 {len(numbers)} 行）属于单位"
                f"“{unit}”，不是本次导入的单位，已跳过；"
                f"需要时请用 --unit {unit} 另行导入"
            )


def _same(column: Column, old: Any, new: Any) -> bool:
    """Tell whether a cell says what the record already holds."""
    if new is None or old is None:
        return new is None and old is None
    if old == new:
        return True
    try:
        return read_cell(column, old) == new
    except ValueError:
        return False


def _texts(cells: dict[str, Any]) -> dict[str, str]:
    return {header: to_text(value) for header, value in cells.items()}


def _put(cells: dict[Path, Any], path: Path, value: Any) -> None:
    if value is None:
        cells.pop(path, None)
    else:
        cells[path] = value
