"""Record schemas: loading, validation, and Chinese messages at the right line.

    schemas = SchemaSet.load(Path("schemas"))
    problems = schemas.validate(document, "achievement")

The JSON Schema files in ``schemas/`` are the single source of truth for the
record format. Valid records take a fast path (fastjsonschema, compiled once);
only an invalid record is walked again by jsonschema, which reports every error
with its path, so that each becomes a problem at its own line.
"""

from __future__ import annotations

import copy
import difflib
import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import fastjsonschema

from usefirst.dates import parse_day
from usefirst.identifiers import mask_numbers
from usefirst.loader import Document, Path_
from usefirst.problems import Problem

if TYPE_CHECKING:  # imported when a record fails the fast path, see _full_validators
    import jsonschema
    from referencing import Registry

COMMON = "common"
SCHEMA_SUFFIX = ".schema.json"
_TYPE_NAMES = {
    "string": "文本",
    "integer": "整数",
    "number": "数字",
    "boolean": "是或否（true/false）",
    "array": "列表",
    "object": "一组字段",
    "null": "空值",
}


def _digits_as_date(value: Any, schema: Any) -> str | None:
    """Spell an unquoted YYYYMMDD number in a date field as YYYY-MM-DD."""
    if not isinstance(schema, dict) or schema.get("format") != "date":
        return None
    text = str(value)
    if isinstance(value, bool) or not isinstance(value, int) or len(text) != 8:
        return None
    day = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return day if _is_date(day) else None


def _is_date(value: str) -> bool:
    return parse_day(value) is not None


@functools.lru_cache(maxsize=256)
def _anchored(pattern: str) -> re.Pattern[str]:
    # a final $ ends the text, as in ECMAScript and in the fast path; Python's
    # $ would also match before a final line break
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[jsonschema.ValidationError]:
    import jsonschema

    if validator.is_type(instance, "string") and not _anchored(pattern).search(
        instance
    ):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@functools.cache
def _full_validators() -> Any:
    """Return the class of validators that report every error, with lines.

    jsonschema and referencing take longer to import than a warm check takes
    to run; valid records never need them.
    """
    import jsonschema

    return jsonschema.validators.extend(
        jsonschema.Draft202012Validator, validators={"pattern": _pattern}
    )


class ValidPart(NamedTuple):
    """What the rules may read of an invalid record, and where it was written.

    ``renamed`` maps the path of each field read under the name it was meant
    for to the path of the misspelt field it was written at.
    """

    data: dict[str, Any]
    renamed: dict[Path_, Path_]


