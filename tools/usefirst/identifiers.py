"""Check Chinese identifiers and say in Chinese what is wrong with them.

    >>> check_patent_application("201710601862.3") is None
    True
    >>> check_patent_application("201710601862.5")
    '校验位应为 3，实际为 5'
    >>> check_patent_number("ZL 201710601862.3")
    'ZL 与申请号之间不应有空格，应写作 ZL201710601862.3'
    >>> patent_kind("201710601862.3")
    'invention'
    >>> find_mobile_numbers("联系人电话 138-1234-5678，专利 ZL201710601862.3")
    ['138-1234-5678']
    >>> find_mobile_numbers("手机１３８００１３８０００")
    ['１３８００１３８０００']

Every ``check_*`` function returns ``None`` when the value is valid, otherwise one
short message that names the problem and, where it can, the correct form. The
functions never do I/O; those that depend on the current date take a keyword
``today`` so that tests can pin it.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from datetime import date

from stdnum.cn import ric as _ric
from stdnum.cn import uscc as _uscc

__all__ = [
    "check_ic_layout",
    "check_patent_application",
    "check_patent_number",
    "check_plant_variety",
    "check_resident_id",
    "check_software_copyright",
    "check_uscc",
    "compute_patent_check",
    "compute_uscc_check",
    "find_mobile_numbers",
    "find_resident_ids",
    "fold_width",
    "patent_kind",
]

# ---------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------


def _today(today: date | None) -> date:
    """Return the pinned date, or the real one when none is given."""
    return today if today is not None else date.today()


# printable ASCII without spaces: what nearly every identifier is written in,
# and all it takes to pass the surface checks
_PLAIN = re.compile(r"[!-~]+")
_SPACE = re.compile(r"\s")  # the characters str.isspace() tells, all of them


def _surface_problem(text: str, what: str) -> str | None:
    """Report emptiness, whitespace and full-width characters in ``text``."""
    if not isinstance(text, str):
        return f"{what}应为文本，实际为 {type(text).__name__}"
    if _PLAIN.fullmatch(text):
        return None
    if not text.strip():
        return f"{what}为空"
    if _SPACE.search(text):
        return f"{what}中不应有空格，应写作 {_SPACE.sub('', text)}"
    halfwidth = unicodedata.normalize("NFKC", text)
    if halfwidth != text and halfwidth.isascii():
        return f"{what}含全角字符，请改用半角，应写作 {halfwidth}"
    if not text.isascii():
        return f"{what}只能含英文字母、数字和符号，不能有汉字或全角符号"
    return None


def _year_problem(year: int, first: int, today: date, why: str) -> str | None:
    """Report a year before ``first`` or after the current year."""
    if year < first:
        return f"年份 {year} 早于 {first} 年：{why}"
    if year > today.year:
        return f"年份 {year} 晚于今年（{today.year}）"
    return None


def _length_note(text: str) -> str:
    """Describe how long ``text`` is, for length messages."""
    return f"实际为 {len(text)} 位"


# ---------------------------------------------------------------------------
# Patents (专利申请号 / 专利号)
# ---------------------------------------------------------------------------

PATENT_KINDS = {
    "1": "invention",
    "2": "utility_model",
    "3": "design",
    "8": "pct",
    "9": "pct",
}
_KIND_HELP = "1（发明）、2（实用新型）、3（外观设计）、8 或 9（PCT 进入中国）"
_PATENT_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9)
_NEW_FORM_START = 2003  # 12-digit numbers since 2003-10-01
_PATENT_LAW_START = 1985  # the first Chinese patent applications
_PATENT_EXAMPLE = "201710601862.3"


def compute_patent_check(digits: str) -> str:
    """Return the check character for a 12- or 8-digit application number."""
    if len(digits) not in (8, 12) or not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"expected 8 or 12 ASCII digits, got {digits!r}")
    remainder = sum(map(operator.mul, map(int, digits), _PATENT_WEIGHTS * 2)) % 11
    return "X" if remainder == 10 else str(remainder)


def _patent_year(body: str) -> int:
    """Return the filing year encoded in an 8- or 12-digit body."""
    if len(body) == 12:
        return int(body[:4])
    two = int(body[:2])
    return 1900 + two if two >= 85 else 2000 + two


def _patent_kind_digit(body: str) -> str:
    """Return the patent-type digit of an 8- or 12-digit body."""
    return body[4] if len(body) == 12 else body[2]


def _split_problem(text: str, prefix: str) -> str | None:
    """Report a missing, doubled or misplaced dot before the check character."""
    count = text.count(".")
    if count > 1:
        return f"只能有一个“.”，形如 {prefix}{_PATENT_EXAMPLE}"
    if count == 1:
        return None
    if text.isdigit() and len(text) in (8, 12):
        fixed = f"{prefix}{text}.{compute_patent_check(text)}"
        return f"缺少“.”和校验位，应写作 {fixed}"
    body, last = text[:-1], text[-1:]
    if body.isdigit() and len(body) in (8, 12) and last in "0123456789Xx":
        return f"缺少“.”，校验位前应有“.”，应写作 {prefix}{body}.{last.upper()}"
    return f"缺少“.”，申请号形如 {prefix}{_PATENT_EXAMPLE}"


def _body_problem(body: str) -> str | None:
    """Report letters or a wrong length before the dot."""
    if not body:
        return f"“.”前缺少数字，形如 {_PATENT_EXAMPLE}"
    if not body.isdigit():
        return f"“.”前应全为数字，实际为 {body}"
    if len(body) not in (8, 12):
        return (
            "“.”前应为 12 位数字（2003 年 10 月起）或 8 位数字（此前），"
            + _length_note(body)
        )
    return None


def _check_shape_problem(check: str, body: str, prefix: str) -> str | None:
    """Report a check character that is not one digit or a capital X."""
    if check == "x":
        return f"校验位 X 应大写，应写作 {prefix}{body}.X"
    if len(check) != 1 or check not in "0123456789X":
        return f"“.”后应为 1 位校验位（数字或 X），实际为“{check}”"
    return None


def _check_value_problem(check: str, body: str) -> str | None:
    """Report a check character that does not match the digits."""
    expected = compute_patent_check(body)
    if check != expected:
        return f"校验位应为 {expected}，实际为 {check}"
    return None


def _patent_year_problem(body: str, today: date) -> str | None:
    """Report a filing year the number's form cannot have."""
    year = _patent_year(body)
    if len(body) == 8 and not (_PATENT_LAW_START <= year <= _NEW_FORM_START):
        return f"8 位申请号的前 2 位是年份，应为 85–99 或 00–03，实际为 {body[:2]}"
    if len(body) == 12 and _PATENT_LAW_START <= year < _NEW_FORM_START:
        return (
            f"年份 {year} 早于 2003 年：12 位申请号自 2003 年 10 月起使用，"
            "此前的申请号为 8 位数字加校验位"
        )
    why = "中国专利法 1985 年 4 月起施行"
    return _year_problem(year, _PATENT_LAW_START, today, why)


