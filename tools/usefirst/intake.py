"""Issue forms to records: for inventors and enterprises who do not use git.

    form = parse_form(body, "achievement")          # label sections → values
    text, path, problems = intake(body, "achievement", schemas, unit="scut",
                                  date=datetime.date(2026, 5, 1))

GitHub renders a filled issue form as ``### <label>`` sections, in the form's
order, with ``_No response_`` for an empty field. Only the labels of the form
count as sections; every value lands in the one record field its form element
is made for, as data: the record is written as every catalog record is
(``usefirst.sheets.recordfile``) and read back before it is returned, so text
such as ``$(rm -rf ~)`` or ``x\\nnumber: XYHZ-…`` stays a quoted string and can
set no other field. A label that appears twice makes the body ambiguous and is
refused. The enterprise name of a technology need has no field of its own: it
belongs to the enterprise's unit record, so problems about the unit name it.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from usefirst.identifiers import find_mobile_numbers, find_resident_ids
from usefirst.kinds import KIND_FOLDERS, UNIT_ID, id_pattern
from usefirst.loader import Document, parse_text
from usefirst.problems import Problem, Severity
from usefirst.review.context import show
from usefirst.schemas import SchemaSet
from usefirst.sheets.recordfile import render_record

MAX_BODY_CHARS = 256 * 1024
NO_RESPONSE = "_No response_"
_HEADING = re.compile(r"###[ \t]+(.+?)[ \t]*")
_LIST_SEPARATORS = re.compile(r"[,，、;；\n]+")
_PART_SEPARATORS = re.compile(r"[,，\t|｜]+")
NUMBERLESS_RIGHTS = ("technical_secret",)

ACHIEVEMENT_LABELS = {
    "title": "成果名称",
    "unit": "成果单位标识",
    "filed_by": "填报人姓名",
    "inventors": "全部成果完成人",
    "rights": "知识产权",
    "summary": "成果简介",
    "application_fields": "应用领域",
    "keywords": "关键词",
    "clusters": "产业集群",
    "city": "所在地市",
    "trl": "技术成熟度",
    "license_types": "可选许可方式",
    "free_months": "免费使用期（月）",
    "after_free_period": "免费期满后的安排",
    "provincial_fiscal": "是否由省级财政科技资金支持形成",
    "contact_name": "对接联系人或部门",
    "contact_phone": "办公电话",
    "contact_email": "电子邮箱",
    "confirm": "确认",
}
TECHNOLOGY_NEED_LABELS = {
    "title": "需求名称",
    "enterprise": "企业名称",
    "unit": "企业标识",
    "description": "需求描述",
    "keywords": "关键词",
    "clusters": "产业集群",
    "city": "所在地市",
    "budget": "预算范围",
    "cooperation_modes": "期望合作方式",
    "deadline": "截止日期",
    "contact_name": "对接联系人或部门",
    "contact_phone": "办公电话",
    "contact_email": "电子邮箱",
}
FORMS = {"achievement": ACHIEVEMENT_LABELS, "technology_need": TECHNOLOGY_NEED_LABELS}
YES, NO = "是", "否"

# the characters the loader refuses in text (C0 but tab and line feed, DEL, C1,
# line separators, bidirectional controls): they hide or reorder text
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


@dataclass(frozen=True)
class Form:
    """The values of a filled form by element id, and the line of each."""

    values: dict[str, str | None]
    lines: dict[str, int]


def parse_form(body: str, kind: str, file: str = "-") -> tuple[Form, list[Problem]]:
    """Split an issue body into the form's sections; refuse repeated labels."""
    labels = {label: field_id for field_id, label in FORMS[kind].items()}
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    starts: dict[str, int] = {}
    problems = []
    boundaries: list[tuple[int, str]] = []
    for number, line in enumerate(lines):
        match = _HEADING.fullmatch(line)
        if match is None or match.group(1) not in labels:
            continue
        field_id = labels[match.group(1)]
        if field_id in starts:
            problems.append(_repeated(file, number + 1, match.group(1)))
        starts.setdefault(field_id, number + 1)
        boundaries.append((number, field_id))
    values: dict[str, str | None] = {}
    # each section runs to the next heading, the last one to the end of the body
    for (start, field_id), (end, _) in pairwise([*boundaries, (len(lines), "")]):
        value = "\n".join(lines[start + 1 : end]).strip()
        if _INVISIBLE.search(value) and field_id not in values:
            problems.append(_invisible(file, start + 1))
            value = _INVISIBLE.sub("", value).strip()
        values.setdefault(field_id, None if value in ("", NO_RESPONSE) else value)
    return Form(values, starts), problems


