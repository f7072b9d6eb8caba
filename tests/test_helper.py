"""A forked copy of the build makes pages from the other end of the list: the site is the
one a build alone writes, every page is made once, and nothing the copy does reaches the
cache or the site but through the build.

A process with a second thread is never copied, and a test process has some (a browser's
and a web server's, from other tests): each test that copies runs its scenario in a new
Python process (:func:`_alone`).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import BuiltSite, build_site
from sopdocs.adapters import helper
from sopdocs.adapters.helper import Helper, runs
from sopdocs.cache import Cache
from sopdocs.site.kept import KeptTexts
from support import (
    CATALOGUE,
    NO_SEARCH_YML,
    THEME_WARNING,
    WARNING_THEME,
    in_a_new_process,
    with_warning_theme,
    write_files,
)


@dataclass(frozen=True)
class _File:
    src_uri: str


@dataclass(frozen=True)
class _Page:
    """What the helper reads of a page: its file's name."""

    file: _File


def _pages(count: int) -> list[_Page]:
    """Pages five to a folder, as SOP pages are in their unit's: runs of five."""
    return [_Page(_File(f"u{number // 5}/p{number}/index.md")) for number in range(count)]


def _text(page: _Page) -> str:
    return f"made from {page.file.src_uri}"


def _texts(tmp_path: Path) -> KeptTexts:
    return KeptTexts(Cache.open(tmp_path / "cache"), "uji")


def _build_alongside(
    helping: Helper, pages: list[_Page], texts: KeptTexts, seconds: float = 0.005
) -> list[str]:
    """What the build does with each page, in order: takes the copy's text or makes its own
    (in ``seconds``, as a real page takes time). Returns who made each page."""
    made_by = []
    for page in pages:
        helping.before(page)  # type: ignore[arg-type]
        if texts.get(page.file.src_uri) == _text(page):
            made_by.append("copy")
            continue
        texts.put(page.file.src_uri, _text(page))
        made_by.append("build")
        time.sleep(seconds)
    helping.stop()
    return made_by


def _put(texts: KeptTexts, seconds: float = 0.005) -> Callable[[_Page], None]:
    """The copy's work: each page in ``seconds``."""

    def work(page: _Page) -> None:
        texts.put(page.file.src_uri, _text(page))
        time.sleep(seconds)

    return work


def _made_alongside(
    tmp_path: Path, count: int, copy_seconds: float, build_seconds: float
) -> list[str]:
    """``count`` pages made by a copy (``copy_seconds`` a page) and the build alongside
    (``build_seconds``), each page's text kept: who made each page."""
    pages, texts = _pages(count), _texts(tmp_path)
    helping = Helper.fork(pages, [texts], _put(texts, copy_seconds), label="uji")  # type: ignore[arg-type]
    assert helping is not None
    made_by = _build_alongside(helping, pages, texts, build_seconds)
    assert [texts.get(page.file.src_uri) for page in pages] == [_text(p) for p in pages]
    return made_by


def _runs_alternate(tmp_path: Path) -> None:
    made_by = _made_alongside(tmp_path, 60, 0.005, 0.005)
    assert made_by[:10] == ["build"] * 10  # the copy starts two runs ahead of the build
    first_by_copy = made_by.index("copy")
    assert "build" in made_by[first_by_copy:], made_by  # they alternate: no meeting point


def test_the_copy_makes_runs_of_pages_ahead_of_the_build_which_makes_the_others(
    tmp_path: Path,
) -> None:
    in_a_new_process(_runs_alternate, tmp_path)


def _slow_copy(tmp_path: Path) -> None:
    made_by = _made_alongside(tmp_path, 40, 0.05, 0)
    by_run = [made_by[start : start + 5] for start in range(0, len(made_by), 5)]
    shared = [run for run in by_run if "build" in run and "copy" in run]
    assert shared, by_run  # the build took a run's first pages, the copy its last ones
    assert all(run == sorted(run) for run in shared)  # "build" < "copy": build first


