"""Specification of the Chinese identifier checks in usefirst.identifiers."""

from __future__ import annotations

import doctest
from datetime import date

import pytest
from stdnum.cn import ric as stdnum_ric
from stdnum.cn import uscc as stdnum_uscc

from usefirst import identifiers
from usefirst.identifiers import (
    check_ic_layout,
    check_patent_application,
    check_patent_number,
    check_plant_variety,
    check_resident_id,
    check_software_copyright,
    check_uscc,
    compute_patent_check,
    compute_uscc_check,
    find_mobile_numbers,
    find_resident_ids,
    fold_width,
    mask_numbers,
    patent_kind,
)

TODAY = date(2025, 6, 1)


def test_module_docstring_example_runs() -> None:
    results = doctest.testmod(identifiers)
    assert results.attempted >= 3
    assert results.failed == 0


# ---------------------------------------------------------------------------
# Patent check characters
# ---------------------------------------------------------------------------


def _patent_check_by_hand(digits: str) -> str:
    weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5][: len(digits)]
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return "X" if remainder == 10 else str(remainder)


@pytest.mark.parametrize(
    ("digits", "check"),
    [
        ("201710601862", "3"),  # 2*2+0*3+1*4+7*5+1*6+0*7+6*8+0*9+1*2+8*3+6*4+2*5=157
        ("97101765", "4"),  # the pre-2003 example from CNIPA's own explanations
        ("202210000003", "X"),  # remainder 10 is written X
        ("95100008", "X"),
        ("202290000000", "X"),
    ],
)
def test_compute_patent_check_uses_weights_2_to_9_mod_11(
    digits: str, check: str
) -> None:
    assert compute_patent_check(digits) == check
    assert _patent_check_by_hand(digits) == check


@pytest.mark.parametrize("digits", ["2017106018", "2017106018623", "2017106o1862", ""])
def test_compute_patent_check_rejects_other_lengths_and_letters(digits: str) -> None:
    with pytest.raises(ValueError):
        compute_patent_check(digits)


# ---------------------------------------------------------------------------
# Patent application numbers
# ---------------------------------------------------------------------------

VALID_APPLICATIONS = [
    ("201710601862.3", "invention"),
    ("202310123456.6", "invention"),
    ("202320123456.1", "utility_model"),
    ("202330123456.7", "design"),
    ("202180012345.7", "pct"),
    ("201990012345.5", "pct"),
    ("201610000002.X", "invention"),
    ("202220000004.X", "utility_model"),
    # before 2003-10-01: 8 digits, the 3rd is the type
    ("97101765.4", "invention"),
    ("98123456.9", "invention"),
    ("03212345.0", "utility_model"),
    ("88312345.2", "design"),
    ("99812345.5", "pct"),
    ("00912345.8", "pct"),
    ("95100008.X", "invention"),
]


@pytest.mark.parametrize(("number", "kind"), VALID_APPLICATIONS)
def test_valid_application_numbers_pass(number: str, kind: str) -> None:
    assert check_patent_application(number, today=TODAY) is None
    assert _patent_check_by_hand(number.split(".")[0]) == number[-1]


@pytest.mark.parametrize(("number", "kind"), VALID_APPLICATIONS)
def test_patent_kind_reads_the_type_digit(number: str, kind: str) -> None:
    assert patent_kind(number, today=TODAY) == kind
    assert patent_kind("ZL" + number, today=TODAY) == kind


