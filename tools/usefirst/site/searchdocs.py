"""What the search index holds: one document per in-stock achievement.

    docs = search_docs(context)
    docs[0].filters["city"]      # ["广州市"]

Filters carry Chinese display names under the facet keys of
``usefirst.search.index.FACETS`` (产业集群, 地市, 权利类型, 技术成熟度, 许可方式,
成果单位); exited achievements are not searchable.
"""

from __future__ import annotations

from usefirst.search import SearchDoc
from usefirst.site import links
from usefirst.site.context import Record, SiteContext

EXCERPT_LENGTH = 150


def search_docs(context: SiteContext) -> list[SearchDoc]:
    """Describe every in-stock achievement for the search index."""
    return [_doc(context, record) for record in context.in_stock]


def _doc(context: SiteContext, record: Record) -> SearchDoc:
    summary = " ".join(record.get("summary", "").split())
    excerpt = (
        summary
        if len(summary) <= EXCERPT_LENGTH
        else summary[: EXCERPT_LENGTH - 1] + "…"
    )
    meta = {"unit": context.owner_name(record), "number": record.get("number", "")}
    return SearchDoc(
        url=context.url(links.achievement_path(record["id"])),
        title=record["title"],
        text=_text(context, record),
        excerpt=excerpt,
        filters=_filters(context, record),
        meta={key: value for key, value in meta.items() if value},
    )


def _text(context: SiteContext, record: Record) -> str:
    rights = record.get("rights", [])
    parts = [
        record.get("summary", ""),
        " ".join(record.get("keywords", [])),
        " ".join(record.get("application_fields", [])),
        context.owner_name(record),
        " ".join(person.get("name", "") for person in record.get("inventors", [])),
        " ".join(right.get("number", "") for right in rights),
        " ".join(right.get("title", "") for right in rights),
        record.get("number", ""),
    ]
    return "\n".join(part for part in parts if part)


def _filters(context: SiteContext, record: Record) -> dict[str, list[str]]:
    labels = context.labels
    offer = record.get("offer", {})
    filters = {
        "cluster": labels.names("cluster", record.get("clusters")),
        "city": [labels.city(record.get("city", ""))],
        "right": labels.names("right_type", context.right_types(record)),
        "trl": [labels.trl(record["trl"])] if "trl" in record else [],
        "licence": labels.names("license_type", offer.get("license_types")),
        "unit": [context.owner_name(record)],
    }
    return {key: values for key, values in filters.items() if values}