def test_the_build_makes_the_pages_of_a_slow_copy_s_run_it_has_not_come_to(
    tmp_path: Path,
) -> None:
    in_a_new_process(_slow_copy, tmp_path)


def _hundreds_of_runs(tmp_path: Path) -> None:
    made_by = _made_alongside(tmp_path, 1500, 0.0005, 0.0005)  # 300 runs: more than a byte
    assert "copy" in made_by[1000:]


def test_the_copy_keeps_claiming_runs_past_the_first_hundreds(tmp_path: Path) -> None:
    in_a_new_process(_hundreds_of_runs, tmp_path)


def test_pages_are_cut_into_runs_by_folder_and_length() -> None:
    pages = [_Page(_File(f"sop/a/p{n}/index.md")) for n in range(30)]
    pages += [_Page(_File("sop/b/p/index.md")), _Page(_File("index.md"))]
    assert runs(pages) == [range(24), range(24, 30), range(30, 31), range(31, 32)]  # type: ignore[arg-type]


def _kept_in_the_pack(tmp_path: Path) -> None:
    pages, texts = _pages(40), _texts(tmp_path)
    texts.put("before", "written by the build before the copy was made")  # still buffered
    helping = Helper.fork(pages, [texts], _put(texts), label="uji")  # type: ignore[arg-type]
    assert helping is not None
    made_by = _build_alongside(helping, pages, texts)
    assert "copy" in made_by
    texts.get("before")
    texts.save(prune=True)
    again = _texts(tmp_path)
    assert again.stored == {"before", *(page.file.src_uri for page in pages)}
    assert [again.get(page.file.src_uri) for page in pages] == [_text(p) for p in pages]
    assert again.get("before") == "written by the build before the copy was made"


def test_what_the_copy_made_is_kept_in_the_build_s_pack(tmp_path: Path) -> None:
    in_a_new_process(_kept_in_the_pack, tmp_path)


def _copy_fails(tmp_path: Path) -> None:
    pages, texts = _pages(30), _texts(tmp_path)

    def fail(page: _Page) -> None:  # only the copy is given this work
        raise RuntimeError("the copy fails")

    helping = Helper.fork(pages, [texts], fail, label="uji")  # type: ignore[arg-type]
    assert helping is not None
    made_by = _build_alongside(helping, pages, texts)
    assert made_by == ["build"] * len(pages)
    assert [texts.get(page.file.src_uri) for page in pages] == [_text(p) for p in pages]
    with pytest.raises(ChildProcessError):
        os.waitpid(helping.pid, os.WNOHANG)  # the copy was waited for: no process is left


def test_pages_a_failed_copy_took_are_made_by_the_build(tmp_path: Path) -> None:
    in_a_new_process(_copy_fails, tmp_path)


def test_a_process_running_another_thread_is_not_copied(tmp_path: Path) -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        texts = _texts(tmp_path)
        assert Helper.fork(_pages(10), [texts], _put(texts), label="uji") is None  # type: ignore[arg-type]
    finally:
        stop.set()
        other.join()


def _one_cpu(tmp_path: Path) -> None:
    asked: list[int] = []

    def one() -> int:
        asked.append(1)
        return 1

    helper.usable_cpus = one  # type: ignore[assignment]
    texts = _texts(tmp_path)
    assert Helper.fork(_pages(10), [texts], _put(texts), label="uji") is None  # type: ignore[arg-type]
    assert asked


def test_a_build_that_may_run_on_one_cpu_only_is_not_copied(tmp_path: Path) -> None:
    in_a_new_process(_one_cpu, tmp_path)


def _cannot_fork(tmp_path: Path) -> None:
    tried: list[int] = []

    def no_more_processes() -> int:
        tried.append(1)
        raise BlockingIOError(11, "Resource temporarily unavailable")

    helper.usable_cpus = lambda: 2  # type: ignore[assignment]
    os.fork = no_more_processes
    texts = _texts(tmp_path)
    assert Helper.fork(_pages(10), [texts], _put(texts), label="uji") is None  # type: ignore[arg-type]
    assert tried


