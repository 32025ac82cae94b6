"""REVIEW.attachment_*: scans and receipts are what their records say they are.

    scan:
      file: attachments/scut-fuc-001.pdf
      sha256: 9f86d0…

An attachment lives in the ``attachments/`` folder of the record's own unit, is
no symlink (neither in git, mode 120000, nor on disk, nor any folder above it),
is at most ``MAX_BYTES``, matches its SHA-256, and is a PDF, OFD, JPEG or PNG
by its bytes; the extension must agree with the bytes. Checked are the
attachments of every changed record, and of every record that refers to an
attachment file the change touches.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from usefirst.kinds import ATTACHMENT_FOLDER
from usefirst.loader import Document
from usefirst.problems import Problem, Severity
from usefirst.review.context import CATALOG, ReviewContext, kind_of, show, unit_of

MAX_BYTES = 20 * 1024 * 1024
_SPACE = re.compile(r"\s")
TYPE_NAMES = {"pdf": "PDF", "ofd": "OFD", "jpeg": "JPEG 图片", "png": "PNG 图片"}
EXTENSION_TYPES = {
    "pdf": "pdf",
    "ofd": "ofd",
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "png": "png",
}


@dataclass(frozen=True)
class Reference:
    """One attachment a record refers to, and where the reference stands."""

    record: Document
    path: tuple[str | int, ...]
    file: str
    sha256: str

    @property
    def line(self) -> int:
        return self.record.line_of((*self.path, "file"))

    def problem(self, rule: str, message: str) -> Problem:
        return Problem(self.record.file, self.line, rule, message, (*self.path, "file"))


def detect_type(data: bytes) -> str | None:
    """Name a file's type by its leading bytes: pdf, ofd, jpeg, png or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"PK\x03\x04") and _is_ofd(data):
        return "ofd"
    return None


