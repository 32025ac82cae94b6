"""Specification of the record schemas and of usefirst.schemas.

    pytest tests/test_schemas.py -q

The files in ``schemas/`` are valid JSON Schema 2020-12, describe every field
in Chinese, and mean the same to us as to an independent validator,
check-jsonschema, run as a user would run it::

    check-jsonschema --schemafile schemas/<kind>.schema.json -o json FILE...

(YAML files are recognised by their extension; ``common.schema.json#/...``
references resolve next to the schema file, so no other flag is needed.) Our
messages name each field by its Chinese title, at the line of the field.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from usefirst.catalog import record_files
from usefirst.kinds import KIND_FOLDERS, UNIT_KIND
from usefirst.loader import Document, load_file, parse_text
from usefirst.problems import Problem
from usefirst.repository import Repository
from usefirst.schemas import SchemaSet

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_DIR = ROOT / "schemas"
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
CJK = re.compile(r"[\u4e00-\u9fff]")
SHA = "0" * 64


@pytest.fixture(scope="module")
def schemas() -> SchemaSet:
    return SchemaSet.load(SCHEMA_DIR)


# ---------------------------------------------------------------------------
# The schema files themselves
# ---------------------------------------------------------------------------


def schema_files() -> list[Path]:
    return sorted(SCHEMA_DIR.glob("*.schema.json"))


def test_every_record_kind_has_a_schema(schemas: SchemaSet) -> None:
    assert set(schemas.kinds) == {UNIT_KIND, *KIND_FOLDERS}


@pytest.mark.parametrize("path", schema_files(), ids=lambda path: path.name)
def test_schema_is_valid_draft_2020_12(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def properties(
    schemas: SchemaSet, node: dict[str, Any], where: str
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield every property and list item below a schema, $refs resolved."""
    node = schemas.resolve(node)
    for name, child in node.get("properties", {}).items():
        resolved = schemas.resolve(child)
        yield f"{where}.{name}", resolved
        yield from properties(schemas, resolved, f"{where}.{name}")
    if "items" in node:
        items = schemas.resolve(node["items"])
        yield f"{where}[]", items
        yield from properties(schemas, items, f"{where}[]")


@pytest.mark.parametrize("kind", SchemaSet.load(SCHEMA_DIR).kinds)
def test_every_field_has_a_chinese_title_and_description(
    schemas: SchemaSet, kind: str
) -> None:
    found = list(properties(schemas, schemas.documents[kind], kind))
    assert len(found) > 5
    for where, node in found:
        assert CJK.search(node.get("title", "")), f"{where} has no Chinese title"
        assert CJK.search(node.get("description", "")), f"{where}: no description"


def test_refs_carry_no_validation_beside_them() -> None:
    # beside a $ref only title and description may stand, so that every
    # validator (the fast path included) reads the same constraints
    def refs(node: Any) -> Iterator[dict[str, Any]]:
        if isinstance(node, dict):
            if "$ref" in node:
                yield node
            for child in node.values():
                yield from refs(child)
        elif isinstance(node, list):
            for child in node:
                yield from refs(child)

    for path in schema_files():
        for node in refs(json.loads(path.read_text(encoding="utf-8"))):
            assert set(node) <= {"$ref", "title", "description"}, (path.name, node)


def test_vocabularies_map_codes_to_chinese_names(schemas: SchemaSet) -> None:
    cities = schemas.vocabulary("city")
    assert cities["440100"] == "广州市"
    assert len(cities) == 21
    assert len(schemas.vocabulary("cluster")) == 20
    assert schemas.vocabulary("license_type")["exclusive"] == "独占许可"
    assert schemas.vocabulary("right_type")["patent"] == "专利权"


def test_field_titles_follow_refs_and_list_items(schemas: SchemaSet) -> None:
    assert schemas.field_title("achievement", ("rights", 0, "number")) == "权利号"
    assert schemas.field_title("achievement", ("contact", "phone")) == "联系电话"
    assert schemas.field_title("achievement", ("city",)) == "所在地市"
    assert schemas.field_title("pay_later_contract", ("payments", 1)) == "收款记录"
    assert schemas.field_title("achievement", ()) == "记录"


