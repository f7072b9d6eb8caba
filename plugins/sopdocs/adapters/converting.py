"""Generated pages whose Markdown conversion is kept by content.

Why: after the form went over as HTML (:mod:`sopdocs.site.handover`), each SOP page still
leaves MkDocs a small Markdown skeleton (front matter, headings, placeholders) whose
conversion, with the table of contents and the anchors, was a fifth of a warm build of
1,000 SOPs, the same every build. :class:`ConvertedPage` is MkDocs' page with one change:
``render`` first looks for the result kept under a key naming the Markdown, the page's place
and every setting the conversion reads (extensions and their options, the site's files for
its links, MkDocs' and sopdocs' versions). A conversion that logged a warning is never kept,
so a warm build warns (and fails ``--strict``) exactly as a cold one does.
"""

from __future__ import annotations

import json
import logging
from importlib.metadata import version
from typing import TYPE_CHECKING, Any, cast

import mkdocs
from mkdocs.commands.build import _populate_page
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import YAML_RE, get_data

from sopdocs.adapters.helper import Helper, worth_helping
from sopdocs.cache import Cache, code_fingerprint, digest
from sopdocs.site.handover import join, split
from sopdocs.site.kept import CONVERTED_PACK, KeptTexts, Unnameable, stable_text
from sopdocs.site.shapes import THIS_PAGE, Converted, TitledShapes

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.toc import AnchorLink


class Conversions:
    """One build's kept conversions, and the settings every key of that build names."""

    def __init__(self, store: Cache, config: MkDocsConfig, files: Files) -> None:
        self.texts = KeptTexts(store, CONVERTED_PACK)
        self.front_matter = FrontMatter()
        self.shapes = TitledShapes()
        self.helper: Helper | None = None
        """A copy of the build converting runs of pages ahead of it (:meth:`help`)."""
        self._files = files
        try:
            markdown = stable_text([config.markdown_extensions, config.mdx_configs])
        except Unnameable:  # an extension given as an object: nothing is kept
            self._settings: str | None = None
            return
        self._settings = digest(
            code_fingerprint(),
            mkdocs.__version__,
            version("markdown"),
            markdown,
            stable_text([config.use_directory_urls, dict(config.validation)]),
            stable_text(sorted(f.src_uri for f in files)),
        )

    def help(self, pages: list[ConvertedPage], config: MkDocsConfig) -> None:
        """Have a copy of the build (:mod:`sopdocs.adapters.helper`) read and convert
        ``pages`` (in the order MkDocs reads them) in runs ahead of the build, as MkDocs
        would."""
        if self._settings is not None and worth_helping(len(pages), len(self.texts.stored)):
            files = self._files
            self.helper = Helper.fork(
                pages,
                [self.texts],
                lambda page: _populate_page(page, config, files),
                label="konversi Markdown",
            )

    def stop_helping(self, *, abandon: bool = False) -> None:
        if self.helper is not None:
            self.helper.stop(abandon=abandon)
            self.helper = None

    def key(self, markdown: str, file: File, *, handover: bool) -> str | None:
        if self._settings is None:
            return None
        place = (file.src_uri, file.dest_uri, file.url, "handover" if handover else "markdown")
        return digest(self._settings, *place, markdown)

    def restore(self, page: Page, kept: str) -> bool:
        """Give ``page`` a kept conversion; False when the entry does not fit this build."""
        data = json.loads(kept)
        converted = Converted(
            content=data["content"],
            toc=tuple(data["toc"]),
            title=data["title"],
            anchors=frozenset(data["anchors"]),
            links=data["links"],
        )
        return self.apply(page, converted)

    def apply(self, page: Page, converted: Converted) -> bool:
        """Set on ``page`` what MkDocs' ``render`` sets; False when a page it links to is
        not among this build's files."""
        links: dict[File, dict[str, str]] = {}
        for src_uri, anchors in converted.links.items():
            target = page.file if src_uri == THIS_PAGE else self._files.get_file_from_path(src_uri)
            if target is None:
                return False
            links[target] = dict(anchors)
        page.content = converted.content
        page.toc = get_toc(cast("Any", list(converted.toc)))  # tokens as MkDocs' toc gives them
        page._title_from_render = converted.title  # what render() sets; MkDocs names it private
        page.present_anchor_ids = set(converted.anchors)
        page.links_to_anchors = links
        return True

    @staticmethod
    def kept(page: Page) -> str:
        """What ``render`` left on ``page``, as the text kept under its key."""
        converted = rendered(page)
        return json.dumps(
            {
                "content": converted.content,
                "toc": list(converted.toc),
                "title": converted.title,
                "anchors": sorted(converted.anchors),
                "links": converted.links,
            },
            ensure_ascii=False,
        )


