"""What of the catalog the site may show, decided record by record and field by field.

    catalog, problems = check_repository(repository)
    view = public_view(catalog, withhold(catalog, problems))
    view.achievements[0]["title"]         # a public field
    "amount" in view.contracts[0]         # False: never published

A record is published only if its file passes every check: a file with an
error keeps its records off the site, and a unit file with an error keeps every
record of that unit off, since their pages would name and link a unit that is
not shown. ``PUBLIC_FIELDS`` is an explicit allow-list per record kind: a field
that is not listed is private, and a kind that is not listed (recognition
applications, exercise-rights filings) publishes nothing. A right marked as a
secret patent is dropped whatever else is wrong, since the notice admits none.
Every public text is also scrubbed of mainland mobile numbers and resident
identity numbers, because a submitter may write one into a summary or an
office-phone field by mistake. The site is built from this view only, never
from the catalog itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from usefirst.catalog import Catalog, Record
from usefirst.identifiers import find_mobile_numbers, find_resident_ids
from usefirst.kinds import CONTRACT_KINDS
from usefirst.problems import Problem

#: Shape of the public part of a record: ``True`` keeps a field as it is, a
#: dict keeps the listed keys of an object, a one-item list applies its shape
#: to every item of an array.
Shape = dict[str, Any]

#: Written in place of a personal number found in public text.
REDACTED = "（已隐去）"

_CONTACT: Shape = {"name": True, "phone": True, "email": True, "address": True}
_CONTRACT: Shape = {
    "kind": True,
    "id": True,
    "number": True,
    "achievement": True,
    "unit": True,
    "signed_on": True,
}

PUBLIC_FIELDS: dict[str, Shape] = {
    "achievement": {
        "kind": True,
        "id": True,
        "number": True,
        "title": True,
        "unit": True,
        "holder": True,
        "channel": True,
        "inventors": [{"name": True, "title": True, "department": True}],
        "rights": [{"type": True, "number": True, "title": True, "granted_on": True}],
        "summary": True,
        "application_fields": True,
        "keywords": True,
        "clusters": True,
        "city": True,
        "trl": True,
        "offer": {
            "license_types": True,
            "free_months": True,
            "after_free_period": True,
            "region": True,
            "notes": True,
        },
        "contact": _CONTACT,
        "status": True,
        "admitted_on": True,
        "exit": {"date": True, "reason": True},
    },
    "unit": {
        "kind": True,
        "id": True,
        "name": True,
        "short_name": True,
        "type": True,
        "city": True,
        "website": True,
        "introduction": True,
        "contact": _CONTACT,
    },
    "insurance_product": {
        "kind": True,
        "id": True,
        "unit": True,
        "name": True,
        "category": True,
        "provider": True,
        "summary": True,
        "covers": True,
        "clusters": True,
        "in_support_catalog": True,
        "premium": True,
        "valid": {"start": True, "end": True},
        "contact": _CONTACT,
        "url": True,
    },
    "technology_need": {
        "kind": True,
        "id": True,
        "unit": True,
        "title": True,
        "description": True,
        "keywords": True,
        "clusters": True,
        "city": True,
        "budget": True,
        "cooperation_modes": True,
        "posted_on": True,
        "deadline": True,
        "status": True,
        "contact": _CONTACT,
    },
    # Contracts count in the statistics; who signed them and for how much is private.
    "first_use_contract": _CONTRACT,
    "pay_later_contract": _CONTRACT,
    "cooperation_contract": _CONTRACT,
}


def _is_secret_patent(right: Any) -> bool:
    return isinstance(right, dict) and right.get("secret_patent") is True


#: Items of a public array that are dropped whole, per kind and key.
WITHHELD_ITEMS: dict[str, dict[str, Callable[[Any], bool]]] = {
    "achievement": {"rights": _is_secret_patent},
}


@dataclass(frozen=True)
class PublicCatalog:
    """The public part of every record, grouped by kind, in catalog order."""

    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[dict[str, Any]]:
        return self.records.get(kind, [])

    @property
    def achievements(self) -> list[dict[str, Any]]:
        return self.of_kind("achievement")

    @cached_property
    def units(self) -> dict[str, dict[str, Any]]:
        return {unit["id"]: unit for unit in self.of_kind("unit")}

    @property
    def insurance_products(self) -> list[dict[str, Any]]:
        return self.of_kind("insurance_product")

    @property
    def technology_needs(self) -> list[dict[str, Any]]:
        return self.of_kind("technology_need")

    @property
    def contracts(self) -> list[dict[str, Any]]:
        return [record for kind in CONTRACT_KINDS for record in self.of_kind(kind)]


@dataclass(frozen=True)
class Withheld:
    """The records kept off the site because of errors, and those errors."""

    errors: tuple[Problem, ...] = ()
    files: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()

    def keeps(self, record: Record) -> bool:
        """Tell whether a record may be published."""
        return record.file not in self.files and record.folder not in self.units


def withhold(catalog: Catalog, problems: Iterable[Problem]) -> Withheld:
    """Decide which records the errors among ``problems`` keep off the site."""
    errors = tuple(problem for problem in problems if problem.is_error)
    files = frozenset(problem.file for problem in errors)
    units = frozenset(u.folder for u in catalog.of_kind("unit") if u.file in files)
    return Withheld(errors, files, units)


def public_view(catalog: Catalog, withheld: Withheld | None = None) -> PublicCatalog:
    """Return the public part of every valid record that is not withheld."""
    withheld = withheld or Withheld()
    return public_records(
        record.data for record in catalog.records if withheld.keeps(record)
    )


def public_records(records: Iterable[dict[str, Any]]) -> PublicCatalog:
    """Return the public part of plain record data (a dict per record)."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for data in records:
        kind = data.get("kind", "")
        shape = PUBLIC_FIELDS.get(kind)
        if shape is not None:
            kept = _drop_withheld_items(data, WITHHELD_ITEMS.get(kind, {}))
            grouped.setdefault(kind, []).append(project(kept, shape))
    return PublicCatalog(grouped)


def _drop_withheld_items(
    data: dict[str, Any], rules: dict[str, Callable[[Any], bool]]
) -> dict[str, Any]:
    kept = dict(data)
    for key, withheld in rules.items():
        if isinstance(data.get(key), list):
            kept[key] = [item for item in data[key] if not withheld(item)]
    return kept


def project(value: Any, shape: Any) -> Any:
    """Keep only what ``shape`` allows of ``value``, scrubbing every text."""
    if shape is True:
        return _scrub(value)
    if isinstance(shape, list):
        items = value if isinstance(value, list) else []
        return [project(item, shape[0]) for item in items]
    if not isinstance(value, dict):
        return None
    return {
        key: project(value[key], inner)
        for key, inner in shape.items()
        if key in value and value[key] is not None
    }


def is_public(kind: str, path: tuple[str | int, ...]) -> bool:
    """Tell whether the field at ``path`` of a record of ``kind`` is published."""
    shape: Any = PUBLIC_FIELDS.get(kind)
    for part in path:
        if shape is True:
            return True
        if isinstance(shape, list):
            shape = shape[0] if isinstance(part, int) else shape[0].get(part)
        elif isinstance(shape, dict) and isinstance(part, str):
            shape = shape.get(part)
        else:
            return False
        if shape is None:
            return False
    return shape is not None


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        return [_scrub(item) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items()}
    return value


def redact(text: str) -> str:
    """Replace mobile numbers and resident identity numbers in ``text``."""
    for number in {*find_mobile_numbers(text), *find_resident_ids(text)}:
        text = text.replace(number, REDACTED)
    return text
