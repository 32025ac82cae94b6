"""A small catalog for the report tests, written as YAML files.

    root = write_catalog(tmp_path)       # three units, six achievements, contracts
    raw = raw_records(root)              # every record as plain YAML data, by id

Applications of 2026 (submitted 2026-10-01 unless said otherwise):

- scut-ra-2026-001, pay-later on scut-2025-001: scut-pl-001 received 350,000.50
  before and 100,000 after the application; scut-pl-002 150,000.25. Eligible.
- szu-ra-2026-001 and szu-ra-2026-002, pay-later on szu-2025-001, 520,000 each,
  equal in every criterion. Eligible, tied.
- szu-ra-2026-003, cooperation on szu-2025-002 (a first partnership), 700,000,
  submitted before the achievement exited. Eligible.
- scut-ra-2026-002, cooperation on scut-2025-002, not a first partnership.
- scut-ra-2026-003, pay-later on the batch-imported scut-2025-003, naming a
  contract of another achievement that another application already uses.
- scut-ra-2025-001 belongs to 2025.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from usefirst.kinds import KIND_FOLDERS

ROOT = Path(__file__).resolve().parents[2]
SHA = "cd" * 32
LICENSEE = {"name": "惠州市鹏程新能源科技有限公司", "uscc": "91440101MA59AB123R"}
UNITS = [
    ("scut", "华南理工大学", "university", "440100"),
    ("szu", "深圳大学", "university", "440300"),
    ("fs-kjj", "佛山市科学技术局", "city_bureau", "440600"),
]


def _scan(name: str) -> dict[str, str]:
    return {"file": f"attachments/{name}.pdf", "sha256": SHA}


def achievement(
    record_id: str,
    *,
    inventors: list[str],
    clusters: list[str],
    city: str,
    admitted_on: str | None,
    channel: str = "inventor",
    number: str | None = None,
    exited_on: str | None = None,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "achievement",
        "id": record_id,
        "title": f"测试成果 {record_id} 的技术名称",
        "unit": record_id.rsplit("-", 2)[0],
        "channel": channel,
        "inventors": [{"name": name} for name in inventors],
        "rights": [{"type": "technical_secret"}],
        "summary": "这是一项用于报表测试的科技成果简介，长度超过二十个字。",
        "clusters": clusters,
        "city": city,
        "status": "exited" if exited_on else "in_stock",
    }
    if channel == "inventor":
        data["filed_by"] = inventors[0]
        data["offer"] = {"license_types": ["non_exclusive"], "free_months": 12}
        data["funding"] = {"provincial_fiscal": False}
    if channel == "city_batch":
        data["holder"] = "佛山市某某研究院"
    if number:
        data["number"] = number
    if admitted_on:
        data["admitted_on"] = admitted_on
    if exited_on:
        data["exit"] = {"date": exited_on, "reason": "已转让给企业"}
    return data


def first_use(record_id: str, achievement_id: str, signed: str, end: str) -> dict:
    return {
        "kind": "first_use_contract",
        "id": record_id,
        "achievement": achievement_id,
        "unit": record_id.split("-")[0],
        "filed_by": "陈建华" if record_id.startswith("scut") else "刘志强",
        "signed_on": signed,
        "scan": _scan(record_id),
        "licensee": LICENSEE,
        "license_type": "non_exclusive",
        "free_period": {"start": signed, "end": end},
    }


def _payments(payments: list[tuple[str, str | int]]) -> list[dict[str, Any]]:
    return [
        {"date": date, "amount": amount, "receipt": _scan(f"receipt-{date}")}
        for date, amount in payments
    ]


def pay_later(
    record_id: str, achievement_id: str, first_use_id: str, signed: str, payments: list
) -> dict[str, Any]:
    return {
        "kind": "pay_later_contract",
        "id": record_id,
        "achievement": achievement_id,
        "unit": record_id.split("-")[0],
        "filed_by": "陈建华" if record_id.startswith("scut") else "刘志强",
        "first_use_contract": first_use_id,
        "mode": "license",
        "license_type": "non_exclusive",
        "signed_on": signed,
        "amount": 1000000,
        "payments": _payments(payments),
        "scan": _scan(record_id),
    }


def cooperation(
    record_id: str,
    achievement_id: str,
    first_use_id: str,
    signed: str,
    payments: list,
    first_partnership: bool,
) -> dict[str, Any]:
    data = pay_later(record_id, achievement_id, first_use_id, signed, payments)
    data.update(
        kind="cooperation_contract",
        mode="transfer",
        first_partnership=first_partnership,
    )
    data.pop("license_type")
    data["partner"] = LICENSEE
    return data


def application(
    record_id: str,
    year: int,
    mode: str,
    achievement_id: str,
    contracts: list[str],
    filed_by: str,
    submitted_on: str | None = "2026-10-01",
) -> dict[str, Any]:
    data = {
        "kind": "recognition_application",
        "id": record_id,
        "year": year,
        "unit": record_id.split("-")[0],
        "filed_by": filed_by,
        "mode": mode,
        "achievement": achievement_id,
        "contracts": contracts,
    }
    if submitted_on:
        data["submitted_on"] = submitted_on
    return data


def records() -> list[dict[str, Any]]:
    """Every record of the fixture catalog but the units."""
    return [
        achievement(
            "scut-2025-001",
            inventors=["陈建华", "李明"],
            clusters=["new-energy", "advanced-materials"],
            city="440100",
            admitted_on="2026-02-10",
            number="XYHZ-CG-2025-000001",
        ),
        achievement(
            "scut-2025-002",
            inventors=["陈建华"],
            clusters=["electronics"],
            city="440100",
            admitted_on="2025-11-01",
            number="XYHZ-CG-2025-000002",
        ),
        achievement(
            "scut-2025-003",
            inventors=["王芳"],
            clusters=["robotics"],
            city="440100",
            admitted_on="2026-03-01",
            channel="unit_batch",
        ),
        achievement(
            "szu-2025-001",
            inventors=["刘志强"],
            clusters=["semiconductors"],
            city="440300",
            admitted_on="2026-01-05",
            number="XYHZ-CG-2025-000003",
        ),
        achievement(
            "szu-2025-002",
            inventors=["刘志强"],
            clusters=["software", "electronics"],
            city="440300",
            admitted_on="2025-06-01",
            number="XYHZ-CG-2025-000004",
            exited_on="2026-09-01",
        ),
        achievement(
            "fs-kjj-2026-001",
            inventors=["黄伟"],
            clusters=["smart-appliances"],
            city="440600",
            admitted_on="2026-04-01",
            channel="city_batch",
        ),
        achievement(
            "scut-2024-009",
            inventors=["李明"],
            clusters=["software"],
            city="440100",
            admitted_on=None,
            number="XYHZ-CG-2024-000009",
        ),
        first_use("scut-fu-001", "scut-2025-001", "2025-04-15", "2026-06-30"),
        first_use("scut-fu-002", "scut-2025-001", "2026-01-20", "2027-01-31"),
        first_use("scut-fu-003", "scut-2025-002", "2026-03-01", "2027-02-28"),
        first_use("scut-fu-004", "scut-2025-002", "2024-12-01", "2025-12-31"),
        first_use("scut-fu-005", "scut-2025-002", "2026-04-01", "2027-03-31"),
        first_use("scut-fu-006", "scut-2025-002", "2026-11-01", "2027-12-31"),
        first_use("szu-fu-001", "szu-2025-001", "2026-02-01", "2027-01-31"),
        first_use("szu-fu-002", "szu-2025-002", "2025-07-01", "2026-06-30"),
        pay_later(
            "scut-pl-001",
            "scut-2025-001",
            "scut-fu-001",
            "2026-05-01",
            [("2026-05-10", "350000.50"), ("2026-12-20", 100000)],
        ),
        pay_later(
            "scut-pl-002",
            "scut-2025-001",
            "scut-fu-002",
            "2026-06-01",
            [("2026-07-01", "150000.25")],
        ),
        pay_later(
            "szu-pl-001",
            "szu-2025-001",
            "szu-fu-001",
            "2026-04-01",
            [("2026-04-15", 520000)],
        ),
        pay_later(
            "szu-pl-002",
            "szu-2025-001",
            "szu-fu-001",
            "2026-05-01",
            [("2026-05-02", 400000), ("2026-05-20", 120000)],
        ),
        cooperation(
            "szu-co-001",
            "szu-2025-002",
            "szu-fu-002",
            "2026-07-01",
            [("2026-07-15", 700000)],
            True,
        ),
        cooperation(
            "scut-co-001",
            "scut-2025-002",
            "scut-fu-003",
            "2026-07-20",
            [("2026-08-01", 800000)],
            False,
        ),
        application(
            "scut-ra-2026-001",
            2026,
            "pay_later",
            "scut-2025-001",
            ["scut-pl-001", "scut-pl-002"],
            "陈建华",
        ),
        application(
            "szu-ra-2026-001",
            2026,
            "pay_later",
            "szu-2025-001",
            ["szu-pl-001"],
            "刘志强",
            None,
        ),
        application(
            "szu-ra-2026-002",
            2026,
            "pay_later",
            "szu-2025-001",
            ["szu-pl-002"],
            "刘志强",
            None,
        ),
        application(
            "szu-ra-2026-003",
            2026,
            "cooperation",
            "szu-2025-002",
            ["szu-co-001"],
            "刘志强",
            "2026-08-01",
        ),
        application(
            "scut-ra-2026-002",
            2026,
            "cooperation",
            "scut-2025-002",
            ["scut-co-001"],
            "陈建华",
        ),
        application(
            "scut-ra-2026-003",
            2026,
            "pay_later",
            "scut-2025-003",
            ["scut-pl-002"],
            "王芳",
        ),
        application(
            "scut-ra-2025-001",
            2025,
            "pay_later",
            "scut-2025-001",
            ["scut-pl-009"],
            "陈建华",
        ),
    ]


def write_catalog(root: Path) -> Path:
    """Write the schemas, units and records under ``root``."""
    shutil.copytree(ROOT / "schemas", root / "schemas")
    for unit, name, kind, city in UNITS:
        data = {
            "kind": "unit",
            "id": unit,
            "name": name,
            "type": kind,
            "city": city,
            "contact": {"name": "技术转移中心", "phone": "020-87110000"},
            "maintainers": [f"{unit}-ttc"],
        }
        _write(root / "catalog" / unit / "unit.yaml", data)
    for data in records():
        folder = KIND_FOLDERS[data["kind"]]
        _write(root / "catalog" / data["unit"] / folder / f"{data['id']}.yaml", data)
    return root


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def raw_records(root: Path) -> dict[str, dict[str, Any]]:
    """Read every record back as plain YAML data, by id."""
    found = {}
    for path in sorted((root / "catalog").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found[data["id"]] = data
    return found
