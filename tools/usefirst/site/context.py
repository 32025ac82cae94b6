"""The public catalog with the lookups every page needs, computed once.

    context = SiteContext.build(public_view(catalog), Labels.from_schemas(schemas))
    context.in_stock[0]["title"]          # newest admitted first
    context.unit_name("scut")             # "华南理工大学"

Only the public view goes in: nothing a page can reach is private.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from usefirst.matching import Match, Matcher, Profile
from usefirst.publish import PublicCatalog
from usefirst.site.labels import Labels
from usefirst.site.links import page_url
from usefirst.site.render import Linker

Record = dict[str, Any]

SIMILAR_LIMIT = 5
NEED_MATCH_LIMIT = 8


def achievement_profile(achievement: Record) -> Profile:
    """Describe an achievement for matching: title, text, clusters, city."""
    text = " ".join(
        [
            achievement.get("summary", ""),
            *achievement.get("keywords", []),
            *achievement.get("application_fields", []),
        ]
    )
    return Profile(
        achievement["id"],
        achievement.get("title", ""),
        text,
        tuple(achievement.get("clusters", [])),
        achievement.get("city"),
    )


def need_profile(need: Record) -> Profile:
    """Describe a technology need for matching."""
    text = " ".join([need.get("description", ""), *need.get("keywords", [])])
    return Profile(
        need["id"],
        need.get("title", ""),
        text,
        tuple(need.get("clusters", [])),
        need.get("city"),
    )


def is_in_stock(achievement: Record) -> bool:
    return achievement.get("status") == "in_stock"


def _newest_first(achievement: Record) -> tuple[str, str]:
    return (achievement.get("admitted_on") or "", achievement["id"])


@dataclass
class SiteContext:
    """The public view, its labels, and the cross-record lookups derived from it."""

    view: PublicCatalog
    labels: Labels
    directory_urls: bool = True
    site_url: str = ""
    today: datetime.date = field(default_factory=datetime.date.today)
    in_stock: list[Record] = field(default_factory=list)
    by_id: dict[str, Record] = field(default_factory=dict)
    similar: dict[str, list[Match]] = field(default_factory=dict)
    need_matches: dict[str, list[Match]] = field(default_factory=dict)
    needs_for: dict[str, list[tuple[Record, Match]]] = field(default_factory=dict)
    first_use_counts: Counter[str] = field(default_factory=Counter)

    @classmethod
    def build(
        cls,
        view: PublicCatalog,
        labels: Labels,
        *,
        directory_urls: bool = True,
        site_url: str = "",
        today: datetime.date | None = None,
    ) -> SiteContext:
        """Index the view and rank needs and similar achievements."""
        context = cls(
            view, labels, directory_urls, site_url, today or datetime.date.today()
        )
        context.by_id = {record["id"]: record for record in view.achievements}
        context.in_stock = sorted(
            filter(is_in_stock, view.achievements), key=_newest_first, reverse=True
        )
        context.first_use_counts = Counter(
            record.get("achievement") for record in view.of_kind("first_use_contract")
        )
        context._match()
        return context

    def _match(self) -> None:
        matcher = Matcher(achievement_profile(record) for record in self.in_stock)
        self.similar = {
            record["id"]: matcher.similar(index, limit=SIMILAR_LIMIT)
            for index, record in enumerate(self.in_stock)
        }
        reverse: dict[str, list[tuple[Record, Match]]] = defaultdict(list)
        for need in self.open_needs:
            matches = matcher.rank(need_profile(need), limit=NEED_MATCH_LIMIT)
            self.need_matches[need["id"]] = matches
            for match in matches:
                reverse[match.id].append((need, match))
        self.needs_for = {
            key: sorted(pairs, key=lambda pair: -pair[1].score)
            for key, pairs in reverse.items()
        }

    @property
    def open_needs(self) -> list[Record]:
        needs = [n for n in self.view.technology_needs if n.get("status") == "open"]
        return sorted(needs, key=lambda need: (need.get("posted_on", ""), need["id"]))

    def linker(self, path: str) -> Linker:
        """Return the link maker of the page at ``path``."""
        return Linker(path, self.directory_urls)

    def url(self, path: str) -> str:
        """Return the site-relative URL of a page."""
        return page_url(path, directory_urls=self.directory_urls)

    def full_url(self, path: str) -> str:
        """Return a page's full URL, or its site-relative URL if no site URL is set."""
        relative = self.url(path)
        return urljoin(self.site_url, relative) if self.site_url else relative

    def contract_years(self) -> dict[str, Counter[str]]:
        """Count public contracts per year of signing, per contract kind."""
        years: dict[str, Counter[str]] = {}
        for record in self.view.contracts:
            year = str(record.get("signed_on", ""))[:4] or "未知"
            years.setdefault(year, Counter())[record["kind"]] += 1
        return dict(sorted(years.items()))

    def unit_name(self, unit_id: str) -> str:
        """Name a unit by its id; an unknown id is shown as it is."""
        unit = self.view.units.get(unit_id)
        return unit.get("name", unit_id) if unit else unit_id

    def owner_name(self, achievement: Record) -> str:
        """Name the unit that owns an achievement (the holder of a city import)."""
        return achievement.get("holder") or self.unit_name(achievement["unit"])

    def right_types(self, achievement: Record) -> list[str]:
        """Return the distinct right type codes of an achievement, in order."""
        types = [right.get("type") for right in achievement.get("rights", [])]
        return list(dict.fromkeys(code for code in types if code))

    def products_for(self, achievement: Record) -> list[Record]:
        """Return the insurance and guarantee products that may cover it."""
        rights = set(self.right_types(achievement))
        clusters = set(achievement.get("clusters", []))
        return [
            product
            for product in self.view.insurance_products
            if (not product.get("covers") or rights & set(product["covers"]))
            and (not product.get("clusters") or clusters & set(product["clusters"]))
        ]
