"""Specification of the progress bar: drawn on a terminal, silent anywhere else."""

from __future__ import annotations

import io

from usefirst.sheets.progress import Progress, no_progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_is_drawn_on_a_terminal_and_ends_its_line() -> None:
    stream = Terminal()
    with Progress("检查", 4, stream=stream) as bar:
        for _ in range(4):
            bar.advance()
    text = stream.getvalue()
    assert text.startswith("\r检查 [")
    assert text.endswith("] 4/4\n")
    assert "█" * 30 in text


def test_an_unknown_total_shows_a_count() -> None:
    stream = Terminal()
    with Progress("读取", 0, stream=stream) as bar:
        bar.advance(7)
    assert stream.getvalue() == "\r读取 7\r读取 7\n"


def test_nothing_is_drawn_in_a_pipe_or_a_file() -> None:
    stream = io.StringIO()
    with Progress("检查", 10_000, stream=stream) as bar:
        bar.advance(10_000)
    assert stream.getvalue() == ""


def test_redraws_are_limited_whatever_the_number_of_rows() -> None:
    stream = Terminal()
    with Progress("整理", 10_000, stream=stream) as bar:
        for _ in range(10_000):
            bar.advance()
    assert stream.getvalue().count("\r") <= 3  # a run this fast draws once or twice


def test_the_library_default_never_draws() -> None:
    bar = no_progress("写入", 3)
    bar.advance(3)
    bar.close()
    assert bar.enabled is False
