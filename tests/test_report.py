"""Specification of the reporters in usefirst.report and of Problem values.

    pytest tests/test_report.py -q

text:   ``file:line: CODE message`` a line, then one Chinese summary line;
json:   a list of objects with exactly file, line, path, rule, severity, message;
github: ``::error file=…,line=…,title=…::message`` workflow commands, escaped.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata

import pytest

from usefirst.problems import Problem, Severity, has_errors
from usefirst.report import FORMATS, render, summary

ERROR = Problem(
    "catalog/lab/achievements/lab-2025-001.yaml",
    12,
    "SCHEMA.pattern",
    "“权利号”的格式不正确",
    ("rights", 0, "number"),
)
ANNOTATION = re.compile(r"::(error|warning) file=[^,]+,line=\d+,title=[^:]+::.*")
WARNING = Problem(
    "catalog/lab/unit.yaml",
    3,
    "PRIVACY.mobile",
    "“联系电话”中有个人手机号码",
    ("contact", "phone"),
    Severity.WARNING,
)


def test_text_gives_one_line_a_problem_then_a_summary() -> None:
    lines = render([ERROR, WARNING], "text").splitlines()
    assert lines == [
        "catalog/lab/achievements/lab-2025-001.yaml:12: SCHEMA.pattern "
        "“权利号”的格式不正确",
        "catalog/lab/unit.yaml:3: PRIVACY.mobile “联系电话”中有个人手机号码（警告）",
        "发现 1 个错误、1 个警告，涉及 2 个文件。",
    ]


def test_text_without_problems_says_all_is_well() -> None:
    assert render([], "text") == "检查通过：没有发现问题。"


def test_summary_counts_errors_warnings_and_files() -> None:
    second = Problem(ERROR.file, 20, "SCHEMA.required", "缺少必填字段")
    assert summary([ERROR, second]) == "发现 2 个错误、0 个警告，涉及 1 个文件。"
    assert summary([WARNING]) == "发现 0 个错误、1 个警告，涉及 1 个文件。"


def test_json_parses_and_has_exactly_the_documented_keys() -> None:
    items = json.loads(render([ERROR, WARNING], "json"))
    assert [set(item) for item in items] == [
        {"file", "line", "path", "rule", "severity", "message"}
    ] * 2
    assert items[0] == {
        "file": "catalog/lab/achievements/lab-2025-001.yaml",
        "line": 12,
        "path": "rights[0].number",
        "rule": "SCHEMA.pattern",
        "severity": "error",
        "message": "“权利号”的格式不正确",
    }
    assert items[1]["severity"] == "warning"


def test_json_keeps_chinese_readable_and_is_empty_list_without_problems() -> None:
    assert "权利号" in render([ERROR], "json")
    assert json.loads(render([], "json")) == []


def test_github_annotates_each_problem_then_prints_the_text_report() -> None:
    lines = render([ERROR, WARNING], "github").splitlines()
    assert lines[0] == (
        "::error file=catalog/lab/achievements/lab-2025-001.yaml,line=12,"
        "title=SCHEMA.pattern::“权利号”的格式不正确"
    )
    assert lines[1].startswith("::warning file=catalog/lab/unit.yaml,line=3,")
    assert lines[-1] == "发现 1 个错误、1 个警告，涉及 2 个文件。"


def test_github_escapes_data_and_properties() -> None:
    problem = Problem(
        "catalog/a,b/x:y%.yaml",
        0,
        "YAML.syntax",
        "第一行 100%\r\n第二行: a, b",
    )
    line = render([problem], "github").splitlines()[0]
    assert line == (
        "::error file=catalog/a%2Cb/x%3Ay%25.yaml,line=1,title=YAML.syntax"
        "::第一行 100%25\\r\\n第二行: a, b"
    )


# ---------------------------------------------------------------------------
# Text from the records cannot become a workflow command
# ---------------------------------------------------------------------------

# GitHub runs a log line as a command when it starts with "::" (after
# whitespace), and the legacy form "##[command]" anywhere in a line
INJECTED = Problem(
    "catalog/lab/achievements/x.yaml",
    4,
    "SCHEMA.enum",
    "“填报人”x\n::stop-commands::abc\r::error::伪造\x85##[add-mask]y\u2028z",
    ("filed_by",),
)
HIDDEN = "".join(
    chr(code)
    for code in range(sys.maxunicode + 1)
    if unicodedata.category(chr(code)) in {"Cc", "Cf", "Cs", "Zl", "Zp"}
)


def commands_in(output: str) -> list[str]:
    """The lines of an output that GitHub's runner would take for commands."""
    lines = re.split(r"\r\n|\r|\n", output)
    return [line for line in lines if line.lstrip().startswith("::") or "##[" in line]


