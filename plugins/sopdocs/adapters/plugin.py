"""The MkDocs plugin: a switchboard from MkDocs' events to the sopdocs core.

Each hook makes one call into the core and turns its results into MkDocs terms: generated
files, a nav, log lines and a ``PluginError``. Deciding what a page says is :mod:`pages`'s.
"""

from __future__ import annotations

import gc
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import nest_paths

from sopdocs.adapters.converting import Conversions, ConvertedPage
from sopdocs.adapters.finishing import Finishing
from sopdocs.adapters.progress import TerminalProgress
from sopdocs.adapters.report import log_issues
from sopdocs.adapters.sharednav import SharedNav, add_nav_templates
from sopdocs.adapters.sitefolder import FOLDER_NAME, SiteFolder
from sopdocs.bulkwork import bulk_work
from sopdocs.cache import Cache, digest
from sopdocs.catalogue.export import KATALOG_FILE, katalog, katalog_text
from sopdocs.catalogue.index import Analysis, analyse
from sopdocs.catalogue.othercatalogues import (
    NO_OTHERS,
    OtherCatalogues,
    OtherSource,
    read_others,
)
from sopdocs.flowchart import GraphvizMissing, RenderError
from sopdocs.issues import strictened
from sopdocs.review.history import NO_HISTORY, History, read_history
from sopdocs.site import searchbundle
from sopdocs.site.diagrams import write_site_diagrams
from sopdocs.site.docnav import ordered_pages
from sopdocs.site.handover import join, split
from sopdocs.site.incremental import ChangeTracker, PageCache, Rebuild, Recall
from sopdocs.site.pages import (
    ASSETS_DIR,
    FONT_STYLESHEET,
    FONTS,
    SCRIPTS,
    STYLESHEETS,
    SiteOptions,
    SitePage,
    catalogue_nav,
    catalogue_pages,
)
from sopdocs.site.search import alias_files
from sopdocs.site.searchindex import (
    BUNDLE_DIR,
    IndexReport,
    SearchIndexCancelled,
    SearchIndexError,
    build_index,
)
from sopdocs.site.searchstream import StreamedIndex
from sopdocs.site.templating import CompiledTemplates, Templates, builtin_templates_dir
from sopdocs.text import display_path
from sopdocs.urls import edit_uri

if TYPE_CHECKING:
    from jinja2 import Environment, Template
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = logging.getLogger("mkdocs.plugins.sopdocs")

SEARCH_PLUGINS = ("material/search", "search")
"""Names MkDocs gives its own search plugin (Material's, or MkDocs' lunr one)."""

TAG_READERS = ("material/search", "search", "material/tags", "tags")
"""Plugins that read a page's ``tags``: Material's search (it boosts them) and its tags
plugin. With none of them listed, the SOP pages' tags would be front matter nobody reads,
parsed again for every page (a third of a millisecond each)."""

FEED_NAME = "sopdocs/pagefind"
"""Where :class:`PageFeed` sits among the site's plugins."""

SITE_TEMPLATES = ("404.html", "sitemap.xml")
"""The theme's pages made of the nav and the list of pages alone (MkDocs' ``static_templates``)."""

MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "toc")
"""What the generated pages are written for: heading classes, headings inside the form."""


class _OtherCatalogueConfig(Config):
    nama = opt.Type(str)
    """The other catalogue's name, as its links are marked ("Dukcapil Provinsi")."""
    katalog = opt.Type(str)
    """Its ``katalog.json``: a URL, or a path relative to ``mkdocs.yml``."""
    alamat = opt.Optional(opt.Type(str))
    """Its site's root URL, needed when ``katalog`` is a path."""


class SopdocsPluginConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Build the catalogue pages; off leaves the site's hand-written pages only."""
    sops_dir = opt.Type(str, default="sops")
    """Folder of SOP YAML files, relative to ``mkdocs.yml``."""
    templates_dir = opt.Optional(opt.Type(str))
    """Folder of templates that replace the built-in ones of the same name (``sop.md.j2``,
    ``unit.md.j2``...), relative to ``mkdocs.yml``."""
    cache_dir = opt.Type(str, default=".cache/sopdocs")
    """Where parsed SOPs and rendered diagrams are kept between builds, relative to
    ``mkdocs.yml``; safe to delete, damage or share between concurrent builds."""
    history = opt.Type(bool, default=True)
    """Give each SOP page its "Riwayat Perubahan" from git history (one ``git log`` a build)."""
    katalog_lain = opt.ListOfItems(opt.SubConfig(_OtherCatalogueConfig), default=[])
    """Other agencies' published catalogues: a keterkaitan naming one of their SOPs links
    to its page there."""
    strict = opt.Type(bool, default=False)
    """Treat every catalogue warning (a keterkaitan outside the catalogue, an unrecognised
    citation, a waktu not understood) as an error, as ``sopdocs check --strict`` does."""
    search = opt.Type(bool, default=True)
    """Index the built site with Pagefind and answer Material's header search box from it,
    in place of Material's own search plugin."""
    pdf = opt.Type(bool, default=False)
    """Build each SOP's PDF and each unit's book (Dokumen SOP AP) with the site, linked as
    "Unduh PDF" from their pages; cached by content (headless Chromium, opt-in for its time)."""
    diagram = opt.Type(bool, default=False)
    """Draw each SOP's flowchart as an SVG picture with the site, linked as "Unduh diagram
    alir" from its page; cached by content (Graphviz, opt-in for its time on a cold build)."""


class _SearchSlotConfig(Config):
    enabled = opt.Type(bool, default=True)


class PagefindSlot(BasePlugin[_SearchSlotConfig]):
    """Sits where Material looks for its search plugin, so that its header shows the search
    box (``partials/search.html``, which sopdocs overrides); it does nothing itself: the
    sopdocs plugin builds the Pagefind index after the site is written."""


class PageFeed(BasePlugin[_SearchSlotConfig]):
    """Hands each page, as it is written (after every other plugin changed it), to the
    Pagefind service of the build, which indexes it while the next pages are made."""

    def __init__(self) -> None:
        self.index: StreamedIndex | None = None
        self.own_templates = False
        """Whether the SOP pages are drawn by sopdocs' own templates (no site overrides)."""

    @event_priority(-100)  # last: the page exactly as MkDocs writes it
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        # MkDocs writes no file for an empty page.
        if self.index is not None and output and not output.isspace():
            ours = self.own_templates and isinstance(page.file, _GeneratedFile)
            self.index.add(page.file.dest_uri, output, ours=ours)
        return output

    def take(self) -> StreamedIndex | None:
        index, self.index = self.index, None
        return index

    def abort(self) -> None:
        index = self.take()
        if index is not None:
            index.abort()