def _is_ofd(data: bytes) -> bool:
    """An OFD document is a zip container with ``OFD.xml`` at its root."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as container:
            return any(name.upper() == "OFD.XML" for name in container.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def references(document: Document) -> Iterator[Reference]:
    """Yield every ``{file, sha256}`` object in a record, wherever it stands."""
    yield from _walk(document, document.data, ())


def _walk(
    document: Document, value: Any, path: tuple[str | int, ...]
) -> Iterator[Reference]:
    if isinstance(value, dict):
        file, digest = value.get("file"), value.get("sha256")
        if isinstance(file, str) and isinstance(digest, str):
            yield Reference(document, path, file, digest)
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, item in items:
        yield from _walk(document, item, (*path, key))


def attachment_problems(context: ReviewContext) -> list[Problem]:
    """Check the attachments of changed records and the changed attachment files."""
    touched = _changed_attachments(context)
    records = _records_to_check(context, touched)
    problems: list[Problem] = []
    referenced: set[str] = set()
    for record in records:
        unit = unit_of(record.file) or ""
        for reference in references(record):
            target = attachment_target(unit, reference.file)
            if target is not None:
                referenced.add(target)
            problems.extend(_check(context, unit, reference, target))
    problems.extend(_unreferenced(context, touched, referenced))
    return problems


def _changed_attachments(context: ReviewContext) -> dict[str, str]:
    """Map attachment paths the change touches to their status."""
    return {
        change.path: change.status
        for change in context.changes
        if unit_of(change.path)
        and PurePosixPath(change.path).parts[2] == ATTACHMENT_FOLDER
    }


def _records_to_check(
    context: ReviewContext, touched: dict[str, str]
) -> list[Document]:
    documents = {
        change.path: change.after
        for change in context.record_changes()
        if change.after is not None
    }
    units = {unit_of(path) for path in touched}
    for unit in sorted(u for u in units if u):
        paths = [p for p in context.head.tree.files(f"{CATALOG}/{unit}") if kind_of(p)]
        context.head.load(paths)
        for path in paths:
            document = context.head.document(path)
            if document is not None:
                documents.setdefault(path, document)
    return [documents[path] for path in sorted(documents)]


def attachment_target(unit: str, file: str) -> str | None:
    """The repository path of an attachment, or None if it leaves its folder."""
    parts = file.split("/")
    if len(parts) < 2 or parts[0] != ATTACHMENT_FOLDER:
        return None
    if any(part in ("", ".", "..") for part in parts) or "\\" in file:
        return None
    if not file.isprintable() or _SPACE.search(file):
        return None
    return f"{CATALOG}/{unit}/{file}"


def _check(
    context: ReviewContext, unit: str, reference: Reference, target: str | None
) -> Iterator[Problem]:
    if target is None:
        yield reference.problem(
            "REVIEW.attachment_outside",
            f"附件“{show(reference.file)}”必须放在本单位文件夹的 attachments/ 中，"
            f"写作 attachments/文件名，例如 attachments/hetong-001.pdf（不能含 ..）",
        )
        return
    tree = context.head.tree
    link = tree.symlink_in(target)
    if link is not None:
        yield reference.problem(
            "REVIEW.attachment_symlink",
            f"附件不能是符号链接：{link} 是符号链接；请提交文件本身",
        )
        return
    size = tree.size(target)
    if size is None:
        yield reference.problem(
            "REVIEW.attachment_missing",
            f"找不到附件 {target}：请把文件一并提交，或改正“文件路径”",
        )
        return
    if size > MAX_BYTES:
        yield reference.problem(
            "REVIEW.attachment_size",
            f"附件 {target} 有 {size:,} 字节，超过 {MAX_BYTES // 1024 // 1024} MiB"
            f"（{MAX_BYTES:,} 字节）的上限：请降低扫描分辨率或拆分后再提交",
        )
        return
    yield from _content(reference, target, tree.read(target) or b"")


def _content(reference: Reference, target: str, data: bytes) -> Iterator[Problem]:
    digest = hashlib.sha256(data).hexdigest()
    if digest != reference.sha256.lower():
        yield reference.problem(
            "REVIEW.attachment_hash",
            f"附件 {target} 的 SHA-256 校验值与记录不符："
            f"记录为 {show(reference.sha256, 64)}，文件实际为 {digest}；"
            "文件被替换或记录填错，请核对后更新",
        )
    actual = detect_type(data)
    extension = PurePosixPath(target).suffix.lower().lstrip(".")
    expected = EXTENSION_TYPES.get(extension)
    if actual is None:
        yield reference.problem(
            "REVIEW.attachment_type",
            f"附件 {target} 的内容不是 PDF、OFD、JPEG 或 PNG 文件："
            "请提交扫描件的 PDF、OFD 或图片原件，不要只改扩展名",
        )
    elif actual != expected:
        yield reference.problem(
            "REVIEW.attachment_type",
            f"附件 {target} 的扩展名是 .{extension}，内容却是 {TYPE_NAMES[actual]}："
            "请按实际类型改正扩展名和“文件路径”",
        )


def _is_referenced(path: str, referenced: set[str]) -> bool:
    """Tell whether a path, or a file below it, is some record's attachment."""
    return path in referenced or any(t.startswith(f"{path}/") for t in referenced)


def _unreferenced(
    context: ReviewContext, touched: dict[str, str], referenced: set[str]
) -> Iterator[Problem]:
    for path, status in sorted(touched.items()):
        if status == "D" or _is_referenced(path, referenced):
            continue
        link = context.head.tree.symlink_in(path)
        if link is not None:
            yield Problem(
                path,
                1,
                "REVIEW.attachment_symlink",
                f"附件不能是符号链接：{link} 是符号链接；请提交文件本身",
            )
        else:
            yield Problem(
                path,
                1,
                "REVIEW.attachment_unreferenced",
                "没有记录引用这个附件：请在合同或备案记录中填写它的“文件路径”和"
                "“SHA-256 校验值”，或从合并请求中删除它",
                severity=Severity.WARNING,
            )
