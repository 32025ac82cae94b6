"""Read one spreadsheet cell the way people type it, into a record value.

    to_date("2026年5月1日")          # "2026-05-01"
    to_amount("1,234.5 万元")        # 12345000
    to_text("　张　三 ")             # "张三"
    to_choice("广州", {"440100": "广州市"})   # "440100"

Each function takes what a spreadsheet cell holds (text, a number, a date or a
boolean) and returns the value a record stores, or raises ``ValueError`` whose
message says in Chinese what is wrong and how to write it. Amounts are exact:
``decimal.Decimal``, never a float; a float from Excel is read by its shortest
decimal spelling.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

_FULL_WIDTH: dict[int, int | None] = {
    code: code - 0xFEE0
    for code in range(0xFF01, 0xFF5F)
    if chr(code - 0xFEE0).isalnum()
}
_FULL_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x200B: None, 0xFEFF: None})
_CJK = r"[\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\uff00-\uffef]"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<={_CJK})[ \t]+(?={_CJK})")
_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_CURRENCY = re.compile(r"^(?:人民币|RMB|CNY|￥|¥)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_INTEGER = re.compile(r"(\d+)\s*(?:个月|月|年|级|项|个)?")
_ESCAPE = re.compile(r"\\.")
_BLANK = " \t\r\n\u3000\u00a0\u200b\ufeff"
_SEPARATORS = re.compile(r"[；;，,、\n]")
_TEXT_SEPARATORS = re.compile(r"[；;\n]")
_YES = {"是", "true", "yes", "y", "1", "√", "✓", "对"}
_NO = {"否", "false", "no", "n", "0", "×", "✗", "不是"}
_PATENT_DIGITS = 12
TEN_THOUSAND = Decimal(10000)
CENT = Decimal("0.01")


def is_blank(value: Any) -> bool:
    """Tell whether a cell holds nothing but spaces."""
    return value is None or (isinstance(value, str) and not value.strip(_BLANK))


def to_text(value: Any) -> str:
    """Trim a text, make full-width digits and letters half-width."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).translate(_FULL_WIDTH).replace("\r\n", "\n").strip()
    return _SPACE_BETWEEN_CJK.sub("", text)


def to_code(value: Any, pattern: str, *, patent: bool = False) -> str:
    """Read an identifier: half-width, no spaces unless its pattern allows them.

    Letters take the case the pattern asks for; an identifier without a
    pattern (权利号, 项目编号) is written in capitals, as ZL, SR and CNA are.
    Where a patent number may stand (``patent``), a number cell of 12 digits
    gets back the check digit 0 that Excel drops.
    """
    typed = _patent_text(value) if patent else None
    text = unicodedata.normalize("NFKC", typed or to_text(value)).strip()
    if " " not in pattern:
        text = "".join(text.split())
    if not pattern:
        return text.upper()
    letters = [char for char in _ESCAPE.sub("", pattern) if char.isalpha()]
    if letters and all(char.isupper() for char in letters):
        return text.upper()
    ranges = "a-z" in pattern or "a-f" in pattern
    if ranges and all(char.islower() for char in letters):
        return text.lower()
    return text


def _patent_text(value: Any) -> str | None:
    # Excel keeps 201810601803.0 typed into a number cell as 201810601803:
    # the check digit 0 is the one decimal a patent number has after 12 digits
    number = value if isinstance(value, int | float) else None
    if number is None or isinstance(number, bool) or not float(number).is_integer():
        return None
    digits = str(int(number))
    return f"{digits}.0" if len(digits) == _PATENT_DIGITS else None


