"""Fixtures of the catalog search tests: generated records and a built index.

/work/venv/bin/python -m pytest tests/search -m "not browser"
"""

from __future__ import annotations

import pytest
from search_data import Built, make_docs


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    from usefirst.search import build_search_index

    docs = make_docs()
    site = tmp_path_factory.mktemp("search-site")
    build_search_index(docs, site / "search")
    return Built(docs=docs, site=site)
