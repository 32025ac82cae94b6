"""Tokenisation shared by the search index (Python) and the search client (JS).

>>> [(t.pos, t.text) for t in positional_tokens("锂电池，5G基站")]
[(0, '锂电'), (1, '电池'), (3, '5g'), (4, '基站')]
>>> query_plan("ＳｉＣ 锂电池")
[QueryPart(chain=(), unigrams=(), prefix='sic'), \
QueryPart(chain=(('锂电', 0), ('电池', 1)), unigrams=(), prefix=None)]

The specification below is implemented twice, here and in
``site/assets/javascripts/catalog-search.js`` (``foldChar``, ``charKind``,
``runs``, ``runTokens``, ``queryPart``, ``queryPlan``; the client needs only the
query side); change both together and keep ``tests/search`` green, whose
browser test compares the two on sample queries.

1. Folding, per code point: ``NFKC(ch).lower()`` (JS:
   ``ch.normalize("NFKC").toLowerCase()``). Full-width Latin, digits and
   punctuation become half-width (ＳｉＣ -> sic, ５Ｇ -> 5g).
2. Classes of folded characters:
   * CJK: Han (3400-4DBF, 4E00-9FFF, F900-FAFF, 20000-2FA1F), 〇 (3007),
     kana (3040-30FF) and Hangul syllables (AC00-D7AF). Chinese has no spaces,
     so these runs are cut into overlapping bigrams instead of words.
   * word: any other letter, number or combining mark (Unicode L*, N*, M*).
   * anything else is a separator.
3. Positions. Walking the folded text from position 0: a CJK run ``c1..cn``
   (n >= 2) yields the bigrams ``c1c2 .. c(n-1)cn`` at consecutive positions;
   a CJK run of one character takes one position and yields no bigram; a run
   of word characters is one word token at one position; each maximal run of
   separators takes one position. So ``锂电池`` and ``5G基站`` give adjacent
   tokens, and ``锂电 电池`` does not give ``锂电`` next to ``电池``.
4. Index terms of a document: every positional token (with positions);
   ``"1" + ch`` for every CJK character (document level); ``">" + p`` for
   every prefix ``p`` (length >= 1) of every word token (document level).
5. A query is split on whitespace into parts; all parts must match. Within a
   part (tokenised by rule 3 with positions taken relative to the part):
   * bigrams, and word tokens that are not the part's last run, form the
     ``chain``: each must occur at ``p + offset`` for one common ``p``;
   * each one-character CJK run is a ``unigram``: the character must occur;
   * a word run that ends the part is a ``prefix``: some word must start with
     it (so typing ``mosf`` already finds ``MOSFET``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from typing import Literal

Kind = Literal["cjk", "word"]

UNIGRAM = "1"  # key prefix of document-level CJK character terms
PREFIX = ">"  # key prefix of document-level word-prefix terms

_CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x3007, 0x3007),
    (0x3040, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2FA1F),
)


@dataclass(frozen=True)
class Token:
    """A positional token: a CJK bigram or a word."""

    pos: int
    text: str


@dataclass(frozen=True)
class Run:
    """A maximal run of CJK or word characters and its first position."""

    pos: int
    kind: Kind
    text: str


@dataclass(frozen=True)
class QueryPart:
    """What one whitespace-separated part of a query requires (rule 5)."""

    chain: tuple[tuple[str, int], ...]  # (token, offset) that must be adjacent
    unigrams: tuple[str, ...]  # single CJK characters that must occur
    prefix: str | None  # a word must start with this


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """Fold one code point (rule 1); the result may be longer (``㎡`` -> ``m2``)."""
    return unicodedata.normalize("NFKC", ch).lower()


def fold(text: str) -> str:
    """Fold ``text`` code point by code point (rule 1)."""
    return "".join(fold_char(ch) for ch in text)


def is_cjk(ch: str) -> bool:
    """True if ``ch`` is cut into bigrams rather than grouped into words."""
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


@lru_cache(maxsize=65536)
def char_kind(ch: str) -> Kind | None:
    """Class of a folded character (rule 2); ``None`` for a separator."""
    if is_cjk(ch):
        return "cjk"
    return "word" if unicodedata.category(ch)[0] in "LNM" else None


def runs(text: str) -> Iterator[Run]:
    """Runs of the folded ``text`` with their first positions (rule 3)."""
    pos = 0
    for kind, group in groupby(fold(text), key=char_kind):
        chars = "".join(group)
        if kind is None:
            pos += 1  # a run of separators
            continue
        yield Run(pos, kind, chars)
        pos += _width(kind, len(chars))


def _width(kind: Kind, length: int) -> int:
    """Positions taken by a run."""
    return max(1, length - 1) if kind == "cjk" else 1


def run_tokens(run: Run) -> list[Token]:
    """Positional tokens of one run: bigrams, or the word itself."""
    if run.kind == "word":
        return [Token(run.pos, run.text)]
    chars = run.text
    return [Token(run.pos + i, chars[i : i + 2]) for i in range(len(chars) - 1)]


def positional_tokens(text: str, start: int = 0) -> list[Token]:
    """All positional tokens of ``text``, positions shifted by ``start``."""
    return [Token(pos, token) for token, pos in token_positions(text, start)]


def token_positions(text: str, start: int = 0) -> Iterator[tuple[str, int]]:
    """``(token, position)`` pairs of ``positional_tokens``, without objects."""
    for run in runs(text):
        pos = run.pos + start
        if run.kind == "word":
            yield run.text, pos
            continue
        chars = run.text
        for i in range(len(chars) - 1):
            yield chars[i : i + 2], pos + i


def span(text: str) -> int:
    """Number of positions ``text`` takes (the next free position)."""
    end = 0
    for run in runs(text):
        end = run.pos + _width(run.kind, len(run.text))
    return end


def document_terms(text: str) -> tuple[set[str], set[str]]:
    """Document-level terms of ``text`` (rule 4): unigram and prefix keys."""
    unigrams: set[str] = set()
    prefixes: set[str] = set()
    for run in runs(text):
        if run.kind == "cjk":
            unigrams.update(UNIGRAM + ch for ch in run.text)
        else:
            prefixes.update(PREFIX + run.text[:i] for i in range(1, len(run.text) + 1))
    return unigrams, prefixes


def query_part(part: str) -> QueryPart | None:
    """Requirements of one whitespace-free query part (rule 5)."""
    found = list(runs(part))
    if not found:
        return None
    base = found[0].pos
    chain: list[tuple[str, int]] = []
    unigrams: list[str] = []
    prefix: str | None = None
    for i, run in enumerate(found):
        if run.kind == "word" and i == len(found) - 1:
            prefix = run.text
        elif run.kind == "cjk" and len(run.text) == 1:
            unigrams.append(run.text)
        else:
            chain.extend((t.text, t.pos - base) for t in run_tokens(run))
    return QueryPart(tuple(chain), tuple(unigrams), prefix)


def query_plan(query: str) -> list[QueryPart]:
    """Requirements of a whole query: one ``QueryPart`` per part (rule 5)."""
    parts = (query_part(part) for part in fold(query).split())
    return [part for part in parts if part is not None]
