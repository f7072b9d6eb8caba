"""The HTML a PDF engine prints: the site's own pages, templates and CSS, made standalone.

An SOP's PDF is its site page (``sop.md.j2``) turned from Markdown into HTML exactly as the
site does it, wrapped with the site's stylesheets (``sopdocs.css``, ``flowchart.css``) and
the paper-only rules of ``cetak.css``: the printed site page and the PDF cannot disagree.
The book's own pages (title, decree, Daftar Isi) come from ``buku.html.j2``, the sheets of
its running page numbers from ``nomor.html.j2``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import markdown
from markupsafe import Markup

from sopdocs.documents.book import Book, ContentsEntry
from sopdocs.site.pages import STYLESHEETS
from sopdocs.site.templating import Templates

PRINT_STYLESHEET = STYLESHEETS[0].parent / "cetak.css"
"""Rules for paper alone: the fonts embedded in every PDF, the book's own pages."""
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "toc")
"""The same extensions the plugin gives the site, so the page parses as it does there."""
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


@functools.cache
def stylesheet() -> Markup:
    """The site's stylesheets and the paper rules, inlined: a PDF needs no files beside it."""
    css = "\n".join(path.read_text(encoding="utf-8") for path in (*STYLESHEETS, PRINT_STYLESHEET))
    # Inside <style>, only "</style" could end the element; the CSS is ours, but be exact.
    return Markup(css.replace("</", "<\\/"))


def page_html(page_markdown: str) -> Markup:
    """A generated page's Markdown as the HTML the site shows (front matter dropped).

    The Markdown is sopdocs' own output, author text already escaped in it by the templates,
    so the HTML it makes is safe to insert as it is.
    """
    converter = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS))
    return Markup(converter.convert(_FRONT_MATTER.sub("", page_markdown, count=1)))


def document(templates: Templates, *, title: str, body: Markup, kind: str) -> str:
    """One standalone HTML document for the engine; ``kind`` names its page style."""
    return templates.render("cetak.html.j2", title=title, css=stylesheet(), body=body, kind=kind)


def folio_sheets(templates: Templates, folios: Sequence[str]) -> str:
    """One sheet per page number, blank but for the number."""
    body = Markup(templates.render("nomor.html.j2", folios=folios))
    return document(templates, title="Nomor halaman", body=body, kind="nomor")


def front_pages(
    templates: Templates,
    book: Book,
    entries: Sequence[ContentsEntry],
    monitoring_page: int | None,
) -> str:
    """The book's title page, its decree where there is one, and the Daftar Isi."""
    body = Markup(
        templates.render(
            "buku.html.j2", book=book, entries=entries, monitoring_page=monitoring_page
        )
    )
    return document(templates, title=book.title, body=body, kind="buku")
