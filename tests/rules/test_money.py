"""Specification of exact money: yuan as records write them, counted in fen."""

from __future__ import annotations

import doctest

import pytest

from usefirst import money
from usefirst.money import format_yuan, to_fen, yuan


def test_module_docstring_example_runs() -> None:
    results = doctest.testmod(money)
    assert results.attempted >= 3
    assert results.failed == 0


@pytest.mark.parametrize(
    ("amount", "fen"),
    [
        (500000, 50_000_000),
        (0, 0),
        ("500000", 50_000_000),
        ("123456.78", 12_345_678),
        ("0.5", 50),
        ("0.05", 5),
        ("250000.50", 25_000_050),
        ("9999999999999.99", 999_999_999_999_999),
    ],
)
def test_to_fen_reads_yuan_exactly(amount: int | str, fen: int) -> None:
    assert to_fen(amount) == fen


def test_sums_in_fen_do_not_drift_as_floats_would() -> None:
    assert 0.1 + 0.2 != 0.3  # the reason money is never a float
    assert to_fen("0.10") + to_fen("0.20") == to_fen("0.30")
    assert sum(to_fen("0.01") for _ in range(100)) == to_fen(1)


@pytest.mark.parametrize(
    "amount",
    ["1.234", "1,000", "01", "-1", "1e5", "50万", "", " 1", 1.5, True, None],
)
def test_to_fen_refuses_anything_but_yuan_with_two_decimals(amount: object) -> None:
    with pytest.raises(ValueError):
        to_fen(amount)  # type: ignore[arg-type]


def test_yuan_makes_thresholds_in_fen() -> None:
    assert yuan(500_000) == to_fen("500000.00") == 50_000_000


@pytest.mark.parametrize(
    ("fen", "text"),
    [(0, "0.00"), (5, "0.05"), (45_000_050, "450,000.50"), (-150, "-1.50")],
)
def test_format_yuan_writes_two_decimals_and_separators(fen: int, text: str) -> None:
    assert format_yuan(fen) == text
