"""Rules across records: identifiers, references and the notice's rules.

Importing this package registers every rule module below.
"""

from usefirst.rules.base import REGISTRY, Context, Rule, rule, run_rules

__all__ = ["REGISTRY", "Context", "Rule", "rule", "run_rules"]
