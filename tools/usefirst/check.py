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
from usefirst.rules import Context, run_rules
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
        catalog, file_problems = load_catalog(repository, use_cache=use_cache)
        log.debug("files checked in %.2f s", time.perf_counter() - start)
        context = Context(
            today=today or datetime.date.today(),
            uscc_overrides=settings.uscc_overrides,
            use_cache=use_cache,
        )
        start = time.perf_counter()
        problems = [*problems, *file_problems, *run_rules(catalog, context)]
        log.debug("rules run in %.2f s", time.perf_counter() - start)
    return catalog, sorted(problems)
