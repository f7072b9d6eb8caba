"""SOP pages kept by content: a warm build renders nothing again, and never shows a stale page.

Each edit below changes what some *other* page shows (a backlink, a unit's name, a linked
SOP's name); after it, the pages built through the cache must be exactly those a build
without any cache makes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sopdocs.cache import Cache
from sopdocs.catalogue.index import analyse
from sopdocs.site.incremental import PAGES_PACK, PageCache
from sopdocs.site.kept import KeptTexts
from sopdocs.site.pages import catalogue_pages
from sopdocs.site.templating import Templates
from support import CATALOGUE, PENDAFTARAN, UNIT, write_files


def _pages(root: Path, cache: PageCache | None) -> dict[str, str]:
    index = analyse(root / "sops").index
    pages = catalogue_pages(index, templates=Templates(), cache=cache)
    return {page.path: page.markdown for page in pages}


def test_a_second_build_renders_no_page_again(tmp_path: Path) -> None:
    root = write_files(tmp_path, CATALOGUE)
    first = PageCache(Cache.open(tmp_path / "cache"))
    cold = _pages(root, first)
    assert first.rendered == len(cold)  # three SOP pages and every index page
    second = PageCache(Cache.open(tmp_path / "cache"))  # a new process: from disk
    assert _pages(root, second) == cold
    assert second.rendered == 0


EDITS = {
    "a keterkaitan removed (the backlink on the other SOP goes)": (
        "sops/dinas-contoh/pendaftaran.yaml",
        PENDAFTARAN.replace("  - SOP Penerbitan Surat Keterangan\n", ""),
    ),
    "a unit renamed (its SOPs' breadcrumbs and kop)": (
        "sops/dinas-contoh/_unit.yaml",
        UNIT.replace("nama: Dinas Contoh", "nama: Dinas Contoh Baru"),
    ),
    "a unit's default signatory changed (in every SOP read under it)": (
        "sops/dinas-contoh/_unit.yaml",
        UNIT.replace("nama: Budi Santoso, S.H.", "nama: Siti Aminah, S.H."),
    ),
    "a linked SOP renamed (the backlink's text on the other page)": (
        "sops/dinas-contoh/pendaftaran.yaml",
        PENDAFTARAN.replace("nama: Pendaftaran Layanan", "nama: Pendaftaran Layanan Terpadu"),
    ),
}


@pytest.mark.parametrize("edit", EDITS)
def test_after_an_edit_cached_pages_are_those_a_fresh_build_makes(
    tmp_path: Path, edit: str
) -> None:
    root = write_files(tmp_path, CATALOGUE)
    cache = PageCache(Cache.open(tmp_path / "cache"))
    before = _pages(root, cache)
    path, text = EDITS[edit]
    write_files(root, {path: text})
    after = _pages(root, cache)
    assert after == _pages(root, None)
    assert after != before
    assert cache.rendered > 3


def test_sops_of_a_catalogue_are_keyed_by_what_they_were_read_from(tmp_path: Path) -> None:
    root = write_files(tmp_path, CATALOGUE)
    first = {sop.id: sop.read_digest for sop in analyse(root / "sops").index.sops}
    assert all(first.values())
    assert {sop.id: sop.read_digest for sop in analyse(root / "sops").index.sops} == first
    write_files(root, {"sops/dinas-contoh/_unit.yaml": UNIT + "# sebuah catatan\n"})
    again = {sop.id: sop.read_digest for sop in analyse(root / "sops").index.sops}
    changed = sorted(sop_id for sop_id in first if again[sop_id] != first[sop_id])
    assert changed == sorted(s for s in first if s.startswith("dinas-contoh/"))


def test_a_damaged_cache_entry_is_rendered_again(tmp_path: Path) -> None:
    root = write_files(tmp_path, CATALOGUE)
    fresh = _pages(root, PageCache(Cache.open(tmp_path / "cache")))
    pack = tmp_path / "cache" / f"{PAGES_PACK}.pack"
    data = bytearray(pack.read_bytes())
    for position in range(200, len(data), 151):  # a byte of every record, and then some
        data[position] ^= 0x20
    pack.write_bytes(bytes(data))
    again = PageCache(Cache.open(tmp_path / "cache"))
    assert _pages(root, again) == fresh
    assert again.rendered == len(fresh)


def test_pages_no_build_asked_for_are_dropped_from_the_cache(tmp_path: Path) -> None:
    root = write_files(tmp_path, CATALOGUE)
    _pages(root, PageCache(Cache.open(tmp_path / "cache")))
    (root / "sops" / "badan-uji" / "jahat.yaml").unlink()
    second = _pages(root, PageCache(Cache.open(tmp_path / "cache")))
    assert len(KeptTexts(Cache.open(tmp_path / "cache"), PAGES_PACK).stored) == len(second)


def test_pages_are_kept_compressed_in_one_pack_and_entries_of_older_formats_go(
    tmp_path: Path,
) -> None:
    root = write_files(tmp_path, CATALOGUE)
    old = write_files(tmp_path / "cache" / "pages", {"abc.md": "# lama\n", "def.z": "lama"})
    pages = _pages(root, PageCache(Cache.open(tmp_path / "cache")))
    assert not old.exists()
    assert len(KeptTexts(Cache.open(tmp_path / "cache"), PAGES_PACK).stored) == len(pages)
    pack = tmp_path / "cache" / f"{PAGES_PACK}.pack"
    assert pack.stat().st_size < sum(len(t) for t in pages.values())
