"""Nothing that PRODUCT.md keeps private reaches any built file."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hostile import PRIVATE_VALUES
from site_catalog import BuiltSite

from usefirst.catalog import load_catalog
from usefirst.publish import is_public
from usefirst.repository import Repository

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
Leaf = tuple[tuple[Any, ...], Any]


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[Leaf]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path, value


def _distinctive(value: Any) -> bool:
    # Short codes and dates recur in public fields by chance, not by leaking.
    text = str(value)
    if isinstance(value, bool) or _DATE.match(text):
        return False
    has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in text)
    return len(text) >= (3 if has_cjk else 6) and (
        has_cjk or any(c.isdigit() for c in text)
    )


def _schema_text(repository: Repository) -> str:
    # The schemas are published as they are: their city codes and field examples
    # ("银行回单") are the record format, not data of any record. Guides and other
    # hand-written pages get no such pass: their examples must be made up.
    paths = sorted(repository.schema_dir.glob("*.json"))
    return "\n".join(path.read_text(encoding="utf-8") for path in paths)


def private_values(repository: Repository) -> set[str]:
    """Values of unpublished fields that no published field or schema holds."""
    catalog, _ = load_catalog(repository)
    private, public = set(), set()
    for record in catalog.records:
        for path, value in _leaves(record.data):
            side = public if is_public(record.kind, path) else private
            side.add(str(value))
    schemas = _schema_text(repository)
    return {
        value
        for value in private - public
        if _distinctive(value) and value not in schemas
    }


def built_text(site: BuiltSite) -> str:
    """Every text file of the site, and the gzip files of the search index, unpacked."""
    parts = [path.read_text(encoding="utf-8") for path in site.text_files()]
    for path in (site.site / "search").rglob("*"):
        if path.is_file() and path.read_bytes()[:2] == b"\x1f\x8b":
            parts.append(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
    return "\n".join(parts)


def _leaked(values: set[str] | tuple[str, ...], text: str) -> list[str]:
    return sorted(
        value
        for value in values
        if re.search(rf"(?<![0-9A-Za-z]){re.escape(value)}(?![0-9A-Za-z])", text)
    )


def test_the_sample_catalog_has_private_values_to_hide(sample_site: BuiltSite) -> None:
    repository = Repository.find(sample_site.repository)
    catalog, _ = load_catalog(repository)
    attachments = {
        str(value)
        for record in catalog.records
        for path, value in _leaves(record.data)
        if path[-1] == "file"
    }

    values = private_values(repository)

    assert len(values) >= 10
    assert any(re.fullmatch(r"[0-9a-f]{64}", value) for value in values)  # a scan hash
    assert len(attachments) >= 10
    assert attachments <= values  # no file name is let off as an example


def test_no_private_value_of_the_sample_catalog_is_in_the_built_site(
    sample_site: BuiltSite,
) -> None:
    values = private_values(Repository.find(sample_site.repository))

    assert _leaked(values, built_text(sample_site)) == []


@pytest.mark.parametrize("value", PRIVATE_VALUES)
def test_no_private_value_of_the_hostile_catalog_is_in_the_built_site(
    hostile_site: BuiltSite, value: str
) -> None:
    assert _leaked((value,), built_text(hostile_site)) == []


def test_the_hostile_private_values_are_in_its_records(hostile_site: BuiltSite) -> None:
    records = "\n".join(
        path.read_text(encoding="utf-8")
        for path in (hostile_site.repository / "catalog").rglob("*.yaml")
    )

    assert all(value in records for value in PRIVATE_VALUES)
