"""Every page of a catalogue site as Markdown text: SOP forms, unit, regulation and role indexes.

Pure core, no MkDocs: the plugin adds these pages to a build and ``sopdocs generate`` writes
them to disk for any other Markdown site generator. Python decides *which* pages exist, where
they live and what each is given; the templates in :mod:`sopdocs.templates` decide how they
look.
"""

from __future__ import annotations

import functools
import html
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

from sopdocs import flowchart, parallel
from sopdocs.cache import digest
from sopdocs.catalogue.index import CatalogueIndex, RegulationEntry, ResolvedReference
from sopdocs.flowchart.paging import sheet
from sopdocs.flowchart.table import table_flow
from sopdocs.model import Sop, Unit
from sopdocs.parallel import Parallelism
from sopdocs.reading.durations import total_time
from sopdocs.review.history import NO_HISTORY, History, Revision
from sopdocs.site.incremental import PageCache, site_options
from sopdocs.site.search import SearchData, regulation_search_data, sop_search_data
from sopdocs.site.templating import Templates
from sopdocs.site.views import sop_rows, subunit_rows
from sopdocs.urls import (
    CATALOGUE_PAGE,
    REGULATIONS_PAGE,
    ROLES_PAGE,
    Links,
    monitoring_page,
    regulation_page,
    sop_page,
    unit_page,
)

ASSETS_DIR = "assets/sopdocs"
"""Where a site's copy of :data:`STYLESHEETS` and :data:`SCRIPTS` goes, docs-relative."""
_ASSETS = Path(__file__).parent / "assets"
STYLESHEETS: tuple[Path, ...] = (
    _ASSETS / "sopdocs.css",
    _ASSETS / "flowchart.css",
    _ASSETS / "cari.css",
)
"""What every page needs besides Markdown: the form and print layout, the flowchart's, the
search box's."""
FONT_STYLESHEET = _ASSETS / "fonts.css"
"""The site's own fonts; apart from :data:`STYLESHEETS`, which PDFs inline without files."""
FONTS: tuple[Path, ...] = (FONT_STYLESHEET, *sorted((_ASSETS / "fonts").glob("*.woff2")))
"""``fonts.css`` and the font files it names, side by side in :data:`ASSETS_DIR`."""
SCRIPTS: tuple[Path, ...] = (_ASSETS / "sopdocs.js", _ASSETS / "cari.js")
"""The catalogue filter and the search box; pages read the same without them."""

NavItem: TypeAlias = "str | dict[str, str | list[NavItem]]"
"""One entry of an MkDocs ``nav``: a page path, or ``{title: path or children}``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SitePage:
    """One generated Markdown page, at a docs-relative path."""

    path: str
    """Source path such as ``sop/<id>/index.md``: its URL is then ``sop/<id>/``."""
    title: str
    """Plain text; the page's own ``#`` heading carries it into the site."""
    markdown: str
    source: str | None = None
    """The YAML file the page comes from, for "edit this page"."""


def search_terms(sop: Sop, index: CatalogueIndex) -> list[str]:
    """What a person may type to find this SOP besides its words: its nomor and the short
    forms of every regulation it cites (``UU 24/2013``, ``Permendagri 108/2019``...).
    Material's own search reads them as tags (``search: false``); Pagefind gets
    :mod:`sopdocs.site.search`'s data instead."""
    terms = [sop.nomor]
    for entry in index.regulations_of(sop):
        terms.extend(entry.regulation.short_forms)
    return list(dict.fromkeys(terms))


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteOptions:
    """How the adapters configure the pages: the same for every page of one build."""

    directory_urls: bool = True
    """``sop/x/`` (MkDocs' default) or ``sop/x.html``."""
    history: History = NO_HISTORY
    """Each SOP page's "Riwayat Perubahan"."""
    repo_url: str | None = None
    """With it, each revision links to its commit."""
    documents: bool = False
    """SOP and unit pages link to their PDFs."""
    diagram: bool = False
    """SOP pages link to their flowchart as a Graphviz picture (:mod:`sopdocs.site.diagrams`)."""
    tags: bool = True
    """SOP and regulation pages carry ``tags`` in their front matter (nomor, regulation short
    forms and spellings), which Material's own search boosts. A site searched by Pagefind
    reads none of it (it gets :mod:`sopdocs.site.search`'s data), and every page's front
    matter is parsed again by MkDocs each build: about a tenth of a warm build."""

    @property
    def commit_url(self) -> str | None:
        return f"{self.repo_url.rstrip('/')}/commit/" if self.repo_url else None


