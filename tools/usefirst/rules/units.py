"""UNIT.*: what a unit may file depends on what kind of unit it is.

    # catalog/kebao-insurance/unit.yaml says type: insurer, so under it
    kind: insurance_product   # allowed (UNIT.kind)
    category: insurance       # an insurer's product is insurance (UNIT.category)

Achievements come from universities, institutes, hospitals, city bureaus and
other units; contracts, filings and recognition applications only from the
research units that own achievements; technology needs only from enterprises;
insurance and guarantee products only from insurers and guarantors. A city
bureau imports achievements only by city batch, and only a city bureau does.
"""

from __future__ import annotations

from collections.abc import Iterator

from usefirst.catalog import Catalog, Record
from usefirst.kinds import (
    ACHIEVEMENT,
    CONTRACT_KINDS,
    INSURANCE_PRODUCT,
    RECOGNITION,
    RIGHTS_FILING,
    TECHNOLOGY_NEED,
    UNIT_KIND,
)
from usefirst.problems import Problem
from usefirst.rules.base import Context, rule
from usefirst.rules.lookup import field_name, kind_name, label

CITY_BUREAU = "city_bureau"
CITY_BATCH = "city_batch"
RESEARCH_UNITS = ("university", "institute", "hospital")
ALLOWED_UNITS = {
    ACHIEVEMENT: (*RESEARCH_UNITS, CITY_BUREAU, "other"),
    **{kind: RESEARCH_UNITS for kind in (*CONTRACT_KINDS, RECOGNITION)},
    RIGHTS_FILING: RESEARCH_UNITS,
    TECHNOLOGY_NEED: ("enterprise",),
    INSURANCE_PRODUCT: ("insurer", "guarantor"),
}
PRODUCT_PROVIDERS = {"insurance": "insurer", "guarantee": "guarantor"}


def unit_type(catalog: Catalog, record: Record) -> str | None:
    """Return the type of the unit whose folder holds a record, if known."""
    unit = catalog.units().get(record.folder)
    return unit.get("type") if unit is not None else None


def _type_name(catalog: Catalog, code: str) -> str:
    return label(catalog, UNIT_KIND, ("type",), code)


def _types_named(catalog: Catalog, codes: tuple[str, ...]) -> str:
    return "、".join(_type_name(catalog, code) for code in codes)


@rule("UNIT.kind", "记录种类与所在单位的类型相符")
def kind_fits_unit(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report records filed under a unit of a type that cannot file them."""
    types = {unit_id: unit.get("type") for unit_id, unit in catalog.units().items()}
    for kind, allowed in ALLOWED_UNITS.items():
        for record in catalog.of_kind(kind):
            found = types.get(record.folder)
            if found is None or found in allowed:
                continue
            yield record.problem(
                ("unit",),
                "UNIT.kind",
                f"“{field_name(catalog, record, ('unit',))}”{record.folder} 的类型是"
                f"{_type_name(catalog, found)}：{kind_name(catalog, kind)}只能由"
                f"{_types_named(catalog, allowed)}提交",
            )


def _channel_problem(catalog: Catalog, achievement: Record) -> Problem | None:
    found = unit_type(catalog, achievement)
    channel = achievement.get("channel")
    if found is None or (found == CITY_BUREAU) == (channel == CITY_BATCH):
        return None
    path = ("channel",)
    right = (
        f"地市科技部门只能以{label(catalog, ACHIEVEMENT, path, CITY_BATCH)}入库成果"
        if found == CITY_BUREAU
        else f"{label(catalog, ACHIEVEMENT, path, CITY_BATCH)}只能由地市科技部门使用"
    )
    return achievement.problem(
        path,
        "UNIT.channel",
        f"“{field_name(catalog, achievement, path)}”为"
        f"{label(catalog, ACHIEVEMENT, path, channel)}，而单位 {achievement.folder} "
        f"的类型是{_type_name(catalog, found)}：{right}",
    )


@rule("UNIT.channel", "地市批量导入只由地市科技部门使用，地市科技部门只用地市批量导入")
def channel_fits_unit(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report an achievement whose channel does not fit its unit's type."""
    for achievement in catalog.of_kind(ACHIEVEMENT):
        problem = _channel_problem(catalog, achievement)
        if problem is not None:
            yield problem


@rule("UNIT.category", "保险产品由保险机构提供，担保产品由担保机构提供")
def category_fits_unit(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report an insurance product whose category does not fit its unit's type."""
    path = ("category",)
    for product in catalog.of_kind(INSURANCE_PRODUCT):
        found, category = unit_type(catalog, product), product.get("category")
        wanted = PRODUCT_PROVIDERS.get(category)
        if found not in PRODUCT_PROVIDERS.values() or found == wanted:
            continue
        yield product.problem(
            path,
            "UNIT.category",
            f"“{field_name(catalog, product, path)}”为"
            f"{label(catalog, INSURANCE_PRODUCT, path, category)}，而单位 "
            f"{product.folder} 的类型是{_type_name(catalog, found)}："
            f"{_type_name(catalog, found)}只能提供"
            f"{label(catalog, INSURANCE_PRODUCT, path, _category_of(found))}产品",
        )


def _category_of(provider: str) -> str:
    return next(code for code, who in PRODUCT_PROVIDERS.items() if who == provider)