def test_kind_titles_are_the_schemas_chinese_titles(schemas: SchemaSet) -> None:
    assert schemas.kind_title("achievement") == "科技成果"
    assert schemas.kind_title("exercise_rights_filing") == "先使用后行权备案"
    assert all(CJK.search(schemas.kind_title(kind)) for kind in schemas.kinds)
    # a kind without a schema is shown as it is written
    assert schemas.kind_title("no_such_kind") == "no_such_kind"


# ---------------------------------------------------------------------------
# Records to validate: valid ones, and each with one thing wrong
# ---------------------------------------------------------------------------

ATTACHMENT = {"file": "attachments/scan-001.pdf", "sha256": SHA}
VALID: dict[str, dict[str, Any]] = {
    "unit": {
        "kind": "unit",
        "id": "lab",
        "name": "岭南测试大学",
        "type": "university",
        "city": "440100",
        "contact": {"name": "技术转移中心", "phone": "020-87110000"},
        "maintainers": ["lab-ttc"],
    },
    "achievement": {
        "kind": "achievement",
        "id": "lab-2025-001",
        "title": "高安全固态电解质制备技术",
        "unit": "lab",
        "channel": "inventor",
        "filed_by": "张伟",
        "inventors": [{"name": "张伟", "title": "教授"}, {"name": "李娜"}],
        "rights": [
            {
                "type": "patent",
                "number": "ZL201710601862.3",
                "granted_on": "2019-05-10",
            }
        ],
        "summary": "本成果提出一种高安全固态电解质的制备方法，离子电导率高。",
        "keywords": ["固态电解质", "锂电池"],
        "clusters": ["new-energy"],
        "city": "440100",
        "trl": 6,
        "offer": {"license_types": ["exclusive"], "free_months": 12},
        "contact": {"name": "技术转移中心", "email": "ttc@lab.example.cn"},
        "funding": {"provincial_fiscal": False},
        "status": "in_stock",
    },
    "first_use_contract": {
        "kind": "first_use_contract",
        "id": "lab-fu-001",
        "achievement": "lab-2025-001",
        "unit": "lab",
        "filed_by": "张伟",
        "licensee": {"name": "广州测试科技有限公司", "uscc": "91440101MA59TEST0X"},
        "license_type": "exclusive",
        "free_period": {"start": "2025-01-01", "end": "2025-12-31"},
        "signed_on": "2024-12-20",
        "scan": ATTACHMENT,
    },
    "pay_later_contract": {
        "kind": "pay_later_contract",
        "id": "lab-pl-001",
        "achievement": "lab-2025-001",
        "unit": "lab",
        "filed_by": "张伟",
        "first_use_contract": "lab-fu-001",
        "mode": "license",
        "license_type": "exclusive",
        "signed_on": "2025-10-01",
        "amount": "600000.50",
        "payments": [{"date": "2025-11-01", "amount": 600000, "receipt": ATTACHMENT}],
        "scan": ATTACHMENT,
    },
    "exercise_rights_filing": {
        "kind": "exercise_rights_filing",
        "id": "lab-er-001",
        "unit": "lab",
        "achievement": "lab-2025-001",
        "inventor": {"name": "张伟", "id_number": "11010519491231002X"},
        "period": {"start": "2025-01-01", "end": "2027-12-31"},
        "after_period": {"arrangement": "renegotiate"},
        "approval": {"approved_on": "2024-12-01", "approver": "科学技术研究院"},
        "form": ATTACHMENT,
    },
}


def put(path: tuple[str | int, ...], value: Any) -> Callable[[dict], None]:
    def change(data: dict[str, Any]) -> None:
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def drop(path: tuple[str | int, ...]) -> Callable[[dict], None]:
    def change(data: dict[str, Any]) -> None:
        target = data
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return change


