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


class Clock:
    """A clock the test sets by hand, in seconds."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_rows_done_in_the_same_tenth_of_a_second_draw_once() -> None:
    stream = Terminal()
    with Progress("整理", 10_000, stream=stream, clock=Clock()) as bar:
        for _ in range(10_000):
            bar.advance()
    assert stream.getvalue().count("\r") == 2  # the first row, then the close


def test_the_bar_is_redrawn_only_after_a_tenth_of_a_second() -> None:
    stream, clock = Terminal(), Clock()
    bar = Progress("整理", 4, stream=stream, clock=clock)
    drawn = []
    for now in (100.0, 100.0625, 100.125, 100.25):
        clock.now = now
        bar.advance()
        drawn.append(stream.getvalue().count("\r"))
    assert drawn == [1, 1, 2, 3]


def test_the_library_default_never_draws() -> None:
    bar = no_progress("写入", 3)
    bar.advance(3)
    bar.close()
    assert bar.enabled is False
