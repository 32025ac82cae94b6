"""Rank achievements against a technology need, or against another achievement.

    matcher = Matcher([
        Profile("a1", "固态锂电池电解质", "用于动力电池", ("new-energy",), "440100"),
        Profile("a2", "水稻抗病育种", "抗稻瘟病新品种", ("agri-food",), "440100"),
    ])
    need = Profile("n1", "动力电池安全", "需要高安全电解质", ("new-energy",), "440300")
    matcher.rank(need)[0].id          # "a1"

Words come from jieba's search-engine segmentation (``锂电池`` yields ``锂电``,
``电池`` and ``锂电池``), weighted by TF-IDF (sublinear term frequency, title
words counted twice) and compared by cosine similarity. Sharing an industry
cluster or the city adds a small bonus on top, so that among equally close texts
the nearer one ranks first; the bonus never makes a match on its own.
"""

from __future__ import annotations

import heapq
import logging
import math
import multiprocessing
import os
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import jieba

jieba.setLogLevel(logging.WARNING)

TITLE_WEIGHT = 2
CLUSTER_BONUS = 0.1
CITY_BONUS = 0.05
#: Below this cosine similarity two texts are not related, whatever else they share.
MIN_SIMILARITY = 0.05
#: Profiles kept per word for ``similar``: the ones where the word weighs most.
CHAMPIONS = 32
#: From this many profiles on, segmentation runs on every core.
PARALLEL_FROM = 2000

# Words found in nearly every record: they say nothing about what it is about.
_STOPWORD_TEXT = (
    "一种 一个 以及 及其 进行 通过 采用 实现 具有 提供 基于 相关 用于 可以 能够 "
    "我们 本项 本成果 成果 技术 方法 系统 装置 及 和 与 或 的 等 在 对 为 是 中 "
    "其 该 并 从 将 可 于 已 被 由 这 该项 所述 以上 以下 主要 包括 研究 开发 需要 "
    "要求 希望 企业"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split(" "))

Vector = dict[str, float]
Postings = dict[str, list[tuple[int, float]]]


@dataclass(frozen=True)
class Profile:
    """What is compared: a title, a text, clusters and a city."""

    id: str
    title: str
    text: str
    clusters: tuple[str, ...] = ()
    city: str | None = None


@dataclass(frozen=True)
class Match:
    """One ranked achievement: the final score and the text similarity in it."""

    id: str
    score: float
    similarity: float


@lru_cache(maxsize=65536)
def _is_word(token: str) -> bool:
    if token in STOPWORDS or len(token) < 2:
        return False
    return all(unicodedata.category(ch)[0] in "LN" for ch in token)


def tokens(text: str) -> list[str]:
    """Segment text into comparable words: folded, no stopwords, no punctuation."""
    folded = unicodedata.normalize("NFKC", text).lower()
    words = jieba.cut_for_search(folded, HMM=False)
    return [token for token in words if _is_word(token)]


def term_counts(profile: Profile) -> Counter[str]:
    """Count the words of a profile, title words weighing more."""
    counts = Counter(tokens(profile.text))
    for token in tokens(profile.title):
        counts[token] += TITLE_WEIGHT
    return counts


def all_term_counts(profiles: list[Profile]) -> list[Counter[str]]:
    """Count the words of many profiles, on every core for a large catalog."""
    workers = min(os.cpu_count() or 1, 4)
    methods = multiprocessing.get_all_start_methods()
    if len(profiles) < PARALLEL_FROM or workers < 2 or "fork" not in methods:
        return [term_counts(profile) for profile in profiles]
    jieba.initialize()  # once, before forking, so that no worker loads it again
    chunk = max(1, len(profiles) // (workers * 4))
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(term_counts, profiles, chunksize=chunk)


def _normalised(weights: Vector) -> Vector:
    norm = math.sqrt(sum(weight * weight for weight in weights.values()))
    return {term: weight / norm for term, weight in weights.items()} if norm else {}


class Matcher:
    """A TF-IDF index of achievement profiles, ranked by cosine plus bonuses."""

    def __init__(self, profiles: Iterable[Profile]) -> None:
        self.profiles = list(profiles)
        self.cluster_sets = [frozenset(profile.clusters) for profile in self.profiles]
        counts = all_term_counts(self.profiles)
        frequency = Counter(term for count in counts for term in count)
        total = len(self.profiles)
        self.idf = {
            term: math.log((1 + total) / (1 + df)) + 1 for term, df in frequency.items()
        }
        self.unseen_idf = math.log(1 + total) + 1
        self.vectors = [self._weigh(count) for count in counts]
        self.postings: Postings = defaultdict(list)
        for index, vector in enumerate(self.vectors):
            for term, weight in vector.items():
                self.postings[term].append((index, weight))
        self._champions: Postings | None = None

    def _weigh(self, counts: Counter[str]) -> Vector:
        return _normalised(
            {
                term: (1 + math.log(count)) * self.idf.get(term, self.unseen_idf)
                for term, count in counts.items()
            }
        )

    def vector(self, profile: Profile) -> Vector:
        """Weigh the words of any profile with this index's IDF."""
        return self._weigh(term_counts(profile))

    def rank(
        self, profile: Profile, *, limit: int = 5, exclude: Sequence[str] = ()
    ) -> list[Match]:
        """Return the best matches for a profile, best first."""
        vector = self.vector(profile)
        return self._ranked(profile, vector, limit, set(exclude), self.postings)

    def similar(
        self, index: int, *, limit: int = 5, max_terms: int = 12
    ) -> list[Match]:
        """Return profiles like the indexed one, compared by its top words.

        Only each word's champion profiles are candidates, which keeps the
        cost per profile constant however large the catalog grows.
        """
        vector = self.vectors[index]
        top = dict(heapq.nlargest(max_terms, vector.items(), key=lambda i: i[1]))
        profile = self.profiles[index]
        return self._ranked(profile, top, limit, {profile.id}, self.champions)

    @property
    def champions(self) -> Postings:
        if self._champions is None:
            self._champions = {
                term: heapq.nlargest(CHAMPIONS, postings, key=lambda item: item[1])
                for term, postings in self.postings.items()
            }
        return self._champions

    def _ranked(
        self,
        profile: Profile,
        vector: Vector,
        limit: int,
        exclude: set[str],
        postings: Postings,
    ) -> list[Match]:
        similarity: dict[int, float] = defaultdict(float)
        for term, weight in vector.items():
            for index, other in postings.get(term, ()):
                similarity[index] += weight * other
        candidates = [
            (value, index)
            for index, value in similarity.items()
            if value >= MIN_SIMILARITY and self.profiles[index].id not in exclude
        ]
        # Bonuses add at most CLUSTER_BONUS + CITY_BONUS: whatever falls further
        # behind the limit-th best text similarity cannot reach the top.
        best = heapq.nlargest(limit, candidates)
        floor = best[-1][0] - CLUSTER_BONUS - CITY_BONUS if best else 0.0
        matches = [
            Match(self.profiles[index].id, self._score(profile, index, value), value)
            for value, index in candidates
            if value >= floor
        ]
        matches.sort(key=lambda match: (-match.score, match.id))
        return matches[:limit]

    def _score(self, profile: Profile, index: int, similarity: float) -> float:
        score = similarity
        if self.cluster_sets[index].intersection(profile.clusters):
            score += CLUSTER_BONUS
        if profile.city and profile.city == self.profiles[index].city:
            score += CITY_BONUS
        return round(score, 6)
