"""``mkdocs serve --dirty``: an edit rewrites the pages that show it, and only those.

Each test builds a site as ``serve --dirty`` does (one plugin instance, MkDocs' own dirty
build), edits the catalogue, builds again, and reads the written pages: every page that
shows the edit is new, a page that does not show it keeps its file untouched.
"""

from __future__ import annotations

from pathlib import Path

from conftest import build_site, write_site
from pagetree import parse_html
from support import CATALOGUE, MKDOCS_YML, PENDAFTARAN, UNIT, write_files

PENDAFTARAN_PAGE = "sop/dinas-contoh/pendaftaran/index.html"
PENERBITAN_PAGE = "sop/dinas-contoh/bidang-layanan/penerbitan-surat/index.html"
JAHAT_PAGE = "sop/badan-uji/jahat/index.html"
UNIT_PAGE = "unit/dinas-contoh/index.html"
NO_SEARCH = MKDOCS_YML.replace("  - search\n", "").replace(
    "cache_dir: .cache", "cache_dir: .cache\n      search: false"
)


def _serve(tmp_path: Path) -> tuple[Path, Path]:
    root = write_site(tmp_path / "katalog", CATALOGUE, NO_SEARCH)
    site = tmp_path / "site"
    _rebuild(root, site)
    return root, site


def _rebuild(root: Path, site: Path) -> None:
    build_site(root, serving="dirty", site_dir=site)


def _backlinks(site: Path, page: str) -> list[str]:
    article = parse_html((site / page).read_text(encoding="utf-8")).find("article")
    return [node.text for node in article.find_all("div", cls="sopdocs-backlinks")]


def _stamp(site: Path, page: str) -> int:
    return (site / page).stat().st_mtime_ns


def test_a_removed_keterkaitan_takes_the_backlink_off_the_other_sops_page(
    tmp_path: Path,
) -> None:
    root, site = _serve(tmp_path)
    assert "Pendaftaran Layanan" in " ".join(_backlinks(site, PENERBITAN_PAGE))
    untouched = _stamp(site, JAHAT_PAGE)
    edited = PENDAFTARAN.replace("  - SOP Penerbitan Surat Keterangan\n", "")
    write_files(root, {"sops/dinas-contoh/pendaftaran.yaml": edited})
    _rebuild(root, site)
    assert _backlinks(site, PENERBITAN_PAGE) == []
    assert _stamp(site, JAHAT_PAGE) == untouched


def test_a_renamed_sop_is_renamed_on_the_page_linking_back_to_it(tmp_path: Path) -> None:
    root, site = _serve(tmp_path)
    edited = PENDAFTARAN.replace("nama: Pendaftaran Layanan", "nama: Pendaftaran Terpadu")
    write_files(root, {"sops/dinas-contoh/pendaftaran.yaml": edited})
    _rebuild(root, site)
    assert "Pendaftaran Terpadu" in " ".join(_backlinks(site, PENERBITAN_PAGE))
    assert "Pendaftaran Terpadu" in (site / UNIT_PAGE).read_text(encoding="utf-8")


def test_an_added_sop_is_listed_on_its_unit_page_and_a_removed_one_leaves_no_page(
    tmp_path: Path,
) -> None:
    root, site = _serve(tmp_path)
    new = PENDAFTARAN.replace("nama: Pendaftaran Layanan", "nama: Layanan Baru Sekali")
    new = new.replace("nomor: 001/SOP/DC/2022", "nomor: 009/SOP/DC/2024")
    write_files(root, {"sops/dinas-contoh/baru.yaml": new})
    _rebuild(root, site)
    assert "Layanan Baru Sekali" in (site / UNIT_PAGE).read_text(encoding="utf-8")
    assert (site / "sop/dinas-contoh/baru/index.html").is_file()
    (root / "sops/dinas-contoh/baru.yaml").unlink()
    _rebuild(root, site)
    assert "Layanan Baru Sekali" not in (site / UNIT_PAGE).read_text(encoding="utf-8")
    assert not (site / "sop/dinas-contoh/baru/index.html").exists()


def test_a_renamed_unit_rewrites_every_page_as_each_shows_it_in_the_nav(tmp_path: Path) -> None:
    root, site = _serve(tmp_path)
    before = {page: _stamp(site, page) for page in (JAHAT_PAGE, "index.html")}
    write_files(root, {"sops/dinas-contoh/_unit.yaml": UNIT.replace("Dinas Contoh", "Dinas Lain")})
    _rebuild(root, site)
    assert "Dinas Lain" in (site / UNIT_PAGE).read_text(encoding="utf-8")
    assert all(_stamp(site, page) != stamp for page, stamp in before.items())


def test_a_rebuild_with_no_edit_rewrites_no_sop_page(tmp_path: Path) -> None:
    root, site = _serve(tmp_path)
    stamps = {page: _stamp(site, page) for page in (PENDAFTARAN_PAGE, PENERBITAN_PAGE)}
    _rebuild(root, site)
    assert {page: _stamp(site, page) for page in stamps} == stamps
