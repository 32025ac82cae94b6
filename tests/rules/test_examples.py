"""The rules across records, specified by example catalogs.

``base/`` is a small catalog that passes every rule. Each example under
``examples/invalid/<RULE.code>/<case>/`` or ``examples/valid/<RULE.code>/<case>/``
holds files laid over a copy of the base (same relative path: replaced; new
path: added). In an invalid example, each line where a problem must be reported
ends with ``# expect: RULE.code`` (or ``# expect-warning: RULE.code``); the check
must report exactly those problems, no more. A valid example reports nothing.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from usefirst.catalog import Catalog, Record, load_catalog
from usefirst.check import check_repository
from usefirst.exitcodes import INVALID, OK
from usefirst.facts import record_facts
from usefirst.problems import Problem, has_errors
from usefirst.repository import Repository
from usefirst.rules import REGISTRY, Context, Rule, run_rules

HERE = Path(__file__).parent
BASE = HERE / "base"
EXAMPLES = HERE / "examples"
SCHEMAS = HERE.parents[1] / "schemas"
TODAY = date(2026, 12, 1)
MARK = re.compile(r"#\s*expect(-warning)?:\s*(.+?)\s*$")

Expected = set[tuple[str, int, str, str]]


def cases(kind: str) -> list[Path]:
    """List the example folders of one kind, ``valid`` or ``invalid``."""
    return sorted(path for path in (EXAMPLES / kind).glob("*/*") if path.is_dir())


def case_id(case: Path) -> str:
    return f"{case.parent.name}/{case.name}"


def build(tmp_path: Path, overlay: Path | None) -> Path:
    """Make a repository of the base catalog with an example laid over it."""
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    shutil.copytree(SCHEMAS, root / "schemas")
    if overlay is not None:
        shutil.copytree(overlay, root, dirs_exist_ok=True)
    return root


def check(root: Path) -> list[Problem]:
    _, problems = check_repository(Repository(root), use_cache=False, today=TODAY)
    return problems


def exit_code(problems: list[Problem]) -> int:
    return INVALID if has_errors(problems) else OK


def expectations(overlay: Path) -> Expected:
    """Read the ``# expect:`` marks of every YAML file in an example."""
    expected: Expected = set()
    for path in sorted(overlay.rglob("*.yaml")):
        file = path.relative_to(overlay).as_posix()
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, text in enumerate(lines, start=1):
            mark = MARK.search(text)
            if mark is None:
                continue
            severity = "warning" if mark.group(1) else "error"
            for code in mark.group(2).split(","):
                expected.add((file, number, code.strip(), severity))
    return expected


def reported(problems: list[Problem]) -> Expected:
    return {(p.file, p.line, p.rule, p.severity.value) for p in problems}


def test_base_catalog_passes_every_rule(tmp_path: Path) -> None:
    problems = check(build(tmp_path, None))
    assert [p.as_dict() for p in problems] == []


@pytest.mark.parametrize("case", cases("invalid"), ids=case_id)
def test_invalid_example_is_reported_at_its_marked_lines(
    case: Path, tmp_path: Path
) -> None:
    expected = expectations(case)
    assert case.parent.name in {code for _, _, code, _ in expected}, (
        "an invalid example marks at least one line with its own rule code"
    )

    problems = check(build(tmp_path, case))

    assert reported(problems) == expected, [p.as_dict() for p in problems]
    errors = any(severity == "error" for *_, severity in expected)
    assert exit_code(problems) == (INVALID if errors else OK)
    for problem in problems:
        assert_readable(problem)


def assert_readable(problem: Problem) -> None:
    """A message names a field by its Chinese title, says what is wrong and right."""
    assert re.search(r"“[^”]*[\u4e00-\u9fff][^”]*”", problem.message), problem
    assert "：" in problem.message, problem


@pytest.mark.parametrize("case", cases("valid"), ids=case_id)
def test_valid_example_passes(case: Path, tmp_path: Path) -> None:
    assert not expectations(case), "a valid example marks no line"

    problems = check(build(tmp_path, case))

    assert [p.as_dict() for p in problems] == []
    assert exit_code(problems) == OK


