"""Specification of the strict YAML loader in usefirst.loader.

    pytest tests/test_loader.py -q

A record file is one mapping in a safe subset of YAML. Plain scalars resolve to
null, true/false and decimal integers only; every other value stays the text
the user wrote. Every problem comes back as a value with a line and a Chinese
message, never as an exception.
"""

from __future__ import annotations

import os
import pickle
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from usefirst import loader
from usefirst.loader import (
    MAX_BYTES,
    MAX_DEPTH,
    Document,
    load_file,
    parse_bytes,
    parse_text,
    read_record,
)
from usefirst.problems import Problem

CJK = re.compile(r"[\u4e00-\u9fff]")
PARSER = loader._Loader  # libyaml's, as the loader uses it


def parse(text: str) -> tuple[Document | None, list[Problem]]:
    return parse_text(text, "catalog/lab/unit.yaml")


def rules(problems: list[Problem]) -> list[str]:
    return [problem.rule for problem in problems]


def only(problems: list[Problem], rule: str) -> Problem:
    found = [problem for problem in problems if problem.rule == rule]
    assert len(found) == 1, problems
    return found[0]


# ---------------------------------------------------------------------------
# What plain values mean
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("N", "N"),
        ("2026-02-30", "2026-02-30"),
        ("2026-05-01", "2026-05-01"),
        ("201710601862.3", "201710601862.3"),
        ("ZL201710601862.3", "ZL201710601862.3"),
        ("0123", "0123"),
        ("0o17", "0o17"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("1e3", "1e3"),
        ("12.50", "12.50"),
        (".inf", ".inf"),
        ("1234567890123456789", "1234567890123456789"),
        ("12:30:00", "12:30:00"),
        ("true", True),
        ("False", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("0", 0),
        ("-7", -7),
        ("+7", 7),
        ("500000", 500000),
        ("123456789012345678", 123456789012345678),
        ("'440100'", "440100"),
        ('"true"', "true"),
        ("!!str 5", "5"),
    ],
)
def test_plain_values_resolve_only_to_null_bool_and_decimal_int(
    written: str, value: object
) -> None:
    document, problems = parse(f"value: {written}\n")
    assert problems == []
    assert document is not None
    assert document.data["value"] == value
    assert type(document.data["value"]) is type(value)


def test_block_text_keeps_its_lines() -> None:
    document, problems = parse("summary: |\n  第一行\n  第二行\n")
    assert problems == []
    assert document.data["summary"] == "第一行\n第二行\n"


# ---------------------------------------------------------------------------
# Lines
# ---------------------------------------------------------------------------

NESTED = """\
kind: achievement
inventors:
  - name: 张伟
    title: 教授
  - name: 李娜
offer:
  license_types: [exclusive, sole]
  free_months: 12
"""


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ((), 1),
        (("kind",), 1),
        (("inventors",), 2),
        (("inventors", 0), 3),
        (("inventors", 0, "title"), 4),
        (("inventors", 1), 5),
        (("inventors", 1, "name"), 5),
        (("offer", "license_types", 1), 7),
        (("offer", "free_months"), 8),
        # a missing field is shown at its nearest enclosing field
        (("offer", "region"), 6),
        (("inventors", 7, "name"), 2),
        (("inventors", 1, "name", "deeper"), 5),
        (("nowhere",), 1),
    ],
)
def test_line_of_points_at_the_field_or_its_nearest_parent(
    path: tuple[str | int, ...], line: int
) -> None:
    document, _ = parse(NESTED)
    assert document.line_of(path) == line


def test_lines_lists_every_field_and_agrees_with_line_of() -> None:
    document, _ = parse(NESTED)
    assert document.lines[("inventors", 1, "name")] == 5
    assert len(document.lines) == 13
    for path, line in document.lines.items():
        assert document.line_of(path) == line


def test_document_from_flat_lines_still_answers_line_of() -> None:
    document = Document("f.yaml", {"a": {"b": 1}}, {(): 1, ("a",): 2, ("a", "b"): 3})
    assert document.line_of(("a", "b")) == 3
    assert document.line_of(("a", "c")) == 2


