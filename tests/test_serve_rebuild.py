"""``mkdocs serve --dirty``: an edit rewrites the pages that show it, and only those.

Each test builds a site as ``serve --dirty`` does (one plugin instance, MkDocs' own dirty
build), edits the catalogue, builds again, and reads the written pages: every page that
shows the edit is new, a page that does not show it keeps its file untouched.
"""

from __future__ import annotations

from pathlib import Path

from conftest import build_site, write_site
from pagetree import parse_html
from support import CATALOGUE, JAHAT, MKDOCS_YML, PENDAFTARAN, UNIT, write_files

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


def _article(site: Path, page: str) -> str:
    return parse_html((site / page).read_text(encoding="utf-8")).find("article").text


UU_PAGE = "regulasi/uu-25-2009/index.html"
PERMENDAGRI_PAGE = "regulasi/permendagri-108-2019/index.html"
PERMENDAGRI = (
    "Peraturan Menteri Dalam Negeri Nomor 108 Tahun 2019 tentang Administrasi Kependudukan"
)


def test_an_added_keterkaitan_puts_the_backlink_on_the_named_sops_page(tmp_path: Path) -> None:
    # Jahat names Pendaftaran, which names nothing of Jahat's: only the backlink changes.
    root, site = _serve(tmp_path)
    assert _backlinks(site, PENDAFTARAN_PAGE) == []
    edited = JAHAT.replace("keterkaitan:\n", "keterkaitan:\n  - SOP Pendaftaran Layanan\n", 1)
    write_files(root, {"sops/badan-uji/jahat.yaml": edited})
    _rebuild(root, site)
    assert "alert(1)" in " ".join(_backlinks(site, PENDAFTARAN_PAGE))


def test_a_changed_citation_moves_the_sop_to_the_new_regulations_page_and_index(
    tmp_path: Path,
) -> None:
    root, site = _serve(tmp_path)
    assert "Pendaftaran Layanan" in _article(site, UU_PAGE)
    edited = PENDAFTARAN.replace(
        "  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik", f"  - {PERMENDAGRI}"
    )
    write_files(root, {"sops/dinas-contoh/pendaftaran.yaml": edited})
    _rebuild(root, site)
    assert "Pendaftaran Layanan" in _article(site, PERMENDAGRI_PAGE)
    assert "Pendaftaran Layanan" not in _article(site, UU_PAGE)
    assert "Penerbitan Surat Keterangan" in _article(site, UU_PAGE)
    assert "Dalam Negeri Nomor 108 Tahun 2019" in _article(site, "regulasi/index.html")


def test_a_regulation_no_sop_cites_any_more_leaves_the_index_and_loses_its_page(
    tmp_path: Path,
) -> None:
    root, site = _serve(tmp_path)
    cited = PENDAFTARAN.replace("dasar_hukum:\n", f"dasar_hukum:\n  - {PERMENDAGRI}\n")
    write_files(root, {"sops/dinas-contoh/pendaftaran.yaml": cited})
    _rebuild(root, site)
    assert (site / PERMENDAGRI_PAGE).is_file()
    write_files(root, {"sops/dinas-contoh/pendaftaran.yaml": PENDAFTARAN})
    _rebuild(root, site)
    assert not (site / PERMENDAGRI_PAGE).exists()
    assert "Dalam Negeri Nomor 108 Tahun 2019" not in _article(site, "regulasi/index.html")


def test_an_added_sop_is_in_the_catalogue_its_regulations_page_and_the_open_data(
    tmp_path: Path,
) -> None:
    root, site = _serve(tmp_path)
    new = PENDAFTARAN.replace("nama: Pendaftaran Layanan", "nama: Layanan Baru Sekali")
    new = new.replace("nomor: 001/SOP/DC/2022", "nomor: 009/SOP/DC/2024")
    write_files(root, {"sops/dinas-contoh/baru.yaml": new})
    _rebuild(root, site)
    assert "Layanan Baru Sekali" in _article(site, "sop/index.html")
    assert "Layanan Baru Sekali" in _article(site, UU_PAGE)
    assert "Layanan Baru Sekali" in (site / "katalog.json").read_text(encoding="utf-8")


def test_a_renamed_lane_is_renamed_on_the_pelaksana_page(tmp_path: Path) -> None:
    root, site = _serve(tmp_path)
    edited = PENDAFTARAN.replace("Petugas Loket", "Petugas Front Office")
    write_files(root, {"sops/dinas-contoh/pendaftaran.yaml": edited})
    _rebuild(root, site)
    assert "Petugas Front Office" in _article(site, "pelaksana/index.html")


def test_an_edited_step_rewrites_its_sop_page_and_no_page_that_does_not_show_it(
    tmp_path: Path,
) -> None:
    root, site = _serve(tmp_path)
    others = (PENERBITAN_PAGE, JAHAT_PAGE, UNIT_PAGE, UU_PAGE, "pelaksana/index.html")
    stamps = {page: _stamp(site, page) for page in others}
    edited = PENDAFTARAN.replace("kegiatan: Menerima berkas", "kegiatan: Menerima berkas lamaran")
    write_files(root, {"sops/dinas-contoh/pendaftaran.yaml": edited})
    _rebuild(root, site)
    assert "Menerima berkas lamaran" in _article(site, PENDAFTARAN_PAGE)
    assert {page: _stamp(site, page) for page in others} == stamps
