"""Keterkaitan to SOPs of other agencies' published catalogues (``katalog_lain``): read over
HTTP from a real local server, matched like names inside, cached for builds without network."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sopdocs.cache import Cache
from sopdocs.catalogue.export import katalog
from sopdocs.catalogue.index import analyse
from sopdocs.catalogue.othercatalogues import OtherSop, OtherSource, read_others
from support import CATALOGUE, SOP, write_files

PROVINSI = {
    "versi": 1,
    "sop": [
        {"id": "a", "nomor": "470/12/SOP/2023", "nama": "Penerbitan Surat Pindah", "url": "sop/a/"},
        {"id": "b", "nomor": "470/13/SOP/2023", "nama": "<b>Arsip</b>", "url": "sop/b/"},
        {"id": "c", "nomor": "470/14", "nama": "Jahat", "url": "javascript:alert(1)"},
        {"id": "d", "nomor": 15, "nama": "Nomor bukan teks", "url": "sop/d/"},
        "bukan SOP",
    ],
}
"""Two good SOPs (one with markup in its name), and three entries a reader must skip."""

REFERS = SOP + "keterkaitan:\n  - SOP Penerbitan Surat Pindah\n  - 470/13/sop/2023\n"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, ThreadingHTTPServer]]:
    """Another agency's site on 127.0.0.1: (its root URL, its folder, the server)."""
    folder = tmp_path / "provinsi"
    write_files(folder, {"katalog-sop/katalog.json": json.dumps(PROVINSI)})
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/katalog-sop/", folder, httpd
    httpd.shutdown()
    httpd.server_close()


def source(root: str) -> OtherSource:
    return OtherSource(nama="Dukcapil Provinsi", katalog=root + "katalog.json")


def test_another_catalogue_gives_its_well_formed_sops_with_absolute_urls(server, tmp_path):
    root, _, _ = server
    others = read_others([source(root)], tmp_path, Cache.open(tmp_path / "cache"))
    assert others.warnings == others.errors == ()
    assert others.sops == (
        OtherSop(
            nomor="470/12/SOP/2023",
            nama="Penerbitan Surat Pindah",
            url=root + "sop/a/",
            katalog="Dukcapil Provinsi",
        ),
        OtherSop(
            nomor="470/13/SOP/2023",
            nama="<b>Arsip</b>",
            url=root + "sop/b/",
            katalog="Dukcapil Provinsi",
        ),
    )


def test_a_keterkaitan_naming_their_sop_by_nama_or_nomor_resolves_there_without_warning(
    server, tmp_path
):
    root, _, _ = server
    others = read_others([source(root)], tmp_path, Cache.open(None))
    write_files(tmp_path, {"sops/a.yaml": REFERS})
    result = analyse(tmp_path / "sops", others=others.sops)
    assert result.issues == []
    refs = result.index.references["a"]
    assert [(r.target, r.elsewhere.url if r.elsewhere else None) for r in refs] == [
        (None, root + "sop/a/"),
        (None, root + "sop/b/"),
    ]
    (sop,) = katalog(result.index)["sop"]
    assert sop["keterkaitan"] == [
        {
            "teks": "SOP Penerbitan Surat Pindah",
            "sop": None,
            "katalog": "Dukcapil Provinsi",
            "url": root + "sop/a/",
        },
        {
            "teks": "470/13/sop/2023",
            "sop": None,
            "katalog": "Dukcapil Provinsi",
            "url": root + "sop/b/",
        },
    ]


def test_without_network_the_cached_copy_is_used_with_one_warning(server, tmp_path):
    root, _, httpd = server
    cache = Cache.open(tmp_path / "cache")
    fresh = read_others([source(root)], tmp_path, cache)
    httpd.shutdown()
    httpd.server_close()
    offline = read_others([source(root)], tmp_path, cache)
    assert offline.sops == fresh.sops
    assert offline.errors == ()
    assert len(offline.warnings) == 1
    assert "Dukcapil Provinsi" in offline.warnings[0]


def test_without_network_or_cache_the_build_goes_on_with_one_warning(tmp_path):
    others = read_others(
        [source("http://127.0.0.1:9/katalog-sop/")], tmp_path, Cache.open(tmp_path / "c")
    )
    assert others.sops == ()
    assert len(others.warnings) == 1


@pytest.mark.parametrize(
    "text",
    [
        "[1, 2]",
        '{"sop": {"a": 1}}',
        "not json",
        '{"sop": []' + " " * (20 * 1024 * 1024) + "}",
    ],
    ids=["list", "sop-not-a-list", "not-json", "too-large"],
)
def test_a_file_without_the_shape_of_katalog_json_is_not_used(server, tmp_path, text):
    root, folder, _ = server
    write_files(folder, {"katalog-sop/katalog.json": text})
    others = read_others([source(root)], tmp_path, Cache.open(None))
    assert others.sops == ()
    assert len(others.warnings) == 1


def test_a_local_katalog_needs_its_sites_address(tmp_path):
    write_files(tmp_path, {"lain/katalog.json": json.dumps(PROVINSI)})
    without = OtherSource(nama="Prov", katalog="lain/katalog.json")
    assert len(read_others([without], tmp_path, Cache.open(None)).errors) == 1
    withit = OtherSource(
        nama="Prov", katalog="lain/katalog.json", alamat="https://prov.example/sop"
    )
    others = read_others([withit], tmp_path, Cache.open(None))
    assert [s.url for s in others.sops] == [
        "https://prov.example/sop/sop/a/",
        "https://prov.example/sop/sop/b/",
    ]


def test_the_site_links_to_their_page_marked_with_their_name(server, new_site, build_site):
    root, _, _ = server
    pendaftaran = "sops/dinas-contoh/pendaftaran.yaml"
    text = CATALOGUE[pendaftaran].replace(
        "  - SOP Arsip Nasional Daerah\n", "  - 470/13/SOP/2023\n"
    )
    site = new_site(
        {pendaftaran: text},
        options=(
            f"katalog_lain:\n  - nama: Dukcapil <i>Provinsi</i>\n    katalog: {root}katalog.json"
        ),
    )
    built = build_site(site)
    assert not [m for m in built.messages() if "470/13" in m]
    box = built.content("sop/dinas-contoh/pendaftaran/").find("table", cls="sopdocs-kotak")
    item = next(li for li in box.find_all("li") if "Arsip" in li.text)
    assert item.text == "<b>Arsip</b> (katalog Dukcapil <i>Provinsi</i>)"
    assert item.links() == [root + "sop/b/"]
