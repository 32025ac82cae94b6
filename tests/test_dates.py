"""Specification of days as records and command lines write them: YYYY-MM-DD."""

from __future__ import annotations

import argparse
import datetime

import pytest

from usefirst.dates import cli_day, parse_day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-05-01", datetime.date(2026, 5, 1)),
        ("2024-02-29", datetime.date(2024, 2, 29)),
        ("0001-01-01", datetime.date(1, 1, 1)),
    ],
)
def test_a_day_is_read(text: str, day: datetime.date) -> None:
    assert parse_day(text) == day


@pytest.mark.parametrize(
    "text",
    [
        "20260501",  # fromisoformat reads it
        "2026-W18-5",  # fromisoformat reads it
        "2026-05-01T00:00",
        "2026-5-1",
        "2026-02-30",
        "2025-02-29",
        "２０２６-０５-０１",  # full-width digits
        " 2026-05-01",
        "",
        None,
        20260501,
    ],
)
def test_anything_else_is_not_a_day(text: object) -> None:
    assert parse_day(text) is None


def test_a_command_line_day() -> None:
    assert cli_day("2027-01-15") == datetime.date(2027, 1, 15)
    with pytest.raises(argparse.ArgumentTypeError, match="应写作 YYYY-MM-DD"):
        cli_day("20270115")
