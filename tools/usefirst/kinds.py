"""Record kinds, the folder each lives in, and the names records may have.

KIND_FOLDERS[ACHIEVEMENT]                                   # "achievements"
id_pattern(repository.schemas, UNIT_ID).fullmatch("scut")   # a match

Each kind is named once here; code compares and looks up kinds through these
names, never through string literals.
"""

from __future__ import annotations

import re

from usefirst.schemas import COMMON, SchemaSet

ACHIEVEMENT = "achievement"
UNIT_KIND = "unit"
FIRST_USE = "first_use_contract"
PAY_LATER = "pay_later_contract"
COOPERATION = "cooperation_contract"
RECOGNITION = "recognition_application"
RIGHTS_FILING = "exercise_rights_filing"
INSURANCE_PRODUCT = "insurance_product"
TECHNOLOGY_NEED = "technology_need"

UNIT_FILE = "unit.yaml"
ATTACHMENT_FOLDER = "attachments"
KIND_FOLDERS = {
    ACHIEVEMENT: "achievements",
    FIRST_USE: "first_use_contracts",
    PAY_LATER: "pay_later_contracts",
    COOPERATION: "cooperation_contracts",
    RECOGNITION: "recognition_applications",
    RIGHTS_FILING: "exercise_rights_filings",
    INSURANCE_PRODUCT: "insurance_products",
    TECHNOLOGY_NEED: "technology_needs",
}
FOLDER_KINDS = {folder: kind for kind, folder in KIND_FOLDERS.items()}
CONTRACT_KINDS = (FIRST_USE, PAY_LATER, COOPERATION)
# the contracts that follow a first use, and on which a recognition rests
FOLLOW_UP_KINDS = (PAY_LATER, COOPERATION)
NUMBERED_KINDS = (ACHIEVEMENT, *CONTRACT_KINDS, RIGHTS_FILING)
RECORD_ID = "id"
UNIT_ID = "unit_id"


def id_pattern(schemas: SchemaSet, definition: str = RECORD_ID) -> re.Pattern[str]:
    """Compile the schemas' pattern of a record id, or of a unit folder (UNIT_ID)."""
    return re.compile(schemas.documents[COMMON]["$defs"][definition]["pattern"])
