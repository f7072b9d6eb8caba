"""The site a real MkDocs-Material build makes of a small inline catalogue.

Structure is checked, not snapshots: which pages exist, what the form holds, where links
lead, what the nav lists, and that author text never turns into markup or code.
"""

from __future__ import annotations

import json
import logging
import re

import pytest
from click.testing import CliRunner
from mkdocs.exceptions import Abort
from sopdocs.adapters.cli import main
from sopdocs.site.search import ALIAS_SHARDS, FILTERS, alias_shard
from support import CATALOGUE, REPO, SOP, sopdocs_only_yml, write_files

PENDAFTARAN = "sop/dinas-contoh/pendaftaran/"
PENERBITAN = "sop/dinas-contoh/bidang-layanan/penerbitan-surat/"
JAHAT = "sop/badan-uji/jahat/"
BROKEN = """\
nomor: 002/SOP/DC/2023
nama: Penerbitan Surat Keterangan
tanggal_pembuatan: 2023-01-01
tanggal_efektif: 2023-02-30
dasar_hukum:
  - UU No. 25 Tahun 2009
pelaksana:
  - Petugas Loket
prosedur:
  - kegiatan: Menerima permohonan
    pelaksana: Petugas Loket
  - kegiatan: Menerbitkan surat
    pelaksana: Kepala Bidang
"""
"""Two errors: a date that does not exist (line 4) and a step in no lane (line 13)."""


def placed(messages: list[str]) -> list[str]:
    """Each logged issue as ``path:line:col [code]`` (its wording is the issue tests' business);
    any other line as it is."""
    firsts = [m.splitlines()[0] for m in messages]  # a hint may follow on its own line
    return [
        f"{m.split(': ', 1)[0]} [{m.rpartition('[')[2]}" if m.endswith("]") else m for m in firsts
    ]


def resolve(page_url: str, href: str) -> str:
    """Where a relative link on ``page_url`` leads, as a site path (``sop/a/``)."""
    if "://" in href:
        return href
    parts = page_url.rstrip("/").split("/") if page_url else []
    target, _, _ = href.partition("#")
    for piece in target.split("/"):
        if piece == "..":
            parts.pop()
        elif piece not in (".", ""):
            parts.append(piece)
    return "/".join(parts) + "/" if parts else ""


# --- SOP pages: the SOP AP form -----------------------------------------------------------


@pytest.mark.parametrize("url", [PENDAFTARAN, PENERBITAN, JAHAT])
def test_each_sop_has_a_page_with_identity_block_and_six_boxes(site, url):
    article = site.content(url)
    identity = article.find("table", cls="sopdocs-identitas")
    labels = [th.text for th in identity.find_all("th")]
    assert labels == [
        "Nomor SOP",
        "Tanggal Pembuatan",
        "Tanggal Revisi",
        "Tanggal Efektif",
        "Disahkan oleh",
        "Nama SOP",
    ]
    boxes = article.find("table", cls="sopdocs-kotak")
    assert [h.text for h in boxes.find_all("h2")] == [
        "Dasar Hukum",
        "Kualifikasi Pelaksana",
        "Keterkaitan",
        "Peralatan/Perlengkapan",
        "Peringatan",
        "Pencatatan dan Pendataan",
    ]
    assert [len(row.find_all("td")) for row in boxes.find_all("tr")] == [2, 2, 2]


def test_identity_block_shows_unit_defaults_and_signatory(site):
    identity = site.content(PENDAFTARAN).find("table", cls="sopdocs-identitas")
    assert (
        identity.find("td", cls="sopdocs-instansi").text
        == "Pemerintah Kabupaten Contoh Dinas Contoh"
    )
    assert identity.find("td", cls="sopdocs-pengesah").text == (
        "Kepala Dinas Contoh Budi Santoso, S.H. NIP. 19760130 199503 1 001"
    )
    assert identity.find("td", cls="sopdocs-nama-sop").text == "Pendaftaran Layanan"


