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
from typing import TYPE_CHECKING, Any

import mkdocs
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from sopdocs.cache import Cache, code_fingerprint, digest
from sopdocs.site.kept import CONVERTED_DIR, KeptTexts, Unnameable, stable_text

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.toc import AnchorLink


class Conversions:
    """One build's kept conversions, and the settings every key of that build names."""

    def __init__(self, store: Cache, config: MkDocsConfig, files: Files) -> None:
        self.texts = KeptTexts(store, CONVERTED_DIR)
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

    def key(self, markdown: str, file: File) -> str | None:
        if self._settings is None:
            return None
        return digest(self._settings, file.src_uri, file.dest_uri, file.url, markdown)

    def restore(self, page: Page, kept: str) -> bool:
        """Give ``page`` a kept conversion; False when the entry does not fit this build."""
        data = json.loads(kept)
        links: dict[File, dict[str, str]] = {}
        for src_uri, anchors in data["links"].items():
            target = self._files.get_file_from_path(src_uri)
            if target is None:
                return False
            links[target] = anchors
        page.content = data["content"]
        page.toc = get_toc(data["toc"])
        page._title_from_render = data["title"]  # what render() sets; MkDocs names it private
        page.present_anchor_ids = set(data["anchors"])
        page.links_to_anchors = links
        return True

    @staticmethod
    def kept(page: Page) -> str:
        """What ``render`` left on ``page``, as the text kept under its key."""
        return json.dumps(
            {
                "content": page.content,
                "toc": _tokens(list(page.toc)),
                "title": page._title_from_render,
                "anchors": sorted(page.present_anchor_ids or ()),
                "links": {f.src_uri: a for f, a in (page.links_to_anchors or {}).items()},
            },
            ensure_ascii=False,
        )


class ConvertedPage(Page):
    """MkDocs' page for a generated file, converting its Markdown once per content."""

    conversions: Conversions | None = None

    def render(self, config: MkDocsConfig, files: Files) -> None:
        conversions = self.conversions
        key = None if conversions is None else conversions.key(self.markdown or "", self.file)
        if conversions is None or key is None:
            super().render(config, files)
            return
        kept = conversions.texts.get(key)
        if kept is not None and conversions.restore(self, kept):
            return
        with _WarningCounter() as warnings:
            super().render(config, files)
        if not warnings.count:
            conversions.texts.put(key, conversions.kept(self))


class _WarningCounter(logging.Handler):
    """Counts what MkDocs warns about while it is attached to MkDocs' logger."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def __enter__(self) -> _WarningCounter:
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def __exit__(self, *exc: Any) -> None:
        logging.getLogger("mkdocs").removeHandler(self)


def _tokens(items: list[AnchorLink]) -> list[dict[str, Any]]:
    return [
        {"level": i.level, "id": i.id, "name": i.title, "children": _tokens(i.children)}
        for i in items
    ]