@dataclass(frozen=True, slots=True)
class _Look:
    """What every page template is given besides its own context: the same for one build."""

    directory_urls: bool
    documents: bool
    diagram: bool
    tags: bool

    def render(self, templates: Templates, template: str, path: str, **context: Any) -> str:
        return templates.render(
            template,
            link=Links(path, self.directory_urls),
            documents=self.documents,
            diagram=self.diagram,
            tags=self.tags,
            **context,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class SopForm:
    """Everything an SOP page is rendered from (what its cache key names), without the
    whole index: what a worker process is sent to render the page."""

    sop: Sop
    units: tuple[Unit, ...]
    references: tuple[ResolvedReference, ...]
    backlinks: tuple[Sop, ...]
    lane_roles: tuple[str, ...]
    """The pelaksana page's anchor of each of ``sop.lanes``."""
    search_terms: list[str]
    search: SearchData
    history: tuple[Revision, ...]
    commit_url: str | None

    def context(self) -> dict[str, Any]:
        """The page template's context: the form laid out as a table flowchart."""
        sop = self.sop
        flow = table_flow(flowchart.flowchart_of(sop))
        return {
            "sop": sop,
            "source": sop.source,
            "units": self.units,
            "references": self.references,
            "backlinks": self.backlinks,
            "lane_roles": self.lane_roles,
            "flow": flow,
            "sheet": sheet(sop, flow, sop.langkah_per_halaman),
            "total": total_time([step.duration for step in sop.steps]),
            "search_terms": self.search_terms,
            "history": self.history,
            "commit_url": self.commit_url,
            "search": self.search,
        }


def catalogue_pages(
    index: CatalogueIndex,
    *,
    templates: Templates,
    options: SiteOptions = SiteOptions(),
    cache: PageCache | None = None,
    parallelism: Parallelism = parallel.AUTOMATIC,
) -> list[SitePage]:
    """Every generated page of the site.

    With ``cache``, SOP pages rendered before from the same content are taken from it, and
    the cache keeps only this build's pages. Many SOP pages to render (a cold build) are
    rendered by worker processes (``parallelism``), into the same text.
    """
    if templates.override_dir is not None:
        cache = None  # a site's own templates may read anything: no key names it all
    templates.refresh()  # an edited template is read again (Templates keep theirs)
    site = _Site(index, templates, options, cache)
    index_pages: list[SitePage] = []

    def make_index_pages() -> None:
        # The index pages' keys name every SOP page's key, all known once the SOP pages
        # are planned: they are made while the workers render the SOP pages.
        index_pages.append(site.catalogue())
        units = [unit for unit in index.units if unit.path]
        index_pages.extend(site.unit(unit) for unit in units)
        index_pages.extend(
            site.monitoring(unit) for unit in units if index.sops_in_unit(unit.path, nested=True)
        )
        index_pages.append(site.regulations())
        index_pages.extend(site.regulation(entry) for entry in index.regulations)
        index_pages.append(site.roles())

    pages = site.sop_pages(index.sops, parallelism, meanwhile=make_index_pages)
    pages.extend(index_pages)
    if cache is not None:
        cache.prune()
    return pages


def catalogue_nav(index: CatalogueIndex) -> list[NavItem]:
    """The catalogue's part of the site nav: units and indexes, never the SOP pages themselves.

    Themes spend time quadratic in nav size on every page, so a catalogue of thousands of
    SOPs stays fast only when the nav holds its units; SOP pages are reached from them.
    Titles are HTML, as MkDocs themes print nav titles unescaped.
    """
    children: dict[str, list[Unit]] = {}
    for unit in index.units:
        if unit.path:
            children.setdefault(unit.parent_path or "", []).append(unit)

    def branch(unit: Unit) -> NavItem:
        below = children.get(unit.path, [])
        if not below:
            return unit_page(unit.path)  # titled by its own heading
        return {html.escape(unit.nama): [unit_page(unit.path), *(branch(u) for u in below)]}

    return [
        {"Katalog SOP": [CATALOGUE_PAGE, *(branch(u) for u in children.get("", []))]},
        {"Regulasi": REGULATIONS_PAGE},
        {"Pelaksana": ROLES_PAGE},
    ]


def write_site(pages: list[SitePage], out: Path) -> None:
    """The pages as Markdown files under ``out``, with the assets in :data:`ASSETS_DIR`."""
    for page in pages:
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    (out / ASSETS_DIR).mkdir(parents=True, exist_ok=True)
    for asset in STYLESHEETS + SCRIPTS + FONTS:
        shutil.copyfile(asset, out / ASSETS_DIR / asset.name)


class _Site:
    """What every page template is given: the index, links from that page, and helpers."""

    def __init__(
        self,
        index: CatalogueIndex,
        templates: Templates,
        options: SiteOptions,
        cache: PageCache | None,
    ) -> None:
        self.index = index
        self.templates = templates
        self.look = _Look(options.directory_urls, options.documents, options.diagram, options.tags)
        self.history = options.history
        self.commit_url = options.commit_url
        self.cache = cache
        self._sop_keys: list[str] | None = []
        self._catalogue_key: str | None = None
        self.options = (
            site_options(
                templates,
                (
                    options.directory_urls,
                    options.commit_url,
                    options.documents,
                    options.diagram,
                    options.tags,
                ),
            )
            if cache is not None
            else ""
        )

    def _page(self, template: str, path: str, title: str, **context: Any) -> SitePage:
        """Page ``path`` from ``template``; a built-in template is given the index only when
        the caller passes it, so that the context is all the page is made from."""
        if self.templates.override_dir is not None:
            context.setdefault("index", self.index)  # a site's own may read anything
        markdown = self.look.render(self.templates, template, path, **context)
        return SitePage(path=path, title=title, markdown=markdown, source=context.get("source"))

    def _kept_page(self, template: str, path: str, title: str, **context: Any) -> SitePage:
        """An index page, rendered again only when its context differs from the last
        build's (``==``; the context holds everything it is made from, see ``_page``), or,
        in a new process, when the catalogue's content differs (:meth:`_index_key`)."""
        if self.cache is None:
            return self._page(template, path, title, **context)
        inputs = (self.options, template, title, context)
        markdown = self.cache.recall(path, inputs)
        if markdown is None:
            key = self._index_key(template, path, title)
            markdown = None if key is None else self.cache.get(key)
            if markdown is None:
                markdown = self._page(template, path, title, **context).markdown
                if key is not None:
                    self.cache.put(key, markdown)
            self.cache.remember(path, inputs, markdown)
        return SitePage(path=path, title=title, markdown=markdown, source=context.get("source"))

    def _index_key(self, template: str, path: str, title: str) -> str | None:
        """An index page's content key: every SOP page's key (each names the SOP, its
        units, links, regulations and lanes) and every unit, so any change to the catalogue
        renders the index pages again. None when an SOP page came from memory this build
        (``mkdocs serve``), whose key was not worked out; memory serves index pages then."""
        if self._sop_keys is None:
            return None
        if self._catalogue_key is None:
            self._catalogue_key = digest(self.options, *self._sop_keys, repr(self.index.units))
        return digest("index", self._catalogue_key, template, path, title)

    def sop_pages(
        self, sops: Sequence[Sop], parallelism: Parallelism, meanwhile: Callable[[], None]
    ) -> list[SitePage]:
        """The SOPs' forms: from memory or the cache when everything each is rendered from
        is unchanged, the others rendered, here or by worker processes; ``meanwhile()`` is
        called once the SOP pages are planned, while workers render."""
        planned = [self._planned(sop) for sop in sops]
        pending = [plan for plan in planned if isinstance(plan, _Pending)]
        texts = self._rendered([plan.form for plan in pending], parallelism, meanwhile)
        for plan, markdown in zip(pending, texts, strict=True):
            plan.markdown = markdown
            if self.cache is not None:
                if plan.key is not None:
                    self.cache.put(plan.key, markdown)
                self.cache.remember(sop_page(plan.form.sop.id), plan.inputs, markdown)
        return [plan if isinstance(plan, SitePage) else plan.page() for plan in planned]

    def _planned(self, sop: Sop) -> SitePage | _Pending:
        """The SOP's page if memory or the cache has it, else what rendering it takes."""
        if self.cache is None:
            return _Pending(form=self._form(sop))
        path = sop_page(sop.id)
        inputs = self._sop_inputs(sop)
        markdown = self.cache.recall(path, inputs)
        if markdown is not None:
            self._sop_keys = None  # its key is not known: index pages are not keyed
            return SitePage(path=path, title=sop.nama, markdown=markdown, source=sop.source)
        form = self._form(sop)
        key = self.cache.key(
            sop,
            self.index,
            history=self.history,
            options=self.options,
            search=(form.search_terms, form.search),
        )
        if self._sop_keys is not None:
            self._sop_keys.append(key)
        markdown = self.cache.get(key)
        if markdown is None:
            return _Pending(form=form, key=key, inputs=inputs)
        self.cache.remember(path, inputs, markdown)
        return SitePage(path=path, title=sop.nama, markdown=markdown, source=sop.source)

    def _sop_inputs(self, sop: Sop) -> tuple[object, ...]:
        """Everything ``_render_sop`` reads, as objects to compare with the last build's:
        the SOP itself (by identity), and what other SOPs, units and regulations give it."""
        return (
            self.options,
            sop,
            self.index.unit_chain(sop),
            self.index.references.get(sop.id, ()),
            self.index.backlinks.get(sop.id, ()),
            tuple(self.index.role_slug(lane.name) for lane in sop.lanes),
            tuple((e.key, e.regulation) for e in self.index.regulations_of(sop)),
            self.history.of(sop.id),
        )

    def _form(self, sop: Sop) -> SopForm:
        index = self.index
        return SopForm(
            sop=sop,
            units=tuple(index.unit_chain(sop)),
            references=tuple(index.references.get(sop.id, ())),
            backlinks=tuple(index.backlinks.get(sop.id, ())),
            lane_roles=tuple(index.role_slug(lane.name) for lane in sop.lanes),
            search_terms=search_terms(sop, index),
            search=sop_search_data(sop, index),
            history=self.history.of(sop.id),
            commit_url=self.commit_url,
        )

    def _rendered(
        self, forms: list[SopForm], parallelism: Parallelism, meanwhile: Callable[[], None]
    ) -> Iterator[str]:
        """Each form's page text, in order, as it is made (the caller keeps each while the
        workers make the next); by worker processes when there are many and the templates
        are the built-in ones (a site's own may read the whole index)."""
        processes = parallelism.workers(len(forms))
        if processes == 1 or self.templates.override_dir is not None:
            meanwhile()
            yield from (self._render_sop(form) for form in forms)
            return
        tasks = [(self.look, chunk) for chunk in parallel.chunks(forms, _CHUNK)]
        for chunk in parallel.ordered_results(_render_forms, tasks, processes, meanwhile=meanwhile):
            yield from chunk

    def _render_sop(self, form: SopForm) -> str:
        path = sop_page(form.sop.id)
        return self._page("sop.md.j2", path, form.sop.nama, **form.context()).markdown

    def catalogue(self) -> SitePage:
        groups = [(u, self.index.sops_in_unit(u.path)) for u in self.index.units]
        return self._kept_page(
            "katalog.md.j2",
            CATALOGUE_PAGE,
            "Katalog SOP",
            index=self.index,
            groups=[(unit, sop_rows(self.index, sops)) for unit, sops in groups if sops],
        )

    def _parents(self, unit: Unit) -> list[Unit]:
        parent = self.index.catalogue.unit(unit.parent_path or "")
        chain: list[Unit] = []
        while parent is not None and parent.path:
            chain.insert(0, parent)
            parent = self.index.catalogue.unit(parent.parent_path or "")
        return chain

    def unit(self, unit: Unit) -> SitePage:
        return self._kept_page(
            "unit.md.j2",
            unit_page(unit.path),
            unit.nama,
            unit=unit,
            parents=self._parents(unit),
            sops=sop_rows(self.index, self.index.sops_in_unit(unit.path)),
            subunits=subunit_rows(self.index, unit),
            has_sops=bool(self.index.sops_in_unit(unit.path, nested=True)),
        )

    def monitoring(self, unit: Unit) -> SitePage:
        """Tabel 7, the unit's monitoring form: its SOPs and its sub-units', to assess."""
        return self._kept_page(
            "monitoring.md.j2",
            monitoring_page(unit.path),
            "Monitoring Pelaksanaan SOP AP",
            unit=unit,
            parents=self._parents(unit),
            sops=self.index.sops_in_unit(unit.path, nested=True),
        )

    def regulations(self) -> SitePage:
        return self._kept_page(
            "regulasi.md.j2",
            REGULATIONS_PAGE,
            "Regulasi",
            index=self.index,
            groups=self.index.regulation_groups(),
            unrecognised=self.index.unrecognised,
        )

    def regulation(self, entry: RegulationEntry) -> SitePage:
        amends = entry.regulation.amends
        return self._kept_page(
            "regulasi-satu.md.j2",
            regulation_page(entry.key),
            entry.regulation.judul,
            entry=entry,
            amends=amends,
            amends_entry=self.index.regulation(amends.key) if amends is not None else None,
            search=regulation_search_data(entry),
        )

    def roles(self) -> SitePage:
        return self._kept_page("pelaksana.md.j2", ROLES_PAGE, "Pelaksana", roles=self.index.roles)


@dataclass(slots=True, kw_only=True)
class _Pending:
    """An SOP page to render: its form, and where the rendered text goes."""

    form: SopForm
    key: str | None = None
    """The page cache's key (None: no cache)."""
    inputs: tuple[object, ...] = ()
    """What the page is rendered from, for :meth:`PageCache.remember`."""
    markdown: str = ""

    def page(self) -> SitePage:
        sop = self.form.sop
        return SitePage(
            path=sop_page(sop.id), title=sop.nama, markdown=self.markdown, source=sop.source
        )


_CHUNK = 16
"""SOP pages per task given to a worker: neighbours, which share their linked SOPs."""


def _render_forms(task: tuple[_Look, Sequence[SopForm]]) -> list[str]:
    """In a worker: the pages of ``task``'s forms, through the built-in templates."""
    look, forms = task
    templates = _builtin_templates()
    return [
        look.render(templates, "sop.md.j2", sop_page(form.sop.id), **form.context())
        for form in forms
    ]


@functools.cache
def _builtin_templates() -> Templates:
    """One worker's templates, compiled once for every task it is given."""
    return Templates()
