"""Small catalogs for the site tests: valid records and a repository to build.

    repo = write_repository(tmp_path, [unit("scut"), achievement("scut-2026-001")])
    subprocess.run([MKDOCS, "build", "--strict"], cwd=repo)

Each builder returns a record that passes every check (an unpublished record
has none of its data on the site); keyword arguments replace fields.
``write_repository`` lays records out as ``catalog/<unit>/<folder>/<id>.yaml``
next to the project's schemas, hand-written pages and ``mkdocs.yml``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from usefirst.kinds import KIND_FOLDERS

PROJECT = Path(__file__).resolve().parents[2]
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
SHA = "0" * 64
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
USCC = "91440300MA5FXXXX1Y"  # a made-up code with a right check character
Record = dict[str, Any]


@dataclass(frozen=True)
class BuiltSite:
    """A built site: the repository it came from and the folder it was built to."""

    repository: Path
    site: Path

    def text_files(self) -> Iterator[Path]:
        suffixes = {".html", ".json", ".csv", ".xml", ".js", ".css", ".txt", ".svg"}
        return (p for p in self.site.rglob("*") if p.suffix in suffixes)


def unit(unit_id: str, **fields: Any) -> Record:
    return {
        "kind": "unit",
        "id": unit_id,
        "name": f"{unit_id} 大学",
        "type": "university",
        "city": "440100",
        "contact": {"name": "技术转移中心", "phone": "020-87110000"},
        "maintainers": [f"{unit_id}-ttc"],
        **fields,
    }


def achievement(record_id: str, unit_id: str = "scut", **fields: Any) -> Record:
    return {
        "kind": "achievement",
        "id": record_id,
        "number": "XYHZ-CG-2026-000001",
        "admitted_on": "2026-03-01",
        "title": "高安全固态锂电池电解质制备技术",
        "unit": unit_id,
        "channel": "inventor",
        "filed_by": "陈建华",
        "inventors": [{"name": "陈建华", "title": "教授"}],
        "rights": [{"type": "patent", "number": "ZL201710601862.3"}],
        "summary": "采用原位聚合工艺制备固态电解质，室温离子电导率高，用于动力电池。",
        "clusters": ["new-energy"],
        "city": "440100",
        "trl": 6,
        "offer": {"license_types": ["non_exclusive"], "free_months": 12},
        "funding": {"provincial_fiscal": False},
        "status": "in_stock",
        **fields,
    }


def need(record_id: str, unit_id: str = "acme", **fields: Any) -> Record:
    return {
        "kind": "technology_need",
        "id": record_id,
        "unit": unit_id,
        "title": "动力电池安全预警技术",
        "description": "需要动力电池热失控预警和高安全电解质技术。",
        "clusters": ["new-energy"],
        "city": "440300",
        "posted_on": "2026-04-01",
        "contact": {"name": "研发部", "email": "rd@acme.example.cn"},
        "status": "open",
        **fields,
    }


def product(record_id: str, unit_id: str = "kebao", **fields: Any) -> Record:
    return {
        "kind": "insurance_product",
        "id": record_id,
        "unit": unit_id,
        "name": "科技成果转化费用损失保险",
        "category": "insurance",
        "provider": "科保财产保险股份有限公司",
        "summary": "保障先用后转成果转化过程中的费用损失。",
        "contact": {"name": "科技保险部", "phone": "020-38880000"},
        **fields,
    }


def attachment(name: str) -> Record:
    return {"file": f"attachments/{name}", "sha256": SHA}


def first_use(
    record_id: str, achievement_id: str, unit_id: str = "scut", **fields: Any
) -> Record:
    return {
        "kind": "first_use_contract",
        "id": record_id,
        "achievement": achievement_id,
        "unit": unit_id,
        "filed_by": "陈建华",
        "signed_on": "2026-04-01",
        "scan": attachment(f"{record_id}.pdf"),
        "licensee": {"name": "深圳某电池有限公司", "uscc": USCC},
        "license_type": "non_exclusive",
        "free_period": {"start": "2026-04-01", "end": "2027-03-31"},
        **fields,
    }


def record_path(root: Path, record: Record) -> Path:
    """Where a record file stands in the catalog."""
    if record["kind"] == "unit":
        return root / "catalog" / record["id"] / "unit.yaml"
    folder = KIND_FOLDERS[record["kind"]]
    return root / "catalog" / record["unit"] / folder / f"{record['id']}.yaml"


def write_repository(root: Path, records: list[Record]) -> Path:
    """Write a buildable repository: schemas, site, mkdocs.yml and records."""
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    shutil.copytree(PROJECT / "site", root / "site")
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "catalog").mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT / "catalog" / "settings.yaml", root / "catalog")
    for record in records:
        path = record_path(root, record)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        _write_attachments(path.parents[1], record)
    return root


def _write_attachments(unit_folder: Path, value: Any) -> None:
    """Write a small PDF for every attachment a record refers to."""
    if isinstance(value, list):
        for item in value:
            _write_attachments(unit_folder, item)
    elif isinstance(value, dict):
        if set(value) >= {"file", "sha256"}:
            path = unit_folder / value["file"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(PDF)
        for item in value.values():
            _write_attachments(unit_folder, item)


def build(
    root: Path, site_dir: Path, *, strict: bool = True, site_url: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build`` in a repository; return the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    return subprocess.run(
        [MKDOCS, "build", "--strict" if strict else "--no-strict"]
        + ["--site-dir", str(site_dir)],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
