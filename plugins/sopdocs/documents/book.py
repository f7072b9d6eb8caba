"""What a unit's *Dokumen SOP AP* holds, and on which page each of its parts starts.

Permenpan RB 35/2012 names the parts of the document a unit hands in: a title page, the head
of office's decree that ratifies the SOPs (only where ``_unit.yaml`` records one: nothing is
invented), a table of contents, the SOPs each from a fresh page, and the monitoring form. The
book's SOP pages are the SOPs' own PDFs, so where each SOP starts is arithmetic over page
counts the engine reports, the same every run.

A printed book is found by the numbers on its sheets, so the book carries one running number
per sheet, the one the Daftar Isi names: as Indonesian official documents are paginated, the
front pages count in lower-case roman numerals (the title page counted as i but bearing no
number), and the body counts from 1 at the first SOP through the monitoring form. The body's
numbers do not depend on how many front pages there are, so the Daftar Isi is printed once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sopdocs.catalogue.index import CatalogueIndex
from sopdocs.model import Keputusan, Sop, Unit

BOOK_TITLE = "Dokumen SOP AP"


@dataclass(frozen=True, slots=True, kw_only=True)
class Book:
    """One unit's document set, before its page numbers are known."""

    unit: Unit
    instansi: tuple[str, ...]
    """The kop lines of the title page: those most of the unit's SOPs carry (usually from
    its ``_unit.yaml``; the first SOP's among equals)."""
    year: int
    """The year on the title page: the decree's, else the latest Tanggal Efektif."""
    keputusan: Keputusan | None
    sops: tuple[Sop, ...]
    """The unit's SOPs and those of its sub-units, in catalogue order."""

    @property
    def title(self) -> str:
        return f"{BOOK_TITLE} {self.unit.nama}"

    @property
    def author(self) -> str:
        return document_author(self.instansi)


@dataclass(frozen=True, slots=True, kw_only=True)
class ContentsEntry:
    """One row of the Daftar Isi."""

    number: int
    sop: Sop
    page: int | None
    """Where the SOP starts in the book; ``None`` in the pass that measures the front pages."""


def document_author(instansi: Sequence[str]) -> str:
    """The PDF's author: the instansi lines, top first, as one line."""
    return ", ".join(instansi)


def book_of(index: CatalogueIndex, unit: Unit) -> Book | None:
    """The book of ``unit``, holding its sub-units' SOPs too; ``None`` for a unit with none."""
    sops = index.sops_in_unit(unit.path, nested=True)
    if not sops:
        return None
    keputusan = unit.keputusan
    year = keputusan.tanggal.year if keputusan else max(s.tanggal_efektif.year for s in sops)
    instansi = Counter(s.instansi for s in sops).most_common(1)[0][0]
    return Book(unit=unit, instansi=instansi, year=year, keputusan=keputusan, sops=sops)


def start_pages(page_counts: Sequence[int]) -> tuple[int, ...]:
    """The body page number on which each SOP starts, then the monitoring form's first page.

    The body is numbered from 1 at the first SOP; each SOP's own PDF takes ``page_counts[i]``
    pages, then the monitoring form follows.
    """
    starts = [1]
    for count in page_counts:
        starts.append(starts[-1] + count)
    return tuple(starts)


def folios(front_pages: int, body_pages: int) -> tuple[str, ...]:
    """The number each sheet of a book bears, in order: ``""`` on the title page, roman
    numerals on the other front pages, then ``1`` to ``body_pages``."""
    front = (roman(n) if n > 1 else "" for n in range(1, front_pages + 1))
    return (*front, *(str(n) for n in range(1, body_pages + 1)))


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def roman(number: int) -> str:
    """``number`` (1 or more) in lower-case roman numerals, as front matter is numbered."""
    digits = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        digits.append(letters * count)
    return "".join(digits)


def contents(book: Book, starts: Sequence[int] | None) -> tuple[ContentsEntry, ...]:
    """The Daftar Isi rows, with pages once ``starts`` (from :func:`start_pages`) is known."""
    return tuple(
        ContentsEntry(number=n, sop=sop, page=starts[n - 1] if starts is not None else None)
        for n, sop in enumerate(book.sops, start=1)
    )