@pytest.mark.parametrize(
    "number",
    ["201710601862.5", "201740601862.3", "2017106018623", "ZL 201710601862.3", ""],
)
def test_patent_kind_is_none_for_invalid_numbers(number: str) -> None:
    assert patent_kind(number, today=TODAY) is None


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("201710601862.5", ["校验位应为 3", "实际为 5"]),
        ("97101765.5", ["校验位应为 4"]),
        ("2017106018623", ["缺少“.”", "应写作 201710601862.3"]),
        ("97101765X", ["缺少“.”", "应写作 97101765.X"]),
        ("201710601862", ["缺少“.”和校验位", "应写作 201710601862.3"]),
        ("98123456", ["缺少“.”和校验位", "应写作 98123456.9"]),
        ("20171060186.3", ["12 位数字", "8 位数字", "实际为 11 位"]),
        ("2017106018622.3", ["实际为 13 位"]),
        ("2017106018a2.3", ["应全为数字"]),
        ("201710601862.x", ["X 应大写", "201710601862.X"]),
        ("201710601862.33", ["1 位校验位"]),
        ("2017.1060.1862.3", ["只能有一个“.”"]),
        (".3", ["缺少数字"]),
        ("201740601862.3", ["第 5 位是专利类型", "实际为 4", "1（发明）"]),
        ("98423456.1", ["第 3 位是专利类型", "实际为 4"]),
        ("199910601862.3", ["2003 年 10 月", "8 位"]),
        ("198010601862.1", ["早于 1985 年"]),
        ("203010601862.1", ["晚于今年（2025）"]),
        ("04123456.1", ["85–99 或 00–03", "实际为 04"]),
        ("ZL201710601862.3", ["专利号", "去掉 ZL", "201710601862.3"]),
        ("CN201710601862.3", ["不带 CN"]),
        ("２０１７１０６０１８６２．３", ["全角", "201710601862.3"]),
        ("201710601862.3 ", ["空格", "应写作 201710601862.3"]),
        ("申请号201710601862.3", ["汉字"]),
        ("", ["为空"]),
    ],
)
def test_invalid_application_numbers_say_what_is_wrong(
    number: str, expected: list[str]
) -> None:
    message = check_patent_application(number, today=TODAY)
    assert message is not None
    for fragment in expected:
        assert fragment in message


def test_application_year_is_judged_against_today() -> None:
    assert check_patent_application("201710601862.3", today=date(2017, 1, 1)) is None
    message = check_patent_application("201710601862.3", today=date(2016, 12, 31))
    assert message == "年份 2017 晚于今年（2016）"


def test_application_check_defaults_to_the_real_date() -> None:
    assert check_patent_application("201710601862.3") is None
    assert check_patent_application("299910601862.3") is not None


# ---------------------------------------------------------------------------
# Patent numbers (ZL + application number)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["ZL201710601862.3", "ZL202330123456.7", "ZL97101765.4", "ZL201610000002.X"],
)
def test_valid_patent_numbers_pass(number: str) -> None:
    assert check_patent_number(number, today=TODAY) is None


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("ZL 201710601862.3", "ZL 与申请号之间不应有空格，应写作 ZL201710601862.3"),
        ("zl201710601862.3", "前缀应为大写 ZL，应写作 ZL201710601862.3"),
        ("Zl201710601862.3", "前缀应为大写 ZL，应写作 ZL201710601862.3"),
        ("201710601862.3", "专利号应以 ZL 开头，应写作 ZL201710601862.3"),
        ("ZL201710601862.5", "校验位应为 3，实际为 5"),
        ("ZL2017106018623", "缺少“.”，校验位前应有“.”，应写作 ZL201710601862.3"),
        ("ZL201710601862.x", "校验位 X 应大写，应写作 ZL201710601862.X"),
    ],
)
def test_invalid_patent_numbers_explain_the_exact_form(
    number: str, expected: str
) -> None:
    assert check_patent_number(number, today=TODAY) == expected


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        ("CN107123456A", "公开（公告）号"),
        ("abc", "ZL 加申请号"),
        ("ZL201740601862.3", "专利类型"),
        ("ZL 20171060 1862.3", "空格"),
        ("", "为空"),
    ],
)
def test_other_bad_patent_numbers_are_rejected(number: str, fragment: str) -> None:
    message = check_patent_number(number, today=TODAY)
    assert message is not None
    assert fragment in message


# ---------------------------------------------------------------------------
# Unified social credit code (GB 32100-2015)
# ---------------------------------------------------------------------------