def test_document_survives_pickling_with_its_lines() -> None:
    document, _ = parse(NESTED)
    copy = pickle.loads(pickle.dumps(document))
    assert copy.data == document.data
    assert copy.file == document.file
    assert copy.line_of(("inventors", 0, "title")) == 4


# ---------------------------------------------------------------------------
# Keys, anchors, aliases and tags
# ---------------------------------------------------------------------------


def test_duplicate_key_is_reported_at_the_second_and_the_first_is_kept() -> None:
    document, problems = parse("name: 甲\ncity: '440100'\nname: 乙\n")
    problem = only(problems, "YAML.duplicate_key")
    assert problem.line == 3
    assert problem.path == ("name",)
    assert "name" in problem.message
    assert document.data["name"] == "甲"


def test_duplicate_key_inside_a_list_item_is_found() -> None:
    _, problems = parse("inventors:\n  - name: 甲\n    title: 教授\n    name: 乙\n")
    problem = only(problems, "YAML.duplicate_key")
    assert (problem.line, problem.path) == (4, ("inventors", 0, "name"))


def test_anchor_and_alias_are_each_reported_at_their_line() -> None:
    text = "contact: &c\n  name: 中心\nunit_contact: *c\n"
    document, problems = parse(text)
    assert only(problems, "YAML.anchor").line == 1
    alias = only(problems, "YAML.alias")
    assert alias.line == 3
    assert "*c" in alias.message
    assert document.data["unit_contact"] is None


def test_merge_key_with_alias_is_refused() -> None:
    _, problems = parse("base: &b\n  a: 1\nother:\n  <<: *b\n")
    assert {"YAML.anchor", "YAML.alias"} <= set(rules(problems))


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    lines = ['a0: &a0 "lol"']
    for level in range(1, levels + 1):
        items = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{items}]")
    return "\n".join(lines) + "\n"


