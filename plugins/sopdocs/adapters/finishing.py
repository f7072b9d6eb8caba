"""What a page finished by the theme depends on, named in MkDocs' terms.

:mod:`sopdocs.site.kept` keeps finished pages by key; this module makes the keys from
MkDocs' configuration, nav, page and template context. The site's part is computed once per
build, after every page was read (the nav's titles are then known); the page's part once
per page, after every plugin has added to its context.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import mkdocs
from mkdocs.commands.build import get_context
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils import get_theme_dir

from sopdocs.adapters.converting import WarningCounter
from sopdocs.adapters.helper import Helper, worth_helping
from sopdocs.cache import Cache, code_fingerprint, digest
from sopdocs.site.frames import Frames, Slots
from sopdocs.site.kept import FINISHED_PACK, KeptTexts, Unnameable, stable_text, theme_signature
from sopdocs.site.templating import builtin_templates_dir

if TYPE_CHECKING:
    from jinja2 import Environment, Template
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import AnchorLink
    from mkdocs.utils.templates import TemplateContext

KEPT_THEME_PAGES = frozenset({"404.html"})
"""The theme's own pages that are kept like the site's: the error page carries the whole
navigation and was made again on every build. (``sitemap.xml`` is not: it prints the day.)"""
FINISHING_TEMPLATE = "sopdocs-finished.html"
"""The template every page is built with while finished pages are kept: the kept page when
there is one, else the page's own template (``page.meta.template`` or ``main.html``)."""
BUILD_ONLY_SETTINGS = frozenset(
    {"config_file_path", "docs_dir", "site_dir", "watch", "strict", "validation"}
    | {"remote_branch", "remote_name", "plugins", "theme", "nav"}
)
"""Settings no page shows (where files are, how strict the build is), or that are named
separately (plugins, theme, nav): building the same site into another folder reuses it."""
STANDARD_CONTEXT = frozenset(
    {"nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version"}
    | {"build_date_utc", "config", "page"}
)
"""What MkDocs puts in every page's context; the site signature or the page key covers it
(``build_date_utc`` only matters to a theme that prints it, and such a theme is never
cached). Anything else was added by a plugin and goes into the key as it is."""


def site_signature(config: MkDocsConfig, nav: Navigation, files: Files) -> str | None:
    """Everything every page is finished with, or None when pages must not be kept."""
    theme = theme_signature([Path(folder) for folder in config.theme.dirs])
    if theme is None:
        return None
    try:
        settings = stable_text({k: v for k, v in config.items() if k not in BUILD_ONLY_SETTINGS})
        plugins = stable_text([_plugin(name, p) for name, p in config.plugins.items()])
        theme_settings = stable_text(dict(config.theme))
    except Unnameable:
        return None
    return digest(
        code_fingerprint(),
        mkdocs.__version__,
        theme,
        settings,
        plugins,
        theme_settings,
        stable_text([_nav_item(item) for item in nav.items]),
        stable_text([f.src_uri for f in files.documentation_pages()]),
    )


@dataclass(frozen=True, slots=True)
class PageKeys:
    """A page's key (everything it is finished from) and its frame's: the same but for
    its own strings (:class:`~sopdocs.site.frames.Slots`), with what the theme asks of
    them (:mod:`sopdocs.site.frames`)."""

    page: str
    frame: str
    slots: Slots


def page_keys(site: str, context: TemplateContext, page: Page, template: str) -> PageKeys | None:
    """Everything ``page`` is finished from, or None when something cannot be named."""
    neighbours = [
        (other.url, other.title) if other is not None else None
        for other in (page.previous_page, page.next_page)
    ]
    folder, _, _ = page.url.rstrip("/").rpartition("/")
    title = page.title
    own_title = title if isinstance(title, str) and title else None
    try:
        shared = digest(
            site,
            template,
            folder,
            str(page.url.endswith("/")),
            str(page.is_homepage),
            str(page.file.inclusion),
            stable_text(_as_slot(_toc(list(page.toc)), own_title)),
            stable_text(_as_slot(page.meta, own_title)),
            stable_text(neighbours),
            stable_text([section.title for section in page.ancestors]),
            *_context_texts(context),
        )
        slots = Slots(
            content=page.content or "",
            title=title if isinstance(title, str) else "",
            canonical_url=page.canonical_url or "",
            edit_url=page.edit_url or "",
        )
        key = digest(
            shared,
            page.url,
            page.file.src_uri,
            page.file.dest_uri,
            stable_text(title),
            slots.content,
            stable_text(page.edit_url),
            stable_text(page.canonical_url),
        )
    except Unnameable:
        return None
    # What Material asks of them: whether the content has its own heading (else the theme
    # writes the title as one), whether there are links, and which kind the edit link is.
    asks = (
        "<h1" in slots.content,
        bool(slots.canonical_url),
        bool(slots.edit_url),
        "/blob/" in slots.edit_url,
    )
    return PageKeys(page=key, frame=digest(shared, str(asks)), slots=slots)


