"""What a workbook's cell values do not show: merged cells and formulas.

    marks = sheet_marks(Path("成果.xlsx"))
    marks["科技成果"].merged      # [(19, 3, 21, 3)]: C19:C21
    marks["科技成果"].formulas    # {(19, 5): False}: E19 is a formula, never computed

Cells are (row, column), counted from 1 as the spreadsheet counts them.

A merged cell holds its value in its first cell only, and a formula cell read
for its value holds what Excel computed when the file was last saved, or
nothing if it never was: read naively, both lose what the clerk sees. The
worksheets' XML is read for them only when it mentions either.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
_CELL = re.compile(r"([A-Z]+)([0-9]+)")
_MAY_MARK = (b"mergeCell", b"<f>", b"<f ", b":f>", b":f ")

Range = tuple[int, int, int, int]  # first row, first column, last row, last column


@dataclass
class SheetMarks:
    """The merged ranges of a sheet, and its formula cells with or without value."""

    merged: list[Range] = field(default_factory=list)
    formulas: dict[tuple[int, int], bool] = field(default_factory=dict)


def sheet_marks(path: Path) -> dict[str, SheetMarks]:
    """Map each sheet title that has merged cells or formulas to them."""
    marks = {}
    with zipfile.ZipFile(path) as archive:
        for title, part in _sheet_parts(archive).items():
            try:
                data = archive.read(part)
            except KeyError:
                continue
            if any(token in data for token in _MAY_MARK):
                marks[title] = _marks(data)
    return marks


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Map sheet titles to their XML parts, as the workbook's relations say."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {
        relation.get("Id"): relation.get("Target", "")
        for relation in relations.iter(f"{{{PACKAGE}}}Relationship")
    }
    parts = {}
    for sheet in workbook.iter(f"{{{MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{RELATIONSHIP}}}id"), "")
        if target:
            joined = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            parts[sheet.get("name", "")] = posixpath.normpath(joined)
    return parts


def _marks(data: bytes) -> SheetMarks:
    marks = SheetMarks()
    for _, element in ElementTree.iterparse(io.BytesIO(data)):
        tag = element.tag
        if tag == f"{{{MAIN}}}c":
            formula = element.find(f"{{{MAIN}}}f")
            if formula is not None:
                value = element.find(f"{{{MAIN}}}v")
                computed = value is not None and bool(value.text)
                marks.formulas[_position(element.get("r", ""))] = computed
            element.clear()
        elif tag == f"{{{MAIN}}}mergeCell":
            first, _, last = element.get("ref", "").partition(":")
            marks.merged.append((*_position(first), *_position(last or first)))
    return marks


def _position(reference: str) -> tuple[int, int]:
    """Turn "C19" into (row 19, column 3); unreadable references into (0, 0)."""
    match = _CELL.fullmatch(reference)
    if match is None:
        return 0, 0
    letters, row = match.groups()
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(row), column
