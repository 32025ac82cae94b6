"""The MkDocs plugin that publishes the catalog: the only module that knows MkDocs.

    # mkdocs.yml
    plugins:
      - usefirst:
          repository: .      # folder with catalog/ and schemas/, from mkdocs.yml

Generated pages are added in ``on_files`` as virtual files that stay out of the
navigation (a navigation listing every page would make every page as large as
the catalog); hand-written pages may include catalog blocks
(``<!-- catalog:newest -->``); ``on_post_build`` writes the search index.

The plugin runs the whole check (``usefirst validate``): records with errors are
left off the site (``usefirst.publish.withhold``) and a warning names the first
errors, so that ``mkdocs build --strict`` fails. Warnings are for the people who
maintain the catalog and are in Chinese; informational logs are in English.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from usefirst.catalog import Catalog
from usefirst.check import check_repository
from usefirst.problems import Problem
from usefirst.publish import Withheld, withhold
from usefirst.repository import Repository, RepositoryNotFound, SchemaError
from usefirst.search import build_search_index
from usefirst.site import Page, SiteContent, build_site
from usefirst.site.home import fill_blocks, unknown_blocks
from usefirst.site.links import SEARCH_DIR

log = get_plugin_logger(__name__)

#: How many errors the build warning names; ``usefirst validate`` lists all.
ERRORS_SHOWN = 3


class CatalogConfig(Config):
    repository = config_options.Type(str, default=".")


class CatalogPlugin(BasePlugin[CatalogConfig]):
    """Add the catalog's pages, data files and search index to the site."""

    def __init__(self) -> None:
        self.content = SiteContent()

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Generate the catalog's pages and files and add them to the site."""
        catalog, problems = self._check(config)
        withheld = withhold(catalog, problems)
        if withheld.errors:
            log.warning(withheld_warning(withheld))
        self.content = build_site(
            catalog,
            withheld,
            directory_urls=config.use_directory_urls,
            site_url=config.site_url or "",
        )
        log.info(
            "catalog: %d records, %d withheld; %d pages, %d files generated",
            len(catalog.records),
            sum(not withheld.keeps(record) for record in catalog.records),
            len(self.content.pages),
            len(self.content.files),
        )
        for page in self.content.pages:
            self._add(files, _page_file(config, page))
        for static in self.content.files:
            self._add(
                files, File.generated(config, static.path, content=static.content)
            )
        return files

    def _check(self, config: MkDocsConfig) -> tuple[Catalog, list[Problem]]:
        """Check the catalog; a broken schema stops the build with a Chinese error."""
        try:
            return check_repository(self._repository(config))
        except SchemaError as error:
            raise PluginError(
                f"记录格式文件 {error.file} 有误：{error.reason}。"
                "请修正 schemas/ 中的记录格式后再构建网站。"
            ) from error

    def _repository(self, config: MkDocsConfig) -> Repository:
        base = Path(config.config_file_path or ".").parent
        try:
            return Repository.find(base / self.config.repository)
        except RepositoryNotFound as error:
            raise PluginError(
                f"没有找到成果库（含 catalog/ 和 schemas/ 的文件夹）：{error}"
            ) from error

    @staticmethod
    def _add(files: Files, file: File) -> None:
        if files.get_file_from_path(file.src_uri) is not None:
            log.warning("手写页面 %s 与生成的页面同名，请改名", file.src_uri)
            return
        files.append(file)

    def on_page_markdown(
        self, markdown: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        """Fill the catalog blocks a hand-written page asks for."""
        if page.file.generated_by is not None:
            return markdown
        blocks = self.content.blocks
        for name in unknown_blocks(markdown, blocks):
            log.warning("%s：没有名为 %s 的成果库区块", page.file.src_uri, name)
        return fill_blocks(markdown, page.file.src_uri, blocks)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the search index of the in-stock achievements."""
        out_dir = Path(config.site_dir) / SEARCH_DIR
        stats = build_search_index(self.content.search_docs, out_dir)
        log.info("search index: %d records, %d bytes", stats.records, stats.bytes)


def withheld_warning(withheld: Withheld) -> str:
    """Say in Chinese which errors kept which records off the site."""
    units = "、".join(sorted(withheld.units))
    whose = f"以及单位 {units} 的全部记录（其单位文件有错误）" if units else ""
    shown = "；".join(
        f"{error.file}:{error.line} {error.rule}"
        for error in withheld.errors[:ERRORS_SHOWN]
    )
    more = " 等" if len(withheld.errors) > ERRORS_SHOWN else ""
    return (
        f"成果库有 {len(withheld.errors)} 个错误，涉及 {len(withheld.files)} 个文件，"
        f"这些文件中的记录{whose}都未发布：{shown}{more}。"
        "请运行 usefirst validate 查看全部问题并改正"
    )


def _page_file(config: MkDocsConfig, page: Page) -> File:
    # A page listed in the navigation would make every page list the catalog.
    inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
    return File.generated(config, page.path, content=page.markdown, inclusion=inclusion)