INVALID: dict[str, tuple[str, Callable[[dict], None]]] = {
    "missing-title": ("achievement", drop(("title",))),
    "unknown-field": ("achievement", put(("titel",), "x")),
    "unknown-channel": ("achievement", put(("channel",), "individual")),
    "city-as-number": ("achievement", put(("city",), 440100)),
    "id-pattern": ("achievement", put(("id",), "Lab_2025")),
    # jsonschema lets $ match before a final line break; the check does not
    "id-trailing-newline": ("achievement", put(("id",), "lab-2025-001\n")),
    "impossible-date": ("achievement", put(("rights", 0, "granted_on"), "2026-02-30")),
    "date-without-dashes": (
        "achievement",
        put(("rights", 0, "granted_on"), "20260201"),
    ),
    "contact-phone-pattern": ("achievement", put(("contact", "phone"), "电话")),
    "contact-without-phone-or-email": ("achievement", drop(("contact", "email"))),
    "inventor-without-offer": ("achievement", drop(("offer",))),
    "exited-without-exit": ("achievement", put(("status",), "exited")),
    "duplicate-keywords": ("achievement", put(("keywords",), ["电池", "电池"])),
    "no-clusters": ("achievement", put(("clusters",), [])),
    "trl-too-high": ("achievement", put(("trl",), 10)),
    "patent-without-number": ("achievement", drop(("rights", 0, "number"))),
    "summary-too-short": ("achievement", put(("summary",), "太短")),
    "inventor-name-number": ("achievement", put(("inventors", 1, "name"), 123)),
    "secret-patent-text": ("achievement", put(("rights", 0, "secret_patent"), "no")),
    "wrong-kind": ("achievement", put(("kind",), "unit")),
    "bad-maintainer": ("unit", put(("maintainers",), ["-bad-"])),
    "unit-type": ("unit", put(("type",), "company")),
    "amount-with-comma": ("pay_later_contract", put(("amount",), "1,000")),
    "amount-three-decimals": ("pay_later_contract", put(("amount",), "12.345")),
    "amount-negative": ("pay_later_contract", put(("amount",), -5)),
    "licence-without-type": ("pay_later_contract", drop(("license_type",))),
    "receipt-hash-upper": (
        "pay_later_contract",
        put(("payments", 0, "receipt", "sha256"), "A" * 64),
    ),
    "month-13": ("first_use_contract", put(("free_period", "end"), "2025-13-01")),
    "uscc-lower": (
        "first_use_contract",
        put(("licensee", "uscc"), "91440101ma59test0x"),
    ),
    "scan-not-pdf": ("first_use_contract", put(("scan", "file"), "attachments/a.exe")),
    "id-number-as-int": (
        "exercise_rights_filing",
        put(("inventor", "id_number"), 110105194912310021),
    ),
    "arrangement-unknown": (
        "exercise_rights_filing",
        put(("after_period", "arrangement"), "sell"),
    ),
}


def invalid_record(name: str) -> tuple[str, dict[str, Any]]:
    kind, change = INVALID[name]
    data = copy.deepcopy(VALID[kind])
    change(data)
    return kind, data


def to_yaml(data: dict[str, Any]) -> str:
    # through JSON first: shared objects would come out as anchors and aliases
    unshared = json.loads(json.dumps(data))
    return yaml.safe_dump(unshared, allow_unicode=True, sort_keys=False)


def document_of(data: dict[str, Any], file: str = "record.yaml") -> Document:
    text = to_yaml(data)
    document, problems = parse_text(text, file)
    assert problems == []
    return document


@pytest.mark.parametrize("kind", sorted(VALID))
def test_valid_records_pass(schemas: SchemaSet, kind: str) -> None:
    assert schemas.validate(document_of(VALID[kind]), kind) == []


@pytest.mark.parametrize("name", sorted(INVALID))
def test_each_broken_record_fails_in_both_of_our_validators(
    schemas: SchemaSet, name: str
) -> None:
    kind, data = invalid_record(name)
    problems = schemas.validate(document_of(data), kind)
    assert problems
    assert all(problem.rule.startswith("SCHEMA.") for problem in problems)
    assert all(CJK.search(problem.message) for problem in problems)
    # the fast path and the full validator agree
    assert not schemas.validator(kind).is_valid(data)
    with pytest.raises(Exception, match=r"."):
        schemas.fast_validator(kind)(data)


# ---------------------------------------------------------------------------
# Agreement with an independent validator
# ---------------------------------------------------------------------------