@pytest.fixture
def events_taken(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the events the builder takes from the real YAML parser."""
    taken = [0]

    class CountingLoader(PARSER):
        def get_event(self) -> Any:
            taken[0] += 1
            return super().get_event()

    monkeypatch.setattr(loader, "_Loader", CountingLoader)
    return taken


def events_in(text: str) -> int:
    """Count the events of a text: one per scalar, alias, start and end."""
    return sum(1 for _ in yaml.parse(text, Loader=PARSER))


def test_alias_bomb_is_refused_without_expanding(events_taken: list[int]) -> None:
    text = billion_laughs()
    document, problems = parse(text)
    # one problem per line and anchor, not one per alias
    assert rules(problems).count("YAML.alias") == 9
    assert rules(problems).count("YAML.anchor") == 10
    # each alias became one empty value: nothing was expanded
    assert document.data == {"a0": "lol"} | {
        f"a{level}": [None] * 10 for level in range(1, 10)
    }
    # each of the 125 events of the text was taken once, then the end of the
    # stream: the work follows the text, not the 10**9 values it stands for
    assert events_in(text) == 125
    assert events_taken[0] == 125 + 1


def test_file_of_aliases_up_to_the_size_limit_is_read_once(
    events_taken: list[int],
) -> None:
    text = "a: &x 1\nb: [" + ", ".join(["*x"] * 60000) + "]\n"
    assert len(text.encode()) < MAX_BYTES
    document, problems = parse(text)
    assert rules(problems).count("YAML.alias") == 1
    assert document.data == {"a": 1, "b": [None] * 60000}
    assert events_taken[0] == events_in(text) + 1


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!foo 5", "!foo"),
        ("!!int 5", "!!int"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!python/object:os.system x", "!!python/object:os.system"),
        ("!!python/object/apply:os.system ['echo pwned']", "!!python/object/apply"),
        ("!!set {a, b}", "!!set"),
        ("!<tag:example.com,2026:thing> x", "tag:example.com,2026:thing"),
    ],
)
def test_tags_other_than_str_are_refused_as_written(value: str, shown: str) -> None:
    _, problems = parse(f"kind: unit\nvalue: {value}\n")
    problem = only(problems, "YAML.tag")
    assert problem.line == 2
    assert CJK.search(problem.message)
    assert f"“{shown}" in problem.message
    assert "tag:yaml.org" not in problem.message


def test_the_same_alias_twice_on_a_line_is_one_problem() -> None:
    _, problems = parse("a: &x 1\nb: [*x, *x]\nc: [*x]\n")
    assert [(p.rule, p.line) for p in problems if p.rule == "YAML.alias"] == [
        ("YAML.alias", 2),
        ("YAML.alias", 3),
    ]


def test_python_tags_never_run_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"value: !!python/object/apply:os.system ['touch {marker}']\n"
    document, problems = parse(text)
    assert "YAML.tag" in rules(problems)
    assert not marker.exists()
    assert document.data["value"] == [f"touch {marker}"]


def test_complex_key_is_refused() -> None:
    _, problems = parse("? [a, b]\n: 1\nname: x\n")
    assert only(problems, "YAML.complex_key").line == 1


def test_complex_key_leaves_no_made_up_key_behind() -> None:
    document, problems = parse("? [a, b]\n: 1\n? {c: d}\n: 2\nname: x\n")
    assert document.data == {"name": "x"}
    assert rules(problems) == ["YAML.complex_key", "YAML.complex_key"]
    assert not any("#" in problem.message for problem in problems)


# ---------------------------------------------------------------------------
# What a file must contain
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "# 只有注释\n", "---\n", "--- ~\n"])
def test_empty_file_is_reported(text: str) -> None:
    document, problems = parse(text)
    assert document is None
    assert rules(problems) == ["YAML.empty"]


@pytest.mark.parametrize(
    ("text", "line"),
    [("- a\n- b\n", 1), ("just text\n", 1), ("# 注释\n\n- a\n", 3), ("42\n", 1)],
)
def test_document_that_is_not_a_mapping_is_reported(text: str, line: int) -> None:
    document, problems = parse(text)
    assert document is None
    problem = only(problems, "YAML.not_mapping")
    assert problem.line == line


def test_several_documents_are_reported_at_the_second() -> None:
    document, problems = parse("kind: unit\nid: a\n---\nkind: unit\nid: b\n")
    assert only(problems, "YAML.multiple_documents").line == 4
    assert document.data["id"] == "a"


def test_explicit_document_markers_around_one_record_are_fine() -> None:
    document, problems = parse("---\nkind: unit\n...\n")
    assert problems == []
    assert document.data == {"kind": "unit"}


# ---------------------------------------------------------------------------
# Encodings and size
# ---------------------------------------------------------------------------

RECORD = "kind: unit\nname: 华南理工大学\n"


def test_utf8_byte_order_mark_is_accepted() -> None:
    document, problems = parse_bytes(b"\xef\xbb\xbf" + RECORD.encode(), "f.yaml")
    assert problems == []
    assert document.data == {"kind": "unit", "name": "华南理工大学"}
    assert document.line_of(("name",)) == 2


def test_gbk_file_is_named_and_located_at_the_first_bad_byte() -> None:
    raw = ("kind: unit\nid: scut\n" + "name: 华南理工大学\n").encode("gbk")
    document, problems = parse_bytes(raw, "f.yaml")
    assert document is None
    problem = only(problems, "YAML.encoding")
    assert problem.line == 3
    assert "GBK" in problem.message
    assert "UTF-8" in problem.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_file_is_named(encoding: str) -> None:
    document, problems = parse_bytes(RECORD.encode(encoding), "f.yaml")
    assert document is None
    assert "UTF-16" in only(problems, "YAML.encoding").message


def test_binary_file_is_not_text() -> None:
    raw = b"kind: unit\n" + b"\x00\x01\x02\x03" * 10
    document, problems = parse_bytes(raw, "f.yaml")
    assert document is None
    assert only(problems, "YAML.encoding").line == 2


def test_file_over_the_size_limit_is_refused_unparsed() -> None:
    raw = b"summary: " + b"x" * MAX_BYTES + b"\n"
    document, problems = parse_bytes(raw, "f.yaml")
    assert document is None
    problem = only(problems, "YAML.too_large")
    assert f"{MAX_BYTES // 1024} KiB" in problem.message


def test_file_at_the_size_limit_is_parsed() -> None:
    head = b"summary: "
    raw = head + b"x" * (MAX_BYTES - len(head) - 1) + b"\n"
    assert len(raw) == MAX_BYTES
    document, problems = parse_bytes(raw, "f.yaml")
    assert problems == []
    assert len(document.data["summary"]) == MAX_BYTES - len(head) - 1


def test_huge_file_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as stream:
        stream.truncate(64 * 1024 * 1024)
    raw, problems = read_record(path, "big.yaml")
    assert problems == []
    assert len(raw) == MAX_BYTES + 1
    _, problems = load_file(path, "big.yaml")
    assert rules(problems) == ["YAML.too_large"]


# ---------------------------------------------------------------------------
# Syntax errors: a Chinese message at the line, never a traceback
# ---------------------------------------------------------------------------


def test_tab_indentation_is_named() -> None:
    _, problems = parse("kind: unit\ncontact:\n\tname: 中心\n")
    problem = only(problems, "YAML.syntax")
    assert problem.line == 3
    assert "制表符" in problem.message


def test_every_line_indented_with_a_tab_is_named() -> None:
    text = "kind: unit\ncontact:\n\tname: 中心\nid: x\nmaintainers:\n \t- a\n"
    _, problems = parse(text)
    assert [(p.rule, p.line) for p in problems] == [
        ("YAML.syntax", 3),
        ("YAML.syntax", 6),
    ]
    assert all("制表符" in problem.message for problem in problems)


def test_tab_after_a_value_is_named() -> None:
    _, problems = parse("kind: unit\n\tid: x\n")
    assert "制表符" in only(problems, "YAML.syntax").message


@pytest.mark.parametrize("quote", ['"', "'"])
def test_unclosed_quote_is_reported_where_it_opens(quote: str) -> None:
    text = f"kind: unit\nname: {quote}华南理工大学\ncity: '440100'\nid: scut\n"
    _, problems = parse(text)
    problem = only(problems, "YAML.syntax")
    assert problem.line == 2
    assert "引号" in problem.message


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("title: 技术: 方法\n", 1, "冒号"),
        ("kind: unit\n  id: x\n", 2, "冒号"),
        ("keywords: [电池, 储能\nid: x\n", 2, "方括号"),
        ("contact: {name: x\nid: y\n", 2, "花括号"),
        ("name: x\n- a\n", 2, "缩进"),
        ("- a\nname: x\n", 2, "缩进"),
        ('name: "\\q"\n', 1, "转义"),
        ("name: @scut\n", 1, "@"),
        ("name: `x`\n", 1, "`"),
        ("name: x\x07y\n", 1, "控制字符"),
        ("kind: unit\nname: ok\nid: x\x1b\n", 3, "控制字符"),
        ("keywords: [电池,\n- 储能\n", 2, "缺少值"),
        ('name: "\\UFFFFFFFF"\n', 1, "字符编码"),
        ("name: *\n", 1, "“&”或“*”后缺少名称"),
        ('name: "\\x4g"\n', 1, "十六进制"),
        ("summary: | 多出\n  正文\n", 1, "多出了内容"),
        ("name: !<\n", 1, "缩进、冒号和引号"),
    ],
)
def test_syntax_errors_give_a_chinese_message_at_the_line(
    text: str, line: int, words: str
) -> None:
    document, problems = parse(text)
    assert document is None
    problem = only(problems, "YAML.syntax")
    assert problem.line == line
    assert problem.message.startswith("YAML 格式错误：")
    assert words in problem.message
    assert not re.search("[a-z]{3}", problem.message)  # no English from libyaml


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff",
        b"a: b: c: d",
        b"[",
        b"{",
        b"a: !",
        b"&",
        b"*",
        b"a: *nothing\n",
        b"%YAML 1.1\n---\na: 1\n",
        b"%TAG ! tag:example.com,2026:\n---\na: !x 1\n",
        b"? \n",
        b": x\n",
        b"a:\n  - b\n  c: d\n",
        b"\xef\xbb\xbf\xef\xbb\xbfa: 1\n",
        "a: \ud800".encode("utf-8", "surrogatepass"),
        b"- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x\n" * 50,
        b"[" * 2000 + b"]" * 2000,
    ],
)
def test_no_input_raises(raw: bytes) -> None:
    document, problems = parse_bytes(raw, "f.yaml")
    for problem in problems:
        assert problem.line >= 1
        assert CJK.search(problem.message)
    assert document is not None or problems


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 40 + "]" * 40,
        "a: " + "[" * 900 + "]" * 900,
        "a: " + "[" * 100_000 + "]" * 100_000,
        "a: " + "{b: " * 900 + "1" + "}" * 900,
        "".join("  " * depth + f"k{depth}:\n" for depth in range(100))
        + "  " * 100
        + "x",
        "a:\n" + "".join("  " * depth + "-\n" for depth in range(1, 100)),
    ],
)
def test_deep_nesting_is_refused_without_exhausting_the_stack(text: str) -> None:
    document, problems = parse(text)
    assert document is None
    assert rules(problems) == ["YAML.too_deep"]
    assert "嵌套层次过深" in problems[0].message


def test_nesting_as_deep_as_records_need_is_fine() -> None:
    document, problems = parse("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1))
    assert problems == []


def test_unknown_alias_is_reported_not_raised() -> None:
    _, problems = parse("a: *nothing\n")
    assert only(problems, "YAML.alias").line == 1


# ---------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------


def test_load_file_reads_and_parses(tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    path.write_text(RECORD, encoding="utf-8")
    document, problems = load_file(path, "catalog/lab/unit.yaml")
    assert problems == []
    assert document.file == "catalog/lab/unit.yaml"
    assert document.data["name"] == "华南理工大学"


def test_symbolic_link_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text(RECORD, encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    document, problems = load_file(link, "link.yaml")
    assert document is None
    assert rules(problems) == ["YAML.symlink"]


def test_folder_named_like_a_record_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").mkdir()
    document, problems = load_file(tmp_path / "x.yaml", "x.yaml")
    assert document is None
    assert rules(problems) == ["LAYOUT.directory"]


def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    document, problems = load_file(pipe, "pipe.yaml")
    assert document is None
    assert rules(problems) == ["FILE.not_regular"]


def test_vanished_file_is_a_problem(tmp_path: Path) -> None:
    document, problems = load_file(tmp_path / "gone.yaml", "gone.yaml")
    assert document is None
    problem = only(problems, "FILE.unreadable")
    assert "不存在" in problem.message


# ---------------------------------------------------------------------------
# Invisible characters
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ('"锂电池\\e[31m"', "U+001B"),
        ('"第一行\\r第二行"', "U+000D"),
        ('"abc\\x00"', "U+0000"),
        ('"\\u202egnp.exe"', "U+202E"),
        ("成果\u2066名称\u2069", "U+2066"),
        ('"x\\L"', "U+2028"),
    ],
)
def test_control_character_in_a_value_is_reported_at_its_line(
    written: str, shown: str
) -> None:
    document, problems = parse(f"kind: unit\nid: lab\nname: {written}\n")

    problem = only(problems, "YAML.control_character")
    assert (problem.line, problem.path) == (3, ("name",))
    assert shown in problem.message
    assert document is not None


@pytest.mark.parametrize(
    "written",
    [
        "name: |\n  第一行\n  第二行\n",
        'name: "第一行\\n第二行\\t制表"\n',
        "name: 'C:\\temp\\new'\n",
        "name: 普通文本\n",
    ],
)
def test_line_breaks_tabs_and_backslashes_are_not_control_characters(
    written: str,
) -> None:
    _, problems = parse(f"kind: unit\nid: lab\n{written}")

    assert "YAML.control_character" not in rules(problems)
