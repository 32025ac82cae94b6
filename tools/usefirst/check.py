"""The whole check of a repository: files, then rules across records.

catalog, problems = check_repository(Repository.find(Path.cwd()))
"""

from __future__ import annotations

import datetime

from usefirst.catalog import Catalog, load_catalog
from usefirst.filecheck import paused_gc
from usefirst.problems import Problem
from usefirst.repository import Repository
from usefirst.rules import Context, run_rules
from usefirst.settings import load_settings


def check_repository(
    repository: Repository,
    *,
    use_cache: bool = True,
    today: datetime.date | None = None,
) -> tuple[Catalog, list[Problem]]:
    """Check every record file and every rule; return all problems, sorted."""
    with paused_gc():
        settings, problems = load_settings(repository)
        catalog, file_problems = load_catalog(repository, use_cache=use_cache)
        context = Context(
            today=today or datetime.date.today(),
            uscc_overrides=settings.uscc_overrides,
        )
        problems = [*problems, *file_problems, *run_rules(catalog, context)]
    return catalog, sorted(problems)