GB32100_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
GB32100_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def _uscc_check_by_hand(first17: str) -> str:
    values = [GB32100_ALPHABET.index(ch) for ch in first17]
    total = sum(v * w for v, w in zip(values, GB32100_WEIGHTS, strict=True))
    return GB32100_ALPHABET[(31 - total % 31) % 31]


VALID_USCC = [
    "91110000600037341L",  # python-stdnum's own example
    "91440101MA59ABCD1D",  # company in Guangzhou, letters in positions 9-17
    "92440300L12345678R",  # individual business (个体工商户)
    "52440000MJL123456M",  # private non-enterprise unit (民办非企业单位)
    "124400004558580000",  # public institution, check value 0
    "13440000123A56789T",
]
# Registration authority A, N or Y: allowed by GB 32100, rejected by stdnum.
LETTER_AUTHORITY_USCC = [
    "N2440101MF0123456M",  # village collective economic organisation
    "A1100000MB12345676",  # military public institution
    "Y1440101MA5ABCDE10",  # other authorities
]


@pytest.mark.parametrize("code", VALID_USCC + LETTER_AUTHORITY_USCC)
def test_compute_uscc_check_matches_gb32100(code: str) -> None:
    assert compute_uscc_check(code[:17]) == code[17]
    assert _uscc_check_by_hand(code[:17]) == code[17]


@pytest.mark.parametrize("code", VALID_USCC)
def test_valid_uscc_pass(code: str) -> None:
    assert check_uscc(code) is None


@pytest.mark.parametrize("code", LETTER_AUTHORITY_USCC)
def test_letter_authority_codes_pass_although_stdnum_rejects_them(code: str) -> None:
    assert not stdnum_uscc.is_valid(code)  # stdnum demands digits in positions 1-8
    assert check_uscc(code) is None


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("91110000600037341X", ["校验位应为 L", "实际为 X"]),
        ("N2440101MF0123456A", ["校验位应为 M", "实际为 A"]),
        ("91110000600037341l", ["大写", "91110000600037341L"]),
        ("91440101ma59abcd1d", ["大写", "91440101MA59ABCD1D"]),
        ("9111000060003734", ["18 位", "实际为 16 位"]),
        ("91110000600037341L1", ["实际为 19 位"]),
        ("91110000 600037341L", ["空格", "91110000600037341L"]),
        ("9111-0000-600037341L", ["连字符", "91110000600037341L"]),
        ("91110000600O37341L", ["第 12 位“O”", "I、O、Z、S、V", "“0”"]),
        ("9111000060003734IL", ["第 17 位“I”", "“1”"]),
        ("9111000060003734#L", ["第 17 位“#”"]),
        ("91AB0000600037341L", ["第 3–8 位", "行政区划码", "AB0000"]),
        ("９１１１００００６０００３７３４１Ｌ", ["全角", "91110000600037341L"]),
        ("000000000000000000", ["第 1 位", "登记管理部门代码", "1–9、A–G、N 或 Y"]),
        ("H1440000MA4WQ2R809", ["第 1 位", "“H”不存在"]),
        ("91000000MA4WQ2R806", ["第 3–8 位", "不能为 000000"]),
        ("", ["为空"]),
    ],
)
def test_invalid_uscc_say_what_is_wrong(code: str, expected: list[str]) -> None:
    message = check_uscc(code)
    assert message is not None
    for fragment in expected:
        assert fragment in message


def test_stdnum_alone_would_accept_sloppy_spellings() -> None:
    sloppy = "91110000 600037341l"
    assert stdnum_uscc.is_valid(sloppy)
    assert check_uscc(sloppy) is not None


def test_overrides_accept_listed_codes_verbatim() -> None:
    real_but_odd = "91110000600037341X"
    assert check_uscc(real_but_odd) is not None
    assert check_uscc(real_but_odd, overrides=frozenset({real_but_odd})) is None
    other = "91110000600037341Y"
    assert check_uscc(other, overrides=frozenset({real_but_odd})) is not None


