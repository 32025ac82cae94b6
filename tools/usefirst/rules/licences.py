"""NOTICE.exclusive_license: an exclusive or sole licence excludes other licensees.

    # first-use contract A: exclusive, free period 2026-01-01 .. 2026-12-31
    # first-use contract B, same achievement, another enterprise:
    license_type: non_exclusive           # from 2026-06-01: overlaps A, refused
    free_period: {start: "2026-06-01", end: "2027-05-31"}

A first-use contract licenses for its free period; a pay-later or cooperation
licence runs from its signing onward (it has no end date). Licences to the same
enterprise (a first-use contract and the paid licence that follows it) never
conflict. Two first-use contracts that both state a scope, and different ones,
are taken to license different fields. The later of two conflicting licences is
reported.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from usefirst.catalog import Catalog, Record
from usefirst.kinds import FIRST_USE, FOLLOW_UP_KINDS
from usefirst.problems import Problem
from usefirst.rules.base import Context, rule
from usefirst.rules.lookup import counterparty, day, field_name, kind_name, label

EXCLUDING = ("exclusive", "sole")


@dataclass(frozen=True)
class Licence:
    """The licence a contract grants: to whom, of what kind, for which days."""

    contract: Record
    license_type: str
    start: datetime.date
    end: datetime.date | None
    licensee: str | None
    scope: str | None

    def overlaps(self, other: Licence) -> bool:
        """Tell whether two licences share at least one day."""
        ends_after = other.end is None or self.start <= other.end
        return ends_after and (self.end is None or other.start <= self.end)

    def period(self) -> str:
        """Write the licence period in Chinese."""
        return f"{self.start} 至 {self.end}" if self.end else f"{self.start} 起"


def licence_of(catalog: Catalog, contract: Record) -> Licence | None:
    """Return the licence a contract grants, or None for a transfer or the like."""
    licensee = counterparty(catalog, contract)
    if contract.kind == FIRST_USE:
        period = contract.get("free_period")
        return Licence(
            contract,
            contract.get("license_type"),
            day(period["start"]),
            day(period["end"]),
            licensee,
            contract.get("scope"),
        )
    if contract.get("mode") != "license":
        return None
    license_type = contract.get("license_type", "non_exclusive")
    signed = day(contract.get("signed_on"))
    return Licence(contract, license_type, signed, None, licensee, None)


def licences_by_achievement(catalog: Catalog) -> dict[str, list[Licence]]:
    """Group every licence by its achievement, earliest first."""
    grouped: dict[str, list[Licence]] = defaultdict(list)
    for kind in (FIRST_USE, *FOLLOW_UP_KINDS):
        for contract in catalog.of_kind(kind):
            licence = licence_of(catalog, contract)
            if licence is not None:
                grouped[contract.get("achievement")].append(licence)
    for licences in grouped.values():
        licences.sort(
            key=lambda x: (x.start, x.contract.get("signed_on"), x.contract.file)
        )
    return grouped


def conflict(earlier: Licence, later: Licence) -> bool:
    """Tell whether two licences of one achievement cannot both stand."""
    if not ({earlier.license_type, later.license_type} & set(EXCLUDING)):
        return False
    if earlier.licensee is not None and earlier.licensee == later.licensee:
        return False
    if earlier.scope and later.scope and earlier.scope != later.scope:
        return False
    return earlier.overlaps(later)


@rule("NOTICE.exclusive_license", "独占或排他许可期间不再许可他人")
def exclusive_licences(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report the later of two overlapping licences when one excludes others."""
    for licences in licences_by_achievement(catalog).values():
        for index, later in enumerate(licences):
            earlier = next((e for e in licences[:index] if conflict(e, later)), None)
            if earlier is not None:
                yield _problem(catalog, earlier, later)


def _problem(catalog: Catalog, earlier: Licence, later: Licence) -> Problem:
    contract = later.contract
    # a cooperation licence may leave its type out (then it is non-exclusive)
    path = ("license_type",) if "license_type" in contract.data else ("mode",)
    return contract.problem(
        path,
        "NOTICE.exclusive_license",
        f"“{field_name(catalog, contract, path)}”为"
        f"{_license_label(catalog, later)}，"
        f"期间 {later.period()}，与{kind_name(catalog, earlier.contract.kind)} "
        f"{earlier.contract.file} 的"
        f"{_license_label(catalog, earlier)}"
        f"（期间 {earlier.period()}）在同一成果上重叠：独占或排他许可期间"
        "不能再许可其他企业，请调整期间或许可方式",
    )


def _license_label(catalog: Catalog, licence: Licence) -> str:
    kind = licence.contract.kind
    return label(catalog, kind, ("license_type",), licence.license_type)
