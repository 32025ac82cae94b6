"""A catalog written by an attacker, and the private values it must not leak.

    records = hostile_records()
    PRIVATE_VALUES      # every value that must appear in no built file

Every text field a visitor sees carries markup that would run a script if it
were not escaped; each payload sets ``window.__xss`` so that a browser test can
tell whether any of them ran. The records pass every check, as an attacker's
must to be published at all; personal numbers are only in private fields (those
in public text fail a check and keep their record off the site, see
``test_site_withheld``).
"""

from __future__ import annotations

from site_catalog import USCC, Record, achievement, first_use, need, product, unit

SCRIPT = "<script>window.__xss=1</script>"
IMAGE = '<img src=x onerror="window.__xss=2">'
LINK = "[点我领取](javascript:window.__xss=3)"
TITLE_BREAK = "</title><script>window.__xss=4</script>"
SVG = "<svg onload=window.__xss=5>"
ATTRIBUTES = "{: onclick=window.__xss=6 }"
AUTOLINK = "<javascript:window.__xss=7>"
HOSTILE_TITLE = f"固态电池{SCRIPT}"

#: Values of the hostile catalog that the public site must never show.
ID_NUMBER = "440106198003151237"
INVENTOR_MOBILE = "13912345678"
COUNTERPART_PERSON = "钱多多"
COUNTERPART_MOBILE = "13800138000"
AMOUNT = "987654.32"
PAYMENT = "234567.89"
SCAN = "attachments/secret-scan-7731.pdf"
RECEIPT = "attachments/secret-receipt-8842.pdf"
SCAN_SHA = "ab" * 32
PRIVATE_VALUES = (
    ID_NUMBER,
    INVENTOR_MOBILE,
    COUNTERPART_PERSON,
    COUNTERPART_MOBILE,
    AMOUNT,
    PAYMENT,
    SCAN,
    RECEIPT,
    SCAN_SHA,
)
#: A personal mobile number a submitter might write into a public contact.
CONTACT_MOBILE = "13712345670"


def hostile_records() -> list[Record]:
    """Units, achievements, needs and products full of markup and private data."""
    return [
        unit("scut", name=f"华南{SVG}理工", introduction=f"简介{IMAGE}{LINK}"),
        unit("acme", name="某电池企业", type="enterprise", city="440300"),
        unit("kebao", name="科保", type="insurer"),
        achievement(
            "scut-2026-001",
            title=HOSTILE_TITLE,
            summary=f"摘要{IMAGE}{LINK}{ATTRIBUTES}{AUTOLINK} 固态电解质",
            keywords=["<b onclick=x>词</b>", "固态电解质"],
            application_fields=[LINK],
            inventors=[
                {"name": "陈建华"},
                {"name": f"陈{SVG}", "department": TITLE_BREAK},
            ],
            contact={"name": f"联系人{SCRIPT}", "phone": "020-87110000"},
            offer={
                "license_types": ["non_exclusive"],
                "free_months": 12,
                "notes": f'!!! danger "{SCRIPT}"',
                "after_free_period": f"| a | b |\n|---|---|\n| {IMAGE} | x |",
            },
        ),
        achievement(
            "scut-2026-002", title=f"第二项{TITLE_BREAK}", number="XYHZ-CG-2026-000002"
        ),
        need(
            "acme-need-1", title=f"需求{SCRIPT}", description=f"需要固态电解质{IMAGE}"
        ),
        product("kebao-1", name=f"保险{SCRIPT}", summary=f"保障{IMAGE}{LINK}"),
        *private_records(),
    ]


def private_records() -> list[Record]:
    """Contracts and filings whose amounts, parties and scans are private."""
    contract = first_use(
        "scut-fu-001",
        "scut-2026-001",
        scan={"file": SCAN, "sha256": SCAN_SHA},
        licensee={
            "name": "深圳某电池有限公司",
            "uscc": USCC,
            "contact_person": COUNTERPART_PERSON,
            "contact_phone": COUNTERPART_MOBILE,
        },
    )
    pay_later = {
        "kind": "pay_later_contract",
        "id": "scut-pl-001",
        "achievement": "scut-2026-001",
        "unit": "scut",
        "filed_by": "陈建华",
        "first_use_contract": "scut-fu-001",
        "mode": "license",
        "license_type": "non_exclusive",
        "signed_on": "2026-05-01",
        "amount": AMOUNT,
        "payments": [
            {
                "date": "2026-05-10",
                "amount": PAYMENT,
                "receipt": {"file": RECEIPT, "sha256": SCAN_SHA},
            }
        ],
        "scan": {"file": SCAN, "sha256": SCAN_SHA},
    }
    filing = {
        "kind": "exercise_rights_filing",
        "id": "scut-er-001",
        "unit": "scut",
        "achievement": "scut-2026-001",
        "inventor": {
            "name": "陈建华",
            "id_number": ID_NUMBER,
            "phone": INVENTOR_MOBILE,
        },
        "period": {"start": "2026-01-01", "end": "2027-12-31"},
        "after_period": {"arrangement": "renegotiate"},
        "approval": {"approved_on": "2025-12-20", "approver": "科学技术研究院"},
        "form": {"file": SCAN, "sha256": SCAN_SHA},
    }
    return [contract, pay_later, filing]
