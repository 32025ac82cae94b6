"""Where a record file must stand, given its kind, id and unit.

catalog/scut/unit.yaml                          kind: unit, id: scut
catalog/scut/achievements/scut-2026-001.yaml    kind: achievement, unit: scut
"""

from __future__ import annotations

from usefirst.kinds import FOLDER_KINDS, KIND_FOLDERS, UNIT_FILE, UNIT_KIND
from usefirst.loader import Document
from usefirst.problems import Problem
from usefirst.repository import Repository


def layout_problems(repository: Repository, document: Document) -> list[Problem]:
    """Check a record's place against its kind, id and unit."""
    file, data = document.file, document.data
    parts = tuple(file.split("/")[1:])
    kind = data.get("kind")
    kinds = repository.schemas.kinds
    problems = []

    if not file.endswith(".yaml"):
        message = "记录文件的扩展名应为 .yaml：请改名为 " + _stem(file) + ".yaml"
        problems.append(Problem(file, 1, "LAYOUT.extension", message))
    if not isinstance(kind, str) or kind not in kinds:
        names = "、".join(kinds)
        message = f"“记录类型”（kind）应为以下之一：{names}"
        line = document.line_of(("kind",))
        return [*problems, Problem(file, line, "LAYOUT.kind", message, ("kind",))]

    expected = _expected_place(parts, kind)
    if expected is not None:
        message = f"{repository.schemas.kind_title(kind)}记录应放在 {expected}"
        line = document.line_of(("kind",))
        return [*problems, Problem(file, line, "LAYOUT.place", message, ("kind",))]
    return [*problems, *_id_and_unit(document, parts, kind)]


def _stem(name: str) -> str:
    last = name.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[0] if "." in last else last


def _expected_place(parts: tuple[str, ...], kind: str) -> str | None:
    unit = parts[0] if parts else "<单位标识>"
    if kind == UNIT_KIND:
        ok = len(parts) == 2 and _stem(parts[1]) == _stem(UNIT_FILE)
        return None if ok else f"catalog/<单位标识>/{UNIT_FILE}"
    folder = KIND_FOLDERS[kind]
    ok = len(parts) == 3 and FOLDER_KINDS.get(parts[1]) == kind
    return None if ok else f"catalog/{unit}/{folder}/<记录标识>.yaml"


def _id_and_unit(
    document: Document, parts: tuple[str, ...], kind: str
) -> list[Problem]:
    file, data = document.file, document.data
    problems = []
    expected_id = parts[0] if kind == UNIT_KIND else _stem(parts[-1])
    where = "文件夹" if kind == UNIT_KIND else "文件"
    if data.get("id") != expected_id:
        actual = f"实际为“{data['id']}”" if "id" in data else "现在没有填写"
        problems.append(
            Problem(
                file,
                document.line_of(("id",)),
                "LAYOUT.id",
                f"“记录标识”（id）应与{where}名相同：应为“{expected_id}”，{actual}",
                ("id",),
            )
        )
    if kind != UNIT_KIND and "unit" in data and data["unit"] != parts[0]:
        problems.append(
            Problem(
                file,
                document.line_of(("unit",)),
                "LAYOUT.unit",
                f"“单位”（unit）应与所在文件夹相同：应为“{parts[0]}”，"
                f"实际为“{data['unit']}”",
                ("unit",),
            )
        )
    return problems
