"""A repository the site cannot be built from stops the build with a Chinese error.

    pytest tests/site/test_site_broken.py -q

Broken schemas and a missing catalog are mistakes of the people who maintain
the catalog: ``mkdocs build`` fails, names what is wrong in Chinese and shows
no traceback.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from site_catalog import PROJECT, achievement, build, unit, write_repository


def assert_stopped(result: subprocess.CompletedProcess[str], message: str) -> None:
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert "Traceback" not in log
    assert message in log


def test_a_schema_file_that_is_not_json_stops_the_build(tmp_path: Path) -> None:
    root = write_repository(
        tmp_path / "repo", [unit("scut"), achievement("scut-2026-001")]
    )
    (root / "schemas" / "achievement.schema.json").write_text("{", encoding="utf-8")
    assert_stopped(
        build(root, tmp_path / "public"),
        "记录格式文件 schemas/achievement.schema.json 有误："
        "第 1 行第 2 列不是有效的 JSON",
    )


def test_a_missing_shared_schema_stops_the_build(tmp_path: Path) -> None:
    root = write_repository(
        tmp_path / "repo", [unit("scut"), achievement("scut-2026-001")]
    )
    (root / "schemas" / "common.schema.json").unlink()
    assert_stopped(
        build(root, tmp_path / "public"),
        "记录格式文件 schemas/common.schema.json 有误：文件不存在",
    )


def test_a_site_without_a_catalog_stops_the_build(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(PROJECT / "site", root / "site")
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    assert_stopped(
        build(root, tmp_path / "public"),
        "没有找到成果库（含 catalog/ 和 schemas/ 的文件夹）",
    )
