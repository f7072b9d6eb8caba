"""The "Unduh diagram alir" link (plugin option ``diagram``), through real MkDocs builds and
real Graphviz: each SOP page links its flowchart as an SVG picture, and the file it links
is the picture ``sopdocs graph`` draws, holding the steps, whatever the author wrote."""

from __future__ import annotations

import json
import logging
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import build_site, write_site
from mkdocs.exceptions import Abort
from sopdocs.flowchart import export
from sopdocs.reading.loader import load_sop_file
from support import CATALOGUE, sop_text, sopdocs_only_yml
from test_flowchart_graph import HOSTILE_LANES, HOSTILE_STEPS

SVG = "{http://www.w3.org/2000/svg}"

SITE_YML = sopdocs_only_yml(search=False, history=False, diagram=True)

GAMBAR = sop_text(
    f"pelaksana: {json.dumps(HOSTILE_LANES)}\nprosedur:\n"
    + "".join(
        f"  - {{kegiatan: {json.dumps(kegiatan)}, pelaksana: {json.dumps(lane)}}}\n"
        for kegiatan, lane in zip(HOSTILE_STEPS, HOSTILE_LANES, strict=True)
    ),
    nama=json.dumps('Nama "SOP" */ <b>]; x [URL="http://evil"]'),
)
"""An SOP whose name, lanes and steps try to break out of DOT and of XML."""

FILES = {**CATALOGUE, "sops/badan-uji/gambar.yaml": GAMBAR}
SOPS = {
    "sop/dinas-contoh/pendaftaran": "sops/dinas-contoh/pendaftaran.yaml",
    "sop/dinas-contoh/bidang-layanan/penerbitan-surat": (
        "sops/dinas-contoh/bidang-layanan/penerbitan-surat.yaml"
    ),
    "sop/badan-uji/jahat": "sops/badan-uji/jahat.yaml",
    "sop/badan-uji/gambar": "sops/badan-uji/gambar.yaml",
}
"""Every SOP of :data:`FILES`: its page's folder and its file."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    return build_site(write_site(tmp_path_factory.mktemp("gambar"), FILES, SITE_YML))


def picture_of(built, page: str) -> Path:
    """The file the page's "Unduh diagram alir" link points to."""
    html = (built.site_dir / page / "index.html").read_text(encoding="utf-8")
    [href] = re.findall(
        r'<a class="sopdocs-unduh" href="([^"]+)" download>Unduh diagram alir', html
    )
    return built.site_dir / posixpath.normpath(posixpath.join(page, href))


def drawn(built) -> int:
    """How many pictures the build had Graphviz draw (the rest came from the cache)."""
    [line] = [m for m in built.messages(logging.INFO) if "sopdocs: diagram alir:" in m]
    return int(re.search(r"diagram alir: (\d+) digambar", line).group(1))


@pytest.mark.parametrize("page", sorted(SOPS))
def test_each_sop_page_links_a_picture_of_its_flow_holding_every_step(built, page):
    sop, _ = load_sop_file(built.root / SOPS[page])
    root = ET.parse(picture_of(built, page)).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text == f"Diagram alir: {sop.nama}"
    steps = [g for g in root.iter(f"{SVG}g") if "sop-step" in g.get("class", "").split()]
    assert [g.find(f"{SVG}title").text for g in steps] == [
        f"{step.number}. {step.kegiatan}" for step in sop.steps
    ]
    assert ["".join(g.itertext()).split()[-1] for g in steps] == [
        str(step.number) for step in sop.steps
    ]


def test_hostile_text_in_the_picture_stays_text(built):
    path = picture_of(built, "sop/badan-uji/gambar")
    root = ET.parse(path).getroot()
    headers = [g for g in root.iter(f"{SVG}g") if "sop-lane-header" in g.get("class", "")]
    assert [g.find(f"{SVG}title").text for g in headers] == HOSTILE_LANES
    assert [e.tag for e in root.iter() if e.tag.endswith("script")] == []
    assert "href" not in path.read_text(encoding="utf-8")
    assert "evil" not in "".join(f"{e.tag}{sorted(e.attrib)}" for e in root.iter())


def test_the_picture_is_the_one_sopdocs_graph_draws(built, tmp_path):
    sop, _ = load_sop_file(built.root / SOPS["sop/badan-uji/gambar"])
    export(sop, tmp_path / "gambar.svg")
    expected = (tmp_path / "gambar.svg").read_bytes()
    assert picture_of(built, "sop/badan-uji/gambar").read_bytes() == expected


def test_pictures_are_drawn_once_redrawn_when_their_sop_changes_and_kept_without_graphviz(
    tmp_path, monkeypatch
):
    root = write_site(tmp_path, FILES, SITE_YML)
    assert drawn(build_site(root)) == len(SOPS)
    assert drawn(build_site(root)) == 0
    sop = root / SOPS["sop/dinas-contoh/pendaftaran"]
    sop.write_text(sop.read_text(encoding="utf-8").replace("Menerima berkas", "Menerima map"))
    changed = build_site(root)
    assert drawn(changed) == 1
    titles = ET.parse(picture_of(changed, "sop/dinas-contoh/pendaftaran")).getroot().itertext()
    assert any("Menerima map" in text for text in titles)
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot here: every picture is cached
    again = build_site(root, site_dir=tmp_path / "lagi")
    assert drawn(again) == 0
    for page in SOPS:
        assert picture_of(again, page).read_bytes() == picture_of(changed, page).read_bytes()


def test_without_graphviz_a_cold_build_says_how_to_install_it(tmp_path, monkeypatch):
    root = write_site(tmp_path, FILES, SITE_YML)
    monkeypatch.setenv("PATH", str(tmp_path))
    records: list[logging.LogRecord] = []
    with pytest.raises(Abort):
        build_site(root, records=records)
    errors = [r.getMessage() for r in records if r.levelno >= logging.ERROR]
    assert errors == [
        "sopdocs: diagram alir tidak dapat digambar. Graphviz (program `dot`) tidak ditemukan. "
        "Pasang dengan: sudo apt-get install graphviz (Debian/Ubuntu), brew install graphviz "
        "(macOS), atau lihat https://graphviz.org/download/"
    ]


def test_without_the_option_no_page_links_a_picture_and_none_is_drawn(site):
    for page in ("sop/dinas-contoh/pendaftaran", "sop/badan-uji/jahat"):
        assert "Unduh diagram" not in site.html(page)
    assert list(site.site_dir.rglob("*.svg")) == []
