"""Export the catalog to a workbook (one sheet per kind) or one kind to CSV.

    counts = export_catalog(catalog, Path("成果库.xlsx"))
    counts["achievement"]          # 120
    export_catalog(catalog, Path("成果.csv"), kinds=["achievement"], unit="scut")

The sheets have the template's headers, drop-down lists and notes, with as
many numbered groups as the longest list needs, and values the import reads
back unchanged: Chinese names for codes, 是/否, lists joined by "；", exact
amounts, and text that never runs as a formula (``formulas``). An export holds
contract amounts, payments and personal data, none of them public: it is for
the unit and the provincial office only.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import openpyxl

from usefirst.catalog import Catalog, Record
from usefirst.kinds import KIND_FOLDERS, UNIT_KIND
from usefirst.sheets.columns import Column, ColumnSet
from usefirst.sheets.display import to_cell, to_text_cell
from usefirst.sheets.formulas import append_row, safe_cell
from usefirst.sheets.workbook import CodeSheet, write_headers

EXPORT_KINDS = (*KIND_FOLDERS, UNIT_KIND)


def selected(catalog: Catalog, kind: str, unit: str | None) -> list[Record]:
    """List a kind's records, of one unit (folder) if asked, sorted by file."""
    records = [
        record
        for record in catalog.of_kind(kind)
        if unit is None or record.folder == unit
    ]
    return sorted(records, key=lambda record: record.file)


def export_catalog(
    catalog: Catalog,
    path: Path,
    kinds: Sequence[str] = EXPORT_KINDS,
    unit: str | None = None,
) -> dict[str, int]:
    """Write the records of these kinds; return how many of each were written."""
    schemas = catalog.repository.schemas
    tables = {}
    for kind in kinds:
        columns = ColumnSet(schemas, kind)
        records = [record.data for record in selected(catalog, kind, unit)]
        tables[kind] = (columns, columns.layout(columns.group_counts(records)), records)
    if path.suffix.lower() == ".csv":
        columns, layout, records = tables[kinds[0]]
        _write_csv(path, columns, layout, records)
    else:
        _write_workbook(path, tables)
    return {kind: len(records) for kind, (_, _, records) in tables.items()}


def _write_workbook(
    path: Path, tables: dict[str, tuple[ColumnSet, list[Column], list[dict]]]
) -> None:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    sheets = [
        (workbook.create_sheet(c.title), c, layout, records)
        for c, layout, records in tables.values()
    ]
    codes = CodeSheet(workbook)
    for sheet, columns, layout, records in sheets:
        write_headers(sheet, layout, codes)
        for data in records:
            cells = columns.flatten(data)
            append_row(
                sheet, [to_cell(column, cells.get(column.path)) for column in layout]
            )
    workbook.save(path)


def _write_csv(
    path: Path, columns: ColumnSet, layout: list[Column], records: list[dict]
) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([safe_cell(column.header) for column in layout])
        for data in records:
            cells = columns.flatten(data)
            writer.writerow(
                [
                    safe_cell(to_text_cell(column, cells.get(column.path)))
                    for column in layout
                ]
            )
