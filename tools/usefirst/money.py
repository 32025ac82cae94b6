"""Exact money: amounts in yuan as records write them, counted in integer fen.

    >>> to_fen("123456.78")
    12345678
    >>> to_fen(500000)
    50000000
    >>> format_yuan(to_fen("450000.5"))
    '450,000.50'
    >>> fen_to_yuan(45000050)
    Decimal('450000.5')

Records write amounts in yuan, either as an integer or as a decimal string with
at most two decimals (the schema's ``amount``). Arithmetic happens in fen, as
Python integers, so no sum is ever rounded; no float is ever made.
"""

from __future__ import annotations

import re
from decimal import Decimal

FEN_PER_YUAN = 100
_AMOUNT = re.compile(r"(0|[1-9][0-9]*)(?:\.([0-9]{1,2}))?")


def to_fen(amount: int | str) -> int:
    """Convert an amount in yuan (int or decimal string) to integer fen."""
    if isinstance(amount, bool) or not isinstance(amount, int | str):
        raise ValueError(f"amount must be an int or a decimal string: {amount!r}")
    if isinstance(amount, int):
        return amount * FEN_PER_YUAN
    match = _AMOUNT.fullmatch(amount)
    if match is None:
        raise ValueError(f"not an amount in yuan with at most 2 decimals: {amount!r}")
    whole, decimals = match.group(1), (match.group(2) or "").ljust(2, "0")
    return int(whole) * FEN_PER_YUAN + int(decimals)


def yuan(whole_yuan: int) -> int:
    """Return a whole number of yuan in fen, for thresholds written in yuan."""
    return whole_yuan * FEN_PER_YUAN


def fen_to_yuan(fen: int) -> Decimal:
    """Return fen as an exact amount in yuan, e.g. for a spreadsheet cell."""
    return Decimal(fen) / FEN_PER_YUAN


def format_yuan(fen: int) -> str:
    """Write fen as yuan with thousands separators and two decimals."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{whole:,}.{cents:02d}"
