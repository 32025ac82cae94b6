"""Specification of the sample catalog in ``catalog/`` that newcomers learn from.

    pytest tests/test_sample_catalog.py -q

The sample must pass every check, and it must show every kind of record, every
right type, every channel and both recognition modes, so that each page of the
site and each rule has a real example to read.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from usefirst.catalog import Catalog, Record, load_catalog
from usefirst.cli import main
from usefirst.exitcodes import OK
from usefirst.identifiers import find_mobile_numbers, find_resident_ids
from usefirst.kinds import (
    ATTACHMENT_FOLDER,
    CONTRACT_KINDS,
    FOLDER_KINDS,
    UNIT_FILE,
    UNIT_KIND,
)
from usefirst.matching import Matcher, Profile
from usefirst.repository import Repository

ROOT = Path(__file__).resolve().parents[1]
THRESHOLD = Decimal(500000)
MAGIC = {
    ".pdf": b"%PDF-",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
}
# the only fields where an identity number or a personal phone may be written
PRIVATE_KEYS = {"id_number", "phone", "contact_person", "contact_phone"}
PRIVATE_PARENTS = {"inventor", "licensee", "partner"}
NUMBER = re.compile(r"^XYHZ-CG-(\d{4})-(\d{6})$")
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


@pytest.fixture(scope="module")
def repository() -> Repository:
    return Repository.find(ROOT)


@pytest.fixture(scope="module")
def catalog(repository: Repository) -> Catalog:
    loaded, problems = load_catalog(repository, use_cache=False)
    assert problems == []
    return loaded


def achievements(catalog: Catalog) -> list[Record]:
    return catalog.of_kind("achievement")


def text_of(record: Record) -> str:
    """Join the searchable text of an achievement."""
    data = record.data
    parts = [data["title"], data["summary"], *data.get("keywords", [])]
    return " ".join([*parts, *data.get("application_fields", [])])


def received(catalog: Catalog, contract_ids: list[str]) -> Decimal:
    """Sum what was actually received under the given contracts."""
    return sum(
        (
            Decimal(str(payment["amount"]))
            for contract_id in contract_ids
            for payment in catalog.get(contract_id).data["payments"]
        ),
        Decimal(0),
    )


def attachments(value: Any) -> Iterator[dict[str, str]]:
    """Yield every attachment reference inside a record's data."""
    if isinstance(value, dict):
        if set(value) >= {"file", "sha256"}:
            yield value
        for item in value.values():
            yield from attachments(item)
    elif isinstance(value, list):
        for item in value:
            yield from attachments(item)


