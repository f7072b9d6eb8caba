"""Caches are safe to delete, damage, share and restore from anywhere.

CI restores ``.cache/sopdocs`` from other branches' runs, so its bytes are untrusted: they
must never run code, a damaged entry must be made again (never published), an unusable
folder must cost a warning, not the build, and the site must not depend on what was cached,
on how many Graphviz processes drew it, or on a build running beside it.
"""

from __future__ import annotations

import os
import pickle
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CATALOGUE, MKDOCS_YML, build_site, write_site
from sopdocs.cache import Cache, Pack, seal
from sopdocs.datajson import DataCodec
from sopdocs.flowchart import Renderer, flowchart_of, to_dot
from sopdocs.issues import Issue
from sopdocs.model import Sop
from sopdocs.reading.loader import LOAD_CACHE, load_catalogue
from test_reproducible import differences

SOP_PAGE = "sop/dinas-contoh/bidang-layanan/penerbitan-surat/"


class _Trap:
    """Unpickling this creates ``path``: what a hostile cache file would do."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.path), "w"))


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The DOT of every SOP of the standard catalogue."""
    root = write_site(tmp_path_factory.mktemp("dot"), CATALOGUE)
    sops = load_catalogue(root / "sops").catalogue.sops
    return [to_dot(flowchart_of(sop)) for sop in sops]


def test_a_pickle_planted_in_the_cache_runs_nothing_and_the_site_builds(tmp_path):
    root = write_site(tmp_path, CATALOGUE)
    trap = tmp_path / "pwned"
    payload = pickle.dumps(_Trap(trap))
    cache = root / ".cache"
    cache.mkdir()
    for name in ("load.pickle", "dot.pickle", LOAD_CACHE, "dot.jsonl", "flowcharts/x.svg"):
        (cache / name).parent.mkdir(parents=True, exist_ok=True)
        (cache / name).write_bytes(payload)
    built = build_site(root)
    assert not trap.exists()
    assert "Penerbitan Surat" in built.html(SOP_PAGE)


def test_a_sealed_entry_naming_another_class_is_refused():
    codec = DataCodec(tuple[Sop | None, list[Issue]])
    with pytest.raises(ValueError, match="not a cached value"):
        codec.decode('[["os.system", "touch x"], []]')
    with pytest.raises(ValueError, match="not a cached value"):
        codec.decode('[null, [["error", "kode", "pesan", ["a.yaml", 1], null, "lebih"]]]')


def test_the_load_cache_ignores_entries_whose_seal_does_not_match(tmp_path):
    write_site(tmp_path, CATALOGUE)
    cache = tmp_path / ".cache"
    cold = load_catalogue(tmp_path / "sops", cache=Cache.open(cache))
    data = (cache / LOAD_CACHE).read_bytes()
    # Every SOP's name changed inside the file, but the seals are the old ones.
    (cache / LOAD_CACHE).write_bytes(data.replace(b"Penerbitan", b"Pemalsuan"))
    warm = load_catalogue(tmp_path / "sops", cache=Cache.open(cache))
    assert [s.nama for s in warm.catalogue.sops] == [s.nama for s in cold.catalogue.sops]
    assert warm.issues == cold.issues