def test_dates_are_written_the_indonesian_way(site):
    rows = site.content(PENDAFTARAN).find("table", cls="sopdocs-identitas").find_all("tr")
    dates = {row.find("th").text: row.find_all("td")[-1].text for row in rows}
    assert dates["Tanggal Pembuatan"] == "3 Januari 2022"
    assert dates["Tanggal Revisi"] == "17 Mei 2023"
    assert dates["Tanggal Efektif"] == "Februari 2022"


def test_procedure_table_has_one_column_per_lane_and_a_row_per_step(site):
    table = site.content(PENDAFTARAN).find("table", cls="sopdocs-prosedur")
    lanes = [th.text for th in table.find_all("th", cls="sopdocs-lane-name")]
    assert lanes == ["Petugas Loket", "Kepala Seksi", "Kepala Dinas"]
    rows = [tr for tr in table.find_all("tr") if tr.attrs.get("id", "").startswith("langkah-")]
    assert [tr.attrs["id"] for tr in rows] == [f"langkah-{n}" for n in range(1, 5)]
    # No, Kegiatan, the lanes (one cell drawing across them), Kelengkapan / Waktu / Output,
    # Keterangan.
    assert {len(tr.find_all("td")) for tr in rows} == {2 + 1 + 3 + 1}
    assert {tr.find("td", cls="sopdocs-alur").attrs["colspan"] for tr in rows} == {"3"}
    # No, Kegiatan, three lanes, three Mutu Baku, Keterangan: one width each.
    assert len(table.find_all("col")) == 2 + 3 + 3 + 1


def test_each_step_shows_its_symbol_and_says_who_acts(site):
    table = site.content(PENDAFTARAN).find("table", cls="sopdocs-prosedur")

    def cell(step: int):
        return table.find("tr", id=f"langkah-{step}").find("td", cls="sopdocs-alur")

    shapes = [cell(n).find("svg", cls="sopdocs-simbol").attrs["class"] for n in range(1, 5)]
    assert [shape.split()[-1] for shape in shapes] == [
        "sopdocs-simbol--start",
        "sopdocs-simbol--decision",
        "sopdocs-simbol--process",
        "sopdocs-simbol--end",
    ]
    assert cell(1).find("svg", cls="sopdocs-simbol").text == "Mulai"
    assert cell(3).find("span", cls="sopdocs-sr").text == (
        "Proses; pelaksana: Kepala Seksi, Kepala Dinas."
    )


def test_decision_branches_are_drawn_labelled_and_said(site):
    cell = site.content(PENDAFTARAN).find("tr", id="langkah-2").find("td", cls="sopdocs-alur")
    labels = {span.text: span.attrs["data-edge"] for span in cell.find_all(cls="sopdocs-cabang")}
    assert labels == {"Ya": "2-3", "Tidak": "2-1"}
    assert cell.find("span", cls="sopdocs-sr").text == (
        "Keputusan; pelaksana: Kepala Seksi; Ya: ke langkah 3; Tidak: ke langkah 1."
    )


def test_every_arrow_is_drawn_through_the_rows_and_ends_in_one_arrowhead(site):
    table = site.content(PENDAFTARAN).find("table", cls="sopdocs-prosedur")
    steps = [tr for tr in table.find_all("tr") if tr.attrs.get("id", "").startswith("langkah-")]
    lines = {s.attrs["data-edge"] for tr in steps for s in tr.find_all(cls="sopdocs-garis")}
    heads = [svg.attrs["data-edge"] for tr in steps for svg in tr.find_all(cls="sopdocs-panah")]
    assert lines == {"1-2", "2-3", "2-1", "3-4"}
    assert sorted(heads) == sorted(lines)


def test_the_flowchart_is_not_drawn_a_second_time_beside_the_table(site):
    article = site.content(PENDAFTARAN)
    assert not article.find_all("figure")
    assert "Diagram Alir" not in [h.text for h in article.find_all("h2")]


def test_total_time_row_appears_only_when_every_waktu_is_understood(site):
    total = site.content(PENDAFTARAN).find("tr", cls="sopdocs-total")
    assert total.find("td", cls="sopdocs-waktu").text == "1 jam 55 menit"
    assert not site.content(PENERBITAN).find_all("tr", cls="sopdocs-total")


