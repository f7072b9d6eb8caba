"""The order of work for a set of documents: print each SOP once, bind the books, cache all.

Every SOP is printed by the engine once per change: its PDF is kept in the cache under the
hash of what it is made from (its page's Markdown, the print templates, the stylesheets, this
package's code and the engine's version), so a warm run prints nothing and a changed SOP
reprints itself and rebinds its unit's book only. A book's Daftar Isi is known from its
SOPs' page counts alone (the body is numbered from its first SOP), so its front pages are
printed once; the sheets of the running numbers are printed once for all books of a run,
once the longest is counted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sopdocs.cache import Cache, code_fingerprint, digest, write_atomically
from sopdocs.catalogue.index import CatalogueIndex
from sopdocs.documents import assemble, printed
from sopdocs.documents.assemble import Folios, Part
from sopdocs.documents.book import (
    Book,
    book_of,
    contents,
    document_author,
    folios,
    start_pages,
)
from sopdocs.documents.engine import Chromium, chromium_version
from sopdocs.documents.store import PdfStore
from sopdocs.documents.target import select
from sopdocs.model import Sop
from sopdocs.site.pages import catalogue_pages
from sopdocs.site.templating import Templates
from sopdocs.urls import book_pdf, monitoring_page, sop_page, sop_pdf

_Document = TypeVar("_Document")
"""A SOP's document or a unit's book, on its way through the PDF cache."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SopDocument:
    """An SOP to print, with its site page's Markdown (the form, as the site shows it)."""

    sop: Sop
    markdown: str


@dataclass(frozen=True, slots=True, kw_only=True)
class BookDocument:
    """A unit's book to bind, with its monitoring form page's Markdown."""

    book: Book
    monitoring: str


class DocumentPrinter:
    """Prints SOPs and binds books with one engine, through the cache."""

    def __init__(self, engine: Chromium, templates: Templates, cache: PdfStore) -> None:
        self.engine = engine
        self.templates = templates
        self.cache = cache
        self.printed = 0
        """How many documents were made: SOPs printed, books bound (the rest were cached)."""
        self.sop_keys: dict[str, str] = {}
        """Each SOP's cache key, by id: a book's key is made of its SOPs' keys."""
        self.book_keys: dict[str, str] = {}
        """Each book's cache key, by unit path."""
        self._recipe = digest(
            code_fingerprint(),
            printed.stylesheet(),
            *(self._source(name) for name in ("cetak.html.j2", "buku.html.j2", "nomor.html.j2")),
            chromium_version(),
        )

    def _source(self, name: str) -> str:
        return self.templates.source(name)

    def sops(self, documents: Sequence[SopDocument]) -> dict[str, bytes]:
        """Each SOP's finished PDF, by SOP id."""
        keys = {d.sop.id: digest(self._recipe, "sop", d.markdown) for d in documents}
        self.sop_keys.update(keys)
        return self._through_cache(keys, {d.sop.id: d for d in documents}, self._print_sops)

    def _print_sops(self, documents: Sequence[SopDocument]) -> list[bytes]:
        html = [
            printed.document(
                self.templates,
                title=d.sop.nama,
                body=printed.page_html(d.markdown),
                kind="sop",
            )
            for d in documents
        ]
        self.printed += len(html)
        return [
            assemble.with_metadata(pdf, title=d.sop.nama, author=document_author(d.sop.instansi))
            for d, pdf in zip(documents, self.engine.print_all(html), strict=True)
        ]

    def books(
        self, documents: Sequence[BookDocument], sop_pdfs: Mapping[str, bytes]
    ) -> dict[str, bytes]:
        """Each unit's bound book, by unit path; ``sop_pdfs`` from :meth:`sops` (read only for
        a book that is not in the cache)."""
        keys = {
            d.book.unit.path: digest(
                self._recipe,
                "book",
                printed.front_pages(self.templates, d.book, contents(d.book, None), None),
                d.monitoring,
                *(self.sop_keys[s.id] for s in d.book.sops),
            )
            for d in documents
        }
        self.book_keys.update(keys)
        by_unit = {d.book.unit.path: d for d in documents}
        return self._through_cache(keys, by_unit, lambda todo: self._bind(todo, sop_pdfs))

    def _bind(
        self, documents: Sequence[BookDocument], sop_pdfs: Mapping[str, bytes]
    ) -> list[bytes]:
        if not documents:
            return []
        books = [d.book for d in documents]
        starts = [start_pages([assemble.page_count(sop_pdfs[s.id]) for s in b.sops]) for b in books]
        printed_parts = self.engine.print_all(
            [
                *(
                    printed.front_pages(self.templates, book, contents(book, start), start[-1])
                    for book, start in zip(books, starts, strict=True)
                ),
                *(self._monitoring(d) for d in documents),
            ]
        )
        fronts, forms = printed_parts[: len(books)], printed_parts[len(books) :]
        front_counts = [assemble.page_count(front) for front in fronts]
        body_counts = [  # the SOPs' pages, then the monitoring form's
            start[-1] - 1 + assemble.page_count(form)
            for start, form in zip(starts, forms, strict=True)
        ]
        numbers = folios(max(front_counts), max(body_counts))  # every book's, each once
        [sheets] = self.engine.print_all([printed.folio_sheets(self.templates, numbers)])
        self.printed += len(documents)
        return [
            assemble.bind(
                [
                    Part(pdf=front, bookmark="Daftar Isi"),
                    *(Part(pdf=sop_pdfs[s.id], bookmark=s.nama) for s in book.sops),
                    Part(pdf=form, bookmark="Monitoring Pelaksanaan SOP AP"),
                ],
                folios=Folios(
                    pages=folios(front_count, body_count),
                    front_pages=front_count,
                    sheets=sheets,
                    numbers=numbers,
                ),
                title=book.title,
                author=book.author,
            )
            for book, front, form, front_count, body_count in zip(
                books, fronts, forms, front_counts, body_counts, strict=True
            )
        ]

    def _monitoring(self, document: BookDocument) -> str:
        return printed.document(
            self.templates,
            title=f"Monitoring Pelaksanaan SOP AP {document.book.unit.nama}",
            body=printed.page_html(document.monitoring),
            kind="monitoring",
        )

    def _through_cache(
        self,
        keys: Mapping[str, str],
        documents: Mapping[str, _Document],
        make: Callable[[list[_Document]], list[bytes]],
    ) -> dict[str, bytes]:
        done: dict[str, bytes] = {}
        todo: list[str] = []
        for name, key in keys.items():
            hit = self.cache.get(key)
            if hit is not None:
                done[name] = hit
            else:
                todo.append(name)
        for name, pdf in zip(todo, make([documents[n] for n in todo]), strict=True):
            self.cache.put(keys[name], pdf)
            done[name] = pdf
        return {name: done[name] for name in keys}


