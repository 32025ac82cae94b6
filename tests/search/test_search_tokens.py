"""Specification of the search tokenisation (tools/usefirst/search/tokens.py)."""

from __future__ import annotations

from usefirst.search.tokens import (
    QueryPart,
    document_terms,
    fold,
    positional_tokens,
    query_plan,
    span,
)


def pairs(text: str) -> list[tuple[int, str]]:
    return [(t.pos, t.text) for t in positional_tokens(text)]


def test_cjk_run_becomes_overlapping_bigrams() -> None:
    assert pairs("锂电池") == [(0, "锂电"), (1, "电池")]


def test_sub_word_is_a_token_of_the_longer_word() -> None:
    assert "电池" in {text for _, text in pairs("高能量锂电池")}
    assert query_plan("电池") == [
        QueryPart(chain=(("电池", 0),), unigrams=(), prefix=None)
    ]


def test_query_of_a_word_is_its_bigram_chain() -> None:
    assert query_plan("锂电池") == [
        QueryPart(chain=(("锂电", 0), ("电池", 1)), unigrams=(), prefix=None)
    ]


def test_full_width_latin_is_folded_and_lowercased() -> None:
    assert fold("ＳｉＣ") == "sic"
    assert pairs("ＳｉＣ器件") == [(0, "sic"), (1, "器件")]
    assert query_plan("ＳｉＣ") == [QueryPart(chain=(), unigrams=(), prefix="sic")]


def test_mixed_latin_and_chinese_are_adjacent() -> None:
    assert pairs("5G基站") == [(0, "5g"), (1, "基站")]
    assert query_plan("5G基站") == [
        QueryPart(chain=(("5g", 0), ("基站", 1)), unigrams=(), prefix=None)
    ]


def test_separators_break_adjacency() -> None:
    assert pairs("5G 基站") == [(0, "5g"), (2, "基站")]
    assert pairs("锂电，电池") == [(0, "锂电"), (2, "电池")]
    assert pairs("4H-SiC") == [(0, "4h"), (2, "sic")]


def test_single_character_run_takes_a_position_without_a_token() -> None:
    assert pairs("SiC的MOS") == [(0, "sic"), (2, "mos")]
    assert span("SiC的MOS") == 3


def test_one_character_query_is_a_unigram() -> None:
    assert query_plan("电") == [QueryPart(chain=(), unigrams=("电",), prefix=None)]


def test_parts_are_split_on_any_whitespace() -> None:
    plan = query_plan("石墨烯\u3000SiC")
    assert [p.prefix for p in plan] == [None, "sic"]


def test_last_word_of_a_part_is_a_prefix() -> None:
    assert query_plan("SiC-MOS") == [
        QueryPart(chain=(("sic", 0),), unigrams=(), prefix="mos")
    ]


def test_document_level_terms() -> None:
    unigrams, prefixes = document_terms("SiC器件")
    assert unigrams == {"1器", "1件"}
    assert prefixes == {">s", ">si", ">sic"}


def test_nothing_searchable_gives_empty_plan() -> None:
    assert query_plan(" ，。!? ") == []
