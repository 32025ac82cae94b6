"""Spreadsheet rows to record values, normalised with cerberus.

    normaliser = RowNormaliser({"所在地市": city_column, "技术成熟度": trl_column})
    [row] = normaliser.normalise([{"所在地市": " 广州 ", "技术成熟度": "６"}])
    row.values     # {("city",): "440100", ("trl",): 6}
    row.errors     # {}: header -> what is wrong with that cell, in Chinese

Each column's cell type (``columns.TEXT``, ``DATE``, ``AMOUNT`` …) names a
cerberus coercer of ``_CellValidator``; closed vocabularies and identifiers get
a coercer that knows their codes or pattern. Cerberus reads the sheet column
by column, each distinct value once, 250 values of each column per call: it
prepares its schema once per call and sorts its errors on every new one, so a
call per row, or one call for 10,000 rows, would take minutes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import cerberus
from cerberus.errors import COERCION_FAILED, BaseErrorHandler

from usefirst.sheets import cells
from usefirst.sheets.columns import (
    AMOUNT,
    BOOLEAN,
    CHOICE,
    CHOICES,
    CODE,
    DATE,
    INTEGER,
    LIST_SEPARATOR,
    TEXT,
    TEXTS,
    Column,
    Path,
    group_key,
)

CHUNK = 250
RIGHT_NUMBER = ("rights", "number")


@dataclass
class NormalisedRow:
    """The record values read from one row, and the cells that could not be read."""

    values: dict[Path, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


READERS = {
    TEXT: cells.to_text,
    DATE: cells.to_date,
    AMOUNT: cells.to_amount,
    INTEGER: cells.to_integer,
    BOOLEAN: cells.to_boolean,
    TEXTS: cells.to_texts,
}


class _CellValidator(cerberus.Validator):
    """Cerberus with one coercer per cell type."""

    def _normalize_coerce_text(self, value: Any) -> str:
        return cells.to_text(value)

    def _normalize_coerce_date(self, value: Any) -> str:
        return cells.to_date(value)

    def _normalize_coerce_amount(self, value: Any) -> int | str:
        return cells.to_amount(value)

    def _normalize_coerce_integer(self, value: Any) -> int:
        return cells.to_integer(value)

    def _normalize_coerce_boolean(self, value: Any) -> bool:
        return cells.to_boolean(value)

    def _normalize_coerce_texts(self, value: Any) -> list[str]:
        return cells.to_texts(value)


@dataclass(frozen=True, eq=False)
class _Vocabulary:
    """Coerce a Chinese name or a code of a closed vocabulary to its code."""

    codes: tuple[tuple[str, str], ...]
    several: bool

    def __call__(self, value: Any) -> str | list[str]:
        codes = dict(self.codes)
        if self.several:
            return cells.to_choices(value, codes)
        return cells.to_choice(value, codes)


@dataclass(frozen=True, eq=False)
class _Identifier:
    """Coerce an identifier to the width and case its pattern asks for."""

    pattern: str
    patent: bool = False

    def __call__(self, value: Any) -> str:
        return cells.to_code(value, self.pattern, patent=self.patent)


class _CoercionErrors(BaseErrorHandler):
    """Keep each failed coercion as (header, position in its list, message)."""

    def __call__(self, errors: Any) -> list[tuple[str, int, str]]:
        found = []
        for error in errors:
            if error.code != COERCION_FAILED.code or len(error.document_path) != 2:
                continue
            header, index = error.document_path
            found.append((header, index, str(error.info[0]) if error.info else ""))
        return found


def _coercer(column: Column) -> Any:
    if column.cell in (CHOICE, CHOICES):
        return _Vocabulary(column.labels, column.cell == CHOICES)
    if column.cell == CODE:
        return _Identifier(column.pattern, group_key(column.path) == RIGHT_NUMBER)
    return column.cell


def read_cell(column: Column, value: Any) -> Any:
    """Read one value as its column reads a cell (raises ``ValueError``)."""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    coercer = _coercer(column)
    return READERS[coercer](value) if isinstance(coercer, str) else coercer(value)


def _key(value: Any) -> tuple[type, Any]:
    # True == 1 as a dict key; a boolean cell must not borrow a number's result
    return type(value), value


class RowNormaliser:
    """Normalise the rows of one sheet, whose headers name these columns."""

    def __init__(self, columns: Mapping[str, Column]) -> None:
        self.columns = dict(columns)
        rules = {
            header: {"type": "list", "schema": {"coerce": _coercer(column)}}
            for header, column in self.columns.items()
        }
        self.validator = _CellValidator(rules, error_handler=_CoercionErrors)

    def normalise(self, rows: list[dict[str, Any]]) -> list[NormalisedRow]:
        """Read every cell of every row; a cell that cannot be read is an error."""
        distinct: dict[str, dict[tuple[type, Any], Any]] = {
            header: {} for header in self.columns
        }
        for row in rows:
            for header, value in row.items():
                if header in distinct and not cells.is_blank(value):
                    distinct[header].setdefault(_key(value), value)
        read = self._read(distinct)
        return [self._row(row, read) for row in rows]

    def _row(
        self, row: dict[str, Any], read: dict[str, dict[tuple[type, Any], Any]]
    ) -> NormalisedRow:
        result = NormalisedRow()
        for header, value in row.items():
            outcome = read.get(header, {}).get(_key(value))
            if outcome is None:
                continue
            if isinstance(outcome, _Failure):
                result.errors[header] = outcome.message
            elif outcome not in ("", []):
                result.values[self.columns[header].path] = outcome
        return result

    def _read(
        self, distinct: dict[str, dict[tuple[type, Any], Any]]
    ) -> dict[str, dict[tuple[type, Any], Any]]:
        """Coerce each distinct value of each column once, a slice at a time."""
        keys = {header: list(values) for header, values in distinct.items() if values}
        read: dict[str, dict[tuple[type, Any], Any]] = {header: {} for header in keys}
        longest = max((len(values) for values in keys.values()), default=0)
        for start in range(0, longest, CHUNK):
            piece = {
                header: [distinct[header][key] for key in values[start : start + CHUNK]]
                for header, values in keys.items()
                if len(values) > start
            }
            document = self.validator.normalized(piece, always_return_document=True)
            failed = {(h, i): message for h, i, message in self.validator.errors}
            for header in piece:
                for index, value in enumerate(document[header]):
                    key = keys[header][start + index]
                    failure = failed.get((header, index))
                    read[header][key] = _Failure(failure) if failure else value
        return read


@dataclass(frozen=True)
class _Failure:
    message: str
