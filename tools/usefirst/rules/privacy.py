"""PRIVACY.*: no identity numbers or personal mobile numbers where they do not belong.

    contact:
      phone: "13800138000"          # PRIVACY.mobile: published on the site
    funding:
      projects:
        - name: 中试项目（张工 13800138000）  # PRIVACY.mobile, a warning: not published
    inventor:                        # exercise-rights filing: allowed, never published
      id_number: "440106199001011234"
      phone: "13800138000"

Identity numbers and mobile numbers may stand only in the inventor of an
exercise-rights filing and in a contract party's contact fields, none of which
is published. Elsewhere, what the rule says follows the site's one allow-list
(``usefirst.publish.is_public``):

- a field the site publishes: an error, the number would be public;
- any other field: an identity number is still an error, since the process
  needs one only from a filing's inventor and it is the most sensitive of
  personal data; a mobile number is a warning, since it stays off the site
  and may be a note the reviewers need, but personal data belongs in the
  designated fields.

Numbers written in full-width digits count as well. Messages show a number
masked, since they reach public CI logs.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

from usefirst import identifiers
from usefirst.catalog import Catalog, Record
from usefirst.kinds import CONTRACT_KINDS, RIGHTS_FILING
from usefirst.problems import Problem, Severity
from usefirst.publish import is_public
from usefirst.rules.base import Context, rule
from usefirst.rules.lookup import Path, field_name

PARTY_KEYS = ("licensee", "partner")
CONTACT_KEYS = ("contact_person", "contact_phone")
SKIPPED_KEYS = ("uscc", "sha256")  # codes and hashes, checked as what they are
Finding = tuple[Record, Path, str]
_DIGIT_RUN = re.compile(r"[0-9]{3}")
# What any identity number or mobile number the finders accept must contain,
# tested on all of a record's text at once, full-width forms folded to
# ASCII (``identifiers.fold_width``): 17 digits in a row, or the 11
# digits of a mobile number not glued to a longer number or word (a digit
# before it can only be the 6 of a +86 country code). Most records have
# neither, and are done with two searches; each pattern opens with a single
# character so that the regular expression engine skips quickly to it.
# a superset of what the finders accept (groups split by one separator of
# these): a record the screen lets through is searched exactly
_SEPARATOR = "[ .\\-\u2013\u2014\uff0d]?"
_MAY_BE_ID = re.compile(f"[0-9]{{6}}{_SEPARATOR}[0-9]{{8}}{_SEPARATOR}[0-9]{{3}}")
_MAY_BE_MOBILE = re.compile(f"1[3-9][0-9]{_SEPARATOR}[0-9]{{4}}{_SEPARATOR}[0-9]{{4}}")


def allowed(kind: str, path: Path) -> bool:
    """Tell whether personal numbers may stand at this path of a record kind."""
    if kind == RIGHTS_FILING:
        return path[:1] == ("inventor",)
    if kind in CONTRACT_KINDS:
        return len(path) == 2 and path[0] in PARTY_KEYS and path[1] in CONTACT_KEYS
    return False


def texts(value: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Yield (path, text) for every string inside a record's data."""
    stack = [(path, value)]
    while stack:
        here, item = stack.pop()
        if isinstance(item, str):
            yield here, item
        elif isinstance(item, dict):
            stack.extend(
                ((*here, key), child)
                for key, child in item.items()
                if key not in SKIPPED_KEYS
            )
        elif isinstance(item, list):
            stack.extend(((*here, index), child) for index, child in enumerate(item))


def mask(number: str) -> str:
    """Keep only the first three and last four characters of a number."""
    return number[:3] + "*" * max(len(number) - 7, 4) + number[-4:]


def findings(
    catalog: Catalog, today: datetime.date
) -> tuple[list[Finding], list[Finding]]:
    """Find identity numbers and mobile numbers where they may not stand."""
    return catalog.shared(("privacy", today), lambda: _find(catalog, today))


def _find(
    catalog: Catalog, today: datetime.date
) -> tuple[list[Finding], list[Finding]]:
    resident_ids: list[Finding] = []
    mobiles: list[Finding] = []
    for record in catalog.records:
        if not _may_hold_numbers(record.data):
            continue
        kind = record.kind
        for path, text in texts(record.data):
            # both an identity number and a mobile number have 3 digits in a row
            folded = identifiers.fold_width(text)
            if not _DIGIT_RUN.search(folded) or allowed(kind, path):
                continue
            for number in identifiers.find_resident_ids(text, today=today):
                resident_ids.append((record, path, number))
            for number in identifiers.find_mobile_numbers(text):
                mobiles.append((record, path, number))
    return resident_ids, mobiles


def _may_hold_numbers(data: dict[str, Any]) -> bool:
    strings: list[str] = []
    _strings_of_mapping(data, strings)
    # one text per record; a line break ends a number as the end of a text does
    text = identifiers.fold_width("\n".join(strings))
    return bool(_MAY_BE_ID.search(text) or _MAY_BE_MOBILE.search(text))


def _strings_of_mapping(mapping: dict[str, Any], out: list[str]) -> None:
    # the same values as texts(), without building a path for each: most
    # records hold no number at all, and only those that may are walked again
    for key, value in mapping.items():
        if key in SKIPPED_KEYS:
            continue
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            _strings_of_mapping(value, out)
        elif isinstance(value, list):
            _strings_of_list(value, out)


def _strings_of_list(items: list[Any], out: list[str]) -> None:
    for value in items:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            _strings_of_mapping(value, out)
        elif isinstance(value, list):
            _strings_of_list(value, out)


@rule("PRIVACY.resident_id", "身份证号只出现在不公开的指定字段")
def no_resident_ids(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report resident identity numbers outside the fields meant for them."""
    for record, path, number in findings(catalog, context.today)[0]:
        fix = (
            "该字段会在网站公开，身份证号不能公开，请删除"
            if is_public(record.kind, path)
            else "该字段不在网站公开，但身份证号只能填写在行权备案的完成人信息中，"
            "请从这里删除"
        )
        yield record.problem(
            path,
            "PRIVACY.resident_id",
            f"“{field_name(catalog, record, path)}”中有居民身份号码 {mask(number)}："
            + fix,
        )


@rule("PRIVACY.mobile", "个人手机号码只出现在不公开的指定字段")
def no_mobile_numbers(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report personal mobile numbers outside the fields meant for them."""
    for record, path, number in findings(catalog, context.today)[1]:
        public = is_public(record.kind, path)
        fix = (
            "该字段会在网站公开，请改填办公电话或单位邮箱"
            if public
            else "该字段不在网站公开，但个人手机号码应只填写在合同相对方的"
            "联系人电话或行权备案的完成人信息中，请确认后从这里删除"
        )
        yield record.problem(
            path,
            "PRIVACY.mobile",
            f"“{field_name(catalog, record, path)}”中有个人手机号码 {mask(number)}："
            + fix,
            Severity.ERROR if public else Severity.WARNING,
        )
