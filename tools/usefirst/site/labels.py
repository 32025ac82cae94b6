"""Chinese names of the codes records store, read from the schemas.

    labels = Labels.from_schemas(repository.schemas)
    labels.city("440100")             # "广州市"
    labels.name("channel", "inventor")  # "成果完成人填报"

Codes are stored, names are shown; the schemas' ``enumDescriptions`` are the
only source of the names, so a vocabulary changes in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

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

    @classmethod
    def from_schemas(cls, schemas: SchemaSet) -> Labels:
        """Collect the vocabularies and field code lists of a schema set."""
        tables = {name: schemas.vocabulary(name) for name in _SHARED}
        for name, (kind, path) in _FIELDS.items():
            tables[name] = schemas.labels(schemas.field_schema(kind, path))
        scale = schemas.field_schema("achievement", ("trl",)).get("description", "")
        return cls(tables, scale)

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