class SopdocsPlugin(BasePlugin[SopdocsPluginConfig]):
    def __init__(self) -> None:
        self._serving = False
        self._build: _SiteBuild | None = None
        self._last_good: _SiteBuild | None = None
        """What the last error-free build showed, for ``mkdocs serve`` to keep after a bad edit."""
        self._page_cache: PageCache | None = None
        """Rendered SOP pages by content; kept across ``mkdocs serve`` rebuilds."""
        self._cache: Cache | None = None
        """The cache folder, kept across ``mkdocs serve`` rebuilds with what it decoded."""
        self._jinja: Templates | None = None
        """The built-in templates, compiled once for every build of one process."""
        self._fragments: dict[str, tuple[str, ...]] = {}
        """Each generated page's HTML, handed to MkDocs as placeholders (:mod:`handover`)."""
        self._dirty = False
        """``mkdocs serve --dirty``: rewrite only the pages an edit changed."""
        self._tracker = ChangeTracker()
        self._texts = Recall()
        self._compiled = CompiledTemplates()
        """The theme's templates, compiled once for every rebuild of one ``mkdocs serve``."""
        self._settled = False
        """Whether the first served build's objects were set aside from garbage collection."""
        """Generated data files (katalog.json), made again only when their data changed."""
        self._indexing = _BackgroundIndex()
        self._feed = PageFeed()
        """Streams the pages of a ``mkdocs build`` to Pagefind (``serve`` indexes the folder)."""
        self._feed.load_config({})
        self._nav: Navigation | None = None
        self._finishing = Finishing()
        self._site_folder = SiteFolder()
        """Rewrites the site folder of a full ``mkdocs build`` in place."""
        self._mkdocs_cleans = False
        """Whether MkDocs empties the site folder first (``on_startup`` says; if it never
        does, the folder is left to MkDocs)."""
        self._shared_nav = SharedNav()
        self._conversions: Conversions | None = None
        """Markdown conversions of the generated pages outside the nav, kept by content."""
        """Pages as the theme finished them, kept by everything they came from."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self._serving = command == "serve"
        self._dirty = self._serving and dirty
        self._mkdocs_cleans = not dirty

    @property
    def _helped(self) -> bool:
        """Whether a copy of the build may make pages beside it (:mod:`helper`): in a full
        ``mkdocs build`` only (``serve`` has threads; ``--dirty`` skips pages)."""
        return not self._serving and self._mkdocs_cleans

    def on_shutdown(self) -> None:
        self._indexing.wait()
        self._serving = False
        self._last_good = None
        self._tracker = ChangeTracker()
        # What one server kept in memory; the next build reads its cache folder afresh.
        self._cache = None
        self._page_cache = None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self._serving:
            self._indexing.cancel()

    def on_build_error(self, *, error: Exception) -> None:
        self._tracker.forget()
        self._feed.abort()
        if self._conversions is not None:
            self._conversions.stop_helping(abandon=True)
        self._finishing.stop_helping(abandon=True)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._build = None
        if not self.config.enabled:
            return config
        if FOLDER_NAME not in config.plugins:
            config.plugins[FOLDER_NAME] = self._site_folder
        self._site_folder.use(
            active=self._mkdocs_cleans and not self._serving,
            leave={BUNDLE_DIR} if self.config.search else (),
        )
        # "plugins: [search, sopdocs]" must be enough: bring the Markdown the pages need.
        for extension in MARKDOWN_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        # The fonts ship with the site (fonts.css): no request to Google Fonts, which
        # government intranets block and which a printout cannot rely on.
        config.theme["font"] = False
        config.extra_css.extend(_asset_uri(path) for path in (FONT_STYLESHEET, *STYLESHEETS))
        config.extra_javascript.extend(_asset_uri(path) for path in SCRIPTS)
        if self.config.search:
            _take_over_search(config)
            if FEED_NAME not in config.plugins:
                config.plugins[FEED_NAME] = self._feed
        add_nav_templates(config)
        # Last: its one template has a name no theme uses.
        config.theme.dirs.append(str(builtin_templates_dir() / "finishing"))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        if self._serving:  # ``serve`` settles its own memory after its first build
            self._build = site = self._site(config)
        else:
            # The catalogue and its pages (hundreds of thousands of objects) live until the
            # build ends: the cyclic collector's full collections walked them again and
            # again, a tenth of a warm 3,000-SOP build's CPU, and a second of a cold one's
            # (on one core, between reading and rendering). None runs while they are made;
            # then they are set aside for good.
            with bulk_work():
                self._build = site = self._site(config)
                gc.freeze()  # before collections resume: the first would walk all of it
        for path in STYLESHEETS + SCRIPTS + FONTS:
            if not _authors_own(files, _asset_uri(path), "berkas sopdocs"):
                files.append(File.generated(config, _asset_uri(path), abs_src_path=str(path)))
        nav = catalogue_nav(site.analysis.index)
        in_nav = _nav_paths(nav)
        pages = [p for p in site.pages if not _authors_own(files, p.path, _made_from(p))]
        if config.nav is None:
            documentation = [
                f.src_uri for f in files.documentation_pages() if f.generated_by is None
            ]
            config.nav = nest_paths(ordered_pages(documentation, Path(config.docs_dir))) + nav
        rebuild = self._plan(pages, in_nav, files, config)
        self._fragments = _add_pages(files, config, pages, in_nav, rebuild)
        if rebuild.same_site:
            # serve --dirty: the 404 page and the sitemap would be written byte for byte again.
            config.theme.static_templates.difference_update(SITE_TEMPLATES)
        if not _authors_own(files, KATALOG_FILE, "katalog SOP (data terbuka)"):
            data = katalog(site.analysis.index, directory_urls=config.use_directory_urls)
            text = self._texts.text(KATALOG_FILE, data, lambda: katalog_text(data))
            files.append(File.generated(config, KATALOG_FILE, content=text))
        if self.config.search:
            for uri, content in alias_files(site.analysis.index).items():
                files.append(File.generated(config, uri, content=content))
        return files

    @event_priority(-100)  # last: a copy of the build (helper) reads pages with this nav
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
        self._nav = nav
        if self.config.enabled:
            self._conversions = Conversions(self._open_cache(config), config, files)
            converted = _convert_generated(self._conversions, files, config)
            if self._helped:
                self._conversions.help(converted, config)
        # serve --dirty: pages not converted this time keep the titles the nav showed.
        if self._dirty:
            for page in nav.pages:
                title = self._tracker.titles.get(page.file.src_uri)
                if title is not None and not page.file.is_modified():
                    page.title = title

    @event_priority(-100)  # last: a copy of the build (helper) finishes pages with this env
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if self._serving:
            self._compiled.attach(env)
        fresh = 0
        if self._conversions is not None:
            self._conversions.stop_helping()
            fresh = self._conversions.texts.made
        if self.config.enabled and self._nav is not None:
            self._shared_nav.start(env, config, self._nav)
            self._finishing.start(self._open_cache(config), config, self._nav, files)
            if self._helped:
                # Before Pagefind starts (below): its threads must not be copied.
                self._finishing.help(env, config, self._nav, files, fresh=fresh)
        if self.config.enabled and self.config.search and not self._serving:
            self._feed.abort()
            try:
                kept = searchbundle.kept_pages(self._open_cache(config))
                self._feed.index = StreamedIndex(kept)
                self._feed.own_templates = self._templates(config).override_dir is None
            except SearchIndexError as exc:
                raise PluginError(f"sopdocs: indeks pencarian tidak dapat dibuat. {exc}") from exc
        return env

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        fragments = self._fragments.get(page.file.src_uri)
        return html if fragments is None else join(html, fragments)

    @event_priority(-100)  # last: a kept page's key names what every plugin put in
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        # A title taken from the page's heading is HTML (``&lt;`` for ``<``), and Material
        # writes ``page.title | striptags`` into <title>, which decodes it again: an SOP named
        # "</title><script>..." would run. A meta title is written as it is, still escaped.
        if self.config.enabled and page.title and "title" not in page.meta:
            page.meta["title"] = page.title
        if self._dirty and page.title:
            self._tracker.titles[page.file.src_uri] = page.title
        self._finishing.context(context, page)
        return context

    @event_priority(100)  # first: what the theme made, before any plugin changes it
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        self._finishing.finished(output, page)
        return output

    def on_pre_template(
        self, template: Template, *, template_name: str, config: MkDocsConfig
    ) -> Template | None:
        return self._finishing.theme_template(template, template_name)

    @event_priority(-100)  # last: as for a page
    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext | None:
        self._finishing.theme_context(context, template_name)
        return context

    @event_priority(100)  # first: as for a page
    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        self._finishing.theme_finished(output_content, template_name)
        return output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        reused, finished = self._finishing.end(prune=not self._dirty)
        if self._conversions is not None:
            self._conversions.texts.save(prune=not self._dirty)
        if reused or finished:
            log.info("sopdocs: %d halaman diambil dari cache, %d dibuat", reused, finished)
        if self._serving and not self._settled:
            _settle_memory()
            self._settled = True
        if self.config.enabled and self.config.diagram and self._build is not None:
            self._diagrams(config, self._build)
        if self.config.enabled and self.config.pdf and self._build is not None:
            self._documents(config, self._build)
        if not (self.config.enabled and self.config.search):
            return
        if self._serving:
            # The browser reloads when the build returns; the index follows moments later.
            self._indexing.start(Path(config.site_dir))
            return
        streamed = self._feed.take()
        try:
            if streamed is None:
                report = build_index(Path(config.site_dir), self._open_cache(config))
            else:
                report = streamed.finish(Path(config.site_dir), self._open_cache(config))
        except SearchIndexError as exc:
            raise PluginError(f"sopdocs: indeks pencarian tidak dapat dibuat. {exc}") from exc
        _log_index(report)

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer | None:
        if self.config.enabled:
            server.watch(str(self._path(config, self.config.sops_dir)))
            for folder in self._templates(config).search_path:
                server.watch(str(folder))
        return server

    def _site(self, config: MkDocsConfig) -> _SiteBuild:
        """Analyse, report, and build every page; or keep the last good ones while serving."""
        cache = self._open_cache(config)
        with TerminalProgress("sopdocs: membaca SOP") as progress:
            analysis = analyse(
                self._path(config, self.config.sops_dir),
                progress,
                cache,
                self._others(config, cache).sops,
            )
        issues = strictened(analysis.issues) if self.config.strict else analysis.issues
        errors = log_issues(issues, log)
        if errors and not self._serving:
            raise PluginError(
                f"sopdocs: {errors} galat di katalog SOP (lihat di atas); situs tidak dibangun"
            )
        if errors and self._last_good is not None:
            log.warning("sopdocs: perbaiki galat di atas; halaman SOP terakhir yang benar tetap")
            return self._last_good
        pages = catalogue_pages(
            analysis.index,
            templates=self._templates(config),
            options=SiteOptions(
                directory_urls=config.use_directory_urls,
                history=self._history(config, cache),
                repo_url=config.repo_url,
                documents=self.config.pdf,
                diagram=self.config.diagram,
                tags=not self.config.search and any(n in config.plugins for n in TAG_READERS),
            ),
            cache=self._pages_cache(cache),
        )
        if cache.problem:
            log.warning("sopdocs: %s", cache.problem)
        site = _SiteBuild(analysis, pages)
        if not errors:
            self._last_good = site
        return site

    def _diagrams(self, config: MkDocsConfig, site: _SiteBuild) -> None:
        """The flowchart pictures the SOP pages link to, written into the built site."""
        cache = self._open_cache(config)
        try:
            with TerminalProgress("sopdocs: menggambar diagram alir") as progress:
                drawn = write_site_diagrams(
                    site.analysis.index.sops, Path(config.site_dir), cache, progress
                )
        except (GraphvizMissing, RenderError) as exc:
            raise PluginError(f"sopdocs: diagram alir tidak dapat digambar. {exc}") from exc
        log.info("sopdocs: diagram alir: %d digambar, sisanya dari cache", drawn)

    def _documents(self, config: MkDocsConfig, site: _SiteBuild) -> None:
        """The PDFs the pages link to, written into the built site."""
        # The PDF engine (Playwright, pypdf) is loaded only by a site that asks for PDFs.
        from sopdocs.documents import EngineError, write_site_documents

        try:
            printed = write_site_documents(
                site.analysis.index,
                {page.path: page.markdown for page in site.pages},
                Path(config.site_dir),
                templates=self._templates(config),
                cache_dir=self._path(config, self.config.cache_dir),
            )
        except EngineError as exc:
            raise PluginError(f"sopdocs: PDF tidak dapat dibuat. {exc}") from exc
        log.info("sopdocs: PDF: %d dibuat, sisanya dari cache", printed)

    def _others(self, config: MkDocsConfig, cache: Cache) -> OtherCatalogues:
        """Other agencies' catalogues; unreachable ones say so once and never stop a build."""
        if not self.config.katalog_lain:
            return NO_OTHERS
        sources = [
            OtherSource(nama=item.nama, katalog=item.katalog, alamat=item.alamat)
            for item in self.config.katalog_lain
        ]
        others = read_others(sources, self._path(config, "."), cache)
        if others.errors:
            raise PluginError("sopdocs: " + "; ".join(others.errors))
        for message in others.warnings:
            log.warning("sopdocs: %s", message)
        return others

    def _plan(
        self, pages: list[SitePage], in_nav: set[str], files: Files, config: MkDocsConfig
    ) -> Rebuild:
        """Which generated pages to write: all, except in ``serve --dirty``, where only those
        whose text or whose nav changed are, and the pages of removed SOPs are deleted."""
        if not self._dirty:
            return Rebuild(everything=True, changed=frozenset(), removed=())
        rebuild = self._tracker.rebuild(
            {page.path: page.markdown for page in pages},
            _site_signature(pages, in_nav, files, config),
        )
        for path in rebuild.removed:
            gone = File(
                path,
                src_dir=None,
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
            )
            Path(gone.abs_dest_path).unlink(missing_ok=True)
        if rebuild.everything:
            for file in files:
                if file.generated_by is None and file.is_documentation_page():
                    # MkDocs compares file times only: a hand-written page shows the
                    # catalogue's nav, so it is rebuilt whenever the nav changes.
                    file.is_modified = _always  # type: ignore[method-assign]
        return rebuild

    def _history(self, config: MkDocsConfig, cache: Cache) -> History:
        """Each SOP's revisions from git; a shallow clone builds without, with one warning."""
        if not self.config.history:
            return NO_HISTORY
        history = read_history(self._path(config, self.config.sops_dir), cache)
        if history.warning:
            log.warning("sopdocs: %s", history.warning)
        return history

    def _pages_cache(self, cache: Cache) -> PageCache:
        """The pages kept in memory since the last build, when it used the same folder."""
        if self._page_cache is None or self._page_cache.store.folder != cache.folder:
            self._page_cache = PageCache(cache)
        self._page_cache.use(cache)
        return self._page_cache

    def _open_cache(self, config: MkDocsConfig) -> Cache:
        folder = self._path(config, self.config.cache_dir)
        if self._cache is None or self._cache.folder != folder:
            self._cache = Cache.open(folder)
        return self._cache

    def _templates(self, config: MkDocsConfig) -> Templates:
        """The built-in templates are compiled once (Jinja reloads a file that changed); a
        site's own are read afresh each build, as a new file there hides a built-in one."""
        value = self.config.templates_dir
        if value:
            return Templates(self._path(config, value))
        if self._jinja is None:
            self._jinja = Templates()
        return self._jinja

    @staticmethod
    def _path(config: MkDocsConfig, value: str) -> Path:
        return Path(config.config_file_path or ".").parent / value


