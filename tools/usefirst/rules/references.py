"""REF.*: every record a record names exists and is of the right kind.

    achievement: scut-2026-001        # REF.achievement: an achievement record
    first_use_contract: scut-fu-001   # REF.first_use_contract
    contracts: [scut-pl-001]          # REF.contract: pay-later or cooperation
    unit: scut                        # REF.unit: catalog/scut/unit.yaml

A name that belongs to a record which failed its own checks is not reported
again here: that record's problems are already shown.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from usefirst.catalog import Catalog, Record
from usefirst.kinds import (
    ACHIEVEMENT,
    CONTRACT_KINDS,
    FIRST_USE,
    FOLLOW_UP_KINDS,
    RECOGNITION,
    RIGHTS_FILING,
    UNIT_KIND,
)
from usefirst.problems import Problem
from usefirst.rules.base import Context, rule
from usefirst.rules.lookup import Path, field_name, kind_name, value_at


def reference_problem(
    catalog: Catalog,
    record: Record,
    path: Path,
    wanted: tuple[str, ...],
    code: str,
    missing: str = "",
) -> Problem | None:
    """Report a reference that names no record, or one of another kind."""
    name = value_at(record, path)
    found = catalog.get(name)
    if found is not None and found.kind in wanted:
        return None
    if found is None and name in catalog.known_ids:
        return None  # the target is there but invalid; its own problems show

    # names are composed only now: nearly every reference is right
    wanted_names = "或".join(kind_name(catalog, kind) for kind in wanted)
    field = field_name(catalog, record, path)
    if found is None:
        hint = missing or (
            f"应为已有{wanted_names}的记录标识{_close_match(catalog, name, wanted)}"
        )
        return record.problem(path, code, f"“{field}”引用的“{name}”不存在：{hint}")
    return record.problem(
        path,
        code,
        f"“{field}”引用的“{name}”是{kind_name(catalog, found.kind)}"
        f"（{found.file}）：应为{wanted_names}的记录标识",
    )


def _close_match(catalog: Catalog, name: str, wanted: tuple[str, ...]) -> str:
    candidates = [r.id for kind in wanted for r in catalog.of_kind(kind)]
    close = difflib.get_close_matches(name, candidates, n=1)
    return f"（是否应为“{close[0]}”？）" if close else ""


def _check_key(
    catalog: Catalog,
    kinds: tuple[str, ...],
    key: str,
    wanted: tuple[str, ...],
    code: str,
) -> Iterator[Problem]:
    for kind in kinds:
        for record in catalog.of_kind(kind):
            if record.get(key) is None:
                continue
            problem = reference_problem(catalog, record, (key,), wanted, code)
            if problem:
                yield problem


@rule("REF.achievement", "所涉成果存在，且是成果记录")
def achievement_reference(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Check the achievement named by contracts, applications and filings."""
    kinds = (*CONTRACT_KINDS, RECOGNITION, RIGHTS_FILING)
    yield from _check_key(
        catalog, kinds, "achievement", (ACHIEVEMENT,), "REF.achievement"
    )


@rule("REF.first_use_contract", "对应先使用合同存在，且是先使用合同")
def first_use_reference(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Check the first-use contract named by pay-later and cooperation contracts."""
    yield from _check_key(
        catalog,
        FOLLOW_UP_KINDS,
        "first_use_contract",
        (FIRST_USE,),
        "REF.first_use_contract",
    )


@rule("REF.contract", "认定申请的依据合同存在，且是后付费或后合作合同")
def contract_references(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Check each contract listed by a recognition application."""
    for application in catalog.of_kind(RECOGNITION):
        for index, _ in enumerate(application.get("contracts", [])):
            path = ("contracts", index)
            problem = reference_problem(
                catalog, application, path, FOLLOW_UP_KINDS, "REF.contract"
            )
            if problem:
                yield problem


@rule("REF.unit", "记录所属单位有单位信息文件 unit.yaml")
def unit_reference(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Check that the unit every record names has its unit record."""
    kinds = [kind for kind in catalog.by_kind if kind != UNIT_KIND]
    for kind in sorted(kinds):
        for record in catalog.of_kind(kind):
            if record.get("unit") is None:
                continue
            name = record.get("unit")
            missing = (
                f"文件夹 catalog/{name}/ 中没有单位信息文件 unit.yaml，请先添加单位信息"
            )
            problem = reference_problem(
                catalog, record, ("unit",), (UNIT_KIND,), "REF.unit", missing
            )
            if problem:
                yield problem
