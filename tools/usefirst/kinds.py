"""Record kinds, the folder each lives in, and the names records may have.

KIND_FOLDERS["achievement"]                                 # "achievements"
id_pattern(repository.schemas, UNIT_ID).fullmatch("scut")   # a match
"""

from __future__ import annotations

import re

from usefirst.schemas import COMMON, SchemaSet

UNIT_KIND = "unit"
UNIT_FILE = "unit.yaml"
ATTACHMENT_FOLDER = "attachments"
KIND_FOLDERS = {
    "achievement": "achievements",
    "first_use_contract": "first_use_contracts",
    "pay_later_contract": "pay_later_contracts",
    "cooperation_contract": "cooperation_contracts",
    "recognition_application": "recognition_applications",
    "exercise_rights_filing": "exercise_rights_filings",
    "insurance_product": "insurance_products",
    "technology_need": "technology_needs",
}
FOLDER_KINDS = {folder: kind for kind, folder in KIND_FOLDERS.items()}
CONTRACT_KINDS = ("first_use_contract", "pay_later_contract", "cooperation_contract")
NUMBERED_KINDS = ("achievement", *CONTRACT_KINDS, "exercise_rights_filing")
RECORD_ID = "id"
UNIT_ID = "unit_id"


def id_pattern(schemas: SchemaSet, definition: str = RECORD_ID) -> re.Pattern[str]:
    """Compile the schemas' pattern of a record id, or of a unit folder (UNIT_ID)."""
    return re.compile(schemas.documents[COMMON]["$defs"][definition]["pattern"])