@pytest.mark.parametrize(
    "first17", ["9111000060003734", "91110000600037341L", "9111000060003734O", ""]
)
def test_compute_uscc_check_rejects_bad_input(first17: str) -> None:
    with pytest.raises(ValueError):
        compute_uscc_check(first17)


# ---------------------------------------------------------------------------
# Software copyright, IC layout and plant variety numbers
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number", ["2020SR0123456", "2011SR012345", "1990SR000001", "2025SR1234567"]
)
def test_valid_software_copyright_numbers_pass(number: str) -> None:
    assert check_software_copyright(number, today=TODAY) is None


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("2020sr0123456", ["SR 应大写", "2020SR0123456"]),
        ("2020SR01234", ["7 位数字", "6 位", "实际为 5 位"]),
        ("2020SR012345678", ["实际为 9 位"]),
        ("2020SR012345a", ["应全为数字"]),
        ("2020SR", ["缺少"]),
        ("1989SR012345", ["早于 1990 年"]),
        ("2026SR0123456", ["晚于今年（2025）"]),
        ("SR0123456", ["4 位年份"]),
        ("2020XX0123456", ["年份后应为 SR"]),
        ("软著登字第1234567号", ["证书号", "登记号"]),
        ("2020SR 0123456", ["空格"]),
    ],
)
def test_invalid_software_copyright_numbers_say_what_is_wrong(
    number: str, expected: list[str]
) -> None:
    message = check_software_copyright(number, today=TODAY)
    assert message is not None
    for fragment in expected:
        assert fragment in message


@pytest.mark.parametrize("number", ["BS.215512345", "BS.085500001"])
def test_valid_ic_layout_numbers_pass(number: str) -> None:
    assert check_ic_layout(number) is None


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("BS215512345", "BS 后缺少“.”，应写作 BS.215512345"),
        ("bs.215512345", "BS 应大写，应写作 BS.215512345"),
        ("215512345", "缺少 BS. 前缀，应写作 BS.215512345"),
        ("BS.21551234", "BS. 后应为 9 位数字，实际为 8 位"),
        ("BS.2155123456", "BS. 后应为 9 位数字，实际为 10 位"),
        ("BS.21551234X", "BS. 后应全为数字，实际为 21551234X"),
        ("BS.", "BS. 后缺少 9 位数字"),
        ("CN.215512345", "应以 BS. 开头，形如 BS.215512345"),
    ],
)
def test_invalid_ic_layout_numbers_say_what_is_wrong(
    number: str, expected: str
) -> None:
    assert check_ic_layout(number) == expected


@pytest.mark.parametrize(
    "number", ["CNA20191234567", "CNA19990000001", "CNA20250000123"]
)
def test_valid_plant_variety_numbers_pass(number: str) -> None:
    assert check_plant_variety(number, today=TODAY) is None


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("cna20191234567", "CNA 应大写，应写作 CNA20191234567"),
        ("20191234567", "缺少 CNA 前缀，应写作 CNA20191234567"),
        ("CNA2019123456", "CNA 后应为 11 位数字，实际为 10 位"),
        ("CNA1998123456X", "CNA 后应全为数字，实际为 1998123456X"),
        ("CNA19981234567", "年份 1998 早于 1999 年：品种权申请自 1999 年起受理"),
        ("CNA20261234567", "年份 2026 晚于今年（2025）"),
        ("CNA", "CNA 后缺少 11 位数字"),
        ("CN20191234567", "应以 CNA 开头，形如 CNA20191234567"),
    ],
)
def test_invalid_plant_variety_numbers_say_what_is_wrong(
    number: str, expected: str
) -> None:
    assert check_plant_variety(number, today=TODAY) == expected


# ---------------------------------------------------------------------------
# Resident identity numbers
# ---------------------------------------------------------------------------

