"""Everything the catalog contributes to the site, from the public view only.

    content = build_site(catalog, withhold(catalog, problems), directory_urls=True)
    [page.path for page in content.pages][:2]   # ["catalog/index.md", ...]

This module and the rest of ``usefirst.site`` know nothing of the site
generator; ``usefirst.mkdocs_plugin`` hands the result to MkDocs.
"""

from __future__ import annotations

import datetime

from usefirst.catalog import Catalog
from usefirst.publish import Withheld, public_view
from usefirst.site.achievement_page import achievement_page
from usefirst.site.catalog_page import catalog_pages
from usefirst.site.context import SiteContext
from usefirst.site.fieldref import field_reference
from usefirst.site.home import home_blocks
from usefirst.site.insurance_page import insurance_page
from usefirst.site.labels import Labels
from usefirst.site.model import Page, SiteContent
from usefirst.site.needs_page import needs_pages
from usefirst.site.opendata import data_page, open_data_files
from usefirst.site.searchdocs import search_docs
from usefirst.site.stats import stats_page
from usefirst.site.unit_page import unit_pages


def build_site(
    catalog: Catalog,
    withheld: Withheld | None = None,
    *,
    directory_urls: bool = True,
    site_url: str = "",
    today: datetime.date | None = None,
) -> SiteContent:
    """Make every generated page, data file and search document of a catalog."""
    schemas = catalog.repository.schemas
    context = SiteContext.build(
        public_view(catalog, withheld),
        Labels.from_schemas(schemas),
        directory_urls=directory_urls,
        site_url=site_url,
        today=today,
    )
    reference_pages, schema_files = field_reference(schemas, context.linker)
    return SiteContent(
        pages=[*_record_pages(context), *reference_pages],
        files=[*open_data_files(context), *schema_files],
        search_docs=search_docs(context),
        blocks=home_blocks(context),
    )


def _record_pages(context: SiteContext) -> list[Page]:
    return [
        *catalog_pages(context),
        *(achievement_page(context, r) for r in context.view.achievements),
        *unit_pages(context),
        *needs_pages(context),
        insurance_page(context),
        stats_page(context),
        data_page(context),
    ]