def test_sop_headings_are_in_the_table_of_contents(site):
    toc = site.page(PENDAFTARAN).find("nav", cls="md-nav--secondary")
    assert [a.text for a in toc.find_all("a")] == [
        "Identitas",
        "Dasar Hukum",
        "Kualifikasi Pelaksana",
        "Keterkaitan",
        "Peralatan/Perlengkapan",
        "Peringatan",
        "Pencatatan dan Pendataan",
        "Prosedur",
    ]
    assert site.content(PENDAFTARAN).find("h1").text == "Pendaftaran Layanan"


def test_sop_page_edit_button_opens_its_yaml(site):
    edit = site.page(PENDAFTARAN).find("a", rel="edit")
    assert edit.attrs["href"] == (
        "https://github.com/contoh/katalog-uji/edit/main/sops/dinas-contoh/pendaftaran.yaml"
    )


# --- links between SOPs -------------------------------------------------------------------


def test_keterkaitan_links_to_the_sop_it_names(site):
    box = site.content(PENDAFTARAN).find("table", cls="sopdocs-kotak")
    item = next(li for li in box.find_all("li") if "Penerbitan" in li.text)
    assert resolve(PENDAFTARAN, item.links()[0]) == PENERBITAN


def test_target_sop_lists_who_refers_to_it(site):
    backlinks = site.content(PENERBITAN).find("div", cls="sopdocs-backlinks")
    assert backlinks.find("li").text == "Pendaftaran Layanan"
    assert resolve(PENERBITAN, backlinks.links()[0]) == PENDAFTARAN


def test_keterkaitan_outside_the_catalogue_is_marked_and_not_linked(site):
    box = site.content(PENDAFTARAN).find("table", cls="sopdocs-kotak")
    item = next(li for li in box.find_all("li") if "Arsip" in li.text)
    assert item.text == "SOP Arsip Nasional Daerah (di luar katalog)"
    assert item.links() == []


def test_a_declared_outside_sop_links_to_its_url_and_warns_nothing(new_site, build_site):
    pendaftaran = CATALOGUE["sops/dinas-contoh/pendaftaran.yaml"].replace(
        "  - SOP Arsip Nasional Daerah\n",
        "  - {luar: SOP Arsip Nasional Daerah, url: 'https://arsip.example/sop?a=1&b=\"2'}\n",
    )
    built = build_site(new_site({"sops/dinas-contoh/pendaftaran.yaml": pendaftaran}))
    assert not [m for m in built.messages() if "Arsip" in m]
    box = built.content(PENDAFTARAN).find("table", cls="sopdocs-kotak")
    item = next(li for li in box.find_all("li") if "Arsip" in li.text)
    assert item.text == "SOP Arsip Nasional Daerah (di luar katalog)"
    assert item.links() == ['https://arsip.example/sop?a=1&b="2']


# --- author text is data ------------------------------------------------------------------


def test_hostile_text_appears_literally(site, hostile):
    article = site.content(JAHAT)
    assert article.find("h1").text == hostile
    assert article.find("td", cls="sopdocs-nama-sop").text == hostile
    kegiatan = [td.text for td in article.find_all("td", cls="sopdocs-kegiatan")]
    assert kegiatan == ["{% if %}x{% endif %} <script>alert(1)</script>", "# heading"]
    lanes = [th.text for th in article.find_all("th", cls="sopdocs-lane-name")]
    assert lanes == ["<i>Petugas</i> {{ 7*7 }}", "# Kepala"]


def test_hostile_text_runs_no_template_and_makes_no_markup(site):
    html = site.html(JAHAT)
    article = site.content(JAHAT)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.split("</head>")[0].count("</title>") == 1
    assert "49" not in article.text
    assert [h.text for h in article.find_all("h1")] == [article.find("h1").text]
    assert not article.find_all("b") and not article.find_all("i")
    assert not [a for a in article.find_all("a") if "evil" in a.attrs.get("href", "")]
    assert not [n for n in article.iter() if "evil" in n.attrs.get("class", "")]