class _GeneratedFile(File):
    """A generated file that a dirty build (``mkdocs serve --dirty``) skips when the plugin
    found its page unchanged; MkDocs' own test (file times) cannot see that."""

    rewrite = True
    handover = False
    """Converted by :class:`ConvertedPage`, which hands its HTML over itself (split only
    when its conversion is not kept); other generated pages are split beforehand."""

    def is_modified(self) -> bool:
        return self.rewrite or not Path(self.abs_dest_path).is_file()


def _convert_generated(
    conversions: Conversions, files: Files, config: MkDocsConfig
) -> list[ConvertedPage]:
    """Generated pages outside the nav (the SOP pages) convert their Markdown through
    ``conversions``; pages in the nav are MkDocs' own, made by its nav. Returns the pages,
    in the order MkDocs reads them."""
    pages = []
    for file in files.documentation_pages():
        # A page serve --dirty does not write again is never converted: it keeps MkDocs' page.
        if isinstance(file, _GeneratedFile) and file.handover:
            page = ConvertedPage(None, file, config)
            page.conversions = conversions
            page.handover = True
            pages.append(page)
    return pages


def _settle_memory() -> None:
    """Set what the first build of ``mkdocs serve`` made (the decoded catalogue, hundreds of
    thousands of objects kept for every rebuild) aside from Python's cyclic garbage
    collector: a full collection walks every live object, and rebuilds made one every
    second time or so, half a second each at 1,000 SOPs. Called once, after a collection,
    so nothing but the first build's own cycles (its nav) stays for good."""
    gc.collect()
    gc.freeze()


