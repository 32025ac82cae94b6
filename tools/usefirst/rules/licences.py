"""NOTICE.exclusive_license: an exclusive or sole licence excludes other licensees.

    # first-use contract A: exclusive, free period 2026-01-01 .. 2026-12-31
    # first-use contract B, same achievement, another enterprise:
    license_type: non_exclusive           # from 2026-06-01: overlaps A, refused
    free_period: {start: "2026-06-01", end: "2027-05-31"}

A first-use contract licenses for its free period; a pay-later or cooperation
licence runs from its signing onward (it has no end date). Licences to the same
enterprise (a first-use contract and the paid licence that follows it) never
conflict. Two first-use contracts that state the same scope (compared without
spaces and punctuation, full-width as half-width) conflict as if neither stated
one; scopes written differently may still overlap, so such a pair is a warning
(NOTICE.exclusive_scope) for the reviewer to confirm. The later of two
conflicting licences is reported.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from usefirst.catalog import Catalog, Record
from usefirst.kinds import FIRST_USE, FOLLOW_UP_KINDS
from usefirst.problems import Problem, Severity
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


def normal_scope(scope: str) -> str:
    """Reduce a scope text to what it says: no spaces, punctuation or full width."""
    text = unicodedata.normalize("NFKC", scope)
    return "".join(char for char in text if unicodedata.category(char)[0] not in "PSZC")


def _excluding_overlap(earlier: Licence, later: Licence) -> bool:
    if not ({earlier.license_type, later.license_type} & set(EXCLUDING)):
        return False
    if earlier.licensee is not None and earlier.licensee == later.licensee:
        return False
    return earlier.overlaps(later)


def _distinct_scopes(earlier: Licence, later: Licence) -> bool:
    if not (earlier.scope and later.scope):
        return False
    return normal_scope(earlier.scope) != normal_scope(later.scope)


def conflict(earlier: Licence, later: Licence) -> bool:
    """Tell whether two licences of one achievement cannot both stand."""
    return _excluding_overlap(earlier, later) and not _distinct_scopes(earlier, later)


def scope_doubt(earlier: Licence, later: Licence) -> bool:
    """Tell whether two licences stand only if their different scopes are apart."""
    return _excluding_overlap(earlier, later) and _distinct_scopes(earlier, later)


def _first(
    licences: list[Licence], index: int, test: Callable[[Licence, Licence], bool]
) -> Licence | None:
    later = licences[index]
    return next((e for e in licences[:index] if test(e, later)), None)


@rule("NOTICE.exclusive_license", "独占或排他许可期间不再许可他人")
def exclusive_licences(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report the later of two overlapping licences when one excludes others."""
    for licences in licences_by_achievement(catalog).values():
        for index, later in enumerate(licences):
            earlier = _first(licences, index, conflict)
            if earlier is not None:
                yield _problem(catalog, earlier, later)


@rule(
    "NOTICE.exclusive_scope",
    "独占或排他许可与其他许可范围不同而期间重叠时，确认范围不交叉",
)
def exclusive_scopes(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Warn of overlapping licences whose differently written scopes may overlap."""
    for licences in licences_by_achievement(catalog).values():
        for index, later in enumerate(licences):
            if _first(licences, index, conflict) is not None:
                continue
            earlier = _first(licences, index, scope_doubt)
            if earlier is not None:
                yield _scope_problem(catalog, earlier, later)


def _scope_problem(catalog: Catalog, earlier: Licence, later: Licence) -> Problem:
    contract = later.contract
    path = ("scope",)
    return contract.problem(
        path,
        "NOTICE.exclusive_scope",
        f"“{field_name(catalog, contract, path)}”为“{later.scope}”，"
        f"与{kind_name(catalog, earlier.contract.kind)} {earlier.contract.file} 的"
        f"{_license_label(catalog, earlier)}（范围“{earlier.scope}”，"
        f"期间 {earlier.period()}）期间重叠：范围写法不同，"
        "请审核人确认两者的产品、领域和地域互不交叉，否则应调整期间或许可方式",
        Severity.WARNING,
    )


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