def test_hostile_unit_name_is_escaped_in_nav_and_breadcrumbs(site):
    page = site.page(JAHAT)
    assert "<script>alert(1)</script>" not in site.html("sop/")
    crumbs = page.find("p", cls="sopdocs-breadcrumbs")
    assert crumbs.text == "Katalog SOP › Badan <script>alert(1)</script> *Uji* {{ 7*7 }}"


# --- index pages and the nav --------------------------------------------------------------


def test_catalogue_index_lists_every_sop_by_unit(site):
    article = site.content("sop/")
    assert "Dinas Contoh" in [h.text for h in article.find_all("h2")]
    # A sub-unit's section sits under its unit's.
    assert [h.text for h in article.find_all("h3")] == ["Bidang Layanan"]
    links = {resolve("sop/", href) for href in article.links()}
    assert {PENDAFTARAN, PENERBITAN, JAHAT} <= links


def test_catalogue_rows_carry_what_the_filter_selects_on(site):
    article = site.content("sop/")
    form = article.find("form", cls="sopdocs-filter")
    assert [s.attrs["data-filter"] for s in form.find_all("select")] == [
        "unit",
        "regulasi",
        "pelaksana",
    ]
    options = {
        o.attrs["value"] for o in form.find("select", data_filter="regulasi").find_all("option")
    }
    assert "uu-25-2009" in options
    row = next(tr for tr in article.find_all("tr") if "Penerbitan Surat" in tr.text)
    assert row.attrs["data-unit"].split() == ["dinas-contoh", "dinas-contoh/bidang-layanan"]
    assert row.attrs["data-regulasi"].split() == ["uu-25-2009"]
    assert row.attrs["data-pelaksana"].split() == ["petugas-loket", "kepala-seksi"]


def test_unit_page_lists_its_sops_with_nomor_and_date(site):
    article = site.content("unit/dinas-contoh/")
    assert article.find("h1").text == "Dinas Contoh"
    rows = article.find("table", cls="sopdocs-list").find("tbody").find_all("tr")
    assert [[td.text for td in row.find_all("td")] for row in rows] == [
        ["1", "001/SOP/DC/2022", "Pendaftaran Layanan", "Februari 2022"]
    ]
    subunit = article.find("ul", cls="sopdocs-subunits")
    assert subunit.text == "Bidang Layanan (1 SOP)"
    assert resolve("unit/dinas-contoh/", subunit.links()[0]) == "unit/dinas-contoh/bidang-layanan/"


def test_nav_lists_units_and_indexes_but_no_sop_page(site):
    # navigation.prune renders only the open branch: gather the nav as several pages show it.
    targets = {
        resolve(url, href)
        for url in ("", "sop/", "unit/dinas-contoh/", PENDAFTARAN)
        for href in site.page(url).find("nav", cls="md-nav--primary").links()
    }
    assert {
        "sop/",
        "unit/dinas-contoh/",
        "unit/dinas-contoh/bidang-layanan/",
        "unit/badan-uji/",
        "regulasi/",
        "pelaksana/",
        "panduan/membaca/",
    } <= targets
    assert not [t for t in targets if re.fullmatch(r"(sop|regulasi)/.+/", t)]


def test_one_regulation_page_merges_both_spellings(site):
    article = site.content("regulasi/uu-25-2009/")
    assert article.find("h1").text.startswith("Undang-Undang Nomor 25 Tahun 2009")
    rows = article.find("table", cls="sopdocs-list").find("tbody").find_all("tr")
    cited = {
        resolve("regulasi/uu-25-2009/", row.links()[0]): row.find_all("td")[1].text for row in rows
    }
    assert cited == {
        PENDAFTARAN: "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
        PENERBITAN: "UU No. 25 Tahun 2009",
    }
    facts = {tr.find("th").text: tr.find("td").text for tr in article.find("table").find_all("tr")}
    assert "UU 25/2009" in facts["Nama singkat"]