@pytest.mark.parametrize(
    "damage",
    [lambda data: data[: len(data) // 2], lambda data: random.Random(7).randbytes(len(data))],
    ids=["truncated", "random-bytes"],
)
def test_a_damaged_diagram_in_the_cache_is_drawn_again(tmp_path, sources, damage):
    first = Renderer(Cache.open(tmp_path)).render_many(sources)
    entries = sorted((tmp_path / "svg").glob("*.svg"))
    assert len(entries) == len(sources)
    for entry in entries:
        entry.write_bytes(damage(entry.read_bytes()))
    assert Renderer(Cache.open(tmp_path)).render_many(sources) == first


@pytest.mark.parametrize(
    "where",
    ["berkas", "berkas/di-bawahnya", "/sys/sopdocs-uji"],
    ids=["a-file", "under-a-file", "read-only"],  # /sys refuses writes even to root
)
def test_an_unusable_cache_folder_gives_one_warning_and_a_site(tmp_path, where):
    (tmp_path / "berkas").write_text("bukan folder")
    cache_dir = str(tmp_path / where)
    root = write_site(tmp_path / "situs", CATALOGUE, _mkdocs_yml_with_cache(cache_dir))
    built = build_site(root)
    warnings = [m for m in built.messages() if "cache" in m]
    assert warnings == [
        f"sopdocs: cache '{os.path.relpath(cache_dir, root)}' tidak dapat dipakai "
        f"({_reason(cache_dir)}); situs dibangun tanpa cache (hapus folder itu atau atur "
        "cache_dir ke folder yang dapat ditulis)"
    ]
    assert "Penerbitan Surat" in built.html(SOP_PAGE)


def _mkdocs_yml_with_cache(cache_dir: str) -> str:
    return MKDOCS_YML.replace("cache_dir: .cache", f"cache_dir: {cache_dir}")


def _reason(cache_dir: str) -> str:
    try:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        (Path(cache_dir) / ".probe").write_bytes(b"")
    except OSError as error:
        return error.strerror or type(error).__name__
    raise AssertionError(f"{cache_dir} is usable")


def test_a_diagram_is_the_same_whatever_the_workers_and_the_cache_held(tmp_path, sources):
    """Graphviz numbers a graph's id by its place in a batch (``page0,1_graph0``)."""
    alone = [Renderer(jobs=1).render_svg(source) for source in sources]
    one_batch = Renderer(jobs=1).render_many(sources)
    assert [one_batch[source] for source in sources] == alone
    four = Renderer(Cache.open(tmp_path), jobs=4).render_many(sources)
    assert [four[source] for source in sources] == alone
    # As after a killed build, or with another branch's cache: some diagrams cached, some not.
    for entry in random.Random(3).sample(sorted((tmp_path / "svg").glob("*.svg")), 2):
        entry.unlink()
    partly = Renderer(Cache.open(tmp_path), jobs=1).render_many(sources)
    assert [partly[source] for source in sources] == alone


def test_the_site_is_the_same_whatever_the_load_cache_held(tmp_path):
    root = write_site(tmp_path, CATALOGUE)
    cold = build_site(root, site_dir=tmp_path / "dingin").site_dir
    header, *entries = (root / ".cache" / LOAD_CACHE).read_bytes().split(b"\n")
    kept = random.Random(5).sample(entries, len(entries) // 2)
    (root / ".cache" / LOAD_CACHE).write_bytes(b"\n".join([header, *kept]))
    partly = build_site(root, site_dir=tmp_path / "sebagian").site_dir
    assert differences(cold, partly) == []


def test_two_builds_sharing_one_cache_at_once_make_the_same_site(tmp_path):
    shared = tmp_path / "cache-bersama"
    roots = [
        write_site(tmp_path / name, CATALOGUE, _mkdocs_yml_with_cache(str(shared)))
        for name in ("a", "b")
    ]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d"]
    running = [
        subprocess.Popen([*command, str(root / "site")], cwd=root, env=env) for root in roots
    ]
    assert [process.wait() for process in running] == [0, 0]
    assert differences(roots[0] / "site", roots[1] / "site") == []
    # The cache they left, whichever build wrote each file last, serves a third build.
    assert (
        differences(roots[0] / "site", build_site(roots[1], site_dir=tmp_path / "c").site_dir) == []
    )


def test_a_sealed_entry_reads_back_and_a_changed_byte_does_not(tmp_path):
    cache = Cache.open(tmp_path)
    cache.write("svg/x.svg", b"<svg>isi</svg>")
    assert cache.read("svg/x.svg") == b"<svg>isi</svg>"
    sealed = (tmp_path / "svg" / "x.svg").read_bytes()
    assert sealed == seal(b"<svg>isi</svg>")
    (tmp_path / "svg" / "x.svg").write_bytes(sealed.replace(b"isi", b"ISI"))
    assert cache.read("svg/x.svg") is None


def _catalogue(root: Path) -> Path:
    for path, text in CATALOGUE.items():
        if path.startswith("sops/"):
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, encoding="utf-8")
    return root / "sops"


def test_a_cache_kept_between_loads_gives_the_same_sop_objects_and_a_changed_file_anew(
    tmp_path: Path,
) -> None:
    # mkdocs serve keeps its Cache: an unchanged SOP is not decoded again, an edited one is read.
    sops = _catalogue(tmp_path)
    cache = Cache.open(tmp_path / "cache")
    first = {s.id: s for s in load_catalogue(sops, cache=cache).catalogue.sops}
    edited = sops / "dinas-contoh/pendaftaran.yaml"
    edited.write_text(edited.read_text().replace("Pendaftaran Layanan", "Pendaftaran Baru"))
    second = {s.id: s for s in load_catalogue(sops, cache=cache).catalogue.sops}
    assert [i for i in second if second[i] is first[i]] == [
        "badan-uji/jahat",
        "dinas-contoh/bidang-layanan/penerbitan-surat",
    ]
    assert second["dinas-contoh/pendaftaran"].nama == "Pendaftaran Baru"


def test_a_kept_bundle_writes_only_the_entries_used_since_its_last_save(tmp_path: Path) -> None:
    sops = _catalogue(tmp_path)
    cache = Cache.open(tmp_path / "cache")
    load_catalogue(sops, cache=cache)
    (sops / "badan-uji/jahat.yaml").unlink()
    load_catalogue(sops, cache=cache)
    fresh = Cache.open(tmp_path / "cache")  # as the next process reads the folder
    assert [s.id for s in load_catalogue(sops, cache=fresh).catalogue.sops] == [
        "dinas-contoh/pendaftaran",
        "dinas-contoh/bidang-layanan/penerbitan-surat",
    ]
    lines = (tmp_path / "cache" / LOAD_CACHE).read_bytes().split(b"\n")
    assert len(lines) == 1 + 2  # the header and the two SOPs still there


# --- packs: the large entries (pages, conversions) of one kind in one file ------------------


def _pack(folder: Path, name: str = "uji.pack") -> Pack:
    return Pack(Cache.open(folder), name)


def _saved(folder: Path, entries: dict[str, bytes]) -> Path:
    pack = _pack(folder)
    for key, payload in entries.items():
        pack.put(key, payload)
    pack.save(prune=True)
    return folder / "uji.pack"


def test_a_saved_pack_gives_every_payload_back_to_the_next_build(tmp_path: Path) -> None:
    _saved(tmp_path, {"a": b"satu", "b": b"\n\x00dua\n", "c": b""})
    pack = _pack(tmp_path)
    assert [pack.get(k) for k in ("a", "b", "c", "d")] == [b"satu", b"\n\x00dua\n", b"", None]


def test_a_payload_put_in_this_build_reads_back_before_the_save(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    pack.put("a", b"satu")
    assert pack.get("a") == b"satu"


def test_a_build_that_used_exactly_what_the_pack_holds_writes_nothing(tmp_path: Path) -> None:
    path = _saved(tmp_path, {"a": b"satu", "b": b"dua"})
    before = path.stat()
    pack = _pack(tmp_path)
    assert pack.get("a") == b"satu"
    pack.keep("b")
    pack.save(prune=True)
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".probe", "uji.pack"]


def test_a_pruning_save_keeps_what_was_asked_for_kept_or_put(tmp_path: Path) -> None:
    _saved(tmp_path, {"a": b"satu", "b": b"dua", "c": b"tiga", "d": b"empat"})
    pack = _pack(tmp_path)
    pack.get("a")
    pack.keep("b")
    pack.get("x")  # asked for, never stored: nothing to keep
    pack.put("e", b"lima")
    pack.save(prune=True)
    again = _pack(tmp_path)
    assert again.stored == {"a", "b", "e"}
    assert [again.get(k) for k in ("a", "b", "e")] == [b"satu", b"dua", b"lima"]


def test_a_save_without_pruning_keeps_the_old_entries_too(tmp_path: Path) -> None:
    _saved(tmp_path, {"a": b"satu", "b": b"dua"})
    pack = _pack(tmp_path)
    pack.put("b", b"dua baru")
    pack.put("c", b"tiga")
    pack.save(prune=False)
    again = _pack(tmp_path)
    assert {k: again.get(k) for k in sorted(again.stored)} == {
        "a": b"satu",
        "b": b"dua baru",
        "c": b"tiga",
    }


def test_a_damaged_record_is_a_miss_and_the_others_still_read(tmp_path: Path) -> None:
    path = _saved(tmp_path, {"a": b"satu satu", "b": b"dua dua", "c": b"tiga tiga"})
    path.write_bytes(path.read_bytes().replace(b"dua dua", b"dua DUA"))
    pack = _pack(tmp_path)
    assert [pack.get(k) for k in ("a", "b", "c")] == [b"satu satu", None, b"tiga tiga"]


def test_a_damaged_record_carried_into_the_next_pack_stays_a_miss(tmp_path: Path) -> None:
    path = _saved(tmp_path, {"a": b"satu satu", "b": b"dua dua"})
    path.write_bytes(path.read_bytes().replace(b"dua dua", b"dua DUA"))
    pack = _pack(tmp_path)
    pack.keep("a")
    pack.keep("b")
    pack.put("c", b"tiga")
    pack.save(prune=True)
    again = _pack(tmp_path)
    assert [again.get(k) for k in ("a", "b", "c")] == [b"satu satu", None, b"tiga"]


def test_a_cut_pack_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    path = _saved(tmp_path, {"a": b"satu", "b": b"dua", "c": b"tiga"})
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b"tiga") + 2])
    pack = _pack(tmp_path)
    assert pack.stored == {"a", "b"}
    assert [pack.get(k) for k in ("a", "b", "c")] == [b"satu", b"dua", None]


