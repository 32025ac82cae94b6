"""NOTICE.filing_*: an exercise-rights filing is by an inventor, with the owner.

achievement: scut-2026-001
unit: scut                 # NOTICE.filing_unit: the achievement's unit
inventor: {name: 李明}     # NOTICE.filing_inventor: one of its inventors
"""

from __future__ import annotations

from collections.abc import Iterator

from usefirst.catalog import Catalog
from usefirst.kinds import RIGHTS_FILING
from usefirst.problems import Problem
from usefirst.rules.base import Context, rule
from usefirst.rules.lookup import achievement_of, field_name, inventor_names


@rule("NOTICE.filing_inventor", "行权备案的完成人是该成果的完成人之一")
def filing_inventor(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report a filing whose inventor is not among the achievement's inventors."""
    path = ("inventor", "name")
    for filing in catalog.of_kind(RIGHTS_FILING):
        achievement = achievement_of(catalog, filing)
        if achievement is None:
            continue
        names = inventor_names(achievement)
        name = filing.get("inventor")["name"]
        if name in names:
            continue
        yield filing.problem(
            path,
            "NOTICE.filing_inventor",
            f"“{field_name(catalog, filing, path)}”{name} 不是成果 {achievement.id} "
            f"的完成人：应为 {'、'.join(names)} 之一",
        )


@rule("NOTICE.filing_unit", "行权备案的单位是该成果的权属单位")
def filing_unit(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report a filing made under another unit than the achievement's."""
    path = ("unit",)
    for filing in catalog.of_kind(RIGHTS_FILING):
        achievement = achievement_of(catalog, filing)
        if achievement is None or achievement.get("unit") == filing.get("unit"):
            continue
        yield filing.problem(
            path,
            "NOTICE.filing_unit",
            f"“{field_name(catalog, filing, path)}”为 {filing.get('unit')}，而成果 "
            f"{achievement.id} 属于 {achievement.get('unit')}：行权备案应由成果"
            f"权属单位审批，放在 catalog/{achievement.get('unit')}/ 中",
        )