def test_regulation_index_groups_by_type_and_keeps_unrecognised_under_lainnya(site):
    article = site.content("regulasi/")
    headings = [h.text for h in article.find_all("h2")]
    assert headings[0].startswith("Undang-Undang (1)")
    assert headings[-1] == "Lainnya (2)"
    assert [h.text for h in article.find_all("h3")] == ["2009 (1)"]
    lainnya = article.find_all("ul", cls="sopdocs-regulations")[-1]
    item = next(li for li in lainnya.find_all("li") if "Kebiasaan" in li.text)
    assert [resolve("regulasi/", h) for h in item.links()] == [PENERBITAN]


def test_dasar_hukum_links_to_the_regulation_page(site):
    box = site.content(PENERBITAN).find("table", cls="sopdocs-kotak")
    links = [resolve(PENERBITAN, href) for href in box.find("ol").links()]
    assert links == ["regulasi/uu-25-2009/"]


def test_pelaksana_page_links_each_role_to_its_steps(site):
    article = site.content("pelaksana/")
    roles = [h.attrs.get("id") for h in article.find_all("h2")]
    assert article.find("h2", id="kepala-seksi").text == "Kepala Seksi"
    duties = article.find_all("ul", cls="sopdocs-duties")[roles.index("kepala-seksi")]
    assert duties.text == "Pendaftaran Layanan: langkah 2, 3 Penerbitan Surat Keterangan: langkah 2"
    assert [resolve("pelaksana/", href) + href.partition("#")[2] for href in duties.links()] == [
        f"{PENDAFTARAN}",
        f"{PENDAFTARAN}langkah-2",
        f"{PENDAFTARAN}langkah-3",
        f"{PENERBITAN}",
        f"{PENERBITAN}langkah-2",
    ]


# --- options, errors and other builds -----------------------------------------------------


def test_template_override_changes_a_page(new_site, build_site):
    override = '## Prosedur\n\n<p class="ganti">{{ sop.nomor }}</p>\n'
    root = new_site({"overrides/sop-prosedur.md.j2": override}, options="templates_dir: overrides")
    article = build_site(root).content(PENDAFTARAN)
    assert article.find("p", cls="ganti").text == "001/SOP/DC/2022"
    assert not article.find_all("table", cls="sopdocs-prosedur")
    assert article.find_all("table", cls="sopdocs-identitas")


def test_invalid_sop_fails_the_build_and_logs_every_error_with_its_place(new_site, build_site):
    root = new_site({"sops/dinas-contoh/bidang-layanan/penerbitan-surat.yaml": BROKEN})
    records: list[logging.LogRecord] = []
    with pytest.raises(Abort):
        build_site(root, records=records)
    errors = [r.getMessage() for r in records if r.levelno >= logging.ERROR]
    path = "sops/dinas-contoh/bidang-layanan/penerbitan-surat.yaml"
    assert placed(errors) == [
        f"{path}:4:18 [date.invalid]",
        f"{path}:13:16 [step.lane]",
        "sopdocs: 2 galat di katalog SOP (lihat di atas); situs tidak dibangun",
    ]


def test_warning_fails_a_strict_build(new_site, build_site):
    with pytest.raises(Abort, match="strict"):
        build_site(new_site(), strict=True)


def test_strict_option_makes_keterkaitan_outside_the_catalogue_an_error(new_site, build_site):
    records: list[logging.LogRecord] = []
    with pytest.raises(Abort):
        build_site(new_site(options="strict: true"), records=records)
    errors = [r.getMessage() for r in records if r.levelno >= logging.ERROR]
    assert placed(errors) == [
        "sops/badan-uji/jahat.yaml:6:5 [citation.unrecognised]",
        "sops/badan-uji/jahat.yaml:11:5 [reference.outside]",
        "sops/dinas-contoh/bidang-layanan/penerbitan-surat.yaml:7:5 [citation.unrecognised]",
        "sops/dinas-contoh/bidang-layanan/penerbitan-surat.yaml:17:12 [waktu.unparsed]",
        "sops/dinas-contoh/pendaftaran.yaml:12:5 [reference.outside]",
        "sopdocs: 5 galat di katalog SOP (lihat di atas); situs tidak dibangun",
    ]


