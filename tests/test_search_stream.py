"""Pages handed to Pagefind while the site builds give the index a run over the built folder
gives: the same pages, words, filters and metadata, though the header and navigation before
each page's ``data-pagefind-body`` are never sent."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from sopdocs.cache import Cache
from sopdocs.site import searchbundle, searchindex
from sopdocs.site.searchindex import BUNDLE_DIR, SearchIndexError, build_index
from sopdocs.site.searchstream import (
    DRAWING,
    NAV_FROM,
    NAV_TO,
    ReadablePart,
    StreamedIndex,
    page_url,
    readable_part,
    without_drawings,
)
from support import write_files

HEAD = '<!doctype html><html lang="id"><head><title>{title} - Katalog</title></head>'
NAV = (
    '<header class="md-header">Katalog SOP Dinas</header>'
    '<nav class="md-nav"><a href="/a/">Akta Kelahiran</a><a href="/b/">Kartu Keluarga</a></nav>'
)
BODY = (
    "<div data-pagefind-body><h1>{title}</h1><p>Persyaratan: surat pengantar RT.</p>"
    '<span data-pagefind-filter="unit">Dinas Contoh</span>'
    '<span data-pagefind-meta="nomor">{nomor}</span>'
    '<p class="headerlink">tautan</p></div>'
)


def _page(title: str, nomor: str = "001/SOP/DC/2024", nav: str = NAV) -> str:
    return (
        HEAD.format(title=title)
        + '<body dir="ltr">'
        + nav
        + BODY.format(title=title, nomor=nomor)
        + "<footer>Dibuat dengan sopdocs</footer></body></html>"
    )


def _bundle(site: Path) -> dict[str, bytes]:
    """Every file of the index, its compressed parts unpacked."""
    bundle = site / BUNDLE_DIR
    files = {}
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
        data = path.read_bytes()
        files[path.relative_to(bundle).as_posix()] = (
            gzip.decompress(data) if path.suffix.startswith(".pf_") else data
        )
    return files


def _streamed(site: Path, pages: dict[str, str], cache: Cache | None = None):
    index = StreamedIndex(searchbundle.kept_pages(cache) if cache is not None else None)
    for relative, html in pages.items():
        index.add(relative, html)
    return index.finish(site, cache)


def test_the_navigation_before_the_body_is_not_sent():
    html = _page("Akta Kelahiran")
    part, has_body = readable_part(html)
    assert has_body
    assert part == (
        HEAD.format(title="Akta Kelahiran")
        + '<body dir="ltr">'
        + BODY.format(title="Akta Kelahiran", nomor="001/SOP/DC/2024")
        + "<footer>Dibuat dengan sopdocs</footer></body></html>"
    )


@pytest.mark.parametrize(
    "before",
    [
        "<h1>Katalog</h1>",
        '<img src="/logo.png" alt="Logo">',
        '<span data-pagefind-meta="unit">Dinas</span>',
        '<span data-pagefind-filter="unit">Dinas</span>',
    ],
)
def test_a_page_with_what_pagefind_reads_before_its_body_is_sent_whole(before: str):
    html = _page("Akta Kelahiran", nav=NAV + before)
    assert readable_part(html) == (html, True)


SIDEBARS = f"{NAV_FROM}><nav>Menu Dinas</nav></div>{NAV_TO}><nav>Isi</nav></div>"
"""Material's two sidebars: the navigation, then the page's own table of contents."""


def test_a_navigation_looked_through_on_the_page_before_is_not_again_but_the_rest_is():
    readable = ReadablePart()
    pages = [
        _page("A", nav=SIDEBARS),
        _page("B", nav='<img src="/logo.png">' + SIDEBARS),  # before the navigation
        _page("C", nav=SIDEBARS.replace("<nav>Isi</nav>", "<h1>Isi</h1>")),  # after it
        _page("D", nav=SIDEBARS.replace("Menu Dinas", "<h1>Menu</h1>")),  # a new one
        _page("E", nav=SIDEBARS),
    ]
    parts = [readable(html) for html in pages]
    assert [part == (html, True) for part, html in zip(parts, pages, strict=True)] == [
        False,
        True,
        True,
        True,
        False,
    ]
    assert parts == [readable_part(html) for html in pages]  # each looked through alone


def test_a_page_without_a_marked_body_is_sent_whole():
    html = "<html lang='id'><body><nav>Menu</nav><main>Akta</main></body></html>"
    assert readable_part(html) == (html, False)


def _row(drawing: str) -> str:
    """A procedure table's Pelaksana cell as _alur.j2 writes it: words, then the drawing."""
    return (
        '<td class="sopdocs-alur"><span class="sopdocs-sr" data-pagefind-ignore>Mulai.</span>'
        f"{DRAWING}{drawing}</span></td><td>Berkas</td>"
    )


