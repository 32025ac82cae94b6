"""A one-line progress bar on stderr, drawn only when stderr is a terminal.

    with Progress("检查", total=len(rows)) as bar:
        for row in rows:
            ...
            bar.advance()

Redrawn at most ten times a second, by ``clock`` (``time.monotonic`` unless a
test passes its own); in a pipe, a file or CI it draws nothing, so logs stay
clean. ``no_progress`` is the silent stand-in libraries take by default.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable
from typing import TextIO

WIDTH = 30
INTERVAL = 0.1


class Progress:
    """Count done steps of a known total and draw them as a bar."""

    def __init__(
        self,
        label: str,
        total: int,
        stream: TextIO | None = None,
        enabled: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.total = max(total, 0)
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.clock = clock
        self.done = 0
        self.drawn_at = -math.inf

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def advance(self, count: int = 1) -> None:
        """Count steps as done; redraw if a tenth of a second has passed."""
        self.done += count
        now = self.clock()
        if self.enabled and now - self.drawn_at >= INTERVAL:
            self.drawn_at = now
            self.draw()

    def draw(self) -> None:
        """Draw the bar over the current line (a count if the total is unknown)."""
        if not self.total:
            line = f"\r{self.label} {self.done}"
        else:
            filled = round(min(self.done / self.total, 1.0) * WIDTH)
            bar = "█" * filled + "·" * (WIDTH - filled)
            line = f"\r{self.label} [{bar}] {self.done}/{self.total}"
        self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self.enabled:
            self.draw()
            self.stream.write("\n")
            self.stream.flush()


ProgressFactory = Callable[[str, int], Progress]


def no_progress(label: str, total: int) -> Progress:
    """Make a progress bar that never draws."""
    return Progress(label, total, enabled=False)


def terminal_progress(label: str, total: int) -> Progress:
    """Make a progress bar that draws on stderr if stderr is a terminal."""
    return Progress(label, total)
