"""Specification: every text the command line shows is Chinese.

    pytest tests/test_cli_language.py -q

Help and usage errors come from argparse, which speaks English unless told
otherwise; ``usefirst``, each of its commands and the step summary module
answer ``--help`` (exit 0) and a wrong command line (exit 2) in Chinese. The
placeholders of values are Chinese too, and the help fits the terminal: long
Chinese sentences, which have no spaces to break at, wrap by display width.
"""

from __future__ import annotations

import argparse
import importlib
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from usefirst import argparse_zh, cli
from usefirst.exitcodes import OK, USAGE
from usefirst.review import stepsummary

USEFIRST = Path(sys.executable).with_name("usefirst")

# what argparse prints in English when nobody translates it
ENGLISH = (
    "usage:",
    "Usage:",
    "positional arguments",
    "optional arguments",
    "options:",
    "show this help message",
    "show program's version",
    "error:",
    "invalid choice",
    "choose from",
    "the following arguments are required",
    "unrecognized arguments",
    "expected one argument",
    "expected at least one argument",
    "invalid int value",
    "ignored explicit argument",
    "argument ",
)


def command_names() -> list[str]:
    """Name every command of ``cli.COMMANDS`` as a user types it."""
    names = []
    for module in cli.COMMANDS:
        parser = argparse_zh.ChineseArgumentParser(prog="usefirst")
        subparsers = parser.add_subparsers()
        importlib.import_module(f"usefirst.commands.{module}").register(subparsers)
        names.extend(subparsers.choices)
    return names


def subcommands(parser: argparse.ArgumentParser) -> Iterator[tuple[str, ...]]:
    """Walk the commands under a parser, nested ones included."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield (name,)
                yield from ((name, *rest) for rest in subcommands(child))


COMMAND_LINES = [
    words for name in command_names() for words in subcommands(cli.build_parser(name))
]


def run_main(argv: list[str], capsys: pytest.CaptureFixture) -> tuple[int, str]:
    """Run ``usefirst`` in this process; return its exit code and all it printed."""
    with pytest.raises(SystemExit) as stop:
        cli.main(argv)
    out, err = capsys.readouterr()
    return stop.value.code, out + err


def assert_chinese(text: str) -> None:
    assert [phrase for phrase in ENGLISH if phrase in text] == [], text


def test_every_command_is_walked() -> None:
    assert len(command_names()) == len(cli.COMMANDS)
    assert ("report", "recognition") in COMMAND_LINES


def test_main_help_is_chinese(capsys: pytest.CaptureFixture) -> None:
    code, text = run_main(["--help"], capsys)
    assert code == OK
    assert_chinese(text)
    assert text.startswith("用法：usefirst")
    assert "选项：" in text and "显示本帮助并退出" in text
    assert "显示版本号并退出" in text


@pytest.mark.parametrize("words", COMMAND_LINES, ids=" ".join)
def test_command_help_is_chinese(
    words: tuple[str, ...], capsys: pytest.CaptureFixture
) -> None:
    code, text = run_main([*words, "--help"], capsys)
    assert code == OK
    assert_chinese(text)
    assert text.startswith(f"用法：usefirst {' '.join(words)}")
    assert "选项：" in text and "-h, --help" in text
    assert "显示本帮助并退出" in text


def test_positional_arguments_have_a_chinese_section(
    capsys: pytest.CaptureFixture,
) -> None:
    code, text = run_main(["validate", "--help"], capsys)
    assert code == OK
    assert "位置参数：" in text


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["bogus"], "“bogus”不是可选的值"),
        (["validate", "--format", "xml"], "--format：“xml”不是可选的值"),
        (["validate", "--frobnicate"], "无法识别的参数：--frobnicate"),
        (["validate", "--format"], "--format：后面需要一个值"),
        (["validate", "--no-cache=yes"], "--no-cache：不接受值"),
        (["review"], "缺少必填的参数：--base"),
        (["report"], "缺少必填的参数：报表"),
        (["report", "recognition"], "缺少必填的参数：--year"),
        (["report", "recognition", "--year", "x"], "--year：“x”不是有效的值"),
        (["--verbose=3", "validate"], "--verbose：不接受值"),
    ],
)
def test_usage_errors_are_chinese_and_exit_2(
    argv: list[str], said: str, capsys: pytest.CaptureFixture
) -> None:
    code, text = run_main(argv, capsys)
    assert code == USAGE
    assert_chinese(text)
    assert text.startswith("用法：usefirst")
    assert "：错误：" in text and said in text


def test_the_installed_command_speaks_chinese(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(USEFIRST), "bogus"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == USAGE
    assert result.stdout == ""
    assert_chinese(result.stderr)
    assert "usefirst：错误：命令：“bogus”不是可选的值" in result.stderr


def test_argparse_outside_the_command_line_is_left_alone(
    capsys: pytest.CaptureFixture,
) -> None:
    cli.build_parser().format_help()
    plain = argparse.ArgumentParser(prog="plain")
    with pytest.raises(SystemExit):
        plain.parse_args(["--nothing"])
    assert "plain: error: unrecognized arguments: --nothing" in capsys.readouterr().err


def test_step_summary_help_and_errors_are_chinese(
    capsys: pytest.CaptureFixture,
) -> None:
    with pytest.raises(SystemExit) as stop:
        stepsummary.main(["--help"])
    assert stop.value.code == OK
    help_text = capsys.readouterr().out
    assert_chinese(help_text)
    assert "位置参数：" in help_text and "选项：" in help_text

    with pytest.raises(SystemExit) as stop:
        stepsummary.main(["review.log"])
    assert stop.value.code == USAGE
    error = capsys.readouterr().err
    assert_chinese(error)
    assert "缺少必填的参数：--title" in error


def columns(text: str) -> int:
    """Count the screen columns a line takes: two for a wide character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def help_columns(text: str) -> set[int]:
    """The screen columns at which the help of each argument starts."""
    starts = set()
    for line in text.splitlines():
        match = re.fullmatch(r"( +\S.*?\S)( {2,})(\S.*)", line)
        if match:
            starts.add(columns(match[1]) + len(match[2]))
    return starts