def test_the_flowchart_drawings_are_not_sent():
    lines = '<span class="sopdocs-garis" style="left:5px"></span><svg><text>Mulai</text></svg>'
    html = "<table><tr>" + _row(lines) + "</tr><tr>" + _row("<svg></svg>") + "</tr></table>"
    expected_row = (
        '<td class="sopdocs-alur"><span class="sopdocs-sr" data-pagefind-ignore>Mulai.</span>'
        "</td><td>Berkas</td>"
    )
    assert (
        without_drawings(html) == f"<table><tr>{expected_row}</tr><tr>{expected_row}</tr></table>"
    )


@pytest.mark.parametrize(
    "inside",
    [
        '<img src="/bagan.png">',
        "<h1>Judul</h1>",
        '<span data-pagefind-meta="unit">Dinas</span>',
        "<svg></svg></span>Tanda</td><td><span>Ya",  # the drawing's end is not its cell's
    ],
)
def test_a_drawing_holding_what_pagefind_reads_or_ending_elsewhere_is_sent(inside: str):
    html = "<table><tr>" + _row(inside) + "</tr></table>"
    assert without_drawings(html) == html


def test_the_drawings_of_sopdocs_own_template_are_left_out_unread_where_they_end_in_their_cell():
    inside = '<img src="/bagan.png">'  # never in what _alur.j2 writes: not looked for
    ending_elsewhere = "<table><tr>" + _row("<svg></svg></span>Tanda</td><td><span>Ya") + "</tr>"
    assert DRAWING not in without_drawings(_row(inside), ours=True)
    assert without_drawings(ending_elsewhere, ours=True) == ending_elsewhere


def test_a_drawing_never_closed_is_sent():
    html = f"<td>{DRAWING}<svg></svg>"
    assert without_drawings(html) == html


def test_the_drawings_of_a_page_with_its_navigation_left_out_are_not_sent_either():
    html = _page("Akta Kelahiran").replace(
        "</h1>", "</h1><table><tr>" + _row("<svg></svg>") + "</tr></table>"
    )
    part, _ = readable_part(html)
    assert DRAWING not in part
    assert part == without_drawings(html).replace(NAV, "")


def test_an_sop_pages_streamed_index_has_the_fragments_of_a_run_over_the_built_folder(
    site, tmp_path
):
    """The drawings left out of the SOP pages of a real build change no page's fragment:
    its text, title, filters and metadata."""
    sop_page = (site.site_dir / "sop/dinas-contoh/pendaftaran/index.html").read_text()
    assert DRAWING in sop_page  # what the template writes is what the feed leaves out
    folder = tmp_path / "folder"
    shutil.copytree(site.site_dir, folder, ignore=shutil.ignore_patterns(BUNDLE_DIR))
    build_index(folder)

    def fragments(site_dir: Path) -> list[bytes]:
        return sorted(v for k, v in _bundle(site_dir).items() if k.startswith("fragment/"))

    assert fragments(site.site_dir) == fragments(folder)


@pytest.mark.parametrize(
    ("relative", "url"),
    [("index.html", "/"), ("sop/a/index.html", "/sop/a/"), ("404.html", "/404.html")],
)
def test_a_page_has_the_url_pagefind_gives_its_file(relative: str, url: str):
    assert page_url(relative) == url


def test_one_streamed_page_gives_the_index_of_a_run_over_the_folder_byte_for_byte(tmp_path):
    pages = {"sop/akta/index.html": _page("Akta Kelahiran")}
    folder = write_files(tmp_path / "folder", pages)
    streamed = tmp_path / "streamed"
    streamed.mkdir()
    assert build_index(folder).pages == 1
    assert _streamed(streamed, pages).pages == 1
    assert _bundle(streamed) == _bundle(folder)


def test_streamed_pages_have_the_fragments_of_a_run_over_the_folder(tmp_path):
    """Each page's fragment (its URL, text, title, filters and metadata) is the same; only
    the numbering of pages, which follows the order pages come in, may differ."""
    pages = {
        "sop/akta/index.html": _page("Akta Kelahiran", "001/SOP/DC/2024"),
        "sop/kk/index.html": _page("Kartu Keluarga", "002/SOP/DC/2024"),
        "index.html": _page("Katalog SOP", "000/SOP/DC/2024"),
    }
    folder = write_files(tmp_path / "folder", pages)
    streamed = tmp_path / "streamed"
    streamed.mkdir()
    build_index(folder)
    _streamed(streamed, pages)

    def fragments(site: Path) -> dict[str, bytes]:
        return {k: v for k, v in _bundle(site).items() if k.startswith("fragment/")}

    assert len(fragments(folder)) == 3
    assert fragments(streamed) == fragments(folder)


