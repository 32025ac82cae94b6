"""Specification of record files written by the import: read back exactly."""

from __future__ import annotations

import pytest
import yaml

from usefirst.loader import parse_text
from usefirst.repository import Repository
from usefirst.sheets.recordfile import render_record, scalar

TRICKY = [
    "",
    " leading space",
    "trailing space ",
    "a: b",
    "a #b",
    "#x",
    "- x",
    "-x",
    "it's",
    '"quoted"',
    "x:",
    "2026-05-01",
    "440100",
    "1e3",
    "no",
    "Yes",
    "~",
    "null",
    "123456.78",
    "ZL201710601862.3",
    "020-87110000",
    "第一行\n第二行",
    "第一行\n\n第三行",
    "\n前面空一行",
    "末尾换行\n",
    "tab\tinside",
    "zero\u200bwidth",
    "@at",
    "%percent",
    "*star",
    "&amp",
    "!bang",
    "|pipe",
    ">gt",
    "{brace}",
    "[list]",
    "http://x.example/z?a=b#c",
    "=",
    "<<",
    "固态 电池",
    "“引号”（全角）",
    "back\\slash",
    "multi\nline: yes # not a comment",
    " \n ",
]


@pytest.mark.parametrize("text", TRICKY)
def test_every_text_reads_back_unchanged(repository: Repository, text: str) -> None:
    data = {
        "kind": "achievement",
        "id": "scut-2026-001",
        "title": text,
        "keywords": [text],
    }
    rendered = render_record(repository.schemas, "achievement", data)
    document, problems = parse_text(rendered, "x.yaml")
    assert problems == []
    assert document is not None and document.data == data
    assert yaml.safe_load(rendered) == data  # and so does any YAML reader


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("440100", "'440100'"),
        ("2026-05-01", "'2026-05-01'"),
        ("123456.78", "'123456.78'"),
        ("no", "'no'"),
        ("固态电池", "固态电池"),
        ("ZL201710601862.3", "ZL201710601862.3"),
    ],
)
def test_texts_that_look_like_other_things_are_quoted(text: str, written: str) -> None:
    assert scalar(text) == written


def test_keys_follow_the_schema_at_every_level(repository: Repository) -> None:
    data = {
        "status": "in_stock",
        "rights": [{"number": "ZL201710601862.3", "type": "patent"}],
        "title": "固态电池",
        "id": "scut-2026-001",
        "kind": "achievement",
    }
    lines = render_record(repository.schemas, "achievement", data).splitlines()
    assert lines[1:] == [
        "kind: achievement",
        "id: scut-2026-001",
        "title: 固态电池",
        "rights:",
        "- type: patent",
        "  number: ZL201710601862.3",
        "status: in_stock",
    ]
