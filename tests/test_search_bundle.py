"""The Pagefind index is kept while the pages are unchanged: a warm build copies it back
(byte for byte what Pagefind wrote) instead of reading every page again, and a changed
page, or a damaged kept file, makes Pagefind run as usual."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sopdocs.cache import Cache
from sopdocs.site import searchbundle, searchindex
from sopdocs.site.searchbundle import BUNDLE_SUFFIX, KEPT_DIR, PAGES_NAME
from sopdocs.site.searchindex import (
    BUNDLE_DIR,
    SearchIndexCancelled,
    SearchIndexError,
    build_index,
)

PAGE = "<html lang='id'><body><main data-pagefind-body><h1>{}</h1></main></body></html>"


def _site(folder: Path, *titles: str) -> Path:
    for number, title in enumerate(titles):
        page = folder / f"halaman-{number}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(PAGE.format(title), encoding="utf-8")
    return folder


def _bundle(site: Path) -> dict[str, bytes]:
    bundle = site / BUNDLE_DIR
    return {
        p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()
    }


def test_unchanged_pages_get_the_kept_index_back_byte_for_byte(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "cache")
    first = _site(tmp_path / "satu", "Akta Kelahiran", "Kartu Keluarga")
    assert not build_index(first, cache).reused
    second = _site(tmp_path / "dua", "Akta Kelahiran", "Kartu Keluarga")
    report = build_index(second, cache)
    assert report.reused
    assert report.pages == 2
    assert _bundle(second) == _bundle(first)


def test_a_changed_page_is_indexed_again(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "cache")
    site = _site(tmp_path / "situs", "Akta Kelahiran", "Kartu Keluarga")
    build_index(site, cache)
    _site(site, "Akta Kematian")
    assert not build_index(site, cache).reused


def test_only_the_last_index_is_kept(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "cache")
    site = _site(tmp_path / "situs", "Akta Kelahiran")
    build_index(site, cache)
    _site(site, "Akta Kematian")
    build_index(site, cache)
    kept = sorted(p.name for p in (tmp_path / "cache" / KEPT_DIR).iterdir())
    bundles = [name for name in kept if name.endswith(BUNDLE_SUFFIX)]
    # One index, in one entry, and the list of the pages it was made from.
    assert kept == sorted([*bundles, PAGES_NAME])
    assert len(bundles) == 1


def test_a_damaged_kept_file_is_never_published(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "cache")
    site = _site(tmp_path / "situs", "Akta Kelahiran", "Kartu Keluarga")
    build_index(site, cache)
    kept = next((tmp_path / "cache" / KEPT_DIR).glob(f"*{BUNDLE_SUFFIX}"))
    data = kept.read_bytes()
    middle = len(data) // 2
    kept.write_bytes(data[:middle] + b"<script>alert(1)</script>" + data[middle + 25 :])
    report = build_index(site, cache)
    assert not report.reused
    assert b"<script>alert(1)</script>" not in b"".join(_bundle(site).values())


def test_a_kept_index_naming_a_file_outside_its_folder_is_never_copied(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "cache")
    cache.write(f"{KEPT_DIR}/kunci{BUNDLE_SUFFIX}", b'[["../keluar.js", 5]]\nalert')
    bundle = tmp_path / "situs" / BUNDLE_DIR
    assert not searchbundle.restore(cache, "kunci", bundle)
    assert not (tmp_path / "situs" / "keluar.js").exists()


def test_without_a_cache_folder_pagefind_runs_every_time(tmp_path: Path) -> None:
    site = _site(tmp_path / "situs", "Akta Kelahiran")
    off = Cache.open(None)
    assert not build_index(site, off).reused
    assert not build_index(site, off).reused


# --- a run that must end ----------------------------------------------------------------------


def test_a_run_stopped_while_pagefind_works_ends_at_once(tmp_path: Path) -> None:
    site = _site(tmp_path / "situs", *(f"Layanan {n}" for n in range(4000)))
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    started = time.perf_counter()
    with pytest.raises(SearchIndexCancelled):
        build_index(site, stop=stop)
    assert time.perf_counter() - started < 5


def test_a_run_asked_to_stop_before_it_starts_does_not_start(tmp_path: Path) -> None:
    site = _site(tmp_path / "situs", "Akta Kelahiran")
    stop = threading.Event()
    stop.set()
    with pytest.raises(SearchIndexCancelled):
        build_index(site, stop=stop)
    assert not (site / BUNDLE_DIR).exists()


def test_a_run_past_its_time_limit_is_stopped_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(tmp_path / "situs", *(f"Layanan {n}" for n in range(4000)))
    monkeypatch.setattr(searchindex, "TIMEOUT", 0.3)
    with pytest.raises(SearchIndexError, match="tidak selesai dalam 0 detik dan dihentikan"):
        build_index(site)
