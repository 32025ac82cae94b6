"""The public site's content, made from the catalog without any site generator.

    from usefirst.site import build_site
    content = build_site(catalog)       # pages, static files, search documents

See ``usefirst.site.pages``; ``usefirst.mkdocs_plugin`` is the only module
that knows MkDocs.
"""

from usefirst.site.model import Page, SiteContent, StaticFile
from usefirst.site.pages import build_site

__all__ = ["Page", "SiteContent", "StaticFile", "build_site"]
