"""One module per command; each has ``register(subparsers)`` and ``run(args)``.

date_or_today("2026-05-01")   # datetime.date(2026, 5, 1)
date_or_today(None)           # today
"""

from __future__ import annotations

import datetime


def date_or_today(text: str | None) -> datetime.date:
    """Read a ``YYYY-MM-DD`` option, or give today when it is absent."""
    return datetime.date.fromisoformat(text) if text else datetime.date.today()
