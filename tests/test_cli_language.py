"""Specification: every text the command line shows is Chinese.

    pytest tests/test_cli_language.py -q

Help and usage errors come from argparse, which speaks English unless told
otherwise; ``usefirst``, each of its commands and the step summary module
answer ``--help`` (exit 0) and a wrong command line (exit 2) in Chinese.
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

from usefirst import cli
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
        parser = cli.ChineseArgumentParser(prog="usefirst")
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
        (["report"], "缺少必填的参数：REPORT"),
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


def help_columns(text: str) -> set[int]:
    """The screen columns at which the help of each argument starts."""
    columns = set()
    for line in text.splitlines():
        match = re.fullmatch(r"( +\S.*?\S)( {2,})(\S.*)", line)
        if match:
            shown = sum(
                2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in match[1]
            )
            columns.add(shown + len(match[2]))
    return columns


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
