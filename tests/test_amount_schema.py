"""The amount field: yuan as an integer or a decimal string, never too large."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from usefirst.schemas import SchemaSet

SCHEMAS = SchemaSet.load(Path(__file__).resolve().parents[1] / "schemas")
AMOUNT = jsonschema.Draft202012Validator(
    {"$ref": "common.schema.json#/$defs/amount"}, registry=SCHEMAS.registry
)


@pytest.mark.parametrize(
    "amount", [0, 500000, "500000", "123456.78", 9999999999999, "9999999999999.99"]
)
def test_amounts_people_write_are_accepted(amount: object) -> None:
    assert AMOUNT.is_valid(amount)


@pytest.mark.parametrize(
    "amount",
    [-1, 10000000000000, 99999999999999999, "99999999999999999", "1,000", "50万", 1.5],
)
def test_negative_huge_or_formatted_amounts_are_refused(amount: object) -> None:
    assert not AMOUNT.is_valid(amount)