def test_serving_keeps_the_last_good_pages_after_a_bad_edit(new_site, build_site):
    root = new_site()
    build_site(root, serving="stay")
    source = root / "sops/dinas-contoh/pendaftaran.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("2022-01-03", "2022-13-03"))
    records: list[logging.LogRecord] = []
    rebuilt = build_site(root, serving="stop", records=records)
    errors = [r.getMessage() for r in records if r.levelno >= logging.ERROR]
    assert placed(errors) == ["sops/dinas-contoh/pendaftaran.yaml:3:20 [date.invalid]"]
    dates = rebuilt.content(PENDAFTARAN).find("table", cls="sopdocs-identitas").text
    assert "3 Januari 2022" in dates


def test_generate_writes_the_pages_as_markdown(tmp_path, new_site):
    root = new_site()
    out = tmp_path / "keluaran"
    result = CliRunner().invoke(main, ["generate", str(out), "--sops", str(root / "sops")])
    assert result.exit_code == 0, result.output
    page = (out / "sop/dinas-contoh/pendaftaran/index.md").read_text(encoding="utf-8")
    assert "# Pendaftaran Layanan { #nama-sop }" in page.splitlines()
    assert '<tr id="langkah-4">' in page and "<svg" in page
    for index in ("sop/index.md", "unit/dinas-contoh/index.md", "regulasi/index.md"):
        assert (out / index).is_file()
    assert {p.name for p in (out / "assets/sopdocs").iterdir()} == {
        "sopdocs.css",
        "flowchart.css",
        "cari.css",
        "sopdocs.js",
        "cari.js",
        "cari-regulasi",
        "fonts.css",
        "source-code-pro-latin-400-normal.woff2",
        "source-code-pro-latin-700-normal.woff2",
        "source-sans-3-latin-300-normal.woff2",
        "source-sans-3-latin-400-italic.woff2",
        "source-sans-3-latin-400-normal.woff2",
        "source-sans-3-latin-700-italic.woff2",
        "source-sans-3-latin-700-normal.woff2",
    }
    assert 'data-pagefind-filter="regulasi">UU 25/2009<' in page  # ready for Pagefind


def test_example_catalogue_builds_strict_without_a_warning(tmp_path, build_site):
    """The repository's own site, as ``mkdocs build --strict`` makes it: a new user's first
    build says nothing they must puzzle over."""
    built = build_site(REPO, site_dir=tmp_path / "site", strict=True)
    assert built.messages(logging.WARNING) == []
    sops = sorted((REPO / "sops").rglob("*.yaml"))
    pages = [p for p in sops if p.name != "_unit.yaml"]
    for source in pages:
        sop_id = source.relative_to(REPO / "sops").with_suffix("").as_posix()
        assert (tmp_path / "site" / "sop" / sop_id / "index.html").is_file(), sop_id


def test_pagefind_replaces_materials_search_with_one_index(site):
    assert (site.site_dir / "pagefind" / "pagefind.js").is_file()
    assert not (site.site_dir / "search" / "search_index.json").exists()
    assert any(
        "plugin 'material/search' diganti pencarian Pagefind" in m
        for m in site.messages(logging.INFO)
    )


def test_the_header_holds_one_search_box_and_it_is_sopdocs(site):
    header = site.page(PENDAFTARAN).find("header")
    boxes = [n for n in header.iter() if "data-sopdocs-search" in n.attrs]
    assert len(boxes) == 1
    assert not [n for n in header.iter() if n.attrs.get("data-md-component") == "search"]
    assert header.find("form").attrs["action"] == "../../"  # sop/, the list, without JS


ONLY_SOPDOCS = sopdocs_only_yml()


def test_the_search_box_offers_the_filters_the_pages_carry(site):
    header = site.page(PENDAFTARAN).find("header")
    assert [n.attrs["data-facet"] for n in header.find_all("select")] == list(FILTERS)