def _always() -> bool:
    return True


def _site_signature(
    pages: list[SitePage], in_nav: set[str], files: Files, config: MkDocsConfig
) -> str:
    """What every page shows or is built with: the nav with its titles, hand-written pages
    (by file time: their headings title the nav), and the configuration file."""
    handwritten = [
        (f.src_uri, Path(f.abs_src_path).stat().st_mtime)
        for f in files
        if f.generated_by is None and f.abs_src_path and f.is_documentation_page()
    ]
    config_file = config.config_file_path
    return digest(
        repr(config.nav),
        repr([(p.path, p.title) for p in pages if p.path in in_nav]),
        repr(sorted(handwritten)),
        repr(Path(config_file).stat().st_mtime if config_file else None),
    )


class _BackgroundIndex:
    """Pagefind for ``mkdocs serve``: run after a build without holding the reload back;
    a build finishing while one run is on asks for one more run, never two at once. A build
    starting stops the run first: it is about to replace the pages Pagefind reads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._again: Path | None = None
        self._stop = threading.Event()

    def start(self, site_dir: Path) -> None:
        with self._lock:
            if self._thread is not None:
                self._again = site_dir
                return
            self._thread = threading.Thread(target=self._run, args=(site_dir,), daemon=True)
            self._thread.start()

    def wait(self) -> None:
        thread = self._thread
        if thread is not None:
            thread.join()

    def cancel(self) -> None:
        """Stop the run (and any run asked for) before the site folder is rebuilt."""
        with self._lock:
            self._again = None
            self._stop.set()
        self.wait()
        self._stop.clear()

    def _run(self, site_dir: Path) -> None:
        while True:
            try:
                _log_index(build_index(site_dir, stop=self._stop))
            except SearchIndexCancelled:
                pass
            except SearchIndexError as exc:
                log.warning("sopdocs: indeks pencarian tidak dapat dibuat. %s", exc)
            with self._lock:
                if self._again is None:
                    self._thread = None
                    return
                site_dir, self._again = self._again, None


def _log_index(report: IndexReport) -> None:
    log.info(
        "sopdocs: indeks pencarian Pagefind: %d halaman dalam %.1f detik%s",
        report.pages,
        report.seconds,
        " (halaman tidak berubah: indeks dari cache)" if report.reused else "",
    )


@dataclass(frozen=True, slots=True)
class _SiteBuild:
    """One build's catalogue: its analysis and its pages."""

    analysis: Analysis
    pages: list[SitePage]


