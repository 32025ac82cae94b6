"""Record texts and a catalog repository under git, for the review tests.

repo = GitRepo(tmp_path)
repo.write("catalog/scut/unit.yaml", unit("scut", "华南理工大学", ["scut-ttc"]))
repo.add_first_use_contract("scut-fu-002", "scut-2025-001")
code, problems = repo.review("--author", "scut-ttc")
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

from usefirst.cli import main

PROJECT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def unit(unit_id: str, name: str, maintainers: list[str]) -> str:
    """A unit record with the given maintainers."""
    logins = "".join(f"  - {login}\n" for login in maintainers)
    return f"""\
kind: unit
id: {unit_id}
name: {name}
type: university
city: "440100"
contact:
  name: 成果转化办公室
  phone: 020-87110000
maintainers:
{logins}"""


def achievement(
    record_id: str,
    unit_id: str,
    *,
    number: str | None = None,
    channel: str = "inventor",
) -> str:
    """An achievement; with a number it is an approved one."""
    numbered = f"number: {number}\nadmitted_on: 2025-03-01\n" if number else ""
    inventor = (
        "filed_by: 陈建华\n"
        "offer:\n  license_types:\n    - non_exclusive\n  free_months: 12\n"
        "funding:\n  provincial_fiscal: false\n"
        if channel == "inventor"
        else ""
    )
    return f"""\
# 示例成果
kind: achievement
id: {record_id}
{numbered}title: 高安全固态锂电池电解质制备技术
unit: {unit_id}
channel: {channel}
{inventor}inventors:
  - name: 陈建华
    title: 教授
  - name: 赵敏
rights:
  - type: patent
    number: ZL201710601862.3
    title: 一种固态电解质的制备方法
summary: 本成果提供一种高离子电导率、高安全性的固态电解质制备方法，适用于储能电池。
clusters:
  - new-energy
city: "440100"
status: in_stock
"""


def first_use_contract(
    record_id: str, achievement_id: str, scan: str, digest: str, *, number: str = ""
) -> str:
    """A first-use contract whose scan is ``scan`` with SHA-256 ``digest``."""
    numbered = f"number: {number}\n" if number else ""
    return f"""\
kind: first_use_contract
id: {record_id}
{numbered}achievement: {achievement_id}
unit: scut
filed_by: 陈建华
signed_on: 2025-04-10
licensee:
  name: 惠州市鹏程新能源科技有限公司
  uscc: 91440101MA59ABCD1D
license_type: non_exclusive
free_period:
  start: 2025-04-15
  end: 2026-06-30
scan:
  file: {scan}
  sha256: {digest}
  title: 盖章合同扫描件
"""


def sha256(data: bytes) -> str:
    """The SHA-256 of some bytes, as a record's ``sha256`` field holds it."""
    return hashlib.sha256(data).hexdigest()


class GitRepo:
    """A catalog repository under git, driven the way a submitter would."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def git(self, *args: str) -> str:
        env = {**os.environ, **GIT_ENV}
        result = subprocess.run(
            ["git", *args], cwd=self.root, env=env, capture_output=True, check=True
        )
        return result.stdout.decode()

    def write(self, path: str, content: str | bytes) -> Path:
        full = self.root / path
        full.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        full.write_bytes(content)
        return full

    def read(self, path: str) -> str:
        return (self.root / path).read_text(encoding="utf-8")

    def remove(self, path: str) -> None:
        (self.root / path).unlink()

    def symlink(self, path: str, target: str) -> None:
        full = self.root / path
        full.parent.mkdir(parents=True, exist_ok=True)
        full.unlink(missing_ok=True)
        full.symlink_to(target)

    def add_first_use_contract(
        self, record_id: str, achievement_id: str, *, number: str = ""
    ) -> None:
        """Add scut's first-use contract ``record_id`` with its scanned PDF."""
        scan = f"attachments/{record_id}-scan.pdf"
        self.write(f"catalog/scut/{scan}", PDF)
        self.write(
            f"catalog/scut/first_use_contracts/{record_id}.yaml",
            first_use_contract(
                record_id, achievement_id, scan, sha256(PDF), number=number
            ),
        )

    def commit(self, message: str = "change") -> str:
        self.git("add", "--all")
        self.git("commit", "--quiet", "--allow-empty", "-m", message)
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()

    def run(self, *args: str) -> tuple[int, str]:
        """Run ``usefirst`` in this repository; return exit code and stdout."""
        import contextlib
        import io

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(["--root", str(self.root), *args])
        return code, out.getvalue()

    def review(self, *args: str) -> tuple[int, list[dict]]:
        """Review the branch against main; return exit code and problems."""
        code, out = self.run("review", "--base", "main", "--format", "json", *args)
        return code, json.loads(out)

    def approvals(self, *reviews: dict) -> Path:
        """Write an approvals file as the workflow would."""
        path = self.root.parent / "reviews.json"
        path.write_text(json.dumps(list(reviews)), encoding="utf-8")
        return path


def rules(problems: list[dict]) -> list[str]:
    """The rule codes of some problems, in order."""
    return [problem["rule"] for problem in problems]