def failing_files(kind: str, files: list[Path]) -> set[str]:
    """Run check-jsonschema on files of one kind; return those it rejects."""
    if not files:
        return set()
    schema = SCHEMA_DIR / f"{kind}.schema.json"
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), "-o", "json"]
        + [str(path) for path in files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert report.get("parse_errors", []) == []
    return {Path(error["filename"]).name for error in report["errors"]}


def our_verdicts(schemas: SchemaSet, records: dict[str, tuple[str, Any]]) -> dict:
    return {
        name: bool(schemas.validate(Document(name, data), kind))
        for name, (kind, data) in records.items()
    }


def their_verdicts(records: dict[str, tuple[str, Any]], folder: Path) -> dict:
    by_kind: dict[str, list[Path]] = {}
    for name, (kind, data) in records.items():
        path = folder / name
        if name.endswith(".json"):
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        else:
            path.write_text(to_yaml(data), encoding="utf-8")
        by_kind.setdefault(kind, []).append(path)
    failing = set()
    for kind, files in by_kind.items():
        failing |= failing_files(kind, files)
    return {name: name in failing for name in records}


def test_check_jsonschema_agrees_on_valid_and_broken_records(
    schemas: SchemaSet, tmp_path: Path
) -> None:
    records: dict[str, tuple[str, Any]] = {}
    for kind, data in VALID.items():
        for suffix in (".yaml", ".json"):
            records[f"valid-{kind}{suffix}"] = (kind, data)
    for name in INVALID:
        for suffix in (".yaml", ".json"):
            records[f"{name}{suffix}"] = invalid_record(name)

    ours = our_verdicts(schemas, records)
    theirs = their_verdicts(records, tmp_path)
    assert ours == theirs
    assert sum(ours.values()) == 2 * len(INVALID)


def sample_records() -> dict[str, tuple[str, Any]]:
    """Every record of the sample catalog, as our loader reads it."""
    repository = Repository.find(ROOT)
    records = {}
    for path in record_files(repository):
        document, problems = load_file(path, repository.relative(path))
        if document is None or not isinstance(document.data.get("kind"), str):
            continue
        name = document.file.replace("/", "__").removesuffix(".yaml") + ".json"
        records[name] = (document.data["kind"], document.data)
    return records


def test_check_jsonschema_agrees_on_every_sample_record(
    schemas: SchemaSet, tmp_path: Path
) -> None:
    # Our loader keeps 201710601862.3 or 2026-05-01 as text; a YAML 1.2 reader
    # would make a number of the first. The records are therefore handed over
    # as JSON, exactly as our loader read them, so that only the schemas'
    # meaning is compared.
    records = sample_records()
    assert records, "the sample catalog has no records"
    kinds = {kind for kind, _ in records.values()}
    assert {"unit", "achievement"} <= kinds
    records = {
        name: (kind, data)
        for name, (kind, data) in records.items()
        if kind in schemas.kinds
    }
    assert our_verdicts(schemas, records) == their_verdicts(records, tmp_path)


# ---------------------------------------------------------------------------
# Messages: Chinese, naming the field, at its line
# ---------------------------------------------------------------------------

ACHIEVEMENT = """\
kind: achievement
id: lab-2025-001
title: 高安全固态电解质制备技术
unit: lab
channel: inventor
filed_by: 张伟
inventors:
  - name: 张伟
    title: 教授
rights:
  - type: patent
    number: ZL201710601862.3
    granted_on: 2019-05-10
summary: 本成果提出一种高安全固态电解质的制备方法，适合动力电池企业转化实施。
clusters: [new-energy]
city: "440100"
trl: 6
offer:
  license_types: [exclusive]
  free_months: 12
funding:
  provincial_fiscal: false
status: in_stock
"""


def problems_of(schemas: SchemaSet, text: str) -> list[Problem]:
    document, problems = parse_text(text, "catalog/lab/achievements/x.yaml")
    assert problems == []
    return schemas.validate(document, "achievement")


def one(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def test_the_example_achievement_is_valid(schemas: SchemaSet) -> None:
    assert problems_of(schemas, ACHIEVEMENT) == []


def test_missing_field_is_named_at_its_parent(schemas: SchemaSet) -> None:
    text = ACHIEVEMENT.replace("title: 高安全固态电解质制备技术\n", "")
    problem = one(problems_of(schemas, text))
    assert (problem.rule, problem.line) == ("SCHEMA.required", 1)
    assert problem.message == "缺少必填字段“成果名称”（title）"


def test_missing_nested_field_is_shown_at_its_object(schemas: SchemaSet) -> None:
    text = ACHIEVEMENT.replace("  free_months: 12\n", "")
    problem = one(problems_of(schemas, text))
    assert (problem.rule, problem.line) == ("SCHEMA.required", 18)
    assert "免费使用期（月）" in problem.message


def test_required_by_a_condition_is_named(schemas: SchemaSet) -> None:
    text = ACHIEVEMENT.replace("offer:\n  license_types: [exclusive]\n", "x:\n  a: 1\n")
    text = text.replace("x:\n  a: 1\n  free_months: 12\n", "")
    problems = problems_of(schemas, text)
    assert [p.message for p in problems] == ["缺少必填字段“许可条件”（offer）"]


def test_unknown_field_is_shown_at_its_line_with_a_spelling_hint(
    schemas: SchemaSet,
) -> None:
    text = ACHIEVEMENT + "summery: 多写的字段\n"
    problem = one(problems_of(schemas, text))
    assert (problem.rule, problem.line) == ("SCHEMA.additionalProperties", 24)
    assert problem.path == ("summery",)
    assert "“summery”" in problem.message
    assert "是否应为“summary”" in problem.message


def test_unknown_nested_field_is_shown_at_its_line(schemas: SchemaSet) -> None:
    text = ACHIEVEMENT.replace("    title: 教授\n", "    titel: 教授\n")
    problem = one(problems_of(schemas, text))
    assert (problem.line, problem.path) == (9, ("inventors", 0, "titel"))
    assert "是否应为“title”" in problem.message


def test_value_outside_a_vocabulary_lists_the_chinese_labels(
    schemas: SchemaSet,
) -> None:
    text = ACHIEVEMENT.replace("channel: inventor", "channel: individual")
    problem = one(problems_of(schemas, text))
    assert (problem.rule, problem.line) == ("SCHEMA.enum", 5)
    assert "“入库渠道”的值“individual”不在可选范围内" in problem.message
    assert "inventor（成果完成人填报）" in problem.message
    assert "city_batch（地市科技部门批量导入）" in problem.message


def test_vocabulary_in_a_list_names_the_item_and_a_close_code(
    schemas: SchemaSet,
) -> None:
    text = ACHIEVEMENT.replace("[new-energy]", "[software, new-enrgy]")
    problem = one(problems_of(schemas, text))
    assert (problem.line, problem.path) == (15, ("clusters", 1))
    assert "（是否应为“new-energy”？）" in problem.message
    assert "electronics（新一代电子信息）" in problem.message
    assert "等 20 项" in problem.message


def test_a_name_written_instead_of_its_code_gets_the_code(
    schemas: SchemaSet,
) -> None:
    text = ACHIEVEMENT.replace('city: "440100"', "city: 深圳市")
    problem = one(problems_of(schemas, text))
    assert (problem.rule, problem.line) == ("SCHEMA.enum", 16)
    assert "请填写代码“440300”（深圳市）" in problem.message


def test_number_where_text_is_expected_says_to_add_quotes(
    schemas: SchemaSet,
) -> None:
    text = ACHIEVEMENT.replace('city: "440100"', "city: 440100")
    problem = one(problems_of(schemas, text))
    assert (problem.rule, problem.line) == ("SCHEMA.type", 16)
    assert "“所在地市”应为文本" in problem.message
    assert "引号" in problem.message


def test_an_empty_field_is_reported_as_not_filled_in(schemas: SchemaSet) -> None:
    text = ACHIEVEMENT.replace("title: 高安全固态电解质制备技术", "title:")
    problem = one(problems_of(schemas, text))
    assert (problem.rule, problem.line) == ("SCHEMA.type", 3)
    assert problem.message.startswith("“成果名称”未填写：请填写文本")
    assert "null" not in problem.message
    assert "引号" not in problem.message


def test_an_eight_digit_date_is_shown_as_it_should_be_written(
    schemas: SchemaSet,
) -> None:
    text = ACHIEVEMENT.replace("granted_on: 2019-05-10", "granted_on: 20190510")
    problem = one(problems_of(schemas, text))
    assert (problem.rule, problem.line) == ("SCHEMA.type", 13)
    assert "应写作 2019-05-10" in problem.message
    assert "引号可加可不加" in problem.message


def test_no_stays_text_and_is_refused_where_true_or_false_is_expected(
    schemas: SchemaSet,
) -> None:
    text = ACHIEVEMENT.replace("provincial_fiscal: false", "provincial_fiscal: no")
    problem = one(problems_of(schemas, text))
    assert (problem.rule, problem.line) == ("SCHEMA.type", 22)
    assert "true/false" in problem.message
    assert "引号" not in problem.message


def test_pattern_mismatch_quotes_the_field_description(schemas: SchemaSet) -> None:
    text = ACHIEVEMENT.replace("id: lab-2025-001", "id: Lab_2025_001")
    problem = one(problems_of(schemas, text))
    assert (problem.rule, problem.line) == ("SCHEMA.pattern", 2)
    assert "“记录标识”的格式不正确：“Lab_2025_001”" in problem.message
    assert "小写字母" in problem.message


def test_impossible_date_stays_text_and_is_reported_at_its_line(
    schemas: SchemaSet,
) -> None:
    text = ACHIEVEMENT.replace("granted_on: 2019-05-10", "granted_on: 2026-02-30")
    document, _ = parse_text(text, "x.yaml")
    assert document.data["rights"][0]["granted_on"] == "2026-02-30"
    problem = one(schemas.validate(document, "achievement"))
    assert (problem.rule, problem.line) == ("SCHEMA.format", 13)
    assert problem.path == ("rights", 0, "granted_on")
    assert "“授权或登记日期”不是有效的日期：“2026-02-30”" in problem.message


def test_out_of_range_number_names_the_limit(schemas: SchemaSet) -> None:
    text = ACHIEVEMENT.replace("trl: 6", "trl: 10")
    problem = one(problems_of(schemas, text))
    assert (problem.rule, problem.line) == ("SCHEMA.maximum", 17)
    assert "不能大于 9" in problem.message


def test_contact_without_phone_or_email_names_both(schemas: SchemaSet) -> None:
    text = ACHIEVEMENT + "contact:\n  name: 技术转移中心\n"
    problem = one(problems_of(schemas, text))
    assert (problem.rule, problem.line) == ("SCHEMA.anyOf", 24)
    assert "“联系电话”或“电子邮箱”" in problem.message


def test_every_error_of_a_record_is_reported(schemas: SchemaSet) -> None:
    text = (
        ACHIEVEMENT.replace("trl: 6", "trl: 0")
        .replace('city: "440100"', "city: 440100")
        .replace("channel: inventor", "channel: x")
    )
    lines = sorted(problem.line for problem in problems_of(schemas, text))
    assert lines == [5, 16, 17]


def test_a_value_of_the_wrong_type_is_reported_once(schemas: SchemaSet) -> None:
    text = ACHIEVEMENT.replace("trl: 6", "trl: sechs")
    problem = one(problems_of(schemas, text))
    assert problem.rule == "SCHEMA.type"


def test_value_with_a_final_line_break_fails_its_pattern(schemas: SchemaSet) -> None:
    text = ACHIEVEMENT.replace("id: lab-2025-001", 'id: "lab-2025-001\\n"')
    problem = one(problems_of(schemas, text))
    assert (problem.rule, problem.line, problem.path) == ("SCHEMA.pattern", 2, ("id",))
    assert "“记录标识”的格式不正确" in problem.message


def test_where_only_the_fast_path_refuses_its_finding_is_still_reported() -> None:
    # fastjsonschema checks an e-mail address by its shape; jsonschema only
    # looks for an @. The stricter verdict must never be dropped.
    probe = {
        "type": "object",
        "properties": {
            "mail": {"type": "string", "format": "email", "title": "邮箱"},
        },
    }
    schemas = SchemaSet({"probe": probe})
    document, _ = parse_text("name: x\nmail: a@\n", "probe.yaml")
    assert schemas.validator("probe").is_valid(document.data)
    problem = one(schemas.validate(document, "probe"))
    assert (problem.rule, problem.line, problem.path) == ("SCHEMA.format", 2, ("mail",))
    assert "“邮箱”的格式不正确：“a@”" in problem.message


# ---------------------------------------------------------------------------
# The valid part of an invalid record, which the rules across records still read
# ---------------------------------------------------------------------------


def valid_part_of(schemas: SchemaSet, text: str) -> dict[str, Any] | None:
    document, problems = parse_text(text, "catalog/lab/achievements/x.yaml")
    assert problems == []
    part = schemas.valid_part(document.data, "achievement")
    return None if part is None else part.data


def test_unknown_fields_are_left_out_of_the_valid_part(schemas: SchemaSet) -> None:
    text = ACHIEVEMENT + "summery: 多写的字段\ntlr: 3\n"
    text = text.replace("  free_months: 12\n", "  free_months: 12\n  note: x\n")
    expected, _ = parse_text(ACHIEVEMENT, "x.yaml")
    assert valid_part_of(schemas, text) == expected.data


def test_a_record_with_a_wrong_value_has_no_valid_part(schemas: SchemaSet) -> None:
    # the rules would read the record as if the field were not written, and
    # say it is missing, or count from today where a date was meant
    assert valid_part_of(schemas, ACHIEVEMENT.replace("trl: 6", "trl: 12")) is None


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("title: 高安全固态电解质制备技术\n", ""),  # a required field is missing
        ("status: in_stock", "status: sold"),  # a required field is wrong
        ("clusters: [new-energy]", "clusters: [no-such-cluster]"),  # a list item
        ("  free_months: 12\n", ""),  # a nested required field is missing
    ],
)
def test_a_record_missing_what_it_needs_has_no_valid_part(
    schemas: SchemaSet, old: str, new: str
) -> None:
    assert old in ACHIEVEMENT
    assert valid_part_of(schemas, ACHIEVEMENT.replace(old, new)) is None


