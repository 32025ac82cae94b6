"""Which record a spreadsheet row is: its id, its number, a right, or title and unit.

    index = RecordIndex("scut")
    index.add("scut-2026-001", {"rights": [{"number": "ZL201710601862.3"}]})
    index.find({"rights": [{"number": "201710601862.3"}]})   # {"scut-2026-001"}

A right number identifies an achievement whether it is written as the patent
number (ZL…) or the application number, with or without spaces and dots. A
record without one is identified by its title and its unit (for a city
bureau's import, the unit that holds the achievement).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from typing import Any

Key = tuple[str, str]


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def right_key(number: str) -> str:
    """Reduce a right number to what identifies the right."""
    folded = _fold(number).upper().replace(".", "")
    return folded.removeprefix("ZL")


def identity_keys(data: dict[str, Any], unit: str) -> list[Key]:
    """List the keys that identify a record, strongest first."""
    keys: list[Key] = []
    for field in ("id", "number"):
        if isinstance(data.get(field), str):
            keys.append((field, data[field]))
    for right in data.get("rights") or []:
        if isinstance(right, dict) and isinstance(right.get("number"), str):
            keys.append(("right", right_key(right["number"])))
    title = data.get("title") or data.get("name")
    if isinstance(title, str) and title:
        owner = data.get("holder") or unit
        keys.append(("title", f"{_fold(title)}\n{_fold(str(owner))}"))
    return keys


def describe(key: Key, data: dict[str, Any]) -> str:
    """Say in Chinese which value a key stands for."""
    field, _ = key
    if field == "id":
        return f"记录标识“{data.get('id')}”"
    if field == "number":
        return f"编号“{data.get('number')}”"
    if field == "right":
        numbers = [
            right.get("number")
            for right in data.get("rights") or []
            if right_key(str(right.get("number", ""))) == key[1]
        ]
        return f"权利号“{numbers[0] if numbers else key[1]}”"
    return f"名称“{data.get('title') or data.get('name')}”"


def key_path(key: Key, data: dict[str, Any]) -> tuple[str | int, ...]:
    """Name the field a key was read from, such as ("rights", 1, "number")."""
    field, value = key
    if field == "right":
        for index, right in enumerate(data.get("rights") or []):
            if right_key(str(right.get("number", ""))) == value:
                return ("rights", index, "number")
    if field == "title":
        return ("title",) if "title" in data else ("name",)
    return (field,)


class RecordIndex:
    """Records of one kind and unit, found by any of their identity keys."""

    def __init__(self, unit: str) -> None:
        self.unit = unit
        self.keys: dict[Key, set[str]] = defaultdict(set)

    def add(self, record_id: str, data: dict[str, Any]) -> None:
        """Index a record under each of its identity keys."""
        for key in identity_keys(data, self.unit):
            self.keys[key].add(record_id)

    def find(self, data: dict[str, Any]) -> dict[str, Key]:
        """Map each record the data identifies to the first key that matched it."""
        found: dict[str, Key] = {}
        for key in identity_keys(data, self.unit):
            for record_id in sorted(self.keys.get(key, ())):
                found.setdefault(record_id, key)
        return found