def test_a_site_listing_only_sopdocs_gets_the_search_box_too(tmp_path, build_site):
    write_files(tmp_path, {"mkdocs.yml": ONLY_SOPDOCS, "sops/a.yaml": SOP, "docs/index.md": "# A"})
    built = build_site(tmp_path)
    assert "data-sopdocs-search" in built.html("sop/a/")
    assert (built.site_dir / "pagefind" / "pagefind.js").is_file()


def test_only_page_content_is_indexed_and_the_long_lists_stay_out(site):
    assert site.page(PENDAFTARAN).find(**{"data-pagefind-body": ""}).tag == "div"
    for listing in ("sop/", "regulasi/"):
        assert "data-pagefind-body" not in site.html(listing), listing


def test_an_sops_filters_and_result_facts_are_author_text_kept_as_text(site):
    data = site.content(JAHAT).find(cls="sopdocs-cari")
    values = {
        (n.attrs.get("data-pagefind-filter") or n.attrs["data-pagefind-meta"], n.text)
        for n in data.find_all("span")
    }
    assert ("pelaksana", "<i>Petugas</i> {{ 7*7 }}") in values
    assert ("nomor", "<b>666</b>/{{ 7*7 }}") in values
    assert "<i>" not in site.html(JAHAT).split('class="sopdocs-cari"')[1].split("</div>")[0]


def test_the_regulation_table_is_published_for_the_search_box(site):
    folder = site.site_dir / "assets/sopdocs/cari-regulasi"
    assert len(list(folder.glob("*.json"))) == ALIAS_SHARDS
    table = json.loads((folder / f"{alias_shard('uu252009')}.json").read_text())
    assert table["uu252009"] == "sopdocsreguux25x2009"
    table = json.loads((folder / f"{alias_shard('undangundang252009')}.json").read_text())
    assert table["undangundang252009"] == "sopdocsreguux25x2009"


def test_katalog_json_sits_at_the_site_root(site):
    data = json.loads((site.site_dir / "katalog.json").read_text())
    assert data["versi"] == 1
    by_id = {sop["id"]: sop for sop in data["sop"]}
    sop_id = PENERBITAN.removeprefix("sop/").strip("/")
    assert by_id[sop_id]["url"] == PENERBITAN
    assert [r["key"] for r in data["regulasi"]] == ["uu-25-2009"]


def test_katalog_json_urls_lead_to_pages_on_a_site_without_directory_urls(new_site, build_site):
    built = build_site(new_site(mkdocs="use_directory_urls: false"))
    data = json.loads((built.site_dir / "katalog.json").read_text())
    urls = [entry["url"] for entry in data["sop"] + data["regulasi"]]
    assert urls == [
        "sop/badan-uji/jahat/index.html",
        "sop/dinas-contoh/pendaftaran/index.html",
        "sop/dinas-contoh/bidang-layanan/penerbitan-surat/index.html",
        "regulasi/uu-25-2009/index.html",
    ]
    assert [url for url in urls if not (built.site_dir / url).is_file()] == []


def test_katalog_json_urls_lead_to_pages_on_a_site_with_directory_urls(site):
    data = json.loads((site.site_dir / "katalog.json").read_text())
    urls = [entry["url"] for entry in data["sop"] + data["regulasi"]]
    assert urls == [JAHAT, PENDAFTARAN, PENERBITAN, "regulasi/uu-25-2009/"]
    assert [url for url in urls if not (site.site_dir / url / "index.html").is_file()] == []


def test_the_site_builds_without_graphviz(new_site, build_site, monkeypatch, tmp_path):
    """The flowchart is drawn by the table itself: pages need no ``dot`` program."""
    root = new_site()
    empty = tmp_path / "kosong"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    built = build_site(root)
    assert built.messages(logging.ERROR) == []
    assert built.content(PENDAFTARAN).find_all(cls="sopdocs-panah")


def test_search_false_keeps_materials_own_search(new_site, build_site):
    built = build_site(new_site(options="search: false"))
    assert (built.site_dir / "search" / "search_index.json").is_file()
    assert not (built.site_dir / "pagefind").exists()
