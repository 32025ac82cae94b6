"""UNIQUE.*: what must name one record only, and rights claimed twice.

    catalog/scut/achievements/scut-2026-001.yaml     id: scut-2026-001
    catalog/sysu/achievements/scut-2026-001.yaml     id: scut-2026-001  # UNIQUE.id

Every file of a duplicate is reported, so that each side sees the other.
``Catalog.get`` keeps only the first record of an id; these rules walk
``catalog.records`` to see them all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from usefirst.catalog import Catalog, Record
from usefirst.kinds import ACHIEVEMENT, CONTRACT_KINDS, RECOGNITION, RIGHTS_FILING
from usefirst.problems import Problem, Severity
from usefirst.recognition import filing_order
from usefirst.rules.base import Context, rule
from usefirst.rules.lookup import field_name, kind_name

PATENT_TYPES = ("patent", "patent_application")


def _groups(
    records: Iterable[Record], key: Callable[[Record], str | None]
) -> Iterator[list[Record]]:
    """Yield each group of two or more records that share a key."""
    groups: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        value = key(record)
        if value is not None:
            groups[value].append(record)
    yield from (group for group in groups.values() if len(group) > 1)


def _others(record: Record, group: list[Record]) -> str:
    return "、".join(other.file for other in group if other is not record)


@rule("UNIQUE.id", "记录标识全库唯一")
def ids_unique(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report every file whose id another file also uses."""
    for group in _groups(catalog.records, lambda record: record.id):
        for record in group:
            yield record.problem(
                ("id",),
                "UNIQUE.id",
                f"“记录标识”“{record.id}”与 {_others(record, group)} 重复："
                "记录标识全库唯一，请改用未被使用的标识，并同步修改文件名",
            )


def _number_rule(
    catalog: Catalog, records: Iterable[Record], code: str
) -> Iterator[Problem]:
    for group in _groups(records, lambda record: record.get("number")):
        for record in group:
            name = field_name(catalog, record, ("number",))
            yield record.problem(
                ("number",),
                code,
                f"“{name}”“{record.get('number')}”与 {_others(record, group)} 重复："
                "编号由系统分配且不得重复使用，请恢复为原编号或删除本字段待系统分配",
            )


@rule("UNIQUE.achievement_number", "成果编号不重复")
def achievement_numbers_unique(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report achievements that share an achievement number."""
    yield from _number_rule(
        catalog, catalog.of_kind(ACHIEVEMENT), "UNIQUE.achievement_number"
    )


@rule("UNIQUE.contract_number", "合同和行权备案的备案编号不重复")
def filing_numbers_unique(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report contracts and filings that share a filing number."""
    records = [
        r for kind in (*CONTRACT_KINDS, RIGHTS_FILING) for r in catalog.of_kind(kind)
    ]
    yield from _number_rule(catalog, records, "UNIQUE.contract_number")


def right_key(right: dict) -> str | None:
    """Key a right so that a patent and its application number compare equal."""
    number = right.get("number")
    if not number:
        return None
    if right.get("type") in PATENT_TYPES:
        return "patent:" + number.upper().removeprefix("ZL")
    return f"{right.get('type')}:{number}"


@rule("UNIQUE.right_number", "同一权利不列入两项在库成果（警告）")
def rights_claimed_once(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Warn when an in-stock achievement lists a right another one also lists."""
    claims: dict[str, list[tuple[Record, int]]] = defaultdict(list)
    for achievement in catalog.of_kind(ACHIEVEMENT):
        if achievement.get("status") != "in_stock":
            continue
        for index, right in enumerate(achievement.get("rights", [])):
            key = right_key(right)
            if key is not None:
                claims[key].append((achievement, index))
    for claimants in claims.values():
        for achievement, index in claimants:
            others = {o.file for o, _ in claimants if o is not achievement}
            if others:
                yield _claimed_twice(catalog, achievement, index, sorted(others))


def _claimed_twice(
    catalog: Catalog, achievement: Record, index: int, others: list[str]
) -> Problem:
    path = ("rights", index, "number")
    number = achievement.get("rights")[index]["number"]
    return achievement.problem(
        path,
        "UNIQUE.right_number",
        f"“{field_name(catalog, achievement, path)}”“{number}”也列在在库成果 "
        f"{'、'.join(others)} 中：同一权利只应属于一项在库成果，"
        "请核对是否重复入库（重复的一项可出库或删除这项权利）",
        Severity.WARNING,
    )


@rule("UNIQUE.recognition_contract", "一份合同只能作为一项认定申请的依据")
def contracts_recognised_once(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report a contract listed by a later application than the first to list it."""
    applications = sorted(catalog.of_kind(RECOGNITION), key=filing_order)
    first_listing: dict[str, Record] = {}
    for application in applications:
        for index, contract_id in enumerate(application.get("contracts", [])):
            earlier = first_listing.setdefault(contract_id, application)
            if earlier is application:
                continue
            yield application.problem(
                ("contracts", index),
                "UNIQUE.recognition_contract",
                f"“{field_name(catalog, application, ('contracts', index))}”"
                f"“{contract_id}”已是{kind_name(catalog, RECOGNITION)} "
                f"{earlier.file} 的依据：同一合同只能申请认定一次，请删除这一项",
            )