TITLE_SLOT = "\x00title\x00"
"""Stands for the page's title where the page's metadata or table of contents repeats it
(``title:`` in the front matter, the ``<h1>`` heading's entry), so that the frame key is
the same for pages that differ only there: the theme writes it as the title, a slot."""


def _as_slot(value: object, title: str | None) -> object:
    """``value`` (metadata, table of contents) with each string equal to ``title`` written
    as :data:`TITLE_SLOT`."""
    if title is None:
        return value
    if isinstance(value, str):
        return TITLE_SLOT if value == title else value
    if isinstance(value, dict):
        return {key: _as_slot(item, title) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_as_slot(item, title) for item in value]
    return value


def _known_theme(config: MkDocsConfig) -> bool:
    """Whether every template a page may be finished with is Material's, MkDocs' or
    sopdocs' own: what they do with a page's own strings is known (:func:`page_keys`). A
    site's overrides may do anything with them (load a script when the content shows a
    diagram): its pages are finished whole."""
    if config.theme.name != "material":
        return False
    known = {Path(get_theme_dir("material")), Path(mkdocs.__file__).parent / "templates"}
    ours = builtin_templates_dir()
    return all(
        Path(folder) in known or Path(folder).is_relative_to(ours) for folder in config.theme.dirs
    )


def template_key(site: str, context: TemplateContext, name: str) -> str | None:
    """Everything the theme's page ``name`` (no page of the site) is made from, or None."""
    try:
        return digest(site, name, *_context_texts(context))
    except Unnameable:
        return None


def _context_texts(context: TemplateContext) -> tuple[str, str]:
    """What a page's context holds beyond the site's signature and the page itself: the
    base URL, the extra styles and scripts, and whatever a plugin added."""
    extra = {k: v for k, v in context.items() if k not in STANDARD_CONTEXT}
    return (
        stable_text(
            [context.get("base_url"), context.get("extra_css"), context.get("extra_javascript")]
        ),
        stable_text(extra),
    )


def _plugin(name: str, plugin: object) -> object:
    """A plugin as it may change pages: its settings and its module's source (a hook file
    is a module; its functions may add filters or globals that templates use)."""
    settings = getattr(plugin, "config", None)
    module = plugin if inspect.ismodule(plugin) else inspect.getmodule(type(plugin))
    try:
        source = inspect.getsource(module) if module is not None else ""
    except (OSError, TypeError):
        source = ""
    return (name, type(plugin).__qualname__, dict(settings or {}), source)


def _nav_item(item: Any) -> object:
    if item.is_section:
        return ("section", item.title, [_nav_item(child) for child in item.children])
    if item.is_page:
        return ("page", item.title, item.url, item.file.src_uri)
    return ("link", item.title, item.url)


def _toc(items: list[AnchorLink]) -> list[object]:
    return [(i.title, i.id, i.level, _toc(list(i.children))) for i in items]