def _kind_problem(body: str) -> str | None:
    """Report a patent-type digit outside 1, 2, 3, 8, 9."""
    digit = _patent_kind_digit(body)
    if digit in PATENT_KINDS:
        return None
    position = 5 if len(body) == 12 else 3
    return f"第 {position} 位是专利类型，应为 {_KIND_HELP}，实际为 {digit}"


def _application_problem(text: str, today: date, prefix: str = "") -> str | None:
    """Check an application number; suggestions are written with ``prefix``."""
    problem = _split_problem(text, prefix)
    if problem:
        return problem
    body, check = text.split(".")
    return (
        _body_problem(body)
        or _check_shape_problem(check, body, prefix)
        or _patent_year_problem(body, today)
        or _kind_problem(body)
        or _check_value_problem(check, body)
    )


def _prefix_problem(text: str) -> str | None:
    """Report a ZL or CN prefix on something that should be an application."""
    upper = text.upper()
    if upper.startswith("ZL"):
        return f"这是专利号（带 ZL），申请号应去掉 ZL，写作 {text[2:]}"
    if upper.startswith("CN"):
        return f"申请号不带 CN 前缀，形如 {_PATENT_EXAMPLE}"
    return None


def check_patent_application(text: str, *, today: date | None = None) -> str | None:
    """Check a Chinese patent application number such as 201710601862.3."""
    problem = _surface_problem(text, "专利申请号") or _prefix_problem(text)
    if problem:
        return problem
    return _application_problem(text, _today(today))


