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
exercise-rights filing and in a contract party's contact fields
(``usefirst.facts.PERSONAL_FIELDS``), none of which is published. Elsewhere,
what the rule says follows the site's one allow-list
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
from collections.abc import Iterator

from usefirst import identifiers
from usefirst.catalog import Catalog, Record
from usefirst.identifiers import mask
from usefirst.problems import Problem, Severity
from usefirst.publish import is_public
from usefirst.rules.base import Context, rule
from usefirst.rules.lookup import Path, field_name, value_at

Finding = tuple[Record, Path, str]


def findings(
    catalog: Catalog, today: datetime.date
) -> tuple[list[Finding], list[Finding]]:
    """Find identity numbers and mobile numbers where they may not stand."""
    return catalog.shared(("privacy", today), lambda: _find(catalog, today))


def _find(
    catalog: Catalog, today: datetime.date
) -> tuple[list[Finding], list[Finding]]:
    # the facts name the texts outside the fields meant for personal numbers
    # that may hold one (``usefirst.facts``); most records have none
    resident_ids: list[Finding] = []
    mobiles: list[Finding] = []
    for record in catalog.records:
        for path in record.facts.number_texts:
            text = value_at(record, path)
            for number in identifiers.find_resident_ids(text, today=today):
                resident_ids.append((record, path, number))
            for number in identifiers.find_mobile_numbers(text):
                mobiles.append((record, path, number))
    return resident_ids, mobiles


@rule("PRIVACY.resident_id", "身份证号只出现在不公开的指定字段", facts_only=True)
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


@rule("PRIVACY.mobile", "个人手机号码只出现在不公开的指定字段", facts_only=True)
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