VALID_RESIDENT_IDS = [
    "11010519491231002X",  # the example in GB 11643-1999
    "440301199003071230",
    "44010620000229456X",  # born on a leap day
    "110112195001010016",  # county code from 1997, birth in 1950: stdnum says no
]


@pytest.mark.parametrize("number", VALID_RESIDENT_IDS)
def test_valid_resident_ids_pass(number: str) -> None:
    assert stdnum_ric.calc_check_digit(number) == number[-1]
    assert check_resident_id(number, today=TODAY) is None


def test_resident_id_birth_place_is_not_tied_to_birth_year() -> None:
    number = "110112195001010016"
    assert not stdnum_ric.is_valid(number)
    assert check_resident_id(number, today=TODAY) is None


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("110105194912310021", "校验位应为 X，实际为 1"),
        ("11010519491231002x", "末位 x 应大写，应写作 11010519491231002X"),
        ("11010519491331002X", "第 7–14 位是出生日期，19491331 不是有效日期"),
        ("11010520300101001X", "第 7–14 位是出生日期，20300101 晚于今天"),
        ("110105180001010010", "第 7–14 位是出生日期，年份 1800 早于 1850 年"),
        ("1101051949123100", "居民身份号码应为 18 位，实际为 16 位"),
        (
            "110105491231002",
            "居民身份号码应为 18 位（15 位的是 1999 年前的旧号码），实际为 15 位",
        ),
        ("1101051949123100A1", "前 17 位应全为数字"),
        ("11010519491231002Y", "末位是校验码，应为数字或 X，实际为 Y"),
    ],
)
def test_invalid_resident_ids_say_what_is_wrong(number: str, expected: str) -> None:
    assert check_resident_id(number, today=TODAY) == expected


def test_find_resident_ids_returns_valid_numbers_in_free_text() -> None:
    text = (
        "张三，身份证号11010519491231002X；李四 身份证：11010519491231002x。"
        "错号 110105194912310021，长串 9440301199003071230，"
        "编号 ID440301199003071230X，王五 440301199003071230 到访。"
    )
    assert find_resident_ids(text, today=TODAY) == [
        "11010519491231002X",
        "11010519491231002x",
        "440301199003071230",
    ]


def test_find_resident_ids_reads_full_width_digits() -> None:
    text = (
        "身份证号４４０３０４１９９００１０１５６７２，"
        "另一人 １１０１０５１９４９１２３１００２Ｘ。"
    )
    assert find_resident_ids(text, today=TODAY) == [
        "４４０３０４１９９００１０１５６７２",
        "１１０１０５１９４９１２３１００２Ｘ",
    ]


def test_find_resident_ids_ignores_full_width_numbers_with_a_wrong_check() -> None:
    assert (
        find_resident_ids("号码４４０３０４１９９００１０１５６７９", today=TODAY) == []
    )


@pytest.mark.parametrize(
    "written",
    [
        "440106 19800101 006X",
        "440106.19800101.006X",
        "440106-19800101-006X",
        "440106—19800101—006X",
        "440106–19800101–006X",
        "440106－19800101－006X",
        "44010619800101006Ｘ",
        "440106　19800101　006Ｘ",
    ],
)
def test_find_resident_ids_reads_grouped_numbers(written: str) -> None:
    assert find_resident_ids(f"身份证号：{written}。", today=TODAY) == [written]


@pytest.mark.parametrize(
    "text",
    [
        "440106 19800101-006X",  # mixed separators are not one number
        "12.440106.19800101.006X",  # the tail of a longer dotted run
        "440106.19800101.006X.5",
        "440106 19800101 0069",  # wrong check character
        "日期 2026.05.01，金额 1,980,010.10 元",
    ],
)
def test_find_resident_ids_ignores_grouped_runs_that_are_not_numbers(
    text: str,
) -> None:
    assert find_resident_ids(text, today=TODAY) == []


