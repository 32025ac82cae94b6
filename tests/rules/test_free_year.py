"""Specification of "at least one year": a period's first and last day both count."""

from __future__ import annotations

from datetime import date

import pytest

from usefirst.rules.contracts import one_year_end


@pytest.mark.parametrize(
    ("start", "last_day"),
    [
        (date(2026, 1, 1), date(2026, 12, 31)),
        (date(2026, 6, 1), date(2027, 5, 31)),
        (date(2024, 2, 29), date(2025, 2, 28)),  # no 29 February: 1 March, less a day
        (date(2023, 3, 1), date(2024, 2, 29)),  # a year that spans a leap day
        (date(2027, 2, 28), date(2028, 2, 27)),
    ],
)
def test_a_year_from_start_ends_the_day_before_the_anniversary(
    start: date, last_day: date
) -> None:
    assert one_year_end(start) == last_day