@dataclass
class SchemaSet:
    """All record schemas of one repository, keyed by record kind."""

    documents: dict[str, dict[str, Any]]
    _fast: dict[str, Any] = field(default_factory=dict, repr=False)
    _full: dict[str, Any] = field(default_factory=dict, repr=False)
    _titles: dict[tuple[str, tuple], str] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def load(cls, folder: Path) -> SchemaSet:
        """Read every ``*.schema.json`` in a folder."""
        documents = {}
        for path in sorted(folder.glob(f"*{SCHEMA_SUFFIX}")):
            name = path.name.removesuffix(SCHEMA_SUFFIX)
            documents[name] = json.loads(path.read_text(encoding="utf-8"))
        return cls(documents)

    @cached_property
    def kinds(self) -> list[str]:
        return [name for name in self.documents if name != COMMON]

    @cached_property
    def registry(self) -> Registry:
        from referencing import Registry
        from referencing.jsonschema import DRAFT202012

        resources = [
            (f"{name}{SCHEMA_SUFFIX}", DRAFT202012.create_resource(schema))
            for name, schema in self.documents.items()
        ]
        return Registry().with_resources(resources)

    def validator(self, kind: str) -> jsonschema.Draft202012Validator:
        """Return the full validator of a kind, which reports every error."""
        if kind not in self._full:
            import jsonschema

            self._full[kind] = _full_validators()(
                self.documents[kind],
                registry=self.registry,
                format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
            )
        return self._full[kind]

    def fast_validator(self, kind: str) -> Any:
        if kind not in self._fast:
            self._fast[kind] = fastjsonschema.compile(
                self.documents[kind],
                handlers={"": self._load_reference},
                formats={"date": _is_date},
            )
        return self._fast[kind]

    def _load_reference(self, uri: str) -> dict[str, Any]:
        return self.documents[uri.removesuffix(SCHEMA_SUFFIX)]

    def validate(self, document: Document, kind: str) -> list[Problem]:
        """Check one document against the schema of its kind."""
        try:
            self.fast_validator(kind)(document.data)
            return []
        except fastjsonschema.JsonSchemaValueException as fast_error:
            first = fast_error
        errors = _most_useful(self.validator(kind).iter_errors(document.data))
        if not errors:
            # the fast path is the stricter one here, e.g. a pattern ending in
            # $ that jsonschema lets match before a final line break
            errors = [_as_validation_error(first)]
        describer = _Describer(self, kind)
        problems = [describer.problem(document, error) for error in errors]
        return sorted(set(problems))

    def valid_part(self, data: dict[str, Any], kind: str) -> ValidPart | None:
        """Drop the fields the schema does not know; return the rest if it is valid.

        A record whose only errors are unknown fields (often a misspelt name)
        is what was written without them. An unknown field whose spelling
        hint names a missing required field at its place, and is the only one
        to, is read as that field. A wrong value at a known field gives no
        valid part: rules reading the record without that field would say it
        is missing, or count from today where a date was meant.
        """
        unknown: dict[Path_, tuple[set[str], list[str]]] = {}
        missing: dict[Path_, set[str]] = {}
        for error in self.validator(kind).iter_errors(data):
            path = tuple(error.absolute_path)
            if error.validator == "additionalProperties":
                known = list(error.schema.get("properties", {}))
                unknown[path] = (set(error.instance) - set(known), known)
            elif error.validator == "required" and isinstance(error.instance, dict):
                absent = set(error.validator_value) - set(error.instance)
                missing.setdefault(path, set()).update(absent)
            else:
                return None
        part = copy.deepcopy(data)
        renamed: dict[Path_, Path_] = {}
        for path, (extras, known) in unknown.items():
            meant = {extra: _resembling(extra, known) for extra in extras}
            guesses = list(meant.values())
            for extra, name in meant.items():
                if name in missing.get(path, ()) and guesses.count(name) == 1:
                    _rename(part, path, extra, name)
                    renamed[(*path, name)] = (*path, extra)
                else:
                    _drop(part, (*path, extra))
        try:
            self.fast_validator(kind)(part)
        except fastjsonschema.JsonSchemaValueException:
            return None
        return ValidPart(part, renamed)

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """Merge a ``$ref`` target under the keywords written beside it."""
        reference = node.get("$ref")
        if not reference:
            return node
        target_file, _, pointer = reference.partition("#")
        name = target_file.removesuffix(SCHEMA_SUFFIX) if target_file else None
        target: Any = self.documents[name] if name else self.documents[COMMON]
        for part in pointer.strip("/").split("/"):
            if part:
                target = target[part]
        merged = dict(self.resolve(target))
        merged.update({key: value for key, value in node.items() if key != "$ref"})
        return merged

    def kind_title(self, kind: str) -> str:
        """Name a record kind in Chinese, as its schema titles it."""
        return self.documents.get(kind, {}).get("title", kind)

    def field_schema(self, kind: str, path: tuple[str | int, ...]) -> dict[str, Any]:
        """Find the schema of the field at a path, or ``{}`` if it has none."""
        node = self.resolve(self.documents[kind])
        for part in path:
            if isinstance(part, int):
                node = self.resolve(node.get("items", {}))
            else:
                node = self.resolve(node.get("properties", {}).get(part, {}))
        return node

    def field_title(self, kind: str, path: tuple[str | int, ...]) -> str:
        """Name a field in Chinese, as its schema titles it."""
        # every item of a list has the same title: one entry for all of them
        key = (kind, tuple(0 if isinstance(part, int) else part for part in path))
        title = self._titles.get(key)
        if title is None:
            title = self._titles[key] = self._title(kind, key[1])
        return title

    def _title(self, kind: str, path: tuple[str | int, ...]) -> str:
        for end in range(len(path), 0, -1):
            if isinstance(path[end - 1], str):
                title = self.field_schema(kind, path[:end]).get("title")
                return title or str(path[end - 1])
        return "记录"

    def labels(self, schema: dict[str, Any]) -> dict[str, str]:
        """Map each code of a closed vocabulary to its Chinese name."""
        schema = self.resolve(schema)
        names = schema.get("enumDescriptions", [])
        return dict(zip(schema.get("enum", []), names, strict=False))

    def vocabulary(self, name: str) -> dict[str, str]:
        """Return a shared vocabulary (``city``, ``cluster`` ...) as code → name."""
        return self.labels(self.documents[COMMON]["$defs"][name])