def test_a_build_that_cannot_fork_goesin_a_new_process(tmp_path: Path) -> None:
    in_a_new_process(_cannot_fork, tmp_path)


def test_few_pages_to_make_are_made_by_the_buildin_a_new_process() -> None:
    assert helper.worth_helping(pages=3000, kept=3000 - helper.MIN_PAGES)
    assert not helper.worth_helping(pages=3000, kept=3000 - helper.MIN_PAGES + 1)


def _made_by_copies(site: BuiltSite) -> list[str]:
    return [m for m in site.messages(logging.DEBUG) if "dikerjakan salinan build" in m]


def _force_copies() -> None:
    """Copies for a catalogue of a few pages, each given a head start on the build."""
    helper.MIN_PAGES = 1
    before = Helper.before
    started: set[int] = set()

    def late_start(self: Helper, page: object) -> None:
        if id(self) not in started:
            started.add(id(self))
            time.sleep(0.3)
        before(self, page)  # type: ignore[arg-type]

    Helper.before = late_start  # type: ignore[method-assign]
    logging.getLogger("mkdocs.plugins.sopdocs").setLevel(logging.DEBUG)


def _same_bytes(tmp_path: Path) -> None:
    _force_copies()
    files = {**CATALOGUE, "mkdocs.yml": NO_SEARCH_YML}
    helped = build_site(write_files(tmp_path / "helped", files))
    helpers = _made_by_copies(helped)
    assert [m.split(":")[1].strip() for m in helpers] == ["konversi Markdown", "halaman tema"]
    assert all(not m.split(": ")[2].startswith("0 dari") for m in helpers), helpers
    helper.MIN_PAGES = 10**9
    alone = build_site(write_files(tmp_path / "alone", files))
    assert _made_by_copies(alone) == []
    assert helped.outputs() == alone.outputs()


def test_a_build_helped_by_copies_writes_the_bytes_a_build_alone_writes(tmp_path: Path) -> None:
    in_a_new_process(_same_bytes, tmp_path)


def _warm_after_helped(tmp_path: Path) -> None:
    _force_copies()
    root = write_files(tmp_path, {**CATALOGUE, "mkdocs.yml": NO_SEARCH_YML})
    cold = build_site(root, site_dir=tmp_path / "cold")
    assert _made_by_copies(cold)
    warm = build_site(root, site_dir=tmp_path / "warm")
    assert _made_by_copies(warm) == []
    pages = len(list((tmp_path / "cold").rglob("*.html")))
    kept = next(m for m in warm.messages(logging.INFO) if "halaman diambil dari cache" in m)
    assert kept == f"sopdocs: {pages} halaman diambil dari cache, 0 dibuat"
    assert warm.outputs() == cold.outputs()


def test_a_warm_build_after_a_helped_one_makes_no_page_again(tmp_path: Path) -> None:
    in_a_new_process(_warm_after_helped, tmp_path)


def _warnings_of_the_theme(tmp_path: Path) -> None:
    _force_copies()
    files = {**CATALOGUE, **WARNING_THEME, "mkdocs.yml": with_warning_theme(NO_SEARCH_YML)}
    helped = build_site(write_files(tmp_path / "helped", files))
    assert _made_by_copies(helped)
    helper.MIN_PAGES = 10**9
    alone = build_site(write_files(tmp_path / "alone", files))
    pages = len(list((tmp_path / "alone" / "site").rglob("index.html")))
    assert helped.messages().count(THEME_WARNING) == pages
    assert alone.messages().count(THEME_WARNING) == pages


def test_a_page_whose_theme_warns_is_made_and_warned_about_by_the_build(tmp_path: Path) -> None:
    in_a_new_process(_warnings_of_the_theme, tmp_path)