def strings(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple]:
    """Yield ``(path, text)`` for every string inside a record's data."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, (*path, index))
    elif isinstance(value, str):
        yield path, value


def is_private(path: tuple) -> bool:
    return len(path) == 2 and path[0] in PRIVATE_PARENTS and path[1] in PRIVATE_KEYS


# ---------------------------------------------------------------------------
# The whole sample passes every check
# ---------------------------------------------------------------------------


def test_validate_reports_no_problem_on_the_sample(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["--root", str(ROOT), "validate", "--format", "json", "--no-cache"])
    output = capsys.readouterr().out
    assert json.loads(output) == []
    assert code == OK


def test_every_record_file_names_its_schema_for_editors(
    repository: Repository,
) -> None:
    files = sorted(repository.catalog_dir.glob("*/**/*.yaml"))
    assert len(files) > 60
    for path in files:
        text = path.read_text(encoding="utf-8")
        match = SCHEMA_LINE.match(text.splitlines()[0])
        assert match, f"{path}: the first line should name the schema"
        schema = (path.parent / match.group(1)).resolve()
        assert schema.is_file(), f"{path}: {schema} does not exist"
        kind = UNIT_KIND if path.name == UNIT_FILE else FOLDER_KINDS[path.parent.name]
        assert schema.name == f"{kind}.schema.json", path
        assert f"\nkind: {kind}\n" in text, path


# ---------------------------------------------------------------------------
# Units
# ---------------------------------------------------------------------------


def test_every_type_of_unit_has_an_example(catalog: Catalog) -> None:
    types = Counter(unit.data["type"] for unit in catalog.units().values())
    for kind in (
        "university",
        "institute",
        "hospital",
        "city_bureau",
        "enterprise",
        "insurer",
        "guarantor",
    ):
        assert types[kind] >= 1, kind
    assert types["university"] >= 2
    assert types["enterprise"] >= 2


def test_units_publish_an_office_landline_and_maintainers(catalog: Catalog) -> None:
    for unit in catalog.units().values():
        assert unit.data["maintainers"]
        assert "uscc" in unit.data
        assert re.fullmatch(r"0\d{2,3}-\d{7,8}", unit.data["contact"]["phone"])


# ---------------------------------------------------------------------------
# Achievements
# ---------------------------------------------------------------------------


def test_thirty_achievements_across_units_cities_and_clusters(
    catalog: Catalog,
) -> None:
    records = achievements(catalog)
    assert len(records) >= 30
    assert len({r.data["unit"] for r in records}) >= 6
    assert len({r.data["city"] for r in records}) >= 4
    clusters = {code for r in records for code in r.data["clusters"]}
    assert len(clusters) >= 12
    assert {r.data["trl"] for r in records} >= {5, 6, 7, 8, 9}


def test_every_right_type_has_an_example(
    catalog: Catalog, repository: Repository
) -> None:
    types = {right["type"] for r in achievements(catalog) for right in r.data["rights"]}
    assert types == set(repository.schemas.vocabulary("right_type"))


def test_every_channel_has_an_example(catalog: Catalog, repository: Repository) -> None:
    channels = Counter(r.data["channel"] for r in achievements(catalog))
    enum = repository.schemas.field_schema("achievement", ("channel",))["enum"]
    assert set(channels) == set(enum)
    assert channels["inventor"] >= 10


def test_city_batch_achievements_live_with_a_city_bureau_and_name_the_holder(
    catalog: Catalog,
) -> None:
    units = catalog.units()
    batch = [r for r in achievements(catalog) if r.data["channel"] == "city_batch"]
    assert len(batch) >= 4
    for record in batch:
        assert units[record.data["unit"]].data["type"] == "city_bureau"
        assert record.data["holder"] != units[record.data["unit"]].data["name"]


def test_summaries_read_like_a_transfer_office_wrote_them(catalog: Catalog) -> None:
    for record in achievements(catalog):
        assert 150 <= len(record.data["summary"]) <= 400, record.id
        assert len(record.data["keywords"]) >= 3, record.id
        assert record.data["application_fields"], record.id


def test_free_use_offers_are_at_least_a_year(catalog: Catalog) -> None:
    offers = [r.data["offer"] for r in achievements(catalog) if "offer" in r.data]
    assert len(offers) >= 20
    assert all(offer["free_months"] >= 12 for offer in offers)
    assert any(
        r.data.get("funding", {}).get("provincial_fiscal")
        for r in achievements(catalog)
    )


@pytest.mark.parametrize(
    "term",
    ["锂电池", "电池", "固态电池", "石墨烯", "新能源汽车", "人工智能", "5G基站"]
    + ["SiC", "碳化硅", "中药", "水稻"],
)
def test_search_terms_of_the_site_tests_find_achievements(
    catalog: Catalog, term: str
) -> None:
    assert any(term in text_of(r) for r in achievements(catalog))


def test_battery_achievements_differ_in_how_they_name_the_battery(
    catalog: Catalog,
) -> None:
    battery = [r for r in achievements(catalog) if "电池" in text_of(r)]
    lithium = [r for r in battery if "锂电池" in text_of(r)]
    assert len(lithium) >= 3
    assert len(battery) - len(lithium) >= 3
    assert any("固态电池" in text_of(r) and "锂电池" not in text_of(r) for r in battery)


def test_approved_achievements_are_numbered_in_order_of_admission(
    catalog: Catalog,
) -> None:
    numbered = [r for r in achievements(catalog) if "number" in r.data]
    by_year: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for record in numbered:
        year, serial = NUMBER.match(record.data["number"]).groups()
        assert record.data["admitted_on"].startswith(year)
        by_year[year].append((record.data["admitted_on"], record.id, int(serial)))
    for entries in by_year.values():
        serials = [serial for _, _, serial in sorted(entries)]
        assert serials == list(range(1, len(entries) + 1))


def test_a_few_new_inventor_filings_wait_for_their_number(catalog: Catalog) -> None:
    pending = [r for r in achievements(catalog) if "number" not in r.data]
    assert 2 <= len(pending) <= 3
    for record in pending:
        assert record.data["channel"] == "inventor"
        assert "admitted_on" not in record.data


def test_exited_achievements_show_both_ways_out(catalog: Catalog) -> None:
    exited = [r for r in achievements(catalog) if r.data["status"] == "exited"]
    funded = [r for r in exited if r.data["funding"]["provincial_fiscal"]]
    free = [r for r in exited if not r.data["funding"]["provincial_fiscal"]]
    assert funded and free
    for record in funded:
        assert record.data["exit"]["proof_type"]
        assert record.data["exit"]["proof"]["file"]
    for record in free:
        assert "proof" not in record.data["exit"]


# ---------------------------------------------------------------------------
# Contracts, applications and filings
# ---------------------------------------------------------------------------


def test_each_contract_kind_has_examples(catalog: Catalog) -> None:
    assert len(catalog.of_kind("first_use_contract")) >= 5
    assert len(catalog.of_kind("pay_later_contract")) >= 3
    cooperation = catalog.of_kind("cooperation_contract")
    assert len(cooperation) >= 2
    assert {c.data["first_partnership"] for c in cooperation} == {True, False}


def test_contracts_concern_inventor_filed_achievements_in_stock(
    catalog: Catalog,
) -> None:
    for kind in CONTRACT_KINDS:
        for contract in catalog.of_kind(kind):
            achievement = catalog.get(contract.data["achievement"])
            assert achievement.data["channel"] == "inventor", contract.id
            assert achievement.data["status"] == "in_stock", contract.id
            assert "number" in achievement.data, contract.id
            assert contract.data["unit"] == achievement.data["unit"], contract.id


def test_pay_later_contracts_follow_a_first_use_contract_of_the_same_achievement(
    catalog: Catalog,
) -> None:
    for contract in catalog.of_kind("pay_later_contract"):
        first_use = catalog.get(contract.data["first_use_contract"])
        assert first_use.kind == "first_use_contract"
        assert first_use.data["achievement"] == contract.data["achievement"]
        assert first_use.data["signed_on"] <= contract.data["signed_on"]
        for payment in contract.data["payments"]:
            assert "2025-01-01" <= payment["date"] <= "2026-11-30"


def test_first_use_contracts_give_at_least_a_year_free(catalog: Catalog) -> None:
    for contract in catalog.of_kind("first_use_contract"):
        period = contract.data["free_period"]
        assert contract.data["signed_on"] <= period["start"]
        start = date.fromisoformat(period["start"])
        last_day = date.fromisoformat(period["end"])
        # the end date is the last free day: 2026-12-01 to 2027-11-30 is one year
        assert last_day + timedelta(days=1) >= start.replace(year=start.year + 1)


def test_both_recognition_modes_reach_the_threshold(catalog: Catalog) -> None:
    applications = catalog.of_kind("recognition_application")
    assert {a.data["mode"] for a in applications} == {"pay_later", "cooperation"}
    assert len(applications) >= 3
    for application in applications:
        ids = application.data["contracts"]
        assert received(catalog, ids) >= THRESHOLD, application.id
        if application.data["mode"] == "cooperation":
            assert len(ids) == 1
            assert catalog.get(ids[0]).data["first_partnership"] is True
    assert any(len(a.data["contracts"]) > 1 for a in applications)


def test_exercise_rights_filing_belongs_to_an_inventor_and_the_owner(
    catalog: Catalog,
) -> None:
    filings = catalog.of_kind("exercise_rights_filing")
    assert filings
    for filing in filings:
        achievement = catalog.get(filing.data["achievement"])
        names = {i["name"] for i in achievement.data["inventors"]}
        assert filing.data["inventor"]["name"] in names
        assert filing.data["unit"] == achievement.data["unit"]


def test_contract_numbers_are_unique_and_some_contracts_are_pending(
    catalog: Catalog,
) -> None:
    numbered = [
        record
        for kind in (*CONTRACT_KINDS, "exercise_rights_filing")
        for record in catalog.of_kind(kind)
    ]
    numbers = [r.data["number"] for r in numbered if "number" in r.data]
    assert len(numbers) == len(set(numbers))
    assert 0 < len(numbers) < len(numbered)


# ---------------------------------------------------------------------------
# Products, needs, attachments and privacy
# ---------------------------------------------------------------------------


def test_insurers_guarantors_and_enterprises_post_their_records(
    catalog: Catalog,
) -> None:
    units = catalog.units()
    products = catalog.of_kind("insurance_product")
    assert len(products) >= 3
    assert {p.data["category"] for p in products} == {"insurance", "guarantee"}
    for product in products:
        assert units[product.data["unit"]].data["type"] in {"insurer", "guarantor"}
    needs = catalog.of_kind("technology_need")
    assert len(needs) >= 4
    for need in needs:
        assert units[need.data["unit"]].data["type"] == "enterprise"


NEED_MATCHES = {
    "hz-pengcheng-need-001": "scut-2025-001",  # 动力电池热失控 → 锂电池热失控预警
    "hz-pengcheng-need-002": "scut-2025-002",  # 固态电解质 → 全固态电池电解质
    "hz-pengcheng-need-003": "dongguan-kjj-2026-001",  # 极片检测 → 极片视觉检测
    "zh-qixin-need-001": "szu-2025-001",  # 碳化硅模块封装 → SiC 银烧结封装
    "zh-qixin-need-002": "scut-2025-003",  # 5G基站功放 → GaN Doherty 功放
}


def profile(record: Record, text: str) -> Profile:
    data = record.data
    return Profile(
        record.id, data["title"], text, tuple(data["clusters"]), data["city"]
    )


def test_each_technology_need_finds_its_achievement_first(catalog: Catalog) -> None:
    matcher = Matcher(profile(r, text_of(r)) for r in achievements(catalog))
    for need_id, achievement_id in NEED_MATCHES.items():
        need = catalog.get(need_id)
        text = " ".join([need.data["description"], *need.data.get("keywords", [])])
        assert matcher.rank(profile(need, text))[0].id == achievement_id, need_id


def test_attachments_exist_match_their_hash_and_are_small(
    catalog: Catalog, repository: Repository
) -> None:
    referenced = set()
    for record in catalog.records:
        for attachment in attachments(record.data):
            path = repository.catalog_dir / record.folder / attachment["file"]
            data = path.read_bytes()
            assert hashlib.sha256(data).hexdigest() == attachment["sha256"], path
            assert data.startswith(MAGIC[path.suffix]), path
            assert len(data) < 2048, path
            if path.suffix == ".pdf":
                assert data.startswith(b"%PDF-1.4") and data.endswith(b"%%EOF")
            referenced.add(path)
    on_disk = set(repository.catalog_dir.glob(f"*/{ATTACHMENT_FOLDER}/*"))
    assert on_disk == referenced
    assert {p.suffix for p in referenced} == {".pdf", ".png", ".jpg"}


def test_no_identity_or_mobile_number_outside_private_fields(
    catalog: Catalog,
) -> None:
    private = []
    for record in catalog.records:
        for path, text in strings(record.data):
            found = find_resident_ids(text) + find_mobile_numbers(text)
            if found and not is_private(path):
                pytest.fail(f"{record.file} {path}: {found}")
            private += found
    assert private, "the filing should show where private numbers go"