def _invisible(file: str, line: int) -> Problem:
    return Problem(
        file,
        line,
        "INTAKE.control_character",
        "这一栏含有不可见的控制字符（终端颜色、换行符号或文字方向控制等），"
        "生成记录时已删去：请核对该栏内容",
        severity=Severity.WARNING,
    )


def _repeated(file: str, line: int, label: str) -> Problem:
    return Problem(
        file,
        line,
        "INTAKE.repeated_label",
        f"表单标题“### {label}”出现了不止一次，无法确定哪一段是该栏内容："
        "请在议题中删去多余的标题后再转换",
    )


def intake(
    body: str,
    kind: str,
    schemas: SchemaSet,
    *,
    unit: str | None = None,
    date: datetime.date,
    file: str = "-",
    registered: Callable[[str], str | None] | None = None,
) -> tuple[str | None, str | None, list[Problem]]:
    """Turn a filled form into record text and its catalog path, or problems.

    ``registered(unit)`` gives the name of a unit in the catalog, or None if the
    catalog has no such unit; without it, units are not looked up.
    """
    if len(body) > MAX_BODY_CHARS:
        message = f"表单内容过大（超过 {MAX_BODY_CHARS // 1024} KiB），无法转换"
        return None, None, [Problem(file, 1, "INTAKE.too_large", message)]
    form, problems = parse_form(body, kind, file)
    if "title" not in form.lines:
        problems.append(_not_a_form(file, kind))
    unit_id = unit or (form.values.get("unit") or "").strip()
    if not id_pattern(schemas, UNIT_ID).fullmatch(unit_id):
        problems.append(_bad_unit(file, form, unit_id))
    if any(problem.is_error for problem in problems):
        return None, None, problems
    record = BUILDERS[kind](form.values, _Vocabularies(schemas), date)
    record = {"kind": kind, "id": _record_id(unit_id, body, date), **record}
    record["unit"] = unit_id
    text = _render(schemas, _pruned(record))
    if text is None:
        message = "生成的记录读回后与表单内容不一致，未输出：请把表单内容转交维护人员"
        return None, None, [Problem(file, 1, "INTAKE.roundtrip", message)]
    path = f"catalog/{unit_id}/{KIND_FOLDERS[kind]}/{record['id']}.yaml"
    notes = _unit_notes(file, form, unit_id, registered) if registered else []
    found = record_warnings(text, kind, schemas, path)
    return text, path, [*problems, *_missing(file, kind, form), *notes, *found]


def record_warnings(
    text: str, kind: str, schemas: SchemaSet, path: str
) -> list[Problem]:
    """Check the generated record's schema and privacy, as warnings to fix."""
    document, problems = parse_text(text, path)
    if document is None:
        return [_as_warning(problem) for problem in problems]
    found = [*schemas.validate(document, kind), *_personal_numbers(document)]
    return [_as_warning(problem) for problem in found]


def _as_warning(problem: Problem) -> Problem:
    # the record is written anyway: the reviewer fixes it before the pull request
    return replace(problem, severity=Severity.WARNING)


def _personal_numbers(document: Document) -> Iterator[Problem]:
    """Find mobile and identity numbers in a record that will be published."""
    for path, value in _strings(document.data, ()):
        found = [
            *(("PRIVACY.mobile", "手机号", n) for n in find_mobile_numbers(value)),
            *(("PRIVACY.resident_id", "身份证号", n) for n in find_resident_ids(value)),
        ]
        for rule, what, number in found:
            yield Problem(
                document.file,
                document.line_of(path),
                rule,
                f"表单内容含有个人{what} {_masked(number)}：这条记录会在网站公开，"
                "请删除，联系方式改用单位或部门的办公电话",
                path,
            )


