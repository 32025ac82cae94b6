"""ATTACHMENT.*: the scans and receipts a record refers to are there, and are scans.

    scan:
      file: attachments/fu-001.pdf      # ATTACHMENT.missing: no such file in
      sha256: 9f86d0…                   # catalog/<unit>/attachments/, or a symlink
                                        # ATTACHMENT.type: not a PDF/OFD/JPEG/PNG

The same path and type checks as ``usefirst review`` (``review.attachments``),
run on the working tree, so that ``usefirst validate`` on a laptop finds a
forgotten scan before the pull request does. The SHA-256 comparison stays in
the review: it reads every byte of every scan (up to 20 MiB each), whereas the
type needs the first bytes only; on the sample catalog both take under a
millisecond, but a province's tens of thousands of scans would make every
validate read gigabytes, and the review checks exactly the changed ones.

Both are warnings here: the review, which decides a pull request, reports the
same faults as errors, and catalogs assembled for reports and the site carry
references without their scans.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from usefirst.catalog import Catalog, Record
from usefirst.problems import Problem, Severity
from usefirst.review.attachments import Reference, attachment_target, detect_type
from usefirst.rules.base import Context, rule
from usefirst.rules.lookup import field_name

HEAD_BYTES = 16  # enough for every signature ``detect_type`` knows
ZIP_SIGNATURE = b"PK\x03\x04"
KNOWN_TYPES_FILE = "attachment-types.json"


@rule(
    "ATTACHMENT.missing",
    "记录引用的附件存在于本单位的 attachments/ 文件夹中",
    facts_only=True,
)
def check_missing(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report attachments that are absent, symlinked or outside their unit."""
    for record, reference, target, kind in _inspected(catalog, context):
        if target is None:
            field = field_name(catalog, record, (*reference.path, "file"))
            yield _problem(
                record,
                reference,
                "ATTACHMENT.missing",
                f"“{field}”“{reference.file}”不在本单位文件夹的 attachments/ 中："
                "应写作 attachments/文件名，例如 attachments/hetong-001.pdf",
            )
        elif isinstance(kind, _Missing):
            field = field_name(catalog, record, (*reference.path, "file"))
            yield _problem(
                record,
                reference,
                "ATTACHMENT.missing",
                f"“{field}”指向的 {kind.reason}："
                "请把扫描件本身放到该位置，或改正文件路径",
            )


@rule(
    "ATTACHMENT.type",
    "附件是 PDF、OFD、JPEG 或 PNG 文件（按文件内容判断）",
    facts_only=True,
)
def check_type(catalog: Catalog, context: Context) -> Iterator[Problem]:
    """Report attachments whose bytes are no PDF, OFD, JPEG or PNG."""
    for record, reference, target, kind in _inspected(catalog, context):
        if target is None or kind is not None:
            continue  # a known type, or a fault ATTACHMENT.missing speaks of
        field = field_name(catalog, record, (*reference.path, "file"))
        yield _problem(
            record,
            reference,
            "ATTACHMENT.type",
            f"“{field}”指向的 {target} 的内容不是 PDF、OFD、JPEG 或 PNG 文件："
            "请提交扫描件的 PDF、OFD 或图片原件，不要只改扩展名",
        )


class _Missing(NamedTuple):
    """No regular file at an attachment's place, and why, in Chinese."""

    reason: str


Inspected = tuple[Record, Reference, "str | None", Any]


def _inspected(catalog: Catalog, context: Context) -> list[Inspected]:
    """Look at every referenced attachment once, for both rules."""
    return catalog.shared("attachments", lambda: _inspect(catalog, context))


def _inspect(catalog: Catalog, context: Context) -> list[Inspected]:
    root = catalog.repository.root
    linked: dict[str, str] = {}
    cache = catalog.repository.cache_dir / KNOWN_TYPES_FILE
    known = _KnownTypes(cache if context.use_cache else None)
    found = []
    for record in catalog.records:
        unit = record.folder
        # the facts list the record's attachment objects (``usefirst.facts``)
        for path, file, digest in record.facts.attachments:
            reference = Reference(record.document, path, file, digest)
            target = attachment_target(unit, file)
            kind = None if target is None else _kind(root, target, linked, known)
            found.append((record, reference, target, kind))
    known.save()
    return found


def _kind(root: Path, target: str, linked: dict[str, str], known: _KnownTypes) -> Any:
    """Name the type of an attachment on disk, or say why it is ``_Missing``."""
    folder = _linked_folder(root, target.rpartition("/")[0], linked)
    if folder:
        return _Missing(f"{target} 所在的文件夹 {folder} 是符号链接")
    try:
        status = os.lstat(root / target)
    except OSError:
        return _Missing(f"{target} 不存在")
    if stat.S_ISLNK(status.st_mode):
        return _Missing(f"{target} 是符号链接")
    if not stat.S_ISREG(status.st_mode):
        return _Missing(f"{target} 不是普通文件")
    stamp = [status.st_size, status.st_mtime_ns, status.st_ino]
    kind = known.get(target, stamp)
    if kind is _UNKNOWN:
        kind = _detect(root / target)
        known.put(target, stamp, kind)
    return kind


_UNKNOWN = object()


class _KnownTypes:
    """Types of attachments seen before, under their size, mtime and inode.

    Reading the head of every scan on every run costs more than all other
    rules together at province scale; an unchanged file keeps its type. JSON,
    not pickle: the cache must never run code, whatever a file in it holds.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.changed = False
        try:
            entries = json.loads(path.read_text(encoding="utf-8")) if path else {}
        except (OSError, ValueError):
            entries = {}
        self.entries: dict[str, Any] = entries if isinstance(entries, dict) else {}

    def get(self, target: str, stamp: list[int]) -> Any:
        entry = self.entries.get(target)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == stamp:
            return entry[1]
        return _UNKNOWN

    def put(self, target: str, stamp: list[int], kind: str | None) -> None:
        self.entries[target] = [stamp, kind]
        self.changed = True

    def save(self) -> None:
        if not self.changed or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text(json.dumps(self.entries), encoding="utf-8")
            temporary.replace(self.path)
        except OSError:
            pass  # a cache that cannot be written only costs time


def _linked_folder(root: Path, folder: str, linked: dict[str, str]) -> str:
    """Name the folder between the catalog and a file that is a symlink, or ""."""
    if folder not in linked:
        parent = folder.rpartition("/")[0]
        # catalog/<unit> is the highest folder looked at
        above = _linked_folder(root, parent, linked) if folder.count("/") > 1 else ""
        here = folder if os.path.islink(root / folder) else ""
        linked[folder] = above or here
    return linked[folder]


def _detect(path: Path) -> str | None:
    """Name the type of a file on disk, reading the whole file only for a zip."""
    try:
        with path.open("rb") as stream:
            head = stream.read(HEAD_BYTES)
            if not head.startswith(ZIP_SIGNATURE):
                return detect_type(head)
            return detect_type(head + stream.read())
    except OSError:
        return None


def _problem(record: Record, reference: Reference, code: str, message: str) -> Problem:
    path = (*reference.path, "file")
    return record.problem(path, code, message, Severity.WARNING)