def _zl_prefix_problem(text: str, today: date) -> str | None:
    """Report a missing or lower-case ZL prefix, or a CN publication number."""
    head, rest = text[:2], text[2:]
    if head == "ZL":
        return None
    if head.upper() == "ZL":
        return f"前缀应为大写 ZL，应写作 ZL{rest}"
    if head.upper() == "CN":
        return (
            f"CN 开头的是公开（公告）号；专利号为 ZL 加申请号，形如 ZL{_PATENT_EXAMPLE}"
        )
    if _application_problem(text, today) is None:
        return f"专利号应以 ZL 开头，应写作 ZL{text}"
    return f"专利号应为 ZL 加申请号，形如 ZL{_PATENT_EXAMPLE}"


_SPACED_ZL = re.compile(r"(?i)ZL\s+(\S+)")


def check_patent_number(text: str, *, today: date | None = None) -> str | None:
    """Check a Chinese patent number: ZL followed by the application number."""
    spaced = _SPACED_ZL.fullmatch(text) if isinstance(text, str) else None
    if spaced:
        return f"ZL 与申请号之间不应有空格，应写作 ZL{spaced.group(1)}"
    day = _today(today)
    problem = _surface_problem(text, "专利号") or _zl_prefix_problem(text, day)
    if problem:
        return problem
    return _application_problem(text[2:], day, prefix="ZL")


def patent_kind(text: str, *, today: date | None = None) -> str | None:
    """Return the kind of a valid application or patent number, else None."""
    if check_patent_application(text, today=today) is None:
        body = text.split(".")[0]
    elif check_patent_number(text, today=today) is None:
        body = text[2:].split(".")[0]
    else:
        return None
    return PATENT_KINDS[_patent_kind_digit(body)]


# ---------------------------------------------------------------------------
# Unified social credit code (统一社会信用代码, GB 32100-2015)
# ---------------------------------------------------------------------------

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_LOOKALIKES = {"I": "1", "O": "0", "Z": "2", "S": "5", "V": "U"}
_USCC_VALUES = {character: value for value, character in enumerate(USCC_ALPHABET)}
_USCC_CHARACTERS = re.compile(f"[{USCC_ALPHABET}]*")
_LOWER = re.compile("[a-z]")

# Why stdnum is not enough on its own (python-stdnum 2.2, stdnum/cn/uscc.py):
# ``validate`` requires ``number[:8]`` to be all digits. GB 32100-2015 only
# requires that of positions 3-8 (the GB/T 2260 region code). Position 1, the
# registration-authority code, and position 2, the organisation-type code, may
# be letters: the published authority table has A (军队单位, 中央军委改革和编制
# 办公室), N (农村集体经济组织, 农业农村部门, e.g. N2...) and Y (其他). stdnum
# therefore rejects every real code that starts with A, N or Y, or has a letter in
# position 2, with InvalidFormat even when its check character is right.
# Conversely ``compact`` silently upper-cases and drops spaces and hyphens, and
# ``clean`` maps full-width digits (not letters) to ASCII, so stdnum accepts
# "91110000 600037341l"; we report such spellings ourselves before asking it.
# Positions 9-17 (the GB 11714 organisation code) carry their own check character;
# neither stdnum nor this module verifies it, so unusual ones pass here too.


