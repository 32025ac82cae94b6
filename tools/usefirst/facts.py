"""What rules read of one record alone, found in one walk and cached with the file.

    facts = record_facts("first_use_contract", data)
    facts.attachments    # ((("scan",), "attachments/fu-001.pdf", "9f86d0…"),)
    facts.number_texts   # (("remarks",),): texts that may hold a personal number

Two rule families look inside every record: the attachment rules for every
``{file, sha256}`` object, the privacy rules for every text. ``filecheck``
works their facts out with the file's own check and keeps them in its cache,
so that a re-check after one changed file walks that one record, not every
record of the catalog again.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from usefirst import identifiers
from usefirst.kinds import CONTRACT_KINDS, RIGHTS_FILING

Path = tuple[str | int, ...]
Attachment = tuple[Path, str, str]  # where the object stands, its file, its sha256

# the only fields where identity and mobile numbers may stand: the inventor of
# an exercise-rights filing, the contact of a contract party; none is published
PERSONAL_FIELDS: dict[str, tuple[Path, ...]] = {
    RIGHTS_FILING: (("inventor",),),
    **{
        kind: tuple(
            (party, key)
            for party in ("licensee", "partner")
            for key in ("contact_person", "contact_phone")
        )
        for kind in CONTRACT_KINDS
    },
}
SKIPPED_KEYS = frozenset({"uscc", "sha256"})  # codes and hashes, checked as such

# What any identity number or mobile number the finders of ``identifiers``
# accept must contain, full-width forms folded to ASCII: 17 digits in groups
# split by at most one separator, or the 11 digits of a mobile number. Most
# texts have neither; a text that has one is searched exactly by the rules.
_SEPARATOR = "[ .\\-\u2013\u2014\uff0d]?"
_MAY_BE_ID = re.compile(f"[0-9]{{6}}{_SEPARATOR}[0-9]{{8}}{_SEPARATOR}[0-9]{{3}}")
_MAY_BE_MOBILE = re.compile(f"1[3-9][0-9]{_SEPARATOR}[0-9]{{4}}{_SEPARATOR}[0-9]{{4}}")


class Facts(NamedTuple):
    """The attachments a record refers to, and its texts that may hold numbers."""

    attachments: tuple[Attachment, ...] = ()
    number_texts: tuple[Path, ...] = ()


NO_FACTS = Facts()


def may_hold_number(text: str) -> bool:
    """Tell whether a text may hold an identity or mobile number."""
    folded = identifiers.fold_width(text)
    return bool(_MAY_BE_ID.search(folded) or _MAY_BE_MOBILE.search(folded))


def record_facts(kind: Any, data: dict[str, Any]) -> Facts:
    """Walk a record once and gather what the attachment and privacy rules read."""
    walk = _Walk(kind)
    walk.mapping(data, ())
    # one text per record first; a line break ends a number as the end of a
    # text does, so only a record that may hold a number is searched per text
    if not walk.texts or not may_hold_number("\n".join(walk.texts)):
        return Facts(tuple(walk.attachments)) if walk.attachments else NO_FACTS
    return Facts(tuple(walk.attachments), tuple(walk.number_paths(data)))


class _Walk:
    """One pass over a record: its attachment objects and its searchable texts."""

    def __init__(self, kind: Any) -> None:
        self.attachments: list[Attachment] = []
        self.texts: list[str] = []
        # keys to pass over, by the path of the mapping that holds them
        self.skipped: dict[Path, frozenset[str]] = {}
        # a record of no known kind (even a list for a kind) has no such fields
        fields = PERSONAL_FIELDS.get(kind, ()) if isinstance(kind, str) else ()
        for field in fields:
            held = self.skipped.get(field[:-1], SKIPPED_KEYS)
            self.skipped[field[:-1]] = held | {field[-1]}

    def mapping(self, mapping: dict[str, Any], path: Path) -> None:
        file, digest = mapping.get("file"), mapping.get("sha256")
        if isinstance(file, str) and isinstance(digest, str):
            self.attachments.append((path, file, digest))
        skipped = self.skipped.get(path, SKIPPED_KEYS) if self.skipped else SKIPPED_KEYS
        for key, value in mapping.items():
            if key in skipped:
                continue
            if isinstance(value, str):
                self.texts.append(value)
            elif isinstance(value, dict):
                self.mapping(value, (*path, key))
            elif isinstance(value, list):
                self.sequence(value, (*path, key))

    def sequence(self, items: list[Any], path: Path) -> None:
        for index, value in enumerate(items):
            if isinstance(value, str):
                self.texts.append(value)
            elif isinstance(value, dict):
                self.mapping(value, (*path, index))
            elif isinstance(value, list):
                self.sequence(value, (*path, index))

    def number_paths(self, data: dict[str, Any]) -> list[Path]:
        """List the paths of the texts that may hold a number, field by field."""
        found: list[Path] = []
        stack: list[tuple[Path, Any]] = [((), data)]
        while stack:
            path, value = stack.pop()
            if isinstance(value, str):
                if may_hold_number(value):
                    found.append(path)
            elif isinstance(value, dict):
                skipped = self.skipped.get(path, SKIPPED_KEYS)
                stack.extend(
                    ((*path, key), child)
                    for key, child in value.items()
                    if key not in skipped
                )
            elif isinstance(value, list):
                stack.extend(((*path, index), item) for index, item in enumerate(value))
        return found
