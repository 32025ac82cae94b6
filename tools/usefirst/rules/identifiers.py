"""ID.*: check digits and forms of every identifier a record carries.

    rights:
      - type: patent
        number: ZL201710601862.3     # ID.patent checks ZL + application number
      - type: patent_application
        number: ZL201710601862.3     # ID.right_type: a patent, not an application

A number that is valid, but for another right type, is reported once under
``ID.right_type``; otherwise a wrong number is reported under its own type.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator

from usefirst import identifiers
from usefirst.catalog import Catalog, Record
from usefirst.kinds import ACHIEVEMENT, RIGHTS_FILING, UNIT_KIND
from usefirst.problems import Problem
from usefirst.rules.base import Context, rule
from usefirst.rules.lookup import contracts, field_name, label, value_at

NumberCheck = Callable[[str, datetime.date], str | None]

RIGHT_CHECKS: dict[str, NumberCheck] = {
    "patent": lambda text, today: identifiers.check_patent_number(text, today=today),
    "patent_application": lambda text, today: identifiers.check_patent_application(
        text, today=today
    ),
    "software_copyright": lambda text, today: identifiers.check_software_copyright(
        text, today=today
    ),
    "ic_layout": lambda text, today: identifiers.check_ic_layout(text),
    "plant_variety": lambda text, today: identifiers.check_plant_variety(
        text, today=today
    ),
}
NUMBER_NAMES = {
    "patent": "专利号（ZL 加申请号）",
    "patent_application": "专利申请号",
    "software_copyright": "软件著作权登记号",
    "ic_layout": "集成电路布图设计登记号",
    "plant_variety": "植物新品种权申请号",
}
# The form a number must have for its check to pass (the check says more, e.g.
# about the check digit and the year). The forms exclude each other, so one
# match tells the only type a number can be valid for, and only that type's
# check needs to run.
RIGHT_FORMS = {
    "patent": r"ZL(?:[0-9]{8}|[0-9]{12})\.[0-9X]",
    "patent_application": r"(?:[0-9]{8}|[0-9]{12})\.[0-9X]",
    "software_copyright": r"[0-9]{4}SR[0-9]{6,7}",
    "ic_layout": r"BS\.[0-9]{9}",
    "plant_variety": r"CNA[0-9]{11}",
}
_FORM = re.compile(
    "|".join(f"(?P<{name}>{form})" for name, form in RIGHT_FORMS.items())
)
_LONG_DIGITS = re.compile(r"[0-9]{10,}[0-9Xx]?")
Numbered = dict[str, list[tuple[Record, int, str]]]


def right_numbers(catalog: Catalog, right_type: str) -> list[tuple[Record, int, str]]:
    """List (achievement, index, number) for each right of a type with a number."""
    return catalog.shared("numbered rights", lambda: _numbered(catalog)).get(
        right_type, []
    )


def _numbered(catalog: Catalog) -> Numbered:
    # one pass over the achievements for all six rules that read the numbers
    numbered: Numbered = {}
    for achievement in catalog.of_kind(ACHIEVEMENT):
        for index, right in enumerate(achievement.get("rights", [])):
            number = right.get("number")
            if number:
                numbered.setdefault(right.get("type"), []).append(
                    (achievement, index, number)
                )
    return numbered


def other_form(number: str, right_type: str, today: datetime.date) -> str | None:
    """Return the other right type whose form this number has, if any."""
    match = _FORM.fullmatch(number) if isinstance(number, str) else None
    other = match.lastgroup if match else None
    if other is None or other == right_type:
        return None
    return other if RIGHT_CHECKS[other](number, today) is None else None


def _number_rule(right_type: str, code: str) -> None:
    def check(catalog: Catalog, context: Context) -> Iterator[Problem]:
        for achievement, index, number in right_numbers(catalog, right_type):
            path = ("rights", index, "number")
            if other_form(number, right_type, context.today):
                continue  # reported once, under ID.right_type
            problem = RIGHT_CHECKS[right_type](number, context.today)
            if problem:
                name = field_name(catalog, achievement, path)
                what = NUMBER_NAMES[right_type]
                yield achievement.problem(
                    path, code, f"“{name}”“{number}”不是有效的{what}：{problem}"
                )

    check.__doc__ = f"Check the number of every {right_type} right."
    rule(code, f"{NUMBER_NAMES[right_type]}的格式和校验位正确", per_record=True)(check)


for _type in RIGHT_CHECKS:
    _number_rule(_type, f"ID.{_type}")


@rule("ID.right_type", "权利号的形式与权利类型一致", per_record=True)
def right_type_matches_number(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report a number that is valid for another right type than the stated one."""
    for right_type in RIGHT_CHECKS:
        for achievement, index, number in right_numbers(catalog, right_type):
            other = other_form(number, right_type, context.today)
            if other is None or RIGHT_CHECKS[right_type](number, context.today) is None:
                continue
            path = ("rights", index, "type")
            yield achievement.problem(
                path,
                "ID.right_type",
                f"“{field_name(catalog, achievement, path)}”为"
                f"{label(catalog, ACHIEVEMENT, path, right_type)}，但“{number}”是"
                f"{NUMBER_NAMES[other]}：权利类型应为"
                f"{label(catalog, ACHIEVEMENT, path, other)}，"
                f"或把权利号改为{NUMBER_NAMES[right_type]}",
            )


def uscc_fields(catalog: Catalog) -> Iterator[tuple[Record, tuple[str, ...]]]:
    """Yield (record, path) of every unified social credit code in the catalog."""
    for unit in catalog.of_kind(UNIT_KIND):
        if unit.get("uscc"):
            yield unit, ("uscc",)
    for contract in contracts(catalog):
        for party in ("licensee", "partner"):
            if value_at(contract, (party, "uscc")):
                yield contract, (party, "uscc")


@rule("ID.uscc", "统一社会信用代码的校验位正确", per_record=True)
def uscc_valid(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Check every unified social credit code, honouring the reviewers' overrides."""
    for record, path in uscc_fields(catalog):
        code = value_at(record, path)
        problem = identifiers.check_uscc(code, context.uscc_overrides)
        if problem:
            yield record.problem(
                path,
                "ID.uscc",
                f"“{field_name(catalog, record, path)}”“{code}”无效：{problem}。"
                "请对照营业执照或登记证书核对；确属真实代码的，请联系审核人登记为例外",
            )


def _masked(text: str) -> str:
    # messages end up in public CI logs: never repeat a whole identity number
    return _LONG_DIGITS.sub(lambda m: m.group()[:6] + "********" + m.group()[-4:], text)


@rule("ID.resident_id", "行权备案中完成人的身份证号有效", per_record=True)
def resident_id_valid(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Check the identity number of the inventor in each exercise-rights filing."""
    path = ("inventor", "id_number")
    for filing in catalog.of_kind(RIGHTS_FILING):
        number = value_at(filing, path)
        if number is None:
            continue
        problem = identifiers.check_resident_id(number, today=context.today)
        if problem:
            yield filing.problem(
                path,
                "ID.resident_id",
                f"“{field_name(catalog, filing, path)}”不是有效的居民身份号码："
                f"{_masked(problem)}；请对照身份证核对",
            )
