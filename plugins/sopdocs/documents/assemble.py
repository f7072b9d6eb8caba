"""PDF files from the engine's output: metadata, and a unit's book bound from its parts.

The engine prints each SOP once; a book is those same PDFs bound behind its front pages, so
a book costs no second layout of its SOPs and a changed SOP changes only its own pages. The
book's running page numbers are sheets the engine printed too (real text in an embedded
font), each laid over its page; the PDF's page labels repeat them, so a viewer's "go to page
17" finds the sheet numbered 17. The
information dictionary is set here (Chromium writes neither the author nor a stable date):
title and author as the document says, no creation date, so the same input gives the same
bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle

CREATOR = "sopdocs"


@dataclass(frozen=True, slots=True, kw_only=True)
class Part:
    """One printed piece of a book, with its bookmark in the PDF's outline (if any)."""

    pdf: bytes
    bookmark: str | None = None


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def with_metadata(pdf: bytes, *, title: str, author: str) -> bytes:
    """``pdf`` with its title and author set and its dates removed."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    return _written(writer, title=title, author=author)


@dataclass(frozen=True, slots=True, kw_only=True)
class Folios:
    """A book's running page numbers: the number each of its ``pages`` bears, the first
    ``front_pages`` of them in roman numerals, laid over it from ``sheets``, a PDF of pages
    blank but for a number, the number on each in ``numbers`` (one set of sheets serves
    every book of a run: sheet 17 is the same in each)."""

    pages: tuple[str, ...]
    front_pages: int
    sheets: bytes
    numbers: tuple[str, ...]


def bind(parts: Sequence[Part], *, folios: Folios, title: str, author: str) -> bytes:
    """The parts as one PDF, in order, each bookmarked where it starts, every page bearing its
    running number."""
    writer = PdfWriter()
    for part in parts:
        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(part.pdf)), import_outline=False)
        if part.bookmark is not None:
            writer.add_outline_item(title=part.bookmark, page_number=start)
    _number(writer, folios)
    return _written(writer, title=title, author=author)


def _number(writer: PdfWriter, folios: Folios) -> None:
    sheets = PdfReader(io.BytesIO(folios.sheets)).pages
    sheet = dict(zip(folios.numbers, sheets, strict=True))
    for page, folio in zip(writer.pages, folios.pages, strict=True):
        page.merge_page(sheet[folio])
    last = len(writer.pages) - 1
    writer.set_page_label(0, folios.front_pages - 1, style=PageLabelStyle.LOWERCASE_ROMAN)
    writer.set_page_label(folios.front_pages, last, style=PageLabelStyle.DECIMAL, start=1)


def _written(writer: PdfWriter, *, title: str, author: str) -> bytes:
    writer.metadata = {
        "/Title": title,
        "/Author": author,
        "/Creator": CREATOR,
        "/Producer": CREATOR,
    }
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