def rendered(page: Page, *, warned: bool = False) -> Converted:
    """What MkDocs' ``render`` left on ``page``."""
    return Converted(
        content=page.content or "",
        toc=tuple(_tokens(list(page.toc))),
        title=page._title_from_render,
        anchors=frozenset(page.present_anchor_ids or ()),
        links={
            THIS_PAGE if f is page.file else f.src_uri: a
            for f, a in (page.links_to_anchors or {}).items()
        },
        warned=warned,
    )


class ConvertedPage(Page):
    """MkDocs' page for a generated file, converting its Markdown once per content.

    With ``handover``, the page's HTML goes past Markdown (:func:`split`) and is put back
    into the converted page here (:func:`join`): splitting is paid only when the conversion
    is not kept, and the kept conversion is the finished content.
    """

    conversions: Conversions | None = None
    handover: bool = False

    def read_source(self, config: MkDocsConfig) -> None:
        if self.conversions is None:
            super().read_source(config)
            return
        source = config.plugins.on_page_read_source(page=self, config=config)
        if source is None:
            source = self.file.content_string
        self.markdown, self.meta = self.conversions.front_matter.read(source)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        conversions = self.conversions
        if conversions is not None and conversions.helper is not None:
            conversions.helper.before(self)
        key = (
            None
            if conversions is None
            else conversions.key(self.markdown or "", self.file, handover=self.handover)
        )
        if conversions is not None and key is not None:
            kept = conversions.texts.get(key)
            if kept is not None and conversions.restore(self, kept):
                return
        with WarningCounter() as warnings:
            self._convert(config, files)
        if conversions is not None and key is not None and not warnings.count:
            conversions.texts.put(key, conversions.kept(self))

    def _convert(self, config: MkDocsConfig, files: Files) -> None:
        handover = split(self.markdown or "") if self.handover else None
        if handover is None:
            super().render(config, files)
            return
        conversions = self.conversions
        if conversions is None:
            self._render_text(handover.skeleton, config, files)
        else:
            converted = conversions.shapes.convert(
                handover.skeleton, lambda text: self._render_text(text, config, files)
            )
            if not conversions.apply(self, converted):
                self._render_text(handover.skeleton, config, files)
        self.content = join(self.content or "", handover.fragments)

    def _render_text(self, text: str, config: MkDocsConfig, files: Files) -> Converted:
        """MkDocs' conversion of ``text`` in this page's place, left on the page."""
        markdown = self.markdown
        self.markdown = text
        try:
            with WarningCounter() as warnings:
                super().render(config, files)
        finally:
            self.markdown = markdown
        return rendered(self, warned=warnings.count > 0)


class FrontMatter:
    """Front matter read once per text in a build: a generated page's is one of a handful
    (``hide: [navigation]``), and PyYAML took a third of a millisecond for each page.

    Only what JSON gives back exactly is remembered; each page gets its own copy (pages and
    plugins change ``page.meta``). Anything else is read by MkDocs' own :func:`get_data`.
    """

    def __init__(self) -> None:
        self._read: dict[str, str | None] = {}

    def read(self, source: str) -> tuple[str, dict[str, Any]]:
        """``(markdown, meta)`` exactly as MkDocs' :func:`get_data` gives them."""
        found = YAML_RE.match(source)
        if found is None:
            return get_data(source)
        text = found.group(1)
        if text not in self._read:
            markdown, meta = get_data(source)
            # MkDocs gives the source itself back when the front matter is not a mapping.
            self._read[text] = _as_json(meta) if markdown is not source else None
            return markdown, meta
        kept = self._read[text]
        if kept is None:
            return get_data(source)
        return source[found.end() :].lstrip("\n"), json.loads(kept)


def _as_json(meta: dict[str, Any]) -> str | None:
    """``meta`` as JSON when reading that JSON gives an equal value back, else None."""
    try:
        text = json.dumps(meta, ensure_ascii=False)
    except (TypeError, ValueError):
        return None
    return text if json.loads(text) == meta else None


class WarningCounter(logging.Handler):
    """Counts what MkDocs warns about while it is attached to MkDocs' logger: a result made
    with a warning is never kept (nor offered by a copy of the build), so the build that
    uses it warns, and fails ``--strict``, as one that makes it does."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def attach(self) -> None:
        logging.getLogger("mkdocs").addHandler(self)

    def detach(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self)

    def __enter__(self) -> WarningCounter:
        self.attach()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.detach()


def _tokens(items: list[AnchorLink]) -> list[dict[str, Any]]:
    return [
        {"level": i.level, "id": i.id, "name": i.title, "children": _tokens(i.children)}
        for i in items
    ]