def _strings(
    value: Any, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _masked(number: str) -> str:
    """Show a number with its middle hidden: public CI logs show messages."""
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def _not_a_form(file: str, kind: str) -> Problem:
    form_name = {"achievement": "科技成果填报表", "technology_need": "技术需求表"}[kind]
    title = FORMS[kind]["title"]
    message = f"正文中没有{form_name}的“{title}”栏目：请确认议题使用的是该表单"
    return Problem(file, 1, "INTAKE.not_a_form", message)


def _bad_unit(file: str, form: Form, unit_id: str) -> Problem:
    what = f"单位标识“{show(unit_id, 40)}”无效" if unit_id else "没有填写单位标识"
    message = (
        f"{what}：应为成果库中的单位文件夹名（小写字母、数字和连字符），"
        "请用 --unit 指定"
    )
    enterprise = _enterprise(form)
    if enterprise:
        message += (
            f"；企业“{enterprise}”还没有单位文件夹时，先为它取一个标识（例如 "
            "hz-pengcheng），运行 usefirst new unit --unit <企业标识> 登记该企业"
            f"（单位名称填“{enterprise}”），再用 --unit <企业标识> 重新转换"
        )
    return Problem(file, form.lines.get("unit", 1), "INTAKE.unit", message)


def _enterprise(form: Form) -> str:
    """The enterprise name a technology need's form gives, fit for a message."""
    name = _text(form.values.get("enterprise"))
    return show(name, 60) if name else ""


def _unit_notes(
    file: str, form: Form, unit: str, registered: Callable[[str], str | None]
) -> list[Problem]:
    """Warn when the unit is not in the catalog, or is named otherwise there."""
    name, enterprise = registered(unit), _enterprise(form)
    line = form.lines.get("unit", 1)
    if name is None:
        message = (
            f"成果库中还没有单位 {unit}（catalog/{unit}/unit.yaml）：请先登记该单位"
        )
        if enterprise:
            message = (
                f"成果库中还没有企业 {unit}（catalog/{unit}/unit.yaml）：请先运行 "
                f"usefirst new unit --unit {unit} 登记企业“{enterprise}”"
                "（单位名称填该名称），再提交本记录"
            )
        return [_warning(file, line, "INTAKE.unit_unknown", message)]
    if enterprise and name and enterprise != show(name, 60):
        message = (
            f"表单中的企业名称“{enterprise}”与单位 {unit} 登记的名称“{show(name, 60)}”"
            "不一致：请核对企业标识是否填对"
        )
        return [_warning(file, line, "INTAKE.enterprise_name", message)]
    return []


def _warning(file: str, line: int, rule: str, message: str) -> Problem:
    return Problem(file, line, rule, message, severity=Severity.WARNING)


def _missing(file: str, kind: str, form: Form) -> list[Problem]:
    absent = [label for i, label in FORMS[kind].items() if i not in form.lines]
    if not absent:
        return []
    message = f"表单中缺少栏目：{'、'.join(absent)}；生成的记录可能不完整，请核对"
    return [Problem(file, 1, "INTAKE.missing", message, severity=Severity.WARNING)]


def _record_id(unit: str, body: str, date: datetime.date) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:6]
    return f"{unit[:48]}-{date:%Y%m%d}-{digest}"


class _Vocabularies:
    """Map the Chinese names a form offers back to schema codes."""

    def __init__(self, schemas: SchemaSet) -> None:
        self.schemas = schemas

    def codes(self, name: str) -> dict[str, str]:
        return {label: code for code, label in self.schemas.vocabulary(name).items()}

    def field_codes(self, kind: str, path: tuple[str | int, ...]) -> dict[str, str]:
        labels = self.schemas.labels(self.schemas.field_schema(kind, path))
        return {label: code for code, label in labels.items()}


def _text(value: str | None) -> str | None:
    """One line of text: runs of whitespace (newlines too) become one space."""
    return " ".join(value.split()) if value else None


def _items(value: str | None) -> list[str]:
    return [
        item.strip() for item in _LIST_SEPARATORS.split(value or "") if item.strip()
    ]


def _coded(value: str | None, codes: dict[str, str]) -> list[str]:
    """Map each chosen name to its code; a code or unknown text stays as it is."""
    return [codes.get(item, item) for item in _items(value)]


def _integer(value: str | None) -> int | str | None:
    text = _text(value)
    if text is None:
        return None
    match = re.match(r"\d{1,3}", text)
    return int(match.group()) if match else text


def _yes_no(value: str | None) -> bool | str | None:
    text = _text(value)
    return {YES: True, NO: False}.get(text or "", text)


def _rows(value: str | None) -> list[list[str]]:
    rows = []
    for line in (value or "").split("\n"):
        parts = [part.strip() for part in _PART_SEPARATORS.split(line)]
        if any(parts):
            rows.append(parts)
    return rows