def test_find_resident_ids_ignores_future_birth_dates() -> None:
    text = "号码 11010520300101001X"
    assert check_resident_id("11010520300101001X", today=date(2031, 1, 1)) is None
    assert find_resident_ids(text, today=TODAY) == []
    assert find_resident_ids(text, today=date(2031, 1, 1)) == ["11010520300101001X"]


# ---------------------------------------------------------------------------
# Mobile numbers
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("电话13812345678。", ["13812345678"]),
        ("手机：138-1234-5678", ["138-1234-5678"]),
        ("手机 138 1234 5678 （工作日）", ["138 1234 5678"]),
        ("+86 138 1234 5678", ["+86 138 1234 5678"]),
        ("+86-13812345678", ["+86-13812345678"]),
        ("8613912345678", ["8613912345678"]),
        ("0086 13812345678", ["0086 13812345678"]),
        ("2020-10-01 13812345678", ["13812345678"]),
        ("甲 19912345678，乙 15012345678", ["19912345678", "15012345678"]),
        ("手机 138.0013.8000", ["138.0013.8000"]),
        ("手机 138—0013—8000", ["138—0013—8000"]),
        ("手机 138–0013–8000", ["138–0013–8000"]),
        ("手机 138－0013－8000", ["138－0013－8000"]),
    ],
)
def test_find_mobile_numbers_finds_them(text: str, found: list[str]) -> None:
    assert find_mobile_numbers(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "专利 ZL201710601862.3 与申请号 201713812345678",  # longer digit runs
        "统一社会信用代码 13440000123A56789T",  # 11 digits inside a USCC
        "9144010113812345X3",
        "比率 2.13812345678",
        "13812345678.5",
        "12-138-1234-5678",
        "12345678901234",
        "11212345678",  # second digit must be 3-9
        "call 1381234567",  # only 10 digits
        "tel13812345678",
        "日期 2026.05.01",
        "金额 138.0013 万元",
        "138.0013.8000.1",
        "1.138.0013.8000",
        "138.0013-8000",  # mixed separators
    ],
)
def test_find_mobile_numbers_ignores_other_digit_runs(text: str) -> None:
    assert find_mobile_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("电话１３８００１３８０００。", ["１３８００１３８０００"]),
        ("手机：１３８－１２３４－５６７８", ["１３８－１２３４－５６７８"]),
        ("手机 138\u30001234\u30005678", ["138\u30001234\u30005678"]),
        ("＋８６ １３９１２３４５６７８", ["＋８６ １３９１２３４５６７８"]),
        ("半角全角混写 1３8００１３８０００", ["1３8００１３８０００"]),
    ],
)
def test_find_mobile_numbers_reads_full_width_forms(
    text: str, found: list[str]
) -> None:
    assert find_mobile_numbers(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "专利申请号２０１７１３８１２３４５６７８",  # a longer digit run
        "编号ＴＥＬ１３８１２３４５６７８",  # glued to a word
        "比率 ２.１３８１２３４５６７８",
    ],
)
def test_find_mobile_numbers_ignores_full_width_digit_runs_that_are_not_numbers(
    text: str,
) -> None:
    assert find_mobile_numbers(text) == []


def test_fold_width_keeps_every_position() -> None:
    text = "联系（手机）：１３８　００１３－８０００，ＡＢ"
    folded = fold_width(text)
    assert folded == "联系(手机):138 0013-8000,AB"
    assert len(folded) == len(text)


def test_fold_width_leaves_a_text_without_full_width_digits_as_it_is() -> None:
    text = "联系（手机）：ＡＢ"
    assert fold_width(text) == text


def test_mask_numbers_hides_personal_numbers_and_long_digit_runs() -> None:
    text = "身份证 44010619800101006X，手机 138-1234-5678，编号 123456789012，年份 2026"
    masked = mask_numbers(text)
    assert "44010619800101006X" not in masked and "440*" in masked
    assert "138-1234-5678" not in masked and "5678" in masked
    assert "123456789012" not in masked
    assert masked.endswith("年份 2026")