def compute_uscc_check(first17: str) -> str:
    """Return the GB 32100 check character for the first 17 characters."""
    if len(first17) != 17 or not _USCC_CHARACTERS.fullmatch(first17):
        raise ValueError(f"expected 17 characters of {USCC_ALPHABET}, got {first17!r}")
    values = map(_USCC_VALUES.__getitem__, first17)
    total = sum(map(operator.mul, values, _USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def _uscc_char_problem(text: str) -> str | None:
    """Report the first character that GB 32100 does not use."""
    if _USCC_CHARACTERS.fullmatch(text):
        return None
    for position, ch in enumerate(text, start=1):
        if ch in USCC_ALPHABET:
            continue
        if ch in _USCC_LOOKALIKES:
            return (
                f"第 {position} 位“{ch}”不可用：统一社会信用代码不使用字母 "
                f"I、O、Z、S、V，可能应为“{_USCC_LOOKALIKES[ch]}”"
            )
        return (
            f"第 {position} 位“{ch}”不可用：只能是数字或大写字母（不含 I、O、Z、S、V）"
        )
    return None


def _uscc_shape_problem(text: str) -> str | None:
    """Report case, length, alphabet and region-code problems."""
    if "-" in text:
        return f"统一社会信用代码不应含连字符，应写作 {text.replace('-', '')}"
    if _LOWER.search(text):  # the surface check has let only ASCII through
        return f"字母应大写，应写作 {text.upper()}"
    if len(text) != 18:
        return f"统一社会信用代码应为 18 位，{_length_note(text)}"
    problem = _uscc_char_problem(text)
    if problem:
        return problem
    if not text[2:8].isdigit():
        return f"第 3–8 位是登记管理机关行政区划码，应全为数字，实际为 {text[2:8]}"
    return _uscc_code_table_problem(text)


# GB 32100-2015 appendix A: the registration-authority codes in use
USCC_AUTHORITIES = "123456789ABCDEFGNY"


def _uscc_code_table_problem(text: str) -> str | None:
    """Report an authority code or region code that no registration can have."""
    if text[0] not in USCC_AUTHORITIES:
        return (
            f"第 1 位是登记管理部门代码，“{text[0]}”不存在：应为 1–9、A–G、N 或 Y 之一"
        )
    if text[2:8] == "000000":
        return "第 3–8 位是登记管理机关行政区划码，不能为 000000：应为 6 位行政区划代码"
    return None


def check_uscc(text: str, overrides: frozenset[str] = frozenset()) -> str | None:
    """Check a unified social credit code; codes in ``overrides`` always pass."""
    if text in overrides:
        return None
    problem = _surface_problem(text, "统一社会信用代码") or _uscc_shape_problem(text)
    if problem:
        return problem
    expected = compute_uscc_check(text[:17])
    # our own check first: stdnum rejects letters in positions 1 and 2, which
    # GB 32100 allows, and costs more than the rest of the check together
    if text[17] == expected or _uscc.is_valid(text):
        return None
    return f"校验位应为 {expected}，实际为 {text[17]}"


# ---------------------------------------------------------------------------
# Software copyright, IC layout design and plant variety numbers
# ---------------------------------------------------------------------------

_SOFTWARE_EXAMPLE = "2020SR0123456"
_SOFTWARE_START = 1990  # Copyright Law of 1990; registrations began in 1991


def _software_head_problem(text: str, today: date) -> str | None:
    """Report a missing or impossible year at the start."""
    if not text[:4].isdigit():
        return f"应以 4 位年份开头，形如 {_SOFTWARE_EXAMPLE}"
    why = "软件著作权登记号的年份不早于 1990 年"
    return _year_problem(int(text[:4]), _SOFTWARE_START, today, why)


def _software_tail_problem(text: str) -> str | None:
    """Report a wrong SR marker or serial after the year."""
    marker, serial = text[4:6], text[6:]
    if marker.upper() == "SR" and marker != "SR":
        return f"SR 应大写，应写作 {text[:4]}SR{serial}"
    if marker != "SR":
        return f"年份后应为 SR，形如 {_SOFTWARE_EXAMPLE}"
    if not serial:
        return "SR 后缺少 7 位数字"
    if not serial.isdigit():
        return f"SR 后应全为数字，实际为 {serial}"
    if len(serial) not in (6, 7):
        return f"SR 后应为 7 位数字（较早的为 6 位），{_length_note(serial)}"
    return None


def check_software_copyright(text: str, *, today: date | None = None) -> str | None:
    """Check a software copyright registration number such as 2020SR0123456."""
    if isinstance(text, str) and "软著登字" in text:
        return f"这是证书号，不是登记号；登记号形如 {_SOFTWARE_EXAMPLE}"
    problem = _surface_problem(text, "软件著作权登记号")
    if problem:
        return problem
    return _software_head_problem(text, _today(today)) or _software_tail_problem(text)


_IC_EXAMPLE = "BS.215512345"


def check_ic_layout(text: str) -> str | None:
    """Check an IC layout-design registration number such as BS.215512345."""
    problem = _surface_problem(text, "集成电路布图设计登记号")
    if problem:
        return problem
    if text[:2].upper() == "BS" and text[:2] != "BS":
        return f"BS 应大写，应写作 BS{text[2:]}"
    if text.isdigit() and len(text) == 9:
        return f"缺少 BS. 前缀，应写作 BS.{text}"
    if not text.startswith("BS"):
        return f"应以 BS. 开头，形如 {_IC_EXAMPLE}"
    if not text.startswith("BS."):
        return f"BS 后缺少“.”，应写作 BS.{text[2:]}"
    serial = text[3:]
    if not serial:
        return "BS. 后缺少 9 位数字"
    if not serial.isdigit():
        return f"BS. 后应全为数字，实际为 {serial}"
    if len(serial) != 9:
        return f"BS. 后应为 9 位数字，{_length_note(serial)}"
    return None


_PLANT_EXAMPLE = "CNA20191234567"
_PLANT_START = 1999  # China began accepting variety applications in April 1999


def check_plant_variety(text: str, *, today: date | None = None) -> str | None:
    """Check a plant variety rights application number such as CNA20191234567."""
    problem = _surface_problem(text, "植物新品种申请号")
    if problem:
        return problem
    if text[:3].upper() == "CNA" and text[:3] != "CNA":
        return f"CNA 应大写，应写作 CNA{text[3:]}"
    if not text.startswith("CNA"):
        if text.isdigit() and len(text) == 11:
            return f"缺少 CNA 前缀，应写作 CNA{text}"
        return f"应以 CNA 开头，形如 {_PLANT_EXAMPLE}"
    serial = text[3:]
    if not serial:
        return "CNA 后缺少 11 位数字"
    if not serial.isdigit():
        return f"CNA 后应全为数字，实际为 {serial}"
    if len(serial) != 11:
        return f"CNA 后应为 11 位数字，{_length_note(serial)}"
    why = "品种权申请自 1999 年起受理"
    return _year_problem(int(serial[:4]), _PLANT_START, _today(today), why)


# ---------------------------------------------------------------------------
# Resident identity numbers and mobile numbers (personal data to detect)
# ---------------------------------------------------------------------------

_OLDEST_BIRTH_YEAR = 1850  # older than anyone alive when 18-digit numbers began


def _birth_date_problem(text: str, today: date) -> str | None:
    """Report an impossible birth date in positions 7-14."""
    digits = text[6:14]
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return f"第 7–14 位是出生日期，{digits} 不是有效日期"
    if born.year < _OLDEST_BIRTH_YEAR:
        return f"第 7–14 位是出生日期，年份 {born.year} 早于 {_OLDEST_BIRTH_YEAR} 年"
    if born > today:
        return f"第 7–14 位是出生日期，{digits} 晚于今天"
    return None


def _resident_id_problem(text: str, today: date) -> str | None:
    """Check the shape, birth date and check digit of an 18-character number."""
    if len(text) != 18:
        hint = "（15 位的是 1999 年前的旧号码）" if len(text) == 15 else ""
        return f"居民身份号码应为 18 位{hint}，{_length_note(text)}"
    if not (text[:17].isdigit() and text[:17].isascii()):
        return "前 17 位应全为数字"
    if text[17] == "x":
        return f"末位 x 应大写，应写作 {text[:17]}X"
    if text[17] not in "0123456789X":
        return f"末位是校验码，应为数字或 X，实际为 {text[17]}"
    problem = _birth_date_problem(text, today)
    if problem:
        return problem
    # stdnum's calc_check_digit expects the full 18 characters; it ignores the last
    expected = _ric.calc_check_digit(text)
    if text[17] != expected:
        return f"校验位应为 {expected}，实际为 {text[17]}"
    return None


def check_resident_id(text: str, *, today: date | None = None) -> str | None:
    """Check an 18-character PRC resident identity number (GB 11643-1999)."""
    # stdnum's validate() is not used: its birth-place test compares the
    # address code with the *birth* year, so it rejects e.g. someone born in
    # 1950 whose number carries a county code created in 1997 (110112 通州区),
    # and its place table has no 9x province, so it rejects the 18-digit
    # foreigners' permanent residence numbers (9xxxxx, 2023 card), which
    # find_resident_ids must still detect.
    problem = _surface_problem(text, "居民身份号码")
    if problem:
        return problem
    return _resident_id_problem(text, _today(today))


_ALNUM = "0-9A-Za-z"
# what people put between the groups of a number: a space, a dot or a dash
# (the full-width dash and space are folded to these before matching)
_SEPARATOR = "[ .\\-\u2013\u2014]"
_RESIDENT_ID = re.compile(
    rf"""
    (?<![{_ALNUM}])             # not the tail of a longer number or word
    (?<![0-9][.\-\u2013\u2014])  # nor the end of a dotted or dashed run
    [0-9]{{6}} (?P<sep>{_SEPARATOR}?) [0-9]{{8}} (?P=sep) [0-9]{{3}} [0-9Xx]
    (?![{_ALNUM}])
    (?![.\-\u2013\u2014][0-9])
    """,
    re.VERBOSE,
)
_MOBILE = re.compile(
    rf"""
    (?<![{_ALNUM}+])        # not the tail of a longer number or word
    (?<![0-9][.\-\u2013\u2014])  # nor after "2." or "12-" (decimals, longer runs)
    (?:(?:\+|00)?86[ -]?)?  # optional country code: +86, 0086 or 86
    1[3-9][0-9] (?P<sep>{_SEPARATOR}?) [0-9]{{4}} (?P=sep) [0-9]{{4}}
    (?![{_ALNUM}])
    (?![.\-\u2013\u2014][0-9])
    """,
    re.VERBOSE,
)
_SEPARATORS = re.compile(_SEPARATOR)


# Full-width forms (U+FF01-U+FF5E) and the ideographic space, as NFKC writes
# them, but one character for one: a match in the folded text lies at the same
# place in the original, so a number is returned as it was written.
_ASCII_OF_WIDE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {
    0x3000: 0x20
}
# Folding can reveal a number only in a text with one of these; most texts,
# full-width punctuation and all, have none and are not copied.
_WIDE_NUMBER_PART = re.compile("[０-９－Ｘｘ\u3000]")


def fold_width(text: str) -> str:
    """Fold full-width forms to ASCII, one for one, in a text that may hide a number."""
    if _WIDE_NUMBER_PART.search(text) is None:
        return text
    return text.translate(_ASCII_OF_WIDE)


def find_resident_ids(text: str, *, today: date | None = None) -> list[str]:
    """Return the valid resident identity numbers inside ``text``, as written."""
    day = _today(today)
    return [
        text[match.start() : match.end()]
        for match in _RESIDENT_ID.finditer(fold_width(text))
        if _resident_id_problem(_SEPARATORS.sub("", match.group()).upper(), day) is None
    ]


def find_mobile_numbers(text: str) -> list[str]:
    """Return mainland mobile numbers in ``text``, spelled as written."""
    return [
        text[match.start() : match.end()]
        for match in _MOBILE.finditer(fold_width(text))
    ]


_LONG_RUN = re.compile("[0-9\uff10-\uff19]{11,}")


def mask(number: str) -> str:
    """Keep only the first three and last four characters of a number."""
    return number[:3] + "*" * max(len(number) - 7, 4) + number[-4:]


def mask_numbers(text: str) -> str:
    """Mask the identity and mobile numbers of a text, and any long digit run.

    For messages that quote what was written: they reach public CI logs.
    """
    for number in {*find_resident_ids(text), *find_mobile_numbers(text)}:
        text = text.replace(number, mask(number))
    return _LONG_RUN.sub(lambda match: mask(match.group()), text)
