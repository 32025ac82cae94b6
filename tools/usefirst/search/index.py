"""Build the catalog's static search index: sharded CJK-bigram postings.

>>> import tempfile
>>> from pathlib import Path
>>> doc = SearchDoc(url="achievements/a/", title="高安全锂电池", text="锂电池正极材料",
...                 excerpt="锂电池正极材料", filters={"city": ["广州市"]})
>>> build_search_index([doc], Path(tempfile.mkdtemp()) / "search").records
1

Layout of ``out_dir`` (format 1; every ``.bin`` file is gzip, decompressed by
the client itself so no server configuration is needed):

* ``manifest.bin``: JSON ``{"format", "count", "shards", "facets": [{"key",
  "label", "values", "width"}]}``.
* ``facets.bin``: per facet a column of ``count`` little-endian values of
  ``width`` bytes (0 = none, ``i + 1`` = ``values[i]``), then a varint count of
  extra ``(doc, value)`` pairs for records with several values, each as two
  varints; after all facets, one byte per record: the title's span in
  positions (capped at 255), to tell title matches from body matches.
* ``shards/<hex>.bin``: the postings of every term whose FNV-1a 32-bit hash
  (of its UTF-8 bytes) modulo ``shards`` is that number. Each entry: varint
  key length, key bytes, kind byte, varint record count, varint payload
  length, payload. Kind 0 (positional tokens, see ``tokens``): per record
  varint ``doc - previous doc - 1``, varint number of positions, first
  position, then increasing deltas. Kind 1 (unigram and prefix terms): per
  record varint ``(doc - previous doc - 1) * 2 + in_title``.
* ``records/<doc>.bin``: JSON ``{"title", "text", "excerpt", "href", "meta"}``
  shown in results; ``href`` leads from ``out_dir`` to the record's page.

Positions: the title's tokens first, then the text's from ``span(title) + 1``.
The client is ``site/assets/javascripts/catalog-search.js``.
"""

from __future__ import annotations

import gzip
import json
import os
import posixpath
import shutil
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from usefirst.search.tokens import document_terms, span, token_positions

FORMAT = 1

#: Facet keys understood by the client, in display order, with their labels.
FACETS: dict[str, str] = {
    "cluster": "产业集群",
    "city": "地市",
    "right": "权利类型",
    "trl": "技术成熟度",
    "licence": "许可方式",
    "unit": "成果单位",
}

#: Characters of a record's text kept in its record file for snippets.
TEXT_LIMIT = 4000

#: Uncompressed bytes aimed at per shard; the shard count is a power of two.
SHARD_TARGET = 16_384

POSITIONAL, DOC_LEVEL = 0, 1


@dataclass(frozen=True)
class SearchDoc:
    """One searchable record."""

    url: str  # site-relative, e.g. "achievements/scut-0001/"
    title: str
    text: str  # the full searchable text (summary, fields, keywords, unit ...)
    excerpt: str  # readable short text for result lists (<= 160 chars)
    filters: dict[str, list[str]]  # e.g. {"cluster": ["新能源"], "city": [...]}
    meta: dict[str, str] = field(default_factory=dict)  # unit name, number ...


@dataclass(frozen=True)
class SearchStats:
    """What ``build_search_index`` wrote."""

    records: int
    shards: int
    files: int
    bytes: int