def test_html_files_the_build_did_not_hand_over_are_read_from_the_folder(tmp_path):
    site = write_files(tmp_path / "situs", {"404.html": _page("Halaman tidak ditemukan")})
    report = _streamed(site, {"sop/akta/index.html": _page("Akta Kelahiran")})
    assert report.pages == 2


def test_pages_without_a_marked_body_are_left_out_when_others_have_one(tmp_path):
    bare = "<html lang='id'><body><main><h1>Kartu Keluarga</h1></main></body></html>"
    report = _streamed(tmp_path, {"a/index.html": _page("Akta"), "b/index.html": bare})
    assert report.pages == 1


def test_pages_without_a_marked_body_are_indexed_when_none_has_one(tmp_path):
    bare = "<html lang='id'><body><main><h1>{}</h1></main></body></html>"
    pages = {"a/index.html": bare.format("Akta"), "b/index.html": bare.format("Kartu Keluarga")}
    assert _streamed(tmp_path, pages).pages == 2


def test_unchanged_pages_get_the_kept_index_back(tmp_path):
    cache = Cache.open(tmp_path / "cache")
    pages = {"a/index.html": _page("Akta Kelahiran"), "b/index.html": _page("Kartu Keluarga")}
    first, second = tmp_path / "satu", tmp_path / "dua"
    first.mkdir()
    second.mkdir()
    assert not _streamed(first, pages, cache).reused
    report = _streamed(second, pages, cache)
    assert report.reused
    assert report.pages == 2
    assert _bundle(second) == _bundle(first)


def test_a_build_that_changed_no_page_sends_pagefind_none(tmp_path):
    cache = Cache.open(tmp_path / "cache")
    pages = {"a/index.html": _page("Akta Kelahiran"), "b/index.html": _page("Kartu Keluarga")}
    assert _streamed(tmp_path, pages, cache).sent == 2
    report = _streamed(tmp_path, pages, cache)
    assert (report.reused, report.sent) == (True, 0)


def test_pages_held_back_until_one_differs_are_indexed_as_if_sent_at_once(tmp_path):
    cache = Cache.open(tmp_path / "cache")
    before = {f"{n}/index.html": _page(f"Layanan {n}") for n in ("a", "b", "c")}
    after = {**before, "c/index.html": _page("Layanan Baru")}
    _streamed(tmp_path / "satu", before, cache)
    report = _streamed(tmp_path / "dua", after, cache)
    assert (report.reused, report.sent, report.pages) == (False, 3, 3)
    _streamed(tmp_path / "tiga", after)
    assert _bundle(tmp_path / "dua") == _bundle(tmp_path / "tiga")


def test_a_removed_page_makes_the_index_anew(tmp_path):
    cache = Cache.open(tmp_path / "cache")
    pages = {"a/index.html": _page("Akta Kelahiran"), "b/index.html": _page("Kartu Keluarga")}
    _streamed(tmp_path / "satu", pages, cache)
    report = _streamed(tmp_path / "dua", {"a/index.html": pages["a/index.html"]}, cache)
    assert (report.reused, report.sent, report.pages) == (False, 1, 1)


def test_a_damaged_list_of_kept_pages_holds_nothing_back(tmp_path):
    cache = Cache.open(tmp_path / "cache")
    _streamed(tmp_path, {"a/index.html": _page("Akta Kelahiran")}, cache)
    entry = tmp_path / "cache" / searchbundle.PAGES_ENTRY
    entry.write_bytes(entry.read_bytes()[:-3])
    assert searchbundle.kept_pages(cache) == {}


def test_a_changed_page_is_indexed_again(tmp_path):
    cache = Cache.open(tmp_path / "cache")
    _streamed(tmp_path, {"a/index.html": _page("Akta Kelahiran")}, cache)
    assert not _streamed(tmp_path, {"a/index.html": _page("Akta Kematian")}, cache).reused


def test_no_page_to_index_is_an_error_that_says_so(tmp_path):
    with pytest.raises(SearchIndexError, match="tidak mengindeks satu halaman pun"):
        _streamed(tmp_path, {})


def test_a_run_past_its_time_limit_is_stopped_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr(searchindex, "TIMEOUT", 0.0)
    with pytest.raises(SearchIndexError, match="tidak selesai dalam 0 detik dan dihentikan"):
        _streamed(tmp_path, {"a/index.html": _page("Akta Kelahiran")})


def test_an_aborted_index_writes_nothing(tmp_path):
    index = StreamedIndex()
    index.add("a/index.html", _page("Akta Kelahiran"))
    index.abort()
    assert not (tmp_path / BUNDLE_DIR).exists()