@pytest.mark.parametrize("name", FORMATS)
def test_no_record_text_becomes_a_workflow_command(name: str) -> None:
    output = render([INJECTED, ERROR], name)
    expected = 2 if name == "github" else 0
    assert len(commands_in(output)) == expected, output
    assert all(ANNOTATION.fullmatch(line) for line in commands_in(output))


@pytest.mark.parametrize("name", ["text", "github"])
def test_text_and_github_show_control_characters_as_escapes(name: str) -> None:
    output = render([INJECTED], name)
    assert "x\\n::stop-commands::abc\\r::error::伪造\\x85## [add-mask]y\\u2028z" in (
        output
    )
    assert len(output.splitlines()) == (3 if name == "github" else 2)


@pytest.mark.parametrize("name", ["text", "github"])
def test_text_and_github_hide_no_character_of_any_kind(name: str) -> None:
    problem = Problem(f"catalog/{HIDDEN}.yaml", 1, "R", f"a{HIDDEN}b", (HIDDEN,))
    output = render([problem], name)
    assert [char for char in HIDDEN if char in output.replace("\n", "")] == []
    output.encode("utf-8")  # a lone surrogate would not encode


def test_json_keeps_the_exact_text_in_valid_json_on_safe_lines() -> None:
    # JSON writes a pair of surrogates as one character: leave out the high ones
    hidden = "".join(char for char in HIDDEN if not "\ud800" <= char <= "\udbff")
    problem = Problem(f"catalog/{hidden}.yaml", 1, "R", f"a{hidden}b", (hidden,))
    output = render([INJECTED, problem], "json")
    items = json.loads(output)
    assert items[0]["message"] == INJECTED.message
    assert (items[1]["file"], items[1]["message"], items[1]["path"]) == (
        problem.file,
        problem.message,
        hidden,
    )
    assert [char for char in HIDDEN if char in output.replace("\n", "")] == []
    assert "伪造" in output
    assert commands_in(output) == []


def test_a_file_named_like_a_command_does_not_start_a_line() -> None:
    problem = Problem("\u3000::stop-commands::tok.xlsx", 1, "IMPORT.file", "无法读取")
    text = render([problem], "text")
    assert text.splitlines()[0].startswith("./\u3000::stop-commands::tok.xlsx:1: ")
    assert commands_in(render([problem], "github")) == [
        render([problem], "github").splitlines()[0]
    ]


def test_every_format_renders() -> None:
    for name in FORMATS:
        assert render([ERROR], name)
    with pytest.raises(KeyError):
        render([ERROR], "xml")


@pytest.mark.parametrize(
    ("path", "dotted"),
    [
        ((), ""),
        (("title",), "title"),
        (("rights", 0, "number"), "rights[0].number"),
        (("payments", 1), "payments[1]"),
        ((0,), "[0]"),
    ],
)
def test_dotted_path(path: tuple[str | int, ...], dotted: str) -> None:
    assert Problem("f", 1, "R", "m", path).dotted_path() == dotted


def test_problems_sort_by_file_then_line_and_ignore_path_in_equality() -> None:
    a = Problem("b.yaml", 2, "R", "m", ("x",))
    b = Problem("a.yaml", 9, "R", "m")
    c = Problem("b.yaml", 2, "R", "m", ("y",))
    assert sorted([a, b]) == [b, a]
    assert a == c
    assert len({a, c}) == 1


def test_warnings_alone_are_not_errors() -> None:
    assert has_errors([WARNING, ERROR])
    assert not has_errors([WARNING])
    assert not has_errors([])
