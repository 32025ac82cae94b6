"""Rules across records: identifiers, references and the notice's rules.

Importing this package registers every rule module below.
"""

# each module registers its rules when imported
from usefirst.rules import (  # noqa: F401  (imported for registration)
    admission,
    amounts,
    attachments,
    contracts,
    dates,
    eligibility,
    exits,
    filings,
    identifiers,
    licences,
    privacy,
    recognition,
    references,
    uniqueness,
    units,
)
from usefirst.rules.base import REGISTRY, Context, Rule, rule, run_rules

__all__ = ["REGISTRY", "Context", "Rule", "rule", "run_rules"]