def _authors_own(files: Files, path: str, generated: str) -> bool:
    """Whether ``docs/`` already has a file at ``path``: it is kept, never silently replaced,
    and the warning names both, so an author sees which of the two the site shows."""
    own = files.get_file_from_path(path)
    if own is None or own.generated_by is not None:
        return False
    log.warning(
        "%s: berkas tulisan tangan ini dipakai, bukan %s yang dibuat sopdocs di tempat yang"
        " sama (hapus atau pindahkan berkas ini bila yang dibuat sopdocs yang harus tampil)",
        display_path(Path(own.abs_src_path or path)),
        generated,
    )
    return True


def _made_from(page: SitePage) -> str:
    if page.source is not None:
        return f"halaman dari {display_path(Path(page.source))}"
    return f"halaman {page.title}"


def _take_over_search(config: MkDocsConfig) -> None:
    """Pagefind answers the header's box: MkDocs' own search plugin, if listed, stops working.

    Its hooks are removed, so it builds no second index; under Material, a `PagefindSlot`
    takes its place, so the header still shows the box, now from sopdocs' templates.
    """
    plugins = config.plugins
    for name in [n for n in SEARCH_PLUGINS if n in plugins]:
        replaced = plugins[name]
        if isinstance(replaced, PagefindSlot):
            continue
        for handlers in plugins.events.values():
            handlers[:] = [h for h in handlers if getattr(h, "__self__", None) is not replaced]
        del plugins[name]
        log.info(
            "sopdocs: plugin '%s' diganti pencarian Pagefind dari sopdocs; "
            "'search' boleh dihapus dari plugins di mkdocs.yml",
            name,
        )
    if config.theme.name != "material":
        log.warning("sopdocs: kotak pencarian Pagefind memerlukan tema Material; indeks dibuat")
        return
    slot = PagefindSlot()
    slot.load_config({})
    plugins["material/search"] = slot
    overrides = str(builtin_templates_dir() / "theme")
    if overrides not in config.theme.dirs:
        # After the site's own custom_dir, before Material: a site can still override these.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, overrides)


