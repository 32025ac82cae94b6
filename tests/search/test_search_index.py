"""The index files written by usefirst.search.build_search_index (format 1)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from search_data import Built, make_docs

from usefirst.search import SearchDoc, build_search_index
from usefirst.search.index import fnv1a, record_href, shard_count


def read(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())


def varints(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def shard_entries(index: Path, key: str) -> dict[str, tuple[int, int, bytes]]:
    manifest = json.loads(read(index / "manifest.bin"))
    data = read(index / "shards" / f"{fnv1a(key) % manifest['shards']:x}.bin")
    out, pos = {}, 0
    while pos < len(data):
        length, pos = varints(data, pos)
        name = data[pos : pos + length].decode()
        kind = data[pos + length]
        docs, pos = varints(data, pos + length + 1)
        size, pos = varints(data, pos)
        out[name] = (kind, docs, data[pos : pos + size])
        pos += size
    return out


def positional_docs(payload: bytes, count: int) -> dict[int, list[int]]:
    out, pos, doc = {}, 0, -1
    for _ in range(count):
        delta, pos = varints(payload, pos)
        doc += delta + 1
        n, pos = varints(payload, pos)
        where: list[int] = []
        for _ in range(n):
            step, pos = varints(payload, pos)
            where.append(step + (where[-1] if where else 0))
        out[doc] = where
    return out


def test_postings_list_every_record_with_the_bigram(built: Built) -> None:
    kind, count, payload = shard_entries(built.site / "search", "电池")["电池"]
    docs = positional_docs(payload, count)
    assert kind == 0
    assert set(docs) == built.containing("电池")


def test_manifest_and_records(built: Built) -> None:
    index = built.site / "search"
    manifest = json.loads(read(index / "manifest.bin"))
    assert manifest["count"] == len(built.docs)
    assert [f["key"] for f in manifest["facets"]][:2] == ["cluster", "city"]
    assert manifest["facets"][1]["label"] == "地市"
    record = json.loads(read(index / "records" / "0.bin"))
    assert record["title"] == built.docs[0].title
    assert record["href"] == "../" + built.docs[0].url


def test_rebuild_keeps_other_files_and_drops_old_records(tmp_path: Path) -> None:
    out = tmp_path / "search"
    build_search_index(make_docs(20), out)
    (out / "index.html").write_text("page", encoding="utf-8")
    stats = build_search_index(make_docs(3), out)
    assert (out / "index.html").read_text(encoding="utf-8") == "page"
    assert stats.records == 3 + 6  # 3 generated + the special records
    assert len(list((out / "records").glob("*.bin"))) == stats.records
    assert stats.bytes == sum(p.stat().st_size for p in out.rglob("*.bin"))


def test_site_root_sets_links(tmp_path: Path) -> None:
    doc = SearchDoc(url="a/b/", title="t", text="x", excerpt="x", filters={})
    build_search_index([doc], tmp_path / "deep" / "search", site_root=tmp_path)
    record = json.loads(read(tmp_path / "deep" / "search" / "records" / "0.bin"))
    assert record["href"] == "../../a/b/"


def test_helpers() -> None:
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert shard_count(0) == 1
    assert shard_count(100_000) == 8
    assert record_href("/x/y/", ".") == "x/y/"