def to_date(value: Any) -> str:
    """Read a date cell, a date as people type it, or an Excel day number."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _date_from_number(value)
    text = unicodedata.normalize("NFKC", to_text(value))
    match = _DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
    if match is None:
        raise ValueError(_date_hint(text))
    try:
        return datetime.date(*map(int, match.groups()[:3])).isoformat()
    except ValueError:
        raise ValueError(f"“{text}”不是真实存在的日期") from None


def _date_from_number(number: float) -> str:
    if float(number).is_integer() and 19000101 <= number <= 29991231:
        return to_date(str(int(number)))
    if 1 <= number < 2958466:
        days = datetime.timedelta(days=int(number))
        return (_EXCEL_EPOCH + days).isoformat()
    raise ValueError(_date_hint(str(number)))


def _date_hint(text: str) -> str:
    return f"“{text}”不是日期：请写作 2026-05-01、2026/5/1 或 2026年5月1日"


def to_amount(value: Any) -> int | str:
    """Read an amount in 元 or 万元 into yuan: an int, or text with two decimals."""
    amount = _decimal(value)
    if amount < 0:
        raise ValueError(f"金额不能为负数：“{value}”")
    if amount != amount.quantize(CENT):
        raise ValueError(f"金额“{value}”超过两位小数：金额以元为单位，最多精确到分")
    if amount == amount.to_integral_value():
        return int(amount)
    return format(amount.quantize(CENT).normalize(), "f")


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(_amount_hint(value))
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = unicodedata.normalize("NFKC", to_text(value))
    text = _CURRENCY.sub("", "".join(text.split()).replace(",", ""))
    scale = Decimal(1)
    if text.endswith(("万元", "万")):
        scale, text = TEN_THOUSAND, text.removesuffix("元").removesuffix("万")
    text = text.removesuffix("元")
    if not _NUMBER.fullmatch(text):
        raise ValueError(_amount_hint(value))
    try:
        return Decimal(text) * scale
    except InvalidOperation:
        raise ValueError(_amount_hint(value)) from None


def _amount_hint(value: Any) -> str:
    return (
        f"“{value}”不是金额：请写数字，单位为元或万元，"
        "例如 500000、500,000.00 元 或 50万元"
    )


def to_integer(value: Any) -> int:
    """Read a whole number, with or without a unit such as 个月."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = unicodedata.normalize("NFKC", to_text(value))
    match = _INTEGER.fullmatch(text)
    if match is None:
        raise ValueError(f"“{text}”不是整数：请只写数字，例如 12")
    return int(match.group(1))


def to_boolean(value: Any) -> bool:
    """Read 是 or 否 (also true/false, Y/N, 1/0, √/×)."""
    if isinstance(value, bool):
        return value
    text = unicodedata.normalize("NFKC", to_text(value)).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"“{text}”不是“是”或“否”：请填写 是 或 否")


def to_choice(value: Any, codes: dict[str, str]) -> str:
    """Map a Chinese name, a unique start of one, or a code to the code."""
    text = to_text(value)
    for candidate in _candidates(text):
        code = _match(candidate, codes)
        if code is not None:
            return code
    shown = "、".join(list(codes.values())[:8]) + ("等" if len(codes) > 8 else "")
    raise ValueError(f"“{text}”不在可选范围内：可填 {shown}")


def _candidates(text: str) -> list[str]:
    # "440100（广州市）" and "广州市(440100)" name the same choice twice
    parts = re.split(r"[（(）)]", unicodedata.normalize("NFKC", text))
    return [text, *(part.strip() for part in parts if part.strip())]


def _match(text: str, codes: dict[str, str]) -> str | None:
    folded = text.casefold()
    for code, label in codes.items():
        if folded in (code.casefold(), label.casefold()):
            return code
    starting = [code for code, label in codes.items() if label.startswith(text)]
    return starting[0] if len(starting) == 1 and len(text) >= 2 else None


def to_choices(value: Any, codes: dict[str, str]) -> list[str]:
    """Read several choices separated by ；、， or new lines."""
    return _unique(to_choice(item, codes) for item in split_items(value, _SEPARATORS))


def to_texts(value: Any) -> list[str]:
    """Read several texts separated by ； or new lines (、 and ， stay in a text)."""
    return _unique(split_items(value, _TEXT_SEPARATORS))


def split_items(value: Any, separators: re.Pattern[str]) -> list[str]:
    """Split a list cell into its non-empty items."""
    items = separators.split(to_text(value))
    return [item for item in (to_text(item) for item in items) if item]


def _unique(items: Any) -> list[str]:
    return list(dict.fromkeys(items))
