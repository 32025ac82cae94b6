"""A year in numbers for the provincial office, by city and by industry cluster.

    report = year_summary(catalog, 2026)

Counted in the year: achievements admitted (入库日期), achievements exited
(出库日期), first-use, pay-later and cooperation contracts signed (签订日期),
and payments received (到账日期) on pay-later and cooperation contracts. A
contract counts where its achievement is: the achievement's city and clusters.
An achievement in several clusters counts in each, so the cluster table does
not add up to the totals; the city table does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from usefirst.catalog import Catalog, Record
from usefirst.kinds import ACHIEVEMENT, CONTRACT_KINDS, FOLLOW_UP_KINDS
from usefirst.money import fen_to_yuan, to_fen
from usefirst.reports.model import Cell, Report, Table
from usefirst.rules.lookup import kind_name

ADMITTED, EXITED = "admitted", "exited"
UNKNOWN = "未知"


@dataclass
class Tally:
    """Counts and received fen of one group (a city, a cluster, or all)."""

    counts: Counter[str] = field(default_factory=Counter)
    received: Counter[str] = field(default_factory=Counter)

    def row(self) -> list[Cell]:
        """Return the tally as the cells of a table row, in ``headers`` order."""
        paid = [self.received[kind] for kind in FOLLOW_UP_KINDS]
        return [
            self.counts[ADMITTED],
            self.counts[EXITED],
            *(self.counts[kind] for kind in CONTRACT_KINDS),
            *(fen_to_yuan(fen) for fen in paid),
            fen_to_yuan(sum(paid)),
        ]


def headers(catalog: Catalog) -> list[str]:
    """Name the columns of a tally, contract kinds as their schemas title them."""
    return [
        "入库成果",
        "出库成果",
        *(kind_name(catalog, kind) for kind in CONTRACT_KINDS),
        *(f"{kind_name(catalog, kind)}到账（元）" for kind in FOLLOW_UP_KINDS),
        "到账合计（元）",
    ]


def _in_year(date: str | None, year: int) -> bool:
    return bool(date) and str(date)[:4] == str(year)


def _places(achievement: Record | None) -> tuple[str, list[str]]:
    if achievement is None:
        return UNKNOWN, [UNKNOWN]
    return achievement.get("city", UNKNOWN), achievement.get("clusters") or [UNKNOWN]


class _Summary:
    def __init__(self, catalog: Catalog, year: int) -> None:
        self.catalog, self.year = catalog, year
        self.total = Tally()
        self.cities: dict[str, Tally] = {}
        self.clusters: dict[str, Tally] = {}

    def add(
        self, achievement: Record | None, key: str, count: int, fen: int = 0
    ) -> None:
        city, clusters = _places(achievement)
        for tally in (self.total, self.cities.setdefault(city, Tally())):
            tally.counts[key] += count
            tally.received[key] += fen
        for cluster in clusters:
            tally = self.clusters.setdefault(cluster, Tally())
            tally.counts[key] += count
            tally.received[key] += fen

    def run(self) -> None:
        for achievement in self.catalog.of_kind(ACHIEVEMENT):
            if _in_year(achievement.get("admitted_on"), self.year):
                self.add(achievement, ADMITTED, 1)
            if _in_year((achievement.get("exit") or {}).get("date"), self.year):
                self.add(achievement, EXITED, 1)
        for kind in CONTRACT_KINDS:
            for contract in self.catalog.of_kind(kind):
                self._contract(kind, contract)

    def _contract(self, kind: str, contract: Record) -> None:
        achievement = self.catalog.get(contract.get("achievement"))
        if _in_year(contract.get("signed_on"), self.year):
            self.add(achievement, kind, 1)
        fen = sum(
            to_fen(payment["amount"])
            for payment in contract.get("payments", [])
            if _in_year(payment["date"], self.year)
        )
        if fen:
            self.add(achievement, kind, 0, fen)


def year_summary(catalog: Catalog, year: int) -> Report:
    """Count a year's admissions, exits, contracts and money, by city and cluster."""
    summary = _Summary(catalog, year)
    summary.run()
    schemas = catalog.repository.schemas
    cities, clusters = schemas.vocabulary("city"), schemas.vocabulary("cluster")
    undated = sum(1 for a in catalog.of_kind(ACHIEVEMENT) if not a.get("admitted_on"))
    columns = headers(catalog)
    return Report(
        f"{year} 年度先用后转工作汇总",
        notes=[
            "入库、出库、签订和到账均按日期所在年度统计；合同按所涉成果的地市和产业集群归类。",
            "一项成果可属于多个产业集群，按集群统计时分别计入，各集群之和可能大于合计。",
            f"没有入库日期的成果 {undated} 项未计入“入库成果”。",
        ],
        tables=[
            Table("合计", ["项目", *columns], [["全省", *summary.total.row()]]),
            _table(["地市", *columns], "按地市", cities, summary.cities),
            _table(["产业集群", *columns], "按产业集群", clusters, summary.clusters),
        ],
    )


def _table(
    columns: list[str], title: str, labels: dict[str, str], tallies: dict[str, Tally]
) -> Table:
    codes = [*labels, *sorted(set(tallies) - set(labels))]
    rows = [
        [labels.get(code, code), *tallies.get(code, Tally()).row()] for code in codes
    ]
    return Table(title, columns, rows)
