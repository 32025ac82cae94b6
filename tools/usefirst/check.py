"""The whole check of a repository: files, then rules across records.

catalog, problems = check_repository(Repository.find(Path.cwd()))
"""

from __future__ import annotations

import datetime
import logging
import time

from usefirst.catalog import Catalog, load_catalog
from usefirst.filecheck import paused_gc
from usefirst.problems import Problem
from usefirst.repository import Repository
from usefirst.rules import REGISTRY, Context, run_rules
from usefirst.settings import load_settings

log = logging.getLogger(__name__)


def check_repository(
    repository: Repository,
    *,
    use_cache: bool = True,
    today: datetime.date | None = None,
) -> tuple[Catalog, list[Problem]]:
    """Check every record file and every rule; return all problems, sorted."""
    with paused_gc():
        start = time.perf_counter()
        settings, problems = load_settings(repository)
        catalog, file_problems = load_catalog(
            repository, use_cache=use_cache, partial=True
        )
        log.debug("files checked in %.2f s", time.perf_counter() - start)
        context = Context(
            today=today or datetime.date.today(),
            uscc_overrides=settings.uscc_overrides,
            use_cache=use_cache,
        )
        start = time.perf_counter()
        complete = catalog.complete()
        problems = [*problems, *file_problems, *run_rules(complete, context)]
        if complete is not catalog:
            found = _findings_in_partial_records(catalog, context)
            problems.extend(_not_repeating(found, file_problems))
        log.debug("rules run in %.2f s", time.perf_counter() - start)
    return complete, sorted(problems)


def _findings_in_partial_records(catalog: Catalog, context: Context) -> list[Problem]:
    """Run the rules with the records whose files have errors, as far as valid.

    Only what the rules find in those files is kept: a finding elsewhere could
    stem from a field that was dropped as invalid, and the other files were
    checked without them already. A rule that reads one record at a time sees
    only these records; a rule that reads only facts sees the records with no
    valid part too, as written.
    """
    records = [record for record in catalog.records if not record.complete]
    alone = Catalog(catalog.repository, records, catalog.known_ids)
    written = Catalog(catalog.repository, [*records, *catalog.written])
    rules = REGISTRY.values()
    found = [
        *run_rules(written, context, [r for r in rules if r.facts_only]),
        *run_rules(
            alone, context, [r for r in rules if r.per_record and not r.facts_only]
        ),
    ]
    if records:
        found += run_rules(catalog, context, [r for r in rules if not r.per_record])
    with_errors = {record.file for record in written.records}
    return [problem for problem in found if problem.file in with_errors]


def _not_repeating(found: list[Problem], file_problems: list[Problem]) -> list[Problem]:
    """Leave out findings at a field whose file problem already speaks of it.

    A record in another unit's folder has a wrong unit; a rule comparing that
    unit with its achievement's would say the same in other words.
    """
    fields = {(p.file, p.path) for p in file_problems if p.is_error and p.path}
    return [problem for problem in found if (problem.file, problem.path) not in fields]