def _inventors(value: str | None) -> list[dict[str, str]]:
    inventors = []
    for parts in _rows(value):
        named = dict(zip(("name", "title", "department"), parts, strict=False))
        inventors.append({key: text for key, text in named.items() if text})
    return inventors


def _rights(value: str | None, codes: dict[str, str]) -> list[dict[str, str]]:
    """Read "type, number, title" lines; a technical secret has no number."""
    rights = []
    for kind, *rest in _rows(value):
        kind = codes.get(kind, kind)
        number = "" if kind in NUMBERLESS_RIGHTS or not rest else rest.pop(0)
        # a title may hold the separator itself: the rest of the line is title
        named = {"type": kind, "number": number, "title": "，".join(rest)}
        rights.append({key: text for key, text in named.items() if text})
    return rights


def _contact(values: dict[str, str | None]) -> dict[str, str]:
    contact = {
        "name": _text(values.get("contact_name")),
        "phone": _text(values.get("contact_phone")),
        "email": _text(values.get("contact_email")),
    }
    return {key: text for key, text in contact.items() if text}


def _achievement(
    values: dict[str, str | None], vocabularies: _Vocabularies, date: datetime.date
) -> dict[str, Any]:
    offer = {
        "license_types": _coded(
            values.get("license_types"), vocabularies.codes("license_type")
        ),
        "free_months": _integer(values.get("free_months")),
        "after_free_period": _paragraphs(values.get("after_free_period")),
    }
    return {
        "title": _text(values.get("title")),
        "channel": "inventor",
        "filed_by": _text(values.get("filed_by")),
        "inventors": _inventors(values.get("inventors")),
        "rights": _rights(values.get("rights"), vocabularies.codes("right_type")),
        "summary": _paragraphs(values.get("summary")),
        "application_fields": _items(values.get("application_fields")),
        "keywords": _items(values.get("keywords")),
        "clusters": _coded(values.get("clusters"), vocabularies.codes("cluster")),
        "city": _single(values.get("city"), vocabularies.codes("city")),
        "trl": _integer(values.get("trl")),
        "offer": offer,
        "contact": _contact(values),
        "funding": {"provincial_fiscal": _yes_no(values.get("provincial_fiscal"))},
        "status": "in_stock",
    }


def _technology_need(
    values: dict[str, str | None], vocabularies: _Vocabularies, date: datetime.date
) -> dict[str, Any]:
    modes = vocabularies.field_codes("technology_need", ("cooperation_modes", 0))
    return {
        "title": _text(values.get("title")),
        "description": _paragraphs(values.get("description")),
        "keywords": _items(values.get("keywords")),
        "clusters": _coded(values.get("clusters"), vocabularies.codes("cluster")),
        "city": _single(values.get("city"), vocabularies.codes("city")),
        "budget": _text(values.get("budget")),
        "cooperation_modes": _coded(values.get("cooperation_modes"), modes),
        "posted_on": date.isoformat(),
        "deadline": _text(values.get("deadline")),
        "status": "open",
        "contact": _contact(values),
    }


BUILDERS: dict[
    str, Callable[[dict[str, str | None], _Vocabularies, datetime.date], dict]
] = {"achievement": _achievement, "technology_need": _technology_need}


def _single(value: str | None, codes: dict[str, str]) -> str | None:
    text = _text(value)
    return codes.get(text, text) if text else None


def _paragraphs(value: str | None) -> str | None:
    """Keep a long text's paragraphs, trimmed of trailing spaces."""
    if not value:
        return None
    return "\n".join(line.rstrip() for line in value.strip().split("\n"))


def _pruned(value: Any) -> Any:
    """Drop the fields a form left empty, at every level."""
    if isinstance(value, dict):
        pruned = {key: _pruned(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if item not in (None, [], {})}
    return value


def _render(schemas: SchemaSet, record: dict[str, Any]) -> str | None:
    """Write a record as the catalog does, or None unless it reads back the same."""
    kind, unit = record["kind"], record["unit"]
    schema_line, rest = render_record(schemas, kind, record).split("\n", 1)
    header = (
        "# 由 usefirst intake 根据议题表单生成：审核人核对内容后，"
        "放到下面所示位置并提交合并请求。\n"
        f"# catalog/{unit}/{KIND_FOLDERS[kind]}/{record['id']}.yaml\n"
    )
    text = f"{schema_line}\n{header}{rest}"
    document, problems = parse_text(text, "-")
    if document is None or problems or document.data != record:
        return None
    return text
