"""What the rules ask of records: Chinese field names, targets, dates, people.

    achievement = achievement_of(catalog, contract)
    field_name(catalog, contract, ("payments", 0, "date"))  # 收款记录第 1 项的到账日期
    day(contract.get("signed_on"))                          # datetime.date(2026, 5, 20)
    label(catalog, FIRST_USE, ("license_type",), "exclusive")  # 独占许可（exclusive）

A lookup returns ``None`` when the target is missing, invalid or of another
kind: the reference rules report that once, and every other rule skips it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from usefirst.catalog import Catalog, Record
from usefirst.dates import parse_day
from usefirst.kinds import ACHIEVEMENT, CONTRACT_KINDS, FIRST_USE

Path = tuple[str | int, ...]


def field_name(catalog: Catalog, record: Record, path: Path) -> str:
    """Name a field in Chinese, e.g. 收款记录第 2 项的到账日期."""
    schemas = catalog.repository.schemas
    parts: list[str] = []
    for end, part in enumerate(path, start=1):
        if isinstance(part, int):
            parts[-1] += f"第 {part + 1} 项"
        else:
            parts.append(schemas.field_title(record.kind, path[:end]))
    return "的".join(parts) or "记录"


def kind_name(catalog: Catalog, kind: str) -> str:
    """Name a record kind in Chinese, as its schema titles it."""
    return catalog.repository.schemas.kind_title(kind)


def label(catalog: Catalog, kind: str, path: Path, code: Any) -> str:
    """Show the code of a field by its Chinese name, code in brackets."""
    schemas = catalog.repository.schemas
    names = schemas.labels(schemas.field_schema(kind, path))
    return f"{names[code]}（{code}）" if code in names else str(code)


def value_at(record: Record, path: Path) -> Any:
    """Return the value at a path of a record, or None if it is not there."""
    value: Any = record.data
    for part in path:
        if isinstance(part, int):
            if not isinstance(value, list) or part >= len(value):
                return None
        elif not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def target(catalog: Catalog, record_id: Any, kinds: Iterable[str]) -> Record | None:
    """Return the valid record with this id if it is of one of these kinds."""
    found = catalog.get(record_id) if isinstance(record_id, str) else None
    return found if found is not None and found.kind in tuple(kinds) else None


def achievement_of(catalog: Catalog, record: Record) -> Record | None:
    """Return the achievement a contract, application or filing names."""
    return target(catalog, record.get("achievement"), (ACHIEVEMENT,))


def first_use_of(catalog: Catalog, record: Record) -> Record | None:
    """Return the first-use contract a pay-later or cooperation contract names."""
    return target(catalog, record.get("first_use_contract"), (FIRST_USE,))


def contracts(catalog: Catalog) -> Iterator[Record]:
    """Yield every valid contract of the three kinds."""
    for kind in CONTRACT_KINDS:
        yield from catalog.of_kind(kind)


def inventor_names(achievement: Record) -> list[str]:
    """List the names of an achievement's inventors."""
    return [person["name"] for person in achievement.get("inventors", [])]


def day(text: str) -> datetime.date:
    """Read a schema-valid YYYY-MM-DD date."""
    found = parse_day(text)
    if found is None:  # the rules see only records that passed their schema
        raise ValueError(f"not a YYYY-MM-DD date: {text!r}")
    return found


def counterparty(catalog: Catalog, contract: Record) -> str | None:
    """Return the USCC of the enterprise a contract is signed with, if known."""
    party = contract.get("licensee") or contract.get("partner")
    if party:
        return party.get("uscc")
    first_use = first_use_of(catalog, contract)
    return first_use.get("licensee", {}).get("uscc") if first_use else None


def dealt_on(record: Record, today: datetime.date) -> datetime.date:
    """Return when a record was signed, submitted or approved, else today."""
    approval = record.get("approval") or {}
    text = (
        record.get("signed_on")
        or record.get("submitted_on")
        or approval.get("approved_on")
    )
    return day(text) if text else today