class Finishing:
    """One build's finished pages: the plugin's hooks hand each step to it.

    ``start`` (``on_env``: every page is read) names the site and routes every page through
    :data:`FINISHING_TEMPLATE`; ``context`` (the last ``on_page_context``) gives the page its
    kept HTML or remembers its key; ``finished`` (the first ``on_post_page``) keeps what the
    theme made; ``end`` forgets what the build did not use.
    """

    def __init__(self) -> None:
        self._pages: KeptTexts | None = None
        self._site: str | None = None
        self._templates: dict[str, str] = {}
        self._pending: dict[str, str] = {}
        self._helper: Helper | None = None
        self._warnings = WarningCounter()
        """Counts MkDocs' warnings from ``start`` to ``end``: a page whose template warned
        is not kept, so a build that would use it makes it again, and warns."""
        self._warned = 0
        """The count when the page being finished was handed to its template."""
        self._frames: Frames | None = None
        """Frames of pages finished alike (:mod:`sopdocs.site.frames`), when the theme's
        templates are all Material's and sopdocs' own, whose use of a page is known."""
        self._learning: dict[str, PageKeys] = {}
        """The keys of pages on their way through their template, to learn frames from."""

    def start(self, store: Cache, config: MkDocsConfig, nav: Navigation, files: Files) -> None:
        self._pending = {}
        self._learning = {}
        self._frames = Frames() if _known_theme(config) else None
        self._site = site_signature(config, nav, files)
        if self._site is None:
            self._pages = None
            return
        self._pages = KeptTexts(store, FINISHED_PACK)
        self._warnings.detach()  # a build that failed did not reach ``end``
        self._warnings.attach()
        self._templates = {}
        for file in files.documentation_pages():
            page = file.page
            if page is not None:
                self._templates[file.src_uri] = page.meta.get("template", "main.html")
                page.meta["template"] = FINISHING_TEMPLATE

    def help(
        self, env: Environment, config: MkDocsConfig, nav: Navigation, files: Files, *, fresh: int
    ) -> None:
        """Have a copy of the build (:mod:`sopdocs.adapters.helper`) finish runs of pages
        ahead of the build, as MkDocs would; ``fresh``: pages whose content was made anew."""
        if self._pages is None:
            return
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        pages = [file.page for file in doc_files if file.page is not None]
        kept = min(len(self._pages.stored), len(pages) - fresh)
        if worth_helping(len(pages), kept):

            def finish(page: Page) -> None:
                self._finish(page, env, config, nav, doc_files)

            self._helper = Helper.fork(pages, [self._pages], finish, label="halaman tema")

    def _finish(
        self,
        page: Page,
        env: Environment,
        config: MkDocsConfig,
        nav: Navigation,
        doc_files: Sequence[File],
    ) -> None:
        """What MkDocs' ``_build_page`` does to ``page`` up to the theme's output, kept."""
        config._current_page = page
        page.active = True
        try:
            context = get_context(nav, doc_files, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            self.finished(template.render(context), page)
        finally:
            page.active = False
            config._current_page = None

    def stop_helping(self, *, abandon: bool = False) -> None:
        if self._helper is not None:
            self._helper.stop(abandon=abandon)
            self._helper = None

    def context(self, context: TemplateContext, page: Page) -> None:
        if self._helper is not None:
            self._helper.before(page)
        site, template = self._site, self._templates.get(page.file.src_uri)
        if self._pages is not None and site is not None and template is not None:
            keys = page_keys(site, context, page, template)
            self._offer(context, page.file.src_uri, template, keys.page if keys else None)
            if keys is not None and self._frames is not None:
                self._frame(context, page.file.src_uri, keys, self._frames)

    def _frame(self, context: TemplateContext, slot: str, keys: PageKeys, frames: Frames) -> None:
        """A page not kept is filled into its frame, or finished whole and learnt from."""
        if slot not in self._pending:  # kept, or not to be kept
            return
        filled = frames.filled(keys.frame, keys.slots)
        if filled is None:
            self._learning[slot] = keys
        else:
            cast("dict[str, object]", context)["sopdocs_finished"] = filled

    def finished(self, output: str, page: Page) -> None:
        slot = page.file.src_uri
        keys = self._learning.pop(slot, None)
        if keys is not None and self._frames is not None and self._warnings.count == self._warned:
            self._frames.learn(keys.frame, keys.slots, output)
        self._keep(slot, output)

    def theme_template(self, template: Template, name: str) -> Template:
        """``on_pre_template``: a kept theme page (:data:`KEPT_THEME_PAGES`) is built
        through :data:`FINISHING_TEMPLATE`, as the site's pages are."""
        if self._pages is None or name not in KEPT_THEME_PAGES:
            return template
        return template.environment.get_template(FINISHING_TEMPLATE)

    def theme_context(self, context: TemplateContext, name: str) -> None:
        """``on_template_context`` (the last): the kept theme page, or its key to keep it."""
        site = self._site
        if self._pages is not None and site is not None and name in KEPT_THEME_PAGES:
            self._offer(context, f"//{name}", name, template_key(site, context, name))

    def theme_finished(self, output: str, name: str) -> None:
        """``on_post_template`` (the first): what the theme made of page ``name``."""
        self._keep(f"//{name}", output)

    def _offer(self, context: TemplateContext, slot: str, template: str, key: str | None) -> None:
        """Give the page its kept output, or route it through ``template`` with its key
        waiting under ``slot`` for :meth:`_keep`."""
        if self._pages is None:
            return
        # MkDocs types the context with its own keys only; a template reads any key.
        variables = cast("dict[str, object]", context)
        variables["sopdocs_template"] = template
        if key is None:
            return
        kept = self._pages.get(key)
        if kept is None:
            self._pending[slot] = key
            self._warned = self._warnings.count
        else:
            variables["sopdocs_finished"] = kept

    def _keep(self, slot: str, output: str) -> None:
        key = self._pending.pop(slot, None)
        if key is not None and self._pages is not None and self._warnings.count == self._warned:
            self._pages.put(key, output)

    def end(self, *, prune: bool) -> tuple[int, int]:
        """(pages kept from earlier builds, pages finished now); prunes after a full build."""
        self.stop_helping()
        self._warnings.detach()
        if self._pages is None:
            return (0, 0)
        counts = (self._pages.reused, self._pages.made)
        self._pages.save(prune=prune)
        self._pages = None
        return counts
