"""Chinese names of the codes records store and of the fields, from the schemas.

    labels = Labels.from_schemas(repository.schemas)
    labels.city("440100")             # "广州市"
    labels.name("channel", "inventor")  # "成果完成人填报"
    labels.title("offer.free_months")   # "免费使用期（月）"

Codes are stored, names are shown; the schemas' ``enumDescriptions`` and
``title``s are the only source of the names, so a name changes in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from usefirst.publish import PUBLIC_FIELDS
from usefirst.schemas import SchemaSet

_SHARED = ("city", "cluster", "right_type", "license_type")
_FIELDS = {
    "channel": ("achievement", ("channel",)),
    "status": ("achievement", ("status",)),
    "unit_type": ("unit", ("type",)),
    "category": ("insurance_product", ("category",)),
    "cooperation_mode": ("technology_need", ("cooperation_modes", 0)),
    "need_status": ("technology_need", ("status",)),
}


@dataclass(frozen=True)
class Labels:
    """Code-to-name tables of every closed vocabulary the site shows."""

    tables: dict[str, dict[str, str]]
    trl_scale: str = ""
    titles: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_schemas(cls, schemas: SchemaSet) -> Labels:
        """Collect a schema set's vocabularies, field code lists and field titles."""
        tables = {name: schemas.vocabulary(name) for name in _SHARED}
        for name, (kind, path) in _FIELDS.items():
            tables[name] = schemas.labels(schemas.field_schema(kind, path))
        scale = schemas.field_schema("achievement", ("trl",)).get("description", "")
        titles = _titles(schemas, "achievement", PUBLIC_FIELDS["achievement"], ())
        return cls(tables, scale, titles)

    def title(self, dotted: str) -> str:
        """Name a published achievement field ("rights.type") by its schema title."""
        return self.titles[dotted]

    def name(self, table: str, code: object) -> str:
        """Name a code; an unknown code is shown as it is."""
        return self.tables.get(table, {}).get(str(code), str(code))

    def names(self, table: str, codes: list[str] | None) -> list[str]:
        return [self.name(table, code) for code in codes or []]

    def city(self, code: str) -> str:
        return self.name("city", code)

    def cluster(self, code: str) -> str:
        return self.name("cluster", code)

    def codes(self, table: str) -> list[str]:
        """Every code of a vocabulary, in the schema's order."""
        return list(self.tables.get(table, {}))

    @staticmethod
    def trl(level: object) -> str:
        return f"{level} 级"


def _titles(
    schemas: SchemaSet, kind: str, shape: dict[str, Any], path: tuple[str | int, ...]
) -> dict[str, str]:
    titles = {}
    for key, inner in shape.items():
        inner_path = (*path, key)
        dotted = ".".join(str(part) for part in inner_path if isinstance(part, str))
        titles[dotted] = schemas.field_title(kind, inner_path)
        if isinstance(inner, list):
            inner, inner_path = inner[0], (*inner_path, 0)
        if isinstance(inner, dict):
            titles.update(_titles(schemas, kind, inner, inner_path))
    return titles