@pytest.mark.parametrize("kind", ["invalid", "valid"])
def test_every_rule_has_examples_of_both_kinds(kind: str) -> None:
    covered = {case.parent.name for case in cases(kind)}
    assert sorted(set(REGISTRY) - covered) == []


@pytest.mark.parametrize("kind", ["invalid", "valid"])
def test_every_example_folder_names_a_registered_rule(kind: str) -> None:
    folders = {path.name for path in (EXAMPLES / kind).iterdir() if path.is_dir()}
    assert sorted(folders - set(REGISTRY)) == []


# Rules marked ``per_record`` run on the few records whose files have errors
# alone (``usefirst.check``): a rule that compares records must not be marked.
PER_RECORD = [registered for registered in REGISTRY.values() if registered.per_record]


def test_rules_that_read_one_record_are_marked() -> None:
    codes = {registered.code for registered in PER_RECORD}
    assert {"ID.patent", "DATE.future", "PRIVACY.mobile"} <= codes
    assert not codes & {"UNIQUE.id", "REF.achievement", "NOTICE.exited"}


CONTEXT = Context(today=TODAY, use_cache=False)


def example_catalog(case: Path, tmp_path: Path) -> Catalog:
    """Load an example's catalog with the records whose files have errors."""
    repository = Repository(build(tmp_path, case))
    catalog, _ = load_catalog(repository, use_cache=False, partial=True)
    return catalog


def run_on(catalog: Catalog, records: list[Record], rules: list[Rule]) -> list[Problem]:
    """Run rules on some records of a catalog, as a catalog of their own."""
    alone = Catalog(catalog.repository, records, catalog.known_ids)
    return run_rules(alone, CONTEXT, rules)


@pytest.mark.parametrize("case", cases("invalid"), ids=case_id)
def test_a_per_record_rule_finds_the_same_in_each_record_alone(
    case: Path, tmp_path: Path
) -> None:
    catalog = example_catalog(case, tmp_path)

    whole = run_rules(catalog, CONTEXT, PER_RECORD)
    alone = [
        problem
        for record in catalog.records
        for problem in run_on(catalog, [record], PER_RECORD)
    ]

    assert sorted(alone) == sorted(whole)


# Rules marked ``facts_only`` run on records whose values are wrong too, as they
# were written: what they find must not depend on any value outside the texts
# and attachments the record's facts name (``usefirst.facts``).
FACTS_ONLY = [registered for registered in REGISTRY.values() if registered.facts_only]


def test_rules_that_read_only_facts_are_marked() -> None:
    codes = {registered.code for registered in FACTS_ONLY}
    assert {"PRIVACY.resident_id", "PRIVACY.mobile", "ATTACHMENT.missing"} <= codes
    assert not codes & {"ID.patent", "DATE.future", "NOTICE.free_period"}
    assert all(registered.per_record for registered in FACTS_ONLY)


def spoiled(value: Any) -> Any:
    """Put a wrong value wherever a record holds no text, or a date."""
    if isinstance(value, dict):
        wrong = {"id": ["不是文本"]}
        return {
            key: item if key == "kind" else wrong.get(key, spoiled(item))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [*map(spoiled, value), None]
    if isinstance(value, bool | int | float) or value is None:
        return "十二"
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "2026-02-30"
    return value


@pytest.mark.parametrize("case", cases("invalid"), ids=case_id)
def test_a_facts_only_rule_finds_the_same_whatever_the_other_values(
    case: Path, tmp_path: Path
) -> None:
    catalog = example_catalog(case, tmp_path)
    as_written = []
    for record in catalog.records:
        data = spoiled(record.data)
        document = record.document.with_data(data)
        facts = record_facts(record.kind, data)
        as_written.append(Record(document, record.folder, facts, complete=False))

    assert sorted(run_on(catalog, as_written, FACTS_ONLY)) == sorted(
        run_on(catalog, catalog.records, FACTS_ONLY)
    )