@pytest.mark.parametrize(
    "content", [b"", b"sopdocs-pack 0\na 4 x\nsatu", b"\x00" * 100, b"sopdocs-pack 1\nrusak\n"]
)
def test_a_file_that_is_not_a_pack_reads_as_empty(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "uji.pack").write_bytes(content)
    pack = _pack(tmp_path)
    assert pack.get("a") is None
    pack.put("a", b"baru")
    pack.save(prune=True)
    assert _pack(tmp_path).get("a") == b"baru"


def test_two_builds_saving_one_pack_at_once_leave_a_whole_pack(tmp_path: Path) -> None:
    first, second = _pack(tmp_path), _pack(tmp_path)
    first.put("a", b"satu")
    second.put("b", b"dua")
    first.save(prune=True)
    second.save(prune=True)
    pack = _pack(tmp_path)
    assert (pack.stored, pack.get("b")) == ({"b"}, b"dua")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".probe", "uji.pack"]


def test_a_pack_in_a_folder_that_fails_turns_the_cache_off(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "cache")
    pack = Pack(cache, "uji.pack")
    shutil.rmtree(tmp_path / "cache")
    (tmp_path / "cache").write_text("bukan folder")
    pack.put("a", b"satu")
    pack.save(prune=True)
    assert cache.folder is None
    assert cache.problem is not None and "tidak dapat dipakai" in cache.problem


def test_temporary_files_of_killed_builds_go_and_a_running_builds_stay(tmp_path: Path) -> None:
    killed = tmp_path / ".uji.pack.1111.tmp"
    running = tmp_path / ".uji.pack.2222.tmp"
    for leftover in (killed, running):
        leftover.write_bytes(b"sopdocs-pack 1\n")
    os.utime(killed, (time.time() - 2 * 3600,) * 2)
    _saved(tmp_path, {"a": b"satu"})
    assert (killed.exists(), running.exists()) == (False, True)
