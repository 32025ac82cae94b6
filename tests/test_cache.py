"""Specification of the per-file check cache (usefirst.filecheck).

    pytest tests/test_cache.py -q

A file's result depends only on its bytes, its place, the schemas and the
tool, so it is kept in ``files/`` of the cache folder (one shard per unit
folder) and reused while all four stay the same. The cache folder lies outside
the repository (``$XDG_CACHE_HOME/usefirst/<digest of the root>``, or
``$USEFIRST_CACHE_DIR``): a pull request cannot plant a cache to be unpickled.
The cache only ever saves time: a run with it reports exactly what a run
without it reports.
"""

from __future__ import annotations

import json
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from usefirst.catalog import record_files
from usefirst.filecheck import CACHE_FOLDER, check_files
from usefirst.repository import Repository

ROOT = Path(__file__).resolve().parents[1]
USEFIRST = Path(sys.executable).with_name("usefirst")
CHECKING = re.compile(r"checking (\S+)")

UNIT = """\
kind: unit
id: {unit}
name: 岭南测试大学{unit}
type: university
city: "440100"
contact:
  name: 技术转移中心
  phone: 020-87110000
maintainers: [{unit}-ttc]
"""
ACHIEVEMENT = """\
kind: achievement
id: {unit}-2025-001
title: 高安全固态电解质制备技术
unit: {unit}
channel: unit_batch
inventors:
  - name: 张伟
rights:
  - type: software_copyright
    number: {number}
summary: 本成果提出一种高安全固态电解质的制备方法，适合动力电池企业转化实施。
clusters: [new-energy]
city: "440100"
status: in_stock
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("USEFIRST_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "schemas", root / "schemas")
    for unit, number in (("north", "2020SR0123456"), ("south", "2021SR0654321")):
        folder = root / "catalog" / unit
        (folder / "achievements").mkdir(parents=True)
        (folder / "unit.yaml").write_text(UNIT.format(unit=unit), "utf-8")
        achievement = folder / "achievements" / f"{unit}-2025-001.yaml"
        text = ACHIEVEMENT.format(unit=unit, number=number)
        achievement.write_text(text, "utf-8")
    return root


def validate(root: Path, *args: str) -> tuple[int, list[dict], set[str]]:
    """Run a check; return exit code, problems and the files parsed anew."""
    result = subprocess.run(
        [str(USEFIRST), "-vv", "validate", "--format", "json", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in result.stderr
    checked = set(CHECKING.findall(result.stderr))
    return result.returncode, json.loads(result.stdout), checked


def cache_folder(root: Path) -> Path:
    return root.parent / "cache" / CACHE_FOLDER


def shards(root: Path) -> dict[str, bytes]:
    folder = cache_folder(root)
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*"))}


NORTH = "catalog/north/achievements/north-2025-001.yaml"
ALL_FILES = {
    "catalog/north/unit.yaml",
    NORTH,
    "catalog/south/unit.yaml",
    "catalog/south/achievements/south-2025-001.yaml",
}


def test_first_run_checks_every_file_and_the_second_none(repo: Path) -> None:
    assert validate(repo) == (0, [], ALL_FILES)
    assert len(shards(repo)) == 2
    assert validate(repo) == (0, [], set())


def test_a_changed_file_alone_is_checked_again(repo: Path) -> None:
    validate(repo)
    path = repo / NORTH
    path.write_text(path.read_text("utf-8") + "trl: 12\n", "utf-8")
    code, problems, checked = validate(repo)
    assert checked == {NORTH}
    assert code == 1
    assert [(p["file"], p["rule"], p["line"]) for p in problems] == [
        (NORTH, "SCHEMA.maximum", 15)
    ]


def test_a_touched_but_unchanged_file_is_not_checked_again(repo: Path) -> None:
    validate(repo)
    path = repo / NORTH
    path.write_bytes(path.read_bytes())
    assert validate(repo)[2] == set()


def test_only_the_shard_of_the_changed_folder_is_written(repo: Path) -> None:
    validate(repo)
    before = {name: path.stat().st_mtime_ns for name, path in _shard_paths(repo)}
    path = repo / NORTH
    path.write_text(path.read_text("utf-8") + "trl: 5\n", "utf-8")
    validate(repo)
    after = {name: path.stat().st_mtime_ns for name, path in _shard_paths(repo)}
    assert sum(before[name] != after[name] for name in before) == 1


def _shard_paths(root: Path) -> list[tuple[str, Path]]:
    folder = cache_folder(root)
    return [(path.name, path) for path in sorted(folder.glob("*.pickle"))]


def test_cached_problems_equal_fresh_problems(repo: Path) -> None:
    path = repo / NORTH
    path.write_text(path.read_text("utf-8").replace("in_stock", "gone"), "utf-8")
    (repo / "catalog/south/unit.yaml").write_text("kind: unit\n\tid: x\n", "utf-8")
    fresh = validate(repo, "--no-cache")
    first = validate(repo)
    cached = validate(repo)
    assert fresh[0] == first[0] == cached[0] == 1
    assert fresh[1] == first[1] == cached[1]
    assert [p["rule"] for p in fresh[1]] == ["SCHEMA.enum", "YAML.syntax"]
    assert cached[2] == set()


def test_findings_from_cached_facts_equal_fresh_findings(repo: Path) -> None:
    # the privacy and attachment rules read facts kept in the cache
    path = repo / NORTH
    text = path.read_text("utf-8").replace("适合", "联系人 13812345678，适合")
    text = text.replace("status: in_stock", "status: exited")
    path.write_text(
        text + "exit:\n  date: 2026-01-05\n  reason: 转让\n  proof:\n"
        "    file: attachments/missing.pdf\n    sha256: " + "0" * 64 + "\n",
        "utf-8",
    )
    fresh = validate(repo, "--no-cache")
    validate(repo)
    south = repo / "catalog/south/unit.yaml"
    south.write_text(south.read_text("utf-8") + "short_name: 南\n", "utf-8")
    cached = validate(repo)
    assert cached[2] == {"catalog/south/unit.yaml"}
    assert fresh[:2] == cached[:2]
    assert {p["rule"] for p in cached[1]} >= {"PRIVACY.mobile", "ATTACHMENT.missing"}


def test_changed_schema_invalidates_the_cache(repo: Path) -> None:
    validate(repo)
    schema_path = repo / "schemas" / "achievement.schema.json"
    schema = json.loads(schema_path.read_text("utf-8"))
    schema["properties"]["title"]["maxLength"] = 5
    schema_path.write_text(json.dumps(schema, ensure_ascii=False), "utf-8")
    code, problems, checked = validate(repo)
    assert checked == ALL_FILES
    assert code == 1
    assert {p["rule"] for p in problems} == {"SCHEMA.maxLength"}


def test_moved_file_is_checked_at_its_new_place(repo: Path) -> None:
    validate(repo)
    target = repo / "catalog/south/achievements/north-2025-001.yaml"
    (repo / NORTH).rename(target)
    code, problems, checked = validate(repo)
    assert checked == {"catalog/south/achievements/north-2025-001.yaml"}
    assert code == 1
    assert [p["rule"] for p in problems] == ["LAYOUT.unit"]


def test_deleted_file_leaves_the_cache_when_its_shard_is_written(repo: Path) -> None:
    validate(repo)
    (repo / NORTH).unlink()
    (repo / "catalog/north/unit.yaml").write_text(
        UNIT.format(unit="north") + "short_name: 北\n", "utf-8"
    )
    assert validate(repo) == (0, [], {"catalog/north/unit.yaml"})
    stored = b"".join(shards(repo).values())
    assert NORTH.encode() not in stored
    assert b"catalog/south/achievements/south-2025-001.yaml" in stored


def test_damaged_cache_is_ignored_and_rebuilt(repo: Path) -> None:
    validate(repo)
    for name, _ in _shard_paths(repo):
        (cache_folder(repo) / name).write_bytes(b"\x80garbage")
    assert validate(repo) == (0, [], ALL_FILES)
    assert validate(repo) == (0, [], set())


def test_no_cache_neither_reads_nor_writes(repo: Path) -> None:
    assert validate(repo, "--no-cache") == (0, [], ALL_FILES)
    assert not (repo.parent / "cache").exists()
    validate(repo)
    before = shards(repo)
    path = repo / NORTH
    path.write_text(path.read_text("utf-8") + "trl: 5\n", "utf-8")
    assert validate(repo, "--no-cache")[2] == ALL_FILES
    assert shards(repo) == before


def test_unwritable_cache_only_warns(repo: Path) -> None:
    (repo.parent / "cache").write_text("not a folder", "utf-8")
    result = subprocess.run(
        [str(USEFIRST), "validate"], cwd=repo, capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout == "检查通过：没有发现问题。\n"
    assert "cache not written" in result.stderr
    assert "Traceback" not in result.stderr


def test_cached_documents_keep_their_lines(repo: Path) -> None:
    repository = Repository(repo)
    files = record_files(repository)
    first = check_files(repository, files)
    again = check_files(repository, files)
    assert [r.file for r in again] == [r.file for r in first]
    north = next(r for r in again if r.file == NORTH)
    assert (
        north.document.data == next(r for r in first if r.file == NORTH).document.data
    )
    assert north.document.line_of(("rights", 0, "number")) == 10


class _Planted:
    """Unpickling this creates a marker file: proof the pickle was read."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (open, (str(self.marker), "w"))


def test_a_cache_planted_in_the_repository_is_never_read(repo: Path) -> None:
    marker = repo.parent / "planted-code-ran"
    planted = pickle.dumps(_Planted(marker))
    names = [*shards(validate(repo) and repo), "planted.pickle"]
    for folder in (repo / ".cache/usefirst" / CACHE_FOLDER, repo / CACHE_FOLDER):
        folder.mkdir(parents=True)
        for name in names:
            (folder / name).write_bytes(planted)
    shutil.rmtree(cache_folder(repo))
    assert validate(repo) == (0, [], ALL_FILES)
    assert not marker.exists()


def test_default_cache_is_per_repository_under_xdg_cache_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("USEFIRST_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    first, second = Repository(tmp_path / "one"), Repository(tmp_path / "two")
    assert first.cache_dir.parent == tmp_path / "xdg" / "usefirst"
    assert len(first.cache_dir.name) == 16
    assert first.cache_dir != second.cache_dir
    assert Repository(tmp_path / "one").cache_dir == first.cache_dir
