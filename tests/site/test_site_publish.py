"""What the public site may show: the allow-list of usefirst.publish."""

from __future__ import annotations

import pytest
from hostile import (
    AMOUNT,
    CONTACT_MOBILE,
    COUNTERPART_PERSON,
    ID_NUMBER,
    INVENTOR_MOBILE,
    SCAN,
    private_records,
)
from site_catalog import achievement, unit

from usefirst.publish import PUBLIC_FIELDS, REDACTED, is_public, public_records


def test_an_achievement_keeps_its_listed_fields_and_loses_the_others() -> None:
    record = achievement("scut-2026-001", funding={"provincial_fiscal": True})
    record["exit"] = {"date": "2026-06-01", "reason": "已转让", "proof": {"file": SCAN}}

    public = public_records([record]).achievements[0]

    assert public["title"] == record["title"]
    assert public["offer"] == record["offer"]
    assert "funding" not in public
    assert "filed_by" not in public
    assert public["exit"] == {"date": "2026-06-01", "reason": "已转让"}


def test_a_field_added_to_a_record_is_private_until_listed() -> None:
    record = achievement("scut-2026-001", new_secret_field="机密")

    assert "new_secret_field" not in public_records([record]).achievements[0]


def test_a_secret_patent_is_never_published() -> None:
    secret = {"type": "patent", "number": "ZL201810123456.5", "secret_patent": True}
    granted = {"type": "patent", "number": "ZL201710601862.3"}
    record = achievement("scut-2026-001", rights=[secret, granted])

    public = public_records([record]).achievements[0]

    assert public["rights"] == [granted]
    assert "201810123456" not in repr(public)


def test_a_unit_publishes_no_maintainer_logins_or_credit_code() -> None:
    record = unit("scut", uscc="12440000455416287M")

    public = public_records([record]).units["scut"]

    assert "maintainers" not in public
    assert "uscc" not in public
    assert public["contact"] == record["contact"]


def test_contracts_publish_only_what_counting_needs() -> None:
    view = public_records(private_records())

    assert {tuple(sorted(c)) for c in view.contracts} == {
        ("achievement", "id", "kind", "signed_on", "unit")
    }
    text = repr(view.records)
    for value in (AMOUNT, SCAN, COUNTERPART_PERSON):
        assert value not in text


def test_exercise_rights_filings_and_recognition_applications_are_not_published() -> (
    None
):
    view = public_records(private_records())

    assert view.of_kind("exercise_rights_filing") == []
    assert ID_NUMBER not in repr(view.records)
    assert INVENTOR_MOBILE not in repr(view.records)
    assert "recognition_application" not in PUBLIC_FIELDS


def test_personal_numbers_in_public_text_are_redacted() -> None:
    record = achievement(
        "scut-2026-001",
        summary=f"欢迎联系 {CONTACT_MOBILE}，身份证 {ID_NUMBER}。室温离子电导率高。",
        contact={"name": "陈老师", "phone": CONTACT_MOBILE},
    )

    public = public_records([record]).achievements[0]

    assert CONTACT_MOBILE not in public["summary"]
    assert ID_NUMBER not in public["summary"]
    assert public["summary"].count(REDACTED) == 2
    assert public["contact"]["phone"] == REDACTED


def test_an_office_phone_is_kept() -> None:
    record = achievement(
        "scut-2026-001", contact={"name": "办公室", "phone": "020-87110452"}
    )

    assert (
        public_records([record]).achievements[0]["contact"]["phone"] == "020-87110452"
    )


@pytest.mark.parametrize(
    ("kind", "path", "expected"),
    [
        ("achievement", ("title",), True),
        ("achievement", ("rights", 0, "number"), True),
        ("achievement", ("rights", 0, "secret_patent"), False),
        ("achievement", ("funding", "projects"), False),
        ("achievement", ("exit", "proof"), False),
        ("pay_later_contract", ("amount",), False),
        ("pay_later_contract", ("payments", 0, "amount"), False),
        ("first_use_contract", ("licensee", "contact_person"), False),
        ("exercise_rights_filing", ("inventor", "id_number"), False),
        ("unit", ("contact", "phone"), True),
    ],
)
def test_is_public_answers_per_field(kind: str, path: tuple, expected: bool) -> None:
    assert is_public(kind, path) is expected