def test_help_columns_line_up_on_screen_around_chinese_names(
    capsys: pytest.CaptureFixture,
) -> None:
    _, main_help = run_main(["--help"], capsys)
    with pytest.raises(SystemExit):
        stepsummary.main(["--help"])
    summary_help = capsys.readouterr().out
    assert "--root 目录" in main_help and "--title 标题" in summary_help
    assert len(help_columns(main_help)) == 1, main_help
    assert len(help_columns(summary_help)) == 1, summary_help


# ---------------------------------------------------------------------------
# Placeholders are Chinese, and the help fits the terminal
# ---------------------------------------------------------------------------

# every page of help: ``usefirst``, each command, the step summary module
HELP_PAGES = [
    ("usefirst",),
    *(("usefirst", *words) for words in COMMAND_LINES),
    ("stepsummary",),
]
# a capital word that is no part of a path or an option; the help may name
# these codes and formats, never a placeholder such as PATH or YYYY-MM-DD
CAPITAL_WORD = re.compile(r"(?<![\w./-])[A-Z][A-Z0-9_]*[A-Z0-9](?:-[A-Z0-9]+)*(?!\w)")
CODES = {"CSV", "JSON", "HEAD", "XYHZ-CG", "XYHZ-HT", "GITHUB_STEP_SUMMARY"}


def help_page(page: tuple[str, ...], capsys: pytest.CaptureFixture) -> str:
    """Print the ``--help`` of ``usefirst ...`` or of the step summary module."""
    program, *words = page
    run = stepsummary.main if program == "stepsummary" else cli.main
    with pytest.raises(SystemExit) as stop:
        run([*words, "--help"])
    assert stop.value.code == OK
    return capsys.readouterr().out


@pytest.mark.parametrize("page", HELP_PAGES, ids=" ".join)
def test_value_placeholders_are_chinese(
    page: tuple[str, ...], capsys: pytest.CaptureFixture
) -> None:
    text = help_page(page, capsys)
    assert set(CAPITAL_WORD.findall(text)) <= CODES, text


@pytest.mark.parametrize("terminal", [80, 50])
@pytest.mark.parametrize("page", HELP_PAGES, ids=" ".join)
def test_no_help_line_is_wider_than_the_terminal(
    page: tuple[str, ...],
    terminal: int,
    capsys: pytest.CaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", str(terminal))
    text = help_page(page, capsys)
    assert [line for line in text.splitlines() if columns(line) > terminal] == []


def test_an_option_and_its_value_stay_on_one_line_of_the_usage(
    capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    usage = help_page(("usefirst", "report", "contracts"), capsys).split("\n\n")[0]
    assert len(usage.splitlines()) == 2
    assert any("--unit 单位标识" in line for line in usage.splitlines()), usage


def test_an_option_shows_its_value_once(capsys: pytest.CaptureFixture) -> None:
    text = help_page(("usefirst", "template"), capsys)
    assert "  -o, --output 输出文件\n" in text


def test_chinese_text_breaks_between_characters_by_columns() -> None:
    lines = argparse_zh.wrap("成果库中没有这个单位的文件夹", 10)
    assert lines == ["成果库中没", "有这个单位", "的文件夹"]


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one() -> None:
    lines = argparse_zh.wrap("默认今天（可以不写），也可以写", 8)
    assert lines == ["默认今天", "（可以不", "写），也", "可以写"]


def test_words_options_and_paths_are_not_broken() -> None:
    text = "请运行 usefirst   validate --no-cache 查看 catalog/numbers.yaml"
    assert argparse_zh.wrap(text, 20) == [
        "请运行 usefirst",
        "validate --no-cache",
        "查看",
        "catalog/numbers.yaml",
    ]


def test_only_a_word_wider_than_a_line_is_cut() -> None:
    lines = argparse_zh.wrap("见 https://example.org/a-long-address", 10)
    assert lines == ["见", "https://ex", "ample.org/", "a-long-add", "ress"]
