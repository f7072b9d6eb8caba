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
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CATALOGUE, MKDOCS_YML, build_site, write_site
from sopdocs.cache import Cache, seal
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