def _add_pages(
    files: Files, config: MkDocsConfig, pages: list[SitePage], in_nav: set[str], rebuild: Rebuild
) -> dict[str, tuple[str, ...]]:
    """The catalogue's pages as generated files; returns the HTML fragments each page in the
    nav hands over to ``on_page_content``, by page path. A page outside the nav (an SOP's)
    is split by its :class:`ConvertedPage` if its conversion is not kept; a page MkDocs will
    not convert (unchanged, ``serve --dirty``) needs no splitting."""
    fragments: dict[str, tuple[str, ...]] = {}
    for page in pages:
        writes = rebuild.writes(page.path)
        inclusion = InclusionLevel.UNDEFINED if page.path in in_nav else InclusionLevel.NOT_IN_NAV
        handover = split(page.markdown) if writes and page.path in in_nav else None
        content = page.markdown if handover is None else handover.skeleton
        if handover is not None:
            fragments[page.path] = handover.fragments
        made = _GeneratedFile.generated(config, page.path, content=content, inclusion=inclusion)
        # MkDocs types File.generated as making a File; called on the subclass, it makes one.
        file = cast("_GeneratedFile", made)
        file.rewrite = writes
        file.handover = writes and page.path not in in_nav
        if page.source is not None:
            # "Edit this page" opens the SOP's YAML, wherever it sits beside docs/.
            file.edit_uri = edit_uri(page.source, config.docs_dir)
        files.append(file)
    return fragments


def _asset_uri(path: Path) -> str:
    return f"{ASSETS_DIR}/{path.name}"


def _nav_paths(items: list[str | dict[str, Any]]) -> set[str]:
    """Every page path a nav structure names."""
    found: set[str] = set()
    for item in items:
        if isinstance(item, str):
            found.add(item)
        else:
            for value in item.values():
                found |= {value} if isinstance(value, str) else _nav_paths(value)
    return found
