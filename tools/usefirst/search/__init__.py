"""Chinese full-text search of the static catalog site.

>>> from usefirst.search import query_plan
>>> [part.chain for part in query_plan("锂电池")]
[(('锂电', 0), ('电池', 1))]

``build_search_index`` writes sharded CJK-bigram postings (see ``index``);
``site/assets/javascripts/catalog-search.js`` loads and queries them.
"""

from usefirst.search.index import FACETS, SearchDoc, SearchStats, build_search_index
from usefirst.search.tokens import fold, positional_tokens, query_plan

__all__ = [
    "FACETS",
    "SearchDoc",
    "SearchStats",
    "build_search_index",
    "fold",
    "positional_tokens",
    "query_plan",
]