class _Describer:
    """Turn a jsonschema error into a problem with a Chinese message."""

    def __init__(self, schemas: SchemaSet, kind: str) -> None:
        self.schemas = schemas
        self.kind = kind

    def problem(self, document: Document, error: jsonschema.ValidationError) -> Problem:
        path = tuple(error.absolute_path)
        message = self.message(error, path)
        if error.validator == "additionalProperties":
            path = (*path, min(set(error.instance) - set(error.schema["properties"])))
        return Problem(
            document.file,
            document.line_of(path),
            f"SCHEMA.{error.validator}",
            message,
            path,
        )

    def message(self, error: jsonschema.ValidationError, path: tuple) -> str:
        title = self.schemas.field_title(self.kind, path)
        describe = getattr(self, f"_{error.validator}", None)
        if describe is None:
            return f"“{title}”不符合格式要求：{_description(error.schema)}"
        return describe(error, title, path)

    def _required(self, error: Any, title: str, path: tuple) -> str:
        missing = error.message.split("'")[1]
        field_title = self.schemas.field_title(self.kind, (*path, missing))
        return f"缺少必填字段“{field_title}”（{missing}）"

    def _additionalProperties(self, error: Any, title: str, path: tuple) -> str:
        known = list(error.schema.get("properties", {}))
        extras = sorted(set(error.instance) - set(known))
        hints = []
        for extra in extras:
            close = _resembling(extra, known)
            hint = f"（是否应为“{close}”？）" if close else ""
            hints.append(f"“{extra}”{hint}")
        return f"不认识的字段 {'、'.join(hints)}：请检查拼写，可用字段见字段说明"

    def _type(self, error: Any, title: str, path: tuple) -> str:
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        names = "或".join(_TYPE_NAMES.get(name, name) for name in expected)
        if error.instance is None:
            return f"“{title}”未填写：请填写{names}"
        day = _digits_as_date(error.instance, error.schema)
        if day is not None:
            return f"“{title}”应写作 {day}（引号可加可不加），实际为“{error.instance}”"
        hint = "；请给值加上引号" if "string" in expected else ""
        return f"“{title}”应为{names}，实际为“{_show(error.instance)}”{hint}"

    def _enum(self, error: Any, title: str, path: tuple) -> str:
        labels = self.schemas.labels(error.schema)
        value, codes = error.instance, error.validator_value
        codes_by_label = {label: code for code, label in labels.items()}
        if isinstance(value, str) and value in codes_by_label:
            code = codes_by_label[value]
            return f"“{title}”请填写代码“{code}”（{value}），而不是名称"
        options = [
            f"{code}（{labels[code]}）" if code in labels else str(code)
            for code in codes
        ]
        shown = "、".join(options[:8])
        if len(options) > 8:
            shown += f"等 {len(options)} 项，见字段说明"
        close = difflib.get_close_matches(str(value), [str(c) for c in codes], n=1)
        hint = f"（是否应为“{close[0]}”？）" if close else ""
        return f"“{title}”的值“{_show(value)}”不在可选范围内{hint}：可填 {shown}"

    def _const(self, error: Any, title: str, path: tuple) -> str:
        return (
            f"“{title}”应为“{error.validator_value}”，实际为“{_show(error.instance)}”"
        )

    def _pattern(self, error: Any, title: str, path: tuple) -> str:
        return (
            f"“{title}”的格式不正确：“{_show(error.instance)}”。"
            f"{_description(error.schema)}"
        )

    def _format(self, error: Any, title: str, path: tuple) -> str:
        if error.validator_value != "date":
            return self._pattern(error, title, path)
        return (
            f"“{title}”不是有效的日期：“{_show(error.instance)}”，"
            "应写作真实存在的 YYYY-MM-DD，例如 2026-05-01"
        )

    def _minLength(self, error: Any, title: str, path: tuple) -> str:
        return f"“{title}”太短：至少 {error.validator_value} 个字"

    def _maxLength(self, error: Any, title: str, path: tuple) -> str:
        limit, actual = error.validator_value, len(error.instance)
        return f"“{title}”太长：最多 {limit} 个字，现有 {actual} 个"

    def _minItems(self, error: Any, title: str, path: tuple) -> str:
        return f"“{title}”至少要填 {error.validator_value} 项"

    def _maxItems(self, error: Any, title: str, path: tuple) -> str:
        return f"“{title}”最多填 {error.validator_value} 项"

    def _uniqueItems(self, error: Any, title: str, path: tuple) -> str:
        return f"“{title}”中有重复的项"

    def _minimum(self, error: Any, title: str, path: tuple) -> str:
        actual = _show(error.instance)
        return f"“{title}”不能小于 {error.validator_value}，实际为 {actual}"

    def _maximum(self, error: Any, title: str, path: tuple) -> str:
        actual = _show(error.instance)
        return f"“{title}”不能大于 {error.validator_value}，实际为 {actual}"

    def _anyOf(self, error: Any, title: str, path: tuple) -> str:
        wanted = [option.get("required", []) for option in error.validator_value]
        if all(wanted):
            names = "或".join(
                f"“{self.schemas.field_title(self.kind, (*path, names[0]))}”"
                for names in wanted
            )
            return f"“{title}”中至少要填写 {names}"
        return f"“{title}”不符合格式要求：{_description(error.schema)}"


