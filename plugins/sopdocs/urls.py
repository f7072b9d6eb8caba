"""Where every generated page lives and the URL it is reached at, in both MkDocs URL styles.

One rule, one place: the pages (``sop/<id>/index.md``...), the links between them and the
URLs in ``katalog.json`` all come from here, so a site built with
``use_directory_urls: false`` (``sop/<id>/index.html``) links and exports the same pages as
one built with the default (``sop/<id>/``). Paths are docs-relative, ``/``-separated.
"""

from __future__ import annotations

import functools
import os
import posixpath
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sopdocs.model import Sop, Unit

HOME_PAGE = "index.md"
CATALOGUE_PAGE = "sop/index.md"
REGULATIONS_PAGE = "regulasi/index.md"
ROLES_PAGE = "pelaksana/index.md"


def sop_page(sop_id: str) -> str:
    """The source path of an SOP's page; ``sop_id`` is its path under ``sops/``."""
    return f"sop/{sop_id}/index.md"


def unit_page(unit_path: str) -> str:
    """The source path of a unit's page; the catalogue root's is the catalogue page."""
    return f"unit/{unit_path}/index.md" if unit_path else CATALOGUE_PAGE


def monitoring_page(unit_path: str) -> str:
    """The source path of a unit's monitoring form (Tabel 7), beside its page."""
    return f"unit/{unit_path}/monitoring/index.md"


def sop_pdf(sop_id: str) -> str:
    """Where an SOP's PDF goes in the site: in its page's folder, named after its file."""
    return f"sop/{sop_id}/{posixpath.basename(sop_id)}.pdf"


def sop_diagram(sop_id: str) -> str:
    """Where an SOP's flowchart picture goes in the site: beside its PDF, named to be found
    among a person's downloads."""
    return f"sop/{sop_id}/{posixpath.basename(sop_id)}-diagram-alir.svg"


def book_pdf(unit_path: str) -> str:
    """Where a unit's book (Dokumen SOP AP) goes in the site: in its page's folder."""
    return f"unit/{unit_path}/dokumen-sop-ap-{posixpath.basename(unit_path)}.pdf"


def regulation_page(key: str) -> str:
    return f"regulasi/{key}/index.md"


def edit_uri(source: str, docs_dir: str) -> str:
    """The path "edit this page" appends to the site's ``edit_uri``: the SOP's YAML file.

    Relative to ``docs_dir`` (the YAML sits beside it, ``../sops/...``) and percent-encoded,
    as themes write it into ``href`` as it is: a file named ``x" onmouseover="...".yaml``
    must stay one path, and ``#``, ``?`` or ``%`` in a name must not end it.
    """
    relative = os.path.relpath(source, docs_dir).replace(os.sep, "/")
    return urllib.parse.quote(relative, safe="/")


@functools.cache
def page_url(path: str, *, directory_urls: bool = True) -> str:
    """The site URL MkDocs gives a page source path (``sop/a/index.md`` → ``sop/a/``, or
    ``sop/a/index.html`` without directory URLs), relative to the site root.

    Percent-encoded as MkDocs encodes its own: a page path comes from file and folder names,
    and a folder named ``javascript:alert(1)+`` must not become a link's scheme, nor ``#``,
    ``?`` or ``%`` in a name end its path.
    """
    return urllib.parse.quote(_plain_url(path, directory_urls), safe="/")


def _plain_url(path: str, directory_urls: bool) -> str:
    stem, _ = posixpath.splitext(path)
    if not directory_urls:
        return f"{stem}.html"
    if posixpath.basename(stem) == "index":
        folder = posixpath.dirname(stem)
        return f"{folder}/" if folder else ""
    return f"{stem}/"


@functools.cache
def _folder_parts(page: str, directory_urls: bool) -> tuple[str, ...]:
    return tuple(posixpath.dirname(page_url(page, directory_urls=directory_urls)).split("/"))


def relative_url(
    target: str, *, from_page: str, directory_urls: bool = True, fragment: str = ""
) -> str:
    """Link from page source ``from_page`` to page source ``target`` (both docs-relative),
    to its element ``fragment`` if given (a ``#`` in ``target`` is part of a file name).

    HTML blocks inside Markdown are not rewritten by MkDocs, so links there are computed
    here.
    """
    rel = _relative(target, from_page, directory_urls)
    return f"{rel}#{fragment}" if fragment else rel


@functools.lru_cache(maxsize=1 << 16)
def _relative(target: str, from_page: str, directory_urls: bool) -> str:
    """Remembered: the index pages link each SOP page many times (once per step of it)."""
    here = _folder_parts(from_page, directory_urls)
    there = page_url(target, directory_urls=directory_urls)
    parts = there.rstrip("/").split("/")
    # Both are clean docs-relative paths, so this is posixpath.relpath without its
    # abspath (a getcwd per call: tens of thousands of links in a large catalogue).
    common = 0
    while common < min(len(here), len(parts)) and here[common] == parts[common] != "":
        common += 1
    up = len(here) - common if here != ("",) else 0
    rel = "/".join([".."] * up + [p for p in parts[common:] if p]) or "."
    if not there or there.endswith("/"):
        rel += "/"
    return rel


@dataclass(frozen=True, slots=True)
class Links:
    """Relative URLs from one page to the others, for templates: HTML blocks need real URLs."""

    page: str
    directory_urls: bool = True

    def to(self, target: str, fragment: str | None = None) -> str:
        return relative_url(
            target, from_page=self.page, directory_urls=self.directory_urls, fragment=fragment or ""
        )

    def sop(self, sop: Sop | str, anchor: str | None = None) -> str:
        sop_id = sop if isinstance(sop, str) else sop.id
        return self.to(sop_page(sop_id), anchor)

    def unit(self, unit: Unit | str) -> str:
        return self.to(unit_page(unit if isinstance(unit, str) else unit.path))

    def regulation(self, key: str) -> str:
        return self.to(regulation_page(key))

    def monitoring(self, unit: Unit) -> str:
        return self.to(monitoring_page(unit.path))

    def file(self, path: str) -> str:
        """Link to a file that is no page (a PDF), docs-relative ``path``, kept as named."""
        here = posixpath.dirname(page_url(self.page, directory_urls=self.directory_urls))
        return urllib.parse.quote(posixpath.relpath(path, here or "."), safe="/")

    def sop_pdf(self, sop: Sop) -> str:
        return self.file(sop_pdf(sop.id))

    def sop_diagram(self, sop: Sop) -> str:
        return self.file(sop_diagram(sop.id))

    def book_pdf(self, unit: Unit) -> str:
        return self.file(book_pdf(unit.path))

    def home(self) -> str:
        return self.to(HOME_PAGE)

    def catalogue(self) -> str:
        return self.to(CATALOGUE_PAGE)

    def regulations(self) -> str:
        return self.to(REGULATIONS_PAGE)

    def roles(self, slug: str | None = None) -> str:
        return self.to(ROLES_PAGE, slug)


def shared_folder(url: str, targets: Iterable[str]) -> str | None:
    """The folder whose relative links a page at ``url`` writes exactly as its siblings do.

    A link from ``a/b/`` (or from ``a/b.html``) to any target outside ``a/b/`` reads the same
    as from ``a/c/``: up to ``a/``, then down. So pages with the same shared folder can share
    HTML made of such links (the theme's navigation). None when one of ``targets`` lies in
    the page's own folder, whose links only that page writes.
    """
    if not url.endswith("/"):
        return f"{posixpath.dirname(url)}/ files"
    if any(target.startswith(url) for target in targets):
        return None
    return f"{posixpath.dirname(url.rstrip('/'))}/ folders"
