"""Calendar days as records and command lines write them: exactly YYYY-MM-DD.

    parse_day("2026-05-01")     # datetime.date(2026, 5, 1)
    parse_day("20260501")       # None
    parse_day("2026-02-30")     # None
    parser.add_argument("--today", type=cli_day)

``datetime.date.fromisoformat`` also accepts ``20260501`` and ``2026-W18-5``;
records and command lines write only ``2026-05-01``, so anything else is not a
day here.
"""

from __future__ import annotations

import argparse
import datetime
import re

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(text: object) -> datetime.date | None:
    """Read a real day written YYYY-MM-DD; return None for anything else."""
    if not isinstance(text, str) or _DAY.fullmatch(text) is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def cli_day(text: str) -> datetime.date:
    """Read a command-line day for ``argparse`` (``type=cli_day``)."""
    day = parse_day(text)
    if day is None:
        raise argparse.ArgumentTypeError(
            f"“{text}”不是日期：应写作 YYYY-MM-DD，例如 2026-05-01"
        )
    return day
