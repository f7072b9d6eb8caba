"""A cold build spread over worker processes says and makes exactly what a serial one does.

Parallelism is forced with a threshold of one file (``Parallelism(min_items=1)``), so a
catalogue of a few dozen files goes through the same workers a cold build of thousands
does; every issue (with its place and order) and every SOP must equal the serial run's.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from sopdocs.cache import Cache
from sopdocs.catalogue.index import Analysis, analyse
from sopdocs.parallel import SERIAL, Parallelism, can_fork, ordered_results
from sopdocs.site.incremental import PAGES_PACK, PageCache
from sopdocs.site.kept import KeptTexts
from sopdocs.site.pages import SiteOptions, SitePage, catalogue_pages, write_site
from sopdocs.site.templating import Templates
from sopdocs.urls import sop_page
from support import CATALOGUE, REPO, UNIT, in_a_new_process, sop_text, write_files

FORCED = Parallelism(min_items=1, processes=2)
"""Worker processes whatever the size of the catalogue."""

BROKEN: dict[str, str | bytes] = {
    # A unit with a typo of its own and a default its SOPs inherit wrongly.
    "sops/rusak/_unit.yaml": UNIT.replace(
        "nama: Dinas Contoh", "nama: Dinas Rusak\nnamma: x"
    ).replace("19760130 199503 1 001", "abc"),
    "sops/rusak/kosong.yaml": "",
    "sops/rusak/daftar.yaml": "- nomor: 1\n- nama: x\n",
    "sops/rusak/patah.yaml": "nomor: [001\nnama: x\n",
    "sops/rusak/bukan-utf8.yaml": b"nomor: \xff\xfe\n",
    "sops/rusak/ganda.yaml": sop_text(
        "pelaksana: [A]\nprosedur:\n  - kegiatan: x\n    pelaksana: A\n",
        nomor="001/SOP/DC/2022",
    ),
    "sops/rusak/tanpa-prosedur.yaml": sop_text("pelaksana: [A]\n", nama="Tanpa Prosedur"),
}
"""Files with errors and warnings of every stage: reading, YAML, schema, meaning, units."""

OPTIONS = SiteOptions(
    directory_urls=False, repo_url="https://git.example/katalog", documents=True, diagram=True
)
"""Every option a page shows, away from its default."""


def _catalogue(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "sops", tmp_path / "sops")
    catalogue = {k: v for k, v in CATALOGUE.items() if k.startswith("sops/")}
    return write_files(tmp_path, {**catalogue, **BROKEN})


def _analyse(
    root: Path, parallelism: Parallelism, cache: Path | None = None, **kwargs: object
) -> Analysis:
    return analyse(
        root / "sops",
        cache=Cache.open(cache) if cache else None,
        parallelism=parallelism,
        **kwargs,  # type: ignore[arg-type]
    )


def test_a_parallel_load_finds_the_same_sops_and_issues_in_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _catalogue(tmp_path)
    monkeypatch.chdir(root)  # messages name sops/... as an author sees them
    serial = _analyse(root, SERIAL)
    parallel = _analyse(root, FORCED, tmp_path / "cache")
    assert parallel.issues == serial.issues
    # SOPs compare by identity (sopdocs.model): their repr names every field.
    assert repr(parallel.index.catalogue) == repr(serial.index.catalogue)
    assert parallel.files == serial.files == 27
    codes = {issue.code for issue in serial.issues}
    assert {"file.empty", "yaml.top", "nomor.duplicate"} <= codes
    assert any(issue.location.path.endswith("_unit.yaml") for issue in serial.issues)


def test_a_parallel_load_writes_the_load_cache_a_serial_one_writes(tmp_path: Path) -> None:
    root = _catalogue(tmp_path)
    _analyse(root, SERIAL, tmp_path / "serial")
    _analyse(root, FORCED, tmp_path / "parallel")
    serial = (tmp_path / "serial" / "load.jsonl").read_bytes()
    assert (tmp_path / "parallel" / "load.jsonl").read_bytes() == serial


def test_a_warm_load_after_a_parallel_one_finds_the_same(tmp_path: Path) -> None:
    root = _catalogue(tmp_path)
    cold = _analyse(root, FORCED, tmp_path / "cache")
    warm = _analyse(root, FORCED, tmp_path / "cache")
    assert warm.issues == cold.issues
    assert repr(warm.index.catalogue) == repr(cold.index.catalogue)


def test_a_parallel_load_reports_progress_file_by_file(tmp_path: Path) -> None:
    root = _catalogue(tmp_path)
    seen: list[tuple[int, int]] = []
    _analyse(root, FORCED, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(n, 27) for n in range(1, 28)]


def test_few_files_are_read_in_the_build_process() -> None:
    assert Parallelism(min_items=100, processes=2).workers(99) == 1
    assert Parallelism(min_items=100, processes=2).workers(100) == 2
    assert Parallelism(min_items=1, processes=4).workers(3) == 3
    assert SERIAL.workers(10_000) == 1


def test_a_cold_build_uses_every_cpu_it_may_run_on() -> None:
    assert Parallelism().workers(10_000) == len(os.sched_getaffinity(0))


def test_results_come_back_in_the_order_of_the_tasks() -> None:
    assert list(ordered_results(str.upper, list("parallel"), 2)) == list("PARALLEL")


def test_an_error_in_a_worker_stops_the_pool_and_leaves_no_process() -> None:
    with pytest.raises(ValueError, match="'dua'"):
        list(ordered_results(int, ["1", "dua", *map(str, range(50))], 2))
    assert multiprocessing.active_children() == []


def _upper_unless_in_a_worker(text: str) -> str:
    if multiprocessing.parent_process() is not None:
        os._exit(1)  # a worker killed mid-task
    return text.upper()


def test_the_work_of_a_pool_whose_worker_died_is_done_here() -> None:
    results = ordered_results(_upper_unless_in_a_worker, list("abc"), 2)
    assert list(results) == ["A", "B", "C"]
    assert multiprocessing.active_children() == []


def test_a_caller_that_stops_early_leaves_no_process() -> None:
    results = ordered_results(str.upper, list("abcdefgh"), 2)
    assert next(results) == "A"
    results.close()
    assert multiprocessing.active_children() == []


def _call(task: Callable[[], str]) -> str:
    return task()


def _forked_workers_inherit_the_tasks(tmp_path: Path) -> None:
    assert can_fork()
    tasks = [lambda: "di", lambda: "warisi"]  # no pickle can send these to a process
    assert list(ordered_results(_call, tasks, 2)) == ["di", "warisi"]
    assert multiprocessing.active_children() == []


def test_workers_forked_from_a_build_with_one_thread_inherit_the_tasks(tmp_path: Path) -> None:
    in_a_new_process(_forked_workers_inherit_the_tasks, tmp_path)


def _forked_workers_read_and_render_as_the_build_does(tmp_path: Path) -> None:
    assert can_fork()
    os.chdir(tmp_path)
    root = _catalogue(tmp_path)
    serial, forked = _analyse(root, SERIAL), _analyse(root, FORCED, tmp_path / "cache")
    assert forked.issues == serial.issues
    assert repr(forked.index.catalogue) == repr(serial.index.catalogue)
    assert _pages(root, FORCED) == _pages(root, SERIAL)


def test_workers_forked_from_the_build_read_and_render_what_a_serial_run_does(
    tmp_path: Path,
) -> None:
    in_a_new_process(_forked_workers_read_and_render_as_the_build_does, tmp_path)


def test_a_process_with_another_thread_running_is_not_forked() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not can_fork()
        assert list(ordered_results(str.upper, list("ab"), 2)) == ["A", "B"]
    finally:
        stop.set()
        other.join()


def _pages(root: Path, parallelism: Parallelism, cache: Path | None = None) -> list[SitePage]:
    index = _analyse(root, SERIAL).index
    return catalogue_pages(
        index,
        templates=Templates(),
        options=OPTIONS,
        cache=PageCache(Cache.open(cache)) if cache else None,
        parallelism=parallelism,
    )


def test_pages_rendered_by_workers_are_the_pages_rendered_here(tmp_path: Path) -> None:
    root = _catalogue(tmp_path)
    serial = _pages(root, SERIAL)
    assert _pages(root, FORCED) == serial
    sops = {sop_page(sop.id) for sop in _analyse(root, SERIAL).index.sops}
    assert len(sops) == 22
    assert sops <= {page.path for page in serial}


def test_a_parallel_cold_build_fills_the_page_cache_a_serial_one_fills(tmp_path: Path) -> None:
    root = _catalogue(tmp_path)
    serial = _pages(root, SERIAL, tmp_path / "serial")
    assert _pages(root, FORCED, tmp_path / "parallel") == serial
    pack = f"{PAGES_PACK}.pack"
    assert (tmp_path / "parallel" / pack).read_bytes() == (tmp_path / "serial" / pack).read_bytes()
    assert len(KeptTexts(Cache.open(tmp_path / "serial"), PAGES_PACK).stored) == len(serial)
    assert _pages(root, FORCED, tmp_path / "parallel") == serial  # and a warm one reads it


def test_generated_sites_are_the_same_file_for_file(tmp_path: Path) -> None:
    root = _catalogue(tmp_path)
    write_site(_pages(root, SERIAL), tmp_path / "serial")
    write_site(_pages(root, FORCED), tmp_path / "parallel")
    assert _files(tmp_path / "parallel") == _files(tmp_path / "serial")


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