def sop_documents(sops: Sequence[Sop], pages: Mapping[str, str]) -> list[SopDocument]:
    """The SOPs with their pages' Markdown (``pages`` by source path, as the site has them)."""
    return [SopDocument(sop=sop, markdown=pages[sop_page(sop.id)]) for sop in sops]


def book_documents(books: Sequence[Book], pages: Mapping[str, str]) -> list[BookDocument]:
    return [
        BookDocument(book=book, monitoring=pages[monitoring_page(book.unit.path)]) for book in books
    ]


def print_books(
    printer: DocumentPrinter, books: Sequence[Book], pages: Mapping[str, str]
) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Every SOP of ``books`` printed, then the books bound: (PDFs by SOP id, by unit path)."""
    sops = list({sop.id: sop for book in books for sop in book.sops}.values())
    sop_pdfs = printer.sops(sop_documents(sops, pages))
    return sop_pdfs, printer.books(book_documents(books, pages), sop_pdfs)


def book_file_name(book: Book) -> str:
    """A book's file in a folder of books: its unit folder's name."""
    return f"{book.unit.path.rpartition('/')[2] or 'katalog'}.pdf"


@dataclass(frozen=True, slots=True, kw_only=True)
class PdfRequest:
    """What ``sopdocs pdf`` is asked for: ``path`` (an SOP file, a unit folder, or the SOP
    folder ``sops_root`` itself) written to ``out``."""

    sops_root: Path
    path: Path
    out: Path


def write_pdf(
    index: CatalogueIndex, request: PdfRequest, *, templates: Templates, cache_dir: Path | None
) -> list[Path]:
    """``sopdocs pdf``: the document(s) ``request.path`` asks for (:func:`target.select`) at
    ``request.out``, a file, or a folder of books for the whole catalogue. Each file appears
    whole or not at all. Returns the files written."""
    selection = select(index, request.sops_root, request.path)
    out = request.out
    site = {page.path: page.markdown for page in catalogue_pages(index, templates=templates)}
    with Chromium() as engine:
        printer = DocumentPrinter(engine, templates, PdfStore(Cache.open(cache_dir)))
        if selection.sop is not None:
            pdf = printer.sops(sop_documents([selection.sop], site))[selection.sop.id]
            write_atomically(out, pdf)
            return [out]
        books = [b for b in (book_of(index, u) for u in selection.units) if b is not None]
        _, bound = print_books(printer, books, site)
    targets = [
        (out / book_file_name(book) if selection.many else out, bound[book.unit.path])
        for book in books
    ]
    for target, pdf in targets:
        write_atomically(target, pdf)
    return [target for target, _ in targets]


def write_site_documents(
    index: CatalogueIndex,
    pages: Mapping[str, str],
    site_dir: Path,
    *,
    templates: Templates,
    cache_dir: Path | None,
) -> int:
    """Every SOP's PDF and every unit's book into a built site, where its pages link them
    (:func:`sopdocs.urls.sop_pdf`, :func:`sopdocs.urls.book_pdf`). ``pages`` are the site's
    Markdown by source path. Returns how many documents were made: none when warm."""
    books = [b for b in (book_of(index, u) for u in index.units if u.path) if b is not None]
    store = PdfStore(Cache.open(cache_dir))
    with Chromium() as engine:
        printer = DocumentPrinter(engine, templates, store)
        sop_pdfs = printer.sops(sop_documents(index.sops, pages))
        bound = printer.books(book_documents(books, pages), sop_pdfs)
    for sop_id, pdf in sop_pdfs.items():
        store.publish(printer.sop_keys[sop_id], pdf, site_dir / sop_pdf(sop_id))
    for unit_path, pdf in bound.items():
        store.publish(printer.book_keys[unit_path], pdf, site_dir / book_pdf(unit_path))
    return printer.printed
