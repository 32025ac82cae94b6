"""Specification of how a spreadsheet cell is read, the way people type it."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from usefirst.sheets.cells import (
    is_blank,
    to_amount,
    to_boolean,
    to_choice,
    to_choices,
    to_code,
    to_date,
    to_integer,
    to_text,
    to_texts,
)

CITIES = {"440100": "广州市", "440300": "深圳市", "441900": "东莞市"}
CLUSTERS = {
    "smart-appliances": "智能家电",
    "robotics": "智能机器人",
    "new-energy": "新能源",
}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  固态电池  ", "固态电池"),
        ("\u3000固态电池\u3000", "固态电池"),
        ("张\u3000三", "张三"),  # names padded to two characters' width
        ("高安全 固态 电池", "高安全固态电池"),
        ("基于 AI 的方法", "基于 AI 的方法"),
        ("ＡＩ芯片１号", "AI芯片1号"),
        ("第一行\r\n第二行", "第一行\n第二行"),
        ("全角标点，保持不变（例）", "全角标点，保持不变（例）"),
        (2023.0, "2023"),
        (12, "12"),
    ],
)
def test_text_is_trimmed_and_made_half_width(typed: object, stored: str) -> None:
    assert to_text(typed) == stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2026-05-01", "2026-05-01"),
        ("2026/5/1", "2026-05-01"),
        ("2026.5.1", "2026-05-01"),
        ("2026年5月1日", "2026-05-01"),
        ("2026 年 5 月 1 日", "2026-05-01"),
        ("２０２６年５月１日", "2026-05-01"),
        ("20260501", "2026-05-01"),
        ("2026-05-01 00:00:00", "2026-05-01"),
        (datetime.datetime(2026, 5, 1, 0, 0), "2026-05-01"),
        (datetime.date(2026, 5, 1), "2026-05-01"),
        (46143, "2026-05-01"),  # an Excel day number
        (20260501, "2026-05-01"),
    ],
)
def test_dates_in_the_forms_people_type(typed: object, stored: str) -> None:
    assert to_date(typed) == stored


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("2026/13/1", "不是真实存在的日期"),
        ("2026-02-30", "不是真实存在的日期"),
        ("5/1/2026", "请写作 2026-05-01"),
        ("明年", "请写作 2026-05-01"),
    ],
)
def test_a_wrong_date_says_how_to_write_it(typed: str, hint: str) -> None:
    with pytest.raises(ValueError, match=hint):
        to_date(typed)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("500000", 500000),
        ("500,000", 500000),
        ("500,000.00 元", 500000),
        ("￥1,234,567.89", "1234567.89"),
        ("50万元", 500000),
        ("50 万", 500000),
        ("12.5万元", 125000),
        ("1,234.5 万元", 12345000),
        ("１２万", 120000),
        ("0.1", "0.1"),
        (1234567.89, "1234567.89"),  # a float cell is read by its shortest spelling
        (Decimal("123456.78"), "123456.78"),
        (600000, 600000),
    ],
)
def test_amounts_in_yuan_or_ten_thousand_yuan(typed: object, stored: object) -> None:
    assert to_amount(typed) == stored


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("五十万", "不是金额"),
        ("-5", "不是金额"),
        ("1.234", "超过两位小数"),
        ("1.2345678万", "超过两位小数"),  # 12345.678 元
        (True, "不是金额"),
    ],
)
def test_a_wrong_amount_is_refused(typed: object, hint: str) -> None:
    with pytest.raises(ValueError, match=hint):
        to_amount(typed)


def test_amounts_never_pass_through_a_float_sum() -> None:
    # 0.1 + 0.2 as floats is 0.30000000000000004; read exactly, it is 0.3
    assert Decimal(to_amount("0.1")) + Decimal(to_amount("0.2")) == Decimal("0.3")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("6", 6), ("６", 6), (7.0, 7), ("12个月", 12), (" 12 ", 12), (3, 3)],
)
def test_integers(typed: object, stored: int) -> None:
    assert to_integer(typed) == stored


def test_a_fraction_is_not_an_integer() -> None:
    with pytest.raises(ValueError, match="不是整数"):
        to_integer("6.5")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("是", True),
        ("否", False),
        ("TRUE", True),
        ("n", False),
        ("√", True),
        (0, False),
    ],
)
def test_yes_and_no(typed: object, stored: bool) -> None:
    assert to_boolean(typed) is stored


def test_something_else_is_neither_yes_nor_no() -> None:
    with pytest.raises(ValueError, match="请填写 是 或 否"):
        to_boolean("可能")


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("广州市", "440100"),
        ("广州", "440100"),  # a unique start of the name
        (" 深圳市 ", "440300"),
        ("440100", "440100"),
        (440100.0, "440100"),  # a code typed as a number
        ("440100（广州市）", "440100"),
        ("东莞市(441900)", "441900"),
    ],
)
def test_a_chinese_name_or_code_becomes_the_code(typed: object, code: str) -> None:
    assert to_choice(typed, CITIES) == code


def test_an_ambiguous_start_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="可填 智能家电、智能机器人、新能源"):
        to_choice("智能", CLUSTERS)


def test_several_choices_in_one_cell() -> None:
    assert to_choices("新能源；智能机器人、新能源", CLUSTERS) == [
        "new-energy",
        "robotics",
    ]


def test_several_texts_in_one_cell() -> None:
    assert to_texts("动力电池；储能电站\n 电网调峰 ；") == [
        "动力电池",
        "储能电站",
        "电网调峰",
    ]


def test_commas_and_enumeration_marks_stay_inside_a_text_item() -> None:
    # exported lists are joined by ；, so that an item such as this reads back whole
    assert to_texts("储能、电网调峰；光伏，风电") == ["储能、电网调峰", "光伏，风电"]


@pytest.mark.parametrize(
    ("typed", "pattern", "stored"),
    [
        ("9144 0101 ma59 ab12 3x", "^[0-9A-Z]{18}$", "91440101MA59AB123X"),
        ("SCUT-2026-001", "^[a-z0-9][a-z0-9-]{1,63}$", "scut-2026-001"),
        ("xyhz-cg-2026-000001", "^XYHZ-CG-[0-9]{4}-[0-9]{6}$", "XYHZ-CG-2026-000001"),
        ("０２０-８７１１ ００００", "^[0-9+() -]{5,24}$", "020-8711 0000"),
        ("attachments/A.pdf", "^attachments/[^\\s]+\\.(pdf|png)$", "attachments/A.pdf"),
        ("ＺＬ ２０１７１０６０１８６２．３", "", "ZL201710601862.3"),
        ("2021sr0123456", "", "2021SR0123456"),
    ],
)
def test_identifiers_take_width_spaces_and_case_from_their_pattern(
    typed: str, pattern: str, stored: str
) -> None:
    assert to_code(typed, pattern) == stored


@pytest.mark.parametrize("value", [None, "", "   ", "\u3000", "\u00a0\n"])
def test_blank_cells(value: object) -> None:
    assert is_blank(value)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (201810601803.0, "201810601803.0"),  # check digit 0 of an application number
        (201810601803, "201810601803.0"),  # as openpyxl reads that cell back
        ("201810601803", "201810601803"),  # typed as text: the check says what lacks
        (2023.0, "2023"),
    ],
)
def test_a_number_cell_where_a_patent_number_stands_keeps_its_check_digit_0(
    typed: float, stored: str
) -> None:
    assert to_code(typed, "", patent=True) == stored
    assert to_code(201810601803.0, "") == "201810601803"  # 项目编号 stays as typed
