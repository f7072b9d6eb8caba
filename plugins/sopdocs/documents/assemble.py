"""PDF files from the engine's output: metadata, and a unit's book bound from its parts.

The engine prints each SOP once; a book is those same PDFs bound behind its front pages, so
a book costs no second layout of its SOPs and a changed SOP changes only its own pages. The
information dictionary is set here (Chromium writes neither the author nor a stable date):
title and author as the document says, no creation date, so the same input gives the same
bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter

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


def bind(parts: Sequence[Part], *, title: str, author: str) -> bytes:
    """The parts as one PDF, in order, each bookmarked where it starts."""
    writer = PdfWriter()
    for part in parts:
        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(part.pdf)), import_outline=False)
        if part.bookmark is not None:
            writer.add_outline_item(title=part.bookmark, page_number=start)
    return _written(writer, title=title, author=author)


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
