"""Specification of the facts gathered of each record with its file (usefirst.facts).

    pytest tests/test_facts.py -q

The attachment and privacy rules start from these facts instead of walking
every record again, so they must miss nothing the rules would have found.
"""

from __future__ import annotations

from datetime import date

import pytest

from usefirst.facts import NO_FACTS, record_facts
from usefirst.identifiers import find_mobile_numbers, find_resident_ids
from usefirst.kinds import ACHIEVEMENT, FIRST_USE, RIGHTS_FILING

SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
TODAY = date(2026, 12, 1)
# every written form of a number the finders of usefirst.identifiers accept
NUMBERS = [
    "44010619800101006X",
    "440106 19800101 006X",
    "440106.19800101.006X",
    "440106-19800101-006X",
    "440106—19800101—006X",
    "440106–19800101–006X",
    "440106－19800101－006X",
    "４４０１０６１９８００１０１００６Ｘ",
    "440106　19800101　006Ｘ",
    "13812345678",
    "138-1234-5678",
    "138 1234 5678",
    "+86 138 1234 5678",
    "0086 13812345678",
    "138.0013.8000",
    "138—0013—8000",
    "１３８－００１３－８０００",
]


def test_attachment_objects_are_found_wherever_they_stand() -> None:
    data = {
        "kind": ACHIEVEMENT,
        "scan": {"file": "attachments/a.pdf", "sha256": SHA},
        "rights": [
            {"number": "x", "certificate": {"file": "attachments/b.pdf", "sha256": SHA}}
        ],
        "note": {"file": "attachments/c.pdf"},  # no sha256: not an attachment object
        "other": {"file": 3, "sha256": SHA},
    }
    assert record_facts(ACHIEVEMENT, data).attachments == (
        (("scan",), "attachments/a.pdf", SHA),
        (("rights", 0, "certificate"), "attachments/b.pdf", SHA),
    )


def test_a_record_without_attachments_or_numbers_shares_the_empty_facts() -> None:
    data = {"kind": ACHIEVEMENT, "title": "固态电解质", "year": 2026, "tags": ["a"]}
    assert record_facts(ACHIEVEMENT, data) is NO_FACTS


@pytest.mark.parametrize("number", NUMBERS)
def test_every_number_the_finders_accept_is_screened_in(number: str) -> None:
    text = f"联系：{number}（工作日）"
    assert find_resident_ids(text, today=TODAY) or find_mobile_numbers(text)
    data = {"kind": ACHIEVEMENT, "summary": "摘要", "funding": [{"name": text}]}
    assert record_facts(ACHIEVEMENT, data).number_texts == (("funding", 0, "name"),)


def test_texts_are_screened_one_by_one_not_joined() -> None:
    # the digits of two texts together would look like a mobile number
    data = {"kind": ACHIEVEMENT, "a": "电话 138", "b": "12345678"}
    assert record_facts(ACHIEVEMENT, data).number_texts == ()


def test_fields_meant_for_personal_numbers_and_codes_are_not_screened() -> None:
    contract = {
        "kind": FIRST_USE,
        "licensee": {
            "name": "某公司",
            "uscc": "12440000455858013X",
            "contact_person": "张工 13812345678",
            "contact_phone": "13812345678",
        },
        "remarks": "对方经办人 13812345678",
    }
    filing = {
        "kind": RIGHTS_FILING,
        "inventor": {"name": "张伟", "id_number": "44010619800101006X"},
        "remarks": "完成人身份证 44010619800101006X",
    }
    assert record_facts(FIRST_USE, contract).number_texts == (("remarks",),)
    assert record_facts(RIGHTS_FILING, filing).number_texts == (("remarks",),)


def test_the_same_fields_of_other_kinds_are_screened() -> None:
    data = {"kind": ACHIEVEMENT, "inventor": {"phone": "13812345678"}}
    assert record_facts(ACHIEVEMENT, data).number_texts == (("inventor", "phone"),)


@pytest.mark.parametrize("kind", [None, ["unit"], {"a": 1}, 3])
def test_a_record_of_no_known_kind_still_gets_facts(kind: object) -> None:
    data = {"kind": kind, "remarks": "13812345678"}
    assert record_facts(kind, data).number_texts == (("remarks",),)