def test_a_misspelt_required_field_is_read_under_the_name_it_was_meant_for(
    schemas: SchemaSet,
) -> None:
    text = ACHIEVEMENT.replace("title: 高安全", "titel: 高安全")
    text = text.replace("free_months:", "free_month:")
    expected, _ = parse_text(ACHIEVEMENT, "x.yaml")
    part = valid_part_of(schemas, text)
    assert part == expected.data
    assert list(part) == list(expected.data)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # the value does not fit the field it was meant for
        ("  free_months: 12\n", "  free_month: 十二\n"),
        # two misspellings of one missing field: which one was meant?
        (
            "title: 高安全固态电解质制备技术\n",
            "titel: 固态电解质技术\ntitle_: 固态电池技术\n",
        ),
    ],
)
def test_a_misspelt_required_field_is_not_guessed_where_the_guess_is_doubtful(
    schemas: SchemaSet, old: str, new: str
) -> None:
    assert old in ACHIEVEMENT
    assert valid_part_of(schemas, ACHIEVEMENT.replace(old, new)) is None


def test_the_valid_part_leaves_the_record_as_written(schemas: SchemaSet) -> None:
    document, _ = parse_text(ACHIEVEMENT + "tlr: 3\n", "x.yaml")
    schemas.valid_part(document.data, "achievement")
    assert document.data["tlr"] == 3


@pytest.mark.parametrize(
    ("old", "new", "written"),
    [
        ("trl: 6", "trl: 13812345678", "13812345678"),
        ('city: "440100"', "city: 440106198001011230", "440106198001011230"),
    ],
)
def test_messages_never_repeat_a_personal_number(
    schemas: SchemaSet, old: str, new: str, written: str
) -> None:
    # messages reach public CI logs
    problem = one(problems_of(schemas, ACHIEVEMENT.replace(old, new)))
    assert written not in problem.message
    assert written[:3] in problem.message and written[-4:] in problem.message