def _as_validation_error(
    error: fastjsonschema.JsonSchemaValueException,
) -> jsonschema.ValidationError:
    """Restate an error of the fast path the way jsonschema reports errors."""
    import jsonschema

    path = [int(part) if part.isdigit() else part for part in error.path[1:]]
    definition = error.definition or {}
    return jsonschema.ValidationError(
        error.message,
        validator=error.rule,
        path=path,
        instance=error.value,
        schema=definition,
        validator_value=definition.get(error.rule),
    )


def _resembling(name: str, known: list[str]) -> str | None:
    """Name the known field a misspelt name most resembles, if any."""
    close = difflib.get_close_matches(name, known, n=1)
    return close[0] if close else None


def _rename(data: Any, path: Path_, old: str, new: str) -> None:
    """Rename a field of the mapping at a path, keeping the order of fields."""
    for part in path:
        data = data[part]
    items = list(data.items())
    data.clear()
    data.update((new if key == old else key, value) for key, value in items)


def _drop(data: Any, path: Path_) -> None:
    """Delete the field at a path, if it is still there."""
    for part in path[:-1]:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return
    if isinstance(data, dict):
        data.pop(path[-1], None)


def _most_useful(errors: Any) -> list[jsonschema.ValidationError]:
    """Drop errors that only repeat a type or pattern error at the same field.

    A date written 2026-5-1 fails both its pattern and its format: the pattern's
    message says how to write it, the format's would only say it is no date.
    """
    errors = list(errors)
    typed = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    patterned = {tuple(e.absolute_path) for e in errors if e.validator == "pattern"}

    def repeats(error: jsonschema.ValidationError) -> bool:
        path = tuple(error.absolute_path)
        if error.validator == "type":
            return False
        return path in typed or (error.validator == "format" and path in patterned)

    return [error for error in errors if not repeats(error)]


def _description(schema: dict[str, Any]) -> str:
    return schema.get("description", "请对照字段说明修改")


def _show(value: Any) -> str:
    """Quote a value in a message: shortened, and personal numbers masked."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = mask_numbers(text)
    return text if len(text) <= 40 else text[:37] + "…"
