"""The rule registry: each rule checks the whole catalog and yields problems.

@rule("NOTICE.free_period", "先使用合同的免费使用期不少于一年")
def free_period(catalog: Catalog, context: Context) -> Iterator[Problem]:
    ...
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from usefirst.catalog import Catalog
from usefirst.problems import Problem

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Context:
    """What rules may depend on besides the records."""

    today: datetime.date = field(default_factory=datetime.date.today)
    uscc_overrides: frozenset[str] = frozenset()
    use_cache: bool = True


Check = Callable[[Catalog, Context], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    """A check with a stable code and a one-line Chinese summary."""

    code: str
    summary: str
    check: Check
    per_record: bool = False
    facts_only: bool = False


REGISTRY: dict[str, Rule] = {}


def rule(
    code: str, summary: str, *, per_record: bool = False, facts_only: bool = False
) -> Callable[[Check], Check]:
    """Register a check under its rule code.

    ``per_record`` says that what the check finds in a record depends on that
    record alone, never on another: such a check may run on a few records.
    ``facts_only`` says more: the check reads nothing of a record but its facts
    (``usefirst.facts``) and the texts they name, so it may also run on a
    record as written, whatever wrong values it holds elsewhere.
    """

    def register(check: Check) -> Check:
        if code in REGISTRY:
            raise ValueError(f"rule code registered twice: {code}")
        REGISTRY[code] = Rule(
            code, summary, check, per_record or facts_only, facts_only
        )
        return check

    return register


def run_rules(
    catalog: Catalog, context: Context, rules: Iterable[Rule] | None = None
) -> list[Problem]:
    """Run every registered rule (or the given ones); a failing rule is reported."""
    problems: list[Problem] = []
    for registered in REGISTRY.values() if rules is None else rules:
        code = registered.code
        start, start_cpu = time.perf_counter(), time.process_time()
        found = _run(registered, catalog, context)
        # what each rule costs, so that a rule grown slow is found with -vv
        log.debug(
            "rule %s: %.3f s (CPU %.3f s), %d problems",
            code,
            time.perf_counter() - start,
            time.process_time() - start_cpu,
            len(found),
        )
        problems.extend(found)
    return problems


def _run(registered: Rule, catalog: Catalog, context: Context) -> list[Problem]:
    found: list[Problem] = []
    try:
        found.extend(registered.check(catalog, context))
    except Exception:  # a broken rule must not hide the other rules' findings
        log.exception("rule %s failed", registered.code)
        found.append(
            Problem(
                "-",
                0,
                "INTERNAL.rule_failed",
                f"检查规则 {registered.code} 运行出错，请联系维护人员",
            )
        )
    return found
