"""A record that fails a check is not published, and the strict build says so."""

from __future__ import annotations

import datetime
import json
import subprocess
from pathlib import Path

import pytest
from hostile import CONTACT_MOBILE, ID_NUMBER
from site_catalog import (
    BuiltSite,
    achievement,
    build,
    first_use,
    unit,
    write_repository,
)
from test_site_privacy import built_text

from usefirst.check import check_repository
from usefirst.publish import public_view, withhold
from usefirst.repository import Repository

TODAY = datetime.date(2026, 12, 1)
SECRET_NUMBER = "ZL201810123456.5"
SECRET_TITLE = "雷达隐身吸波涂层制备技术"
GOOD = "scut-2026-001"
SECRET = "scut-2026-002"
PERSONAL = "scut-2026-003"
SHORT_FREE_PERIOD = {"start": "2026-04-01", "end": "2026-06-30"}


def _records() -> list[dict]:
    return [
        unit("scut"),
        achievement(GOOD),
        # NOTICE.secret_patent: a secret patent may not even be named.
        achievement(
            SECRET,
            number="XYHZ-CG-2026-000002",
            title=SECRET_TITLE,
            rights=[{"type": "patent", "number": SECRET_NUMBER, "secret_patent": True}],
        ),
        # PRIVACY.*: personal numbers in text the site would show.
        achievement(
            PERSONAL,
            number="XYHZ-CG-2026-000003",
            summary=f"欢迎联系 {CONTACT_MOBILE}，身份证 {ID_NUMBER}。",
        ),
        # NOTICE.*: a free period shorter than a year.
        first_use("scut-fu-001", GOOD, free_period=SHORT_FREE_PERIOD),
        # A unit file with an error keeps every record of the unit off the site.
        unit("szu", contact={"name": "技术转移中心", "phone": CONTACT_MOBILE}),
        achievement("szu-2026-001", "szu", number="XYHZ-CG-2026-000004"),
    ]


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_repository(tmp_path_factory.mktemp("withheld"), _records())


@pytest.fixture(scope="module")
def strict_build(repository: Path) -> subprocess.CompletedProcess[str]:
    return build(repository, repository / "strict")


@pytest.fixture(scope="module")
def lenient_site(repository: Path) -> BuiltSite:
    result = build(repository, repository / "lenient", strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(repository, repository / "lenient")


def test_only_records_whose_files_pass_every_check_are_public(
    repository: Path,
) -> None:
    catalog, problems = check_repository(Repository.find(repository), today=TODAY)

    withheld = withhold(catalog, problems)
    view = public_view(catalog, withheld)

    assert [record["id"] for record in view.achievements] == [GOOD]
    assert set(view.units) == {"scut"}
    assert view.contracts == []
    assert withheld.units == {"szu"}
    assert withheld.files == {
        f"catalog/scut/achievements/{SECRET}.yaml",
        f"catalog/scut/achievements/{PERSONAL}.yaml",
        "catalog/scut/first_use_contracts/scut-fu-001.yaml",
        "catalog/szu/unit.yaml",
    }


def test_the_strict_build_fails_and_names_the_first_errors(
    strict_build: subprocess.CompletedProcess[str],
) -> None:
    log = strict_build.stdout + strict_build.stderr
    warnings = [line for line in log.splitlines() if line.startswith("WARNING")]

    assert strict_build.returncode != 0
    assert len(warnings) == 1, log
    assert "5 个错误" in warnings[0]
    assert f"catalog/scut/achievements/{SECRET}.yaml:" in warnings[0]
    assert "NOTICE.secret_patent" in warnings[0]
    assert "usefirst validate" in warnings[0]


def test_the_build_log_warns_in_chinese_and_informs_in_english(
    strict_build: subprocess.CompletedProcess[str],
) -> None:
    log = strict_build.stdout + strict_build.stderr
    ours = [line for line in log.splitlines() if " usefirst: " in line]

    assert {line.split()[0] for line in ours} == {"INFO", "WARNING"}
    for line in ours:
        has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in line)
        assert has_cjk is line.startswith("WARNING"), line


def test_a_lenient_build_shows_nothing_of_a_withheld_record(
    lenient_site: BuiltSite,
) -> None:
    text = built_text(lenient_site)

    for value in (SECRET_NUMBER, SECRET_TITLE, CONTACT_MOBILE, ID_NUMBER):
        assert value not in text
    assert not (lenient_site.site / "achievements" / SECRET).exists()
    assert not (lenient_site.site / "units" / "szu").exists()
    assert (lenient_site.site / "achievements" / GOOD / "index.html").is_file()


def test_the_open_data_of_a_lenient_build_has_only_published_records(
    lenient_site: BuiltSite,
) -> None:
    data = json.loads((lenient_site.site / "data" / "catalog.json").read_text("utf-8"))
    rows = (lenient_site.site / "data" / "achievements.csv").read_text("utf-8-sig")

    assert [record["id"] for record in data["achievements"]] == [GOOD]
    assert data["contract_counts"] == {}
    assert len(rows.splitlines()) == 2
