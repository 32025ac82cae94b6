"""NOTICE.* on admission: what an achievement must be to enter the catalog.

rights:
  - type: patent
    number: ZL201710601862.3
    secret_patent: true        # NOTICE.secret_patent: not admitted
offer:
  free_months: 6               # NOTICE.offer_free_months: at least 12
"""

from __future__ import annotations

from collections.abc import Iterator

from usefirst.catalog import Catalog
from usefirst.kinds import ACHIEVEMENT
from usefirst.problems import Problem
from usefirst.rules.base import Context, rule
from usefirst.rules.lookup import field_name

MIN_FREE_MONTHS = 12


@rule("NOTICE.secret_patent", "保密专利不得入库", per_record=True)
def no_secret_patent(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report every right marked as a secret patent."""
    for achievement in catalog.of_kind(ACHIEVEMENT):
        for index, right in enumerate(achievement.get("rights", [])):
            if right.get("secret_patent") is not True:
                continue
            path = ("rights", index, "secret_patent")
            yield achievement.problem(
                path,
                "NOTICE.secret_patent",
                f"“{field_name(catalog, achievement, path)}”填的是“是”："
                "保密专利（含国防专利）不得入库，请删除这项权利；"
                "成果只含保密专利的，不能提交入库",
            )


@rule(
    "NOTICE.offer_free_months", "许可条件中的免费使用期不少于 12 个月", per_record=True
)
def offer_free_months(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report an offer whose free period is shorter than a year."""
    path = ("offer", "free_months")
    for achievement in catalog.of_kind(ACHIEVEMENT):
        months = achievement.get("offer", {}).get("free_months")
        if months is None or months >= MIN_FREE_MONTHS:
            continue
        yield achievement.problem(
            path,
            "NOTICE.offer_free_months",
            f"“{field_name(catalog, achievement, path)}”为 {months}：先使用的"
            f"免费使用期不少于一年，应填 {MIN_FREE_MONTHS} 或更大的月数",
        )