def build_search_index(
    docs: Iterable[SearchDoc], out_dir: Path, *, site_root: Path | None = None
) -> SearchStats:
    """Write the search index for ``docs`` into ``out_dir`` and return stats.

    ``site_root`` is the folder that ``SearchDoc.url`` is relative to; it
    defaults to ``out_dir.parent`` (``<site_dir>/search/`` -> ``<site_dir>``).
    Earlier index files in ``out_dir`` are replaced; other files are kept.
    """
    out_dir = Path(out_dir).resolve()
    root = Path(site_root).resolve() if site_root else out_dir.parent
    _remove_previous_output(out_dir)
    (out_dir / "records").mkdir(parents=True)
    builder = _Builder(Path(os.path.relpath(root, out_dir)).as_posix())
    for doc in docs:
        doc_id = builder.count
        _write(out_dir / "records" / f"{doc_id}.bin", builder.add(doc))
    shards = builder.write(out_dir)
    files = [p for p in _own_paths(out_dir) if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    return SearchStats(builder.count, shards, len(files), size)


class _Builder:
    """Accumulates encoded postings record by record (records come in order)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.count = 0
        self.postings: dict[str, bytearray] = defaultdict(bytearray)
        self.kinds: dict[str, int] = {}
        self.docs: dict[str, int] = defaultdict(int)
        self.last: dict[str, int] = defaultdict(lambda: -1)
        self.facets = _Facets()
        self.title_spans = bytearray()

    def add(self, doc: SearchDoc) -> bytes:
        """Index ``doc`` and return its record file's JSON."""
        doc_id = self.count
        title_span = span(doc.title)
        self.title_spans.append(min(title_span, 255))
        self._add_positional(doc_id, doc, title_span)
        self._add_doc_level(doc_id, doc)
        self.facets.add(doc_id, doc.filters)
        self.count += 1
        return record_json(doc, self.prefix)

    def _add_positional(self, doc_id: int, doc: SearchDoc, title_span: int) -> None:
        positions: dict[str, list[int]] = defaultdict(list)
        for text, start in ((doc.title, 0), (doc.text, title_span + 1)):
            for token, pos in token_positions(text, start):
                positions[token].append(pos)
        for key, where in positions.items():
            out = self._entry(key, doc_id, POSITIONAL)
            _varint(out, self._delta(key, doc_id))
            _varint(out, len(where))
            _varint(out, where[0])
            for before, after in zip(where, where[1:], strict=False):
                _varint(out, after - before)

    def _add_doc_level(self, doc_id: int, doc: SearchDoc) -> None:
        in_title = set().union(*document_terms(doc.title))
        for key in sorted(set().union(*document_terms(doc.text)) | in_title):
            out = self._entry(key, doc_id, DOC_LEVEL)
            _varint(out, self._delta(key, doc_id) * 2 + (key in in_title))

    def _entry(self, key: str, doc_id: int, kind: int) -> bytearray:
        self.kinds[key] = kind
        self.docs[key] += 1
        return self.postings[key]

    def _delta(self, key: str, doc_id: int) -> int:
        delta = doc_id - self.last[key] - 1
        self.last[key] = doc_id
        return delta

    def write(self, out_dir: Path) -> int:
        """Write shards, facets and manifest; return the shard count."""
        shards = shard_count(sum(len(p) + len(k) + 8 for k, p in self.postings.items()))
        buckets: list[bytearray] = [bytearray() for _ in range(shards)]
        for key in sorted(self.postings):
            _shard_entry(
                buckets[fnv1a(key) % shards],
                key,
                self.kinds[key],
                self.docs[key],
                self.postings[key],
            )
        (out_dir / "shards").mkdir()
        for number, data in enumerate(buckets):
            _write(out_dir / "shards" / f"{number:x}.bin", bytes(data))
        _write(
            out_dir / "facets.bin", self.facets.encode(self.count) + self.title_spans
        )
        manifest = {
            "format": FORMAT,
            "count": self.count,
            "shards": shards,
            "facets": self.facets.manifest(),
        }
        _write(out_dir / "manifest.bin", _json(manifest))
        return shards


class _Facets:
    """Facet values per record, as columns."""

    def __init__(self) -> None:
        self.values: dict[str, list[str]] = {}
        self.index: dict[str, dict[str, int]] = {}
        self.pairs: dict[str, list[tuple[int, int]]] = {}

    def add(self, doc_id: int, filters: dict[str, list[str]]) -> None:
        for key, values in filters.items():
            for value in dict.fromkeys(v for v in values if v):
                self.pairs.setdefault(key, []).append((doc_id, self._id(key, value)))

    def _id(self, key: str, value: str) -> int:
        ids = self.index.setdefault(key, {})
        if value not in ids:
            ids[value] = len(ids) + 1
            self.values.setdefault(key, []).append(value)
        return ids[value]

    def keys(self) -> list[str]:
        known = [k for k in FACETS if k in self.values]
        return known + sorted(k for k in self.values if k not in FACETS)

    def width(self, key: str) -> int:
        return 1 if len(self.values[key]) < 256 else 2

    def manifest(self) -> list[dict[str, object]]:
        return [
            {
                "key": k,
                "label": FACETS.get(k, k),
                "values": self.values[k],
                "width": self.width(k),
            }
            for k in self.keys()
        ]

    def encode(self, count: int) -> bytes:
        out = bytearray()
        for key in self.keys():
            column = [0] * count
            extras: list[tuple[int, int]] = []
            for doc_id, value in self.pairs[key]:
                if column[doc_id]:
                    extras.append((doc_id, value))
                else:
                    column[doc_id] = value
            width = self.width(key)
            for value in column:
                out += value.to_bytes(width, "little")
            _varint(out, len(extras))
            for doc_id, value in extras:
                _varint(out, doc_id)
                _varint(out, value)
        return bytes(out)


def record_json(doc: SearchDoc, prefix: str = "..") -> bytes:
    """The record file: what a result shows, with ``href`` from the index folder."""
    record = {
        "title": doc.title,
        "text": doc.text[:TEXT_LIMIT],
        "excerpt": doc.excerpt,
        "href": record_href(doc.url, prefix),
        "meta": doc.meta,
    }
    return _json(record)


def record_href(url: str, prefix: str) -> str:
    """Link from the index folder to the record page (``../achievements/a/``)."""
    path = url.lstrip("/")
    if prefix in ("", "."):
        return path
    joined = posixpath.normpath(posixpath.join(prefix, path))
    return joined + "/" if path.endswith("/") or not path else joined


def shard_count(total_bytes: int) -> int:
    """Smallest power of two giving at most ``SHARD_TARGET`` bytes per shard."""
    shards = 1
    while total_bytes / shards > SHARD_TARGET:
        shards *= 2
    return shards


def fnv1a(key: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes of ``key`` (mirrored in the client)."""
    value = 0x811C9DC5
    for byte in key.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def _shard_entry(
    out: bytearray, key: str, kind: int, docs: int, payload: bytes
) -> None:
    raw = key.encode("utf-8")
    _varint(out, len(raw))
    out += raw
    out.append(kind)
    _varint(out, docs)
    _varint(out, len(payload))
    out += payload


def _varint(out: bytearray, value: int) -> None:
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _write(path: Path, data: bytes) -> None:
    # mtime=0 keeps rebuilds of unchanged data byte-identical.
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


def _own_paths(out_dir: Path) -> list[Path]:
    names = ["manifest.bin", "facets.bin"]
    paths = [out_dir / name for name in names]
    for folder in ("shards", "records"):
        paths += sorted((out_dir / folder).glob("*.bin"))
    return paths


def _remove_previous_output(out_dir: Path) -> None:
    # Only the index's own names: out_dir may also hold the search page itself.
    for folder in ("shards", "records"):
        shutil.rmtree(out_dir / folder, ignore_errors=True)
    for name in ("manifest.bin", "facets.bin"):
        (out_dir / name).unlink(missing_ok=True)
