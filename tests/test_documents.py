"""`sopdocs pdf`: each SOP's document, the unit's book (Dokumen SOP AP) and its monitoring
form, as real PDFs printed by real Chromium and read back with pypdf."""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from sopdocs.adapters.cli import main
from sopdocs.cache import Cache
from sopdocs.documents.book import folios, roman, start_pages
from sopdocs.documents.store import PdfStore
from support import HOSTILE, SOP, UNIT, sop_text, sopdocs_only_yml, write_files

pytestmark = pytest.mark.browser

A4_LANDSCAPE = (842, 595)
"""A4 in points, landscape, rounded: 297 mm x 210 mm."""
FOOT = 28.35
"""The bottom margin of every page, 1 cm in points: where a page's running number stands."""


def long_sop(steps: int) -> str:
    rows = "".join(
        f"  - kegiatan: Langkah nomor {n} yang dikerjakan petugas\n"
        "    pelaksana: Petugas Loket\n    waktu: 5 menit\n"
        for n in range(1, steps + 1)
    )
    return sop_text(
        "pelaksana:\n  - Petugas Loket\nprosedur:\n" + rows,
        nomor="002/SOP/DC/2024",
        nama="Pelayanan Panjang",
    )


KEPUTUSAN = """\
keputusan:
  nomor: 800/12/DC/2024
  tanggal: 2024-03-05
  tentang: Standar Operasional Prosedur Administrasi Pemerintahan Dinas Contoh
"""

CATALOGUE = {
    "sops/dinas/_unit.yaml": UNIT + KEPUTUSAN,
    "sops/dinas/a-pendek.yaml": SOP,
    "sops/dinas/b-panjang.yaml": long_sop(16),
    "sops/dinas/c-jahat.yaml": sop_text(
        SOP[SOP.index("pelaksana:") :], nomor="003/SOP/DC/2024", nama=repr(HOSTILE)
    ),
    "sops/lain/_unit.yaml": UNIT.replace("nama: Dinas Contoh", "nama: Dinas Lain"),
    "sops/lain/satu.yaml": SOP.replace("001/SOP/DC/2024", "009/SOP/DL/2024"),
}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_files(tmp_path_factory.mktemp("pdf"), CATALOGUE)


@pytest.fixture(scope="module")
def book(folder: Path) -> PdfReader:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        result = run("pdf", "sops/dinas", "-o", "dinas.pdf", "--cache", ".cache")
    assert result.exit_code == 0, result.output
    return PdfReader(folder / "dinas.pdf")


@pytest.fixture(scope="module")
def one_sop(folder: Path) -> PdfReader:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        result = run("pdf", "sops/dinas/b-panjang.yaml", "-o", "b.pdf", "--cache", ".cache")
    assert result.exit_code == 0, result.output
    return PdfReader(folder / "b.pdf")


def folio(page) -> str:
    """The text printed in the middle of the page's bottom margin: the book's page number."""
    found: list[str] = []

    def visit(text, cm, tm, *_) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and y < FOOT and abs(x - A4_LANDSCAPE[0] / 2) < 100:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return " ".join(found)


def texts(reader: PdfReader) -> list[str]:
    """Each page's text, its running number (printed last, over the page) left out."""
    return [
        " ".join(page.extract_text().split()).removesuffix(f" {folio(page)}")
        for page in reader.pages
    ]


def test_the_body_is_numbered_from_the_first_sop_by_each_sops_page_count():
    assert start_pages([2, 1, 4]) == (1, 3, 4, 8)


def test_front_pages_count_in_roman_numerals_with_the_title_page_unnumbered():
    assert folios(3, 4) == ("", "ii", "iii", "1", "2", "3", "4")
    assert [roman(n) for n in (1, 4, 9, 14, 40, 90, 400, 1994)] == [
        "i",
        "iv",
        "ix",
        "xiv",
        "xl",
        "xc",
        "cd",
        "mcmxciv",
    ]


def test_every_page_is_a4_landscape(book, one_sop):
    for reader in (book, one_sop):
        sizes = {(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages}
        assert sizes == {A4_LANDSCAPE}


def test_an_sops_pdf_is_titled_by_its_name_and_authored_by_its_instansi(one_sop):
    assert one_sop.metadata.title == "Pelayanan Panjang"
    assert one_sop.metadata.author == "Pemerintah Kabupaten Contoh"


def test_the_book_is_titled_by_its_unit_and_authored_by_the_instansi(book):
    assert book.metadata.title == "Dokumen SOP AP Dinas Contoh"
    assert book.metadata.author == "Pemerintah Kabupaten Contoh"


@pytest.mark.parametrize("name", ["one_sop", "book"])
def test_fonts_are_embedded(name, request):
    reader = request.getfixturevalue(name)
    fonts = [
        font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()
    ]
    descriptors = [f["/DescendantFonts"][0].get_object()["/FontDescriptor"] for f in fonts]
    assert fonts and all("/FontFile2" in d or "/FontFile3" in d for d in descriptors)


def test_every_procedure_page_repeats_the_table_header_and_is_numbered(one_sop):
    pages = texts(one_sop)
    assert len(pages) >= 3, "16 steps take more than one procedure page"
    for number, text in enumerate(pages[1:], start=2):
        assert "No Kegiatan Pelaksana" in text and "Mutu Baku" in text, number
        assert f"Halaman {number} dari {len(pages)}" in text


def test_the_title_page_names_the_instansi_the_unit_and_the_year(book):
    assert texts(book)[0] == (
        "PEMERINTAH KABUPATEN CONTOH Dokumen SOP AP Standar Operasional Prosedur"
        " Administrasi Pemerintahan Dinas Contoh Tahun 2024"
    )


def test_every_page_but_the_title_bears_the_books_running_number(book):
    body = len(book.pages) - 3  # the title page, the decree, the Daftar Isi
    expected = ["", "ii", "iii", *(str(n) for n in range(1, body + 1))]
    assert [folio(page) for page in book.pages] == expected
    assert book.page_labels == ["i", *expected[1:]]  # what a PDF viewer shows and goes to


def test_each_sop_in_a_book_keeps_its_own_form_page_numbers(book, one_sop):
    pages = texts(book)
    start = next(n for n, t in enumerate(pages) if "002/SOP/DC/2024" in t and "Tanggal" in t)
    own = len(one_sop.pages)
    for number in range(1, own + 1):
        assert f"Halaman {number} dari {own}" in pages[start + number - 1]


def test_the_daftar_isi_row_of_each_sop_names_the_number_printed_on_its_first_page(book):
    pages = texts(book)
    listed = re.findall(
        r"(\d+) (\d{3}/SOP/DC/2024) (.*?) (\d+)(?= \d+ \d{3}/| \d+ Monitoring)", pages[2]
    )
    assert [(int(no), nomor) for no, nomor, *_ in listed] == [
        (1, "001/SOP/DC/2024"),
        (2, "002/SOP/DC/2024"),
        (3, "003/SOP/DC/2024"),
    ]
    printed_on = {folio(page): n for n, page in enumerate(book.pages)}
    first_pages = [n for n, text in enumerate(pages) if "Tanggal Pembuatan" in text]
    assert [printed_on[page] for *_, page in listed] == first_pages
    for _, nomor, nama, page in listed:
        assert nomor in pages[printed_on[page]] and nama in pages[printed_on[page]]


def test_the_monitoring_form_closes_the_book_with_every_sop_and_blank_assessments(book):
    pages = texts(book)
    last = pages[-1]
    listed = re.search(r"Monitoring Pelaksanaan SOP AP (\d+)$", pages[2])
    assert listed is not None and listed.group(1) == folio(book.pages[-1])
    heads = [
        "No.",
        "Prosedur (SOP AP)",
        "Penilaian terhadap penerapan",
        "Catatan hasil penilaian",
        "Tindakan yang harus diambil",
        "Paraf penilai",
        "Berjalan dengan baik",
        "Tidak berjalan dengan baik",
    ]
    assert all(head in last for head in heads)
    body = last.partition("Tidak berjalan dengan baik ")[2]
    assert body == (  # each SOP by name and nomor; nothing in the assessment columns
        f"1 Pelayanan Contoh 001/SOP/DC/2024 2 Pelayanan Panjang 002/SOP/DC/2024 3 {HOSTILE}"
        " 003/SOP/DC/2024"
    ).replace("[x](", "[x] (")  # pypdf spaces the link text from its parenthesis


def test_hostile_author_text_is_printed_as_text(book):
    flat = " ".join(texts(book))
    assert "</title><script>alert(1)</script> {{ 7*7 }}" in flat


def test_a_pdf_written_for_the_user_is_a_file_of_its_own(folder, one_sop):
    assert (folder / "b.pdf").stat().st_nlink == 1  # not the cache's file: it may be signed


def test_a_stored_pdf_is_read_back_only_while_its_file_is_intact(tmp_path):
    store = PdfStore(Cache.open(tmp_path))
    store.put("kunci", b"%PDF-1.7 isi")
    assert store.get("kunci") == b"%PDF-1.7 isi"
    [stored] = (tmp_path / "pdf").glob("*.pdf")
    stored.write_bytes(b"%PDF-1.7 rusak")
    assert PdfStore(Cache.open(tmp_path)).get("kunci") is None
    assert PdfStore(Cache.open(tmp_path)).get("lain") is None


def test_a_stored_pdf_is_linked_into_a_site_on_its_file_system_and_copied_across(tmp_path):
    store = PdfStore(Cache.open(tmp_path / "cache"))
    store.put("kunci", b"%PDF-1.7 isi")
    [stored] = (tmp_path / "cache/pdf").glob("*.pdf")
    store.publish("kunci", b"%PDF-1.7 isi", tmp_path / "site/a.pdf")
    assert (tmp_path / "site/a.pdf").samefile(stored)
    if not Path("/dev/shm").is_dir():
        pytest.skip("no second file system (/dev/shm) to publish across")
    with tempfile.TemporaryDirectory(dir="/dev/shm") as other:
        store.publish("kunci", b"%PDF-1.7 isi", Path(other) / "site/a.pdf")
        copied = Path(other) / "site/a.pdf"
        assert copied.read_bytes() == b"%PDF-1.7 isi" and copied.stat().st_nlink == 1
        assert list(copied.parent.iterdir()) == [copied]  # no partial file left behind


def test_the_whole_catalogue_gives_one_book_per_top_unit(folder, monkeypatch):
    monkeypatch.chdir(folder)
    result = run("pdf", "sops", "-o", "semua", "--cache", ".cache")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (folder / "semua").iterdir()) == ["dinas.pdf", "lain.pdf"]
    assert PdfReader(folder / "semua/lain.pdf").metadata.title == "Dokumen SOP AP Dinas Lain"


def test_a_catalogue_with_errors_is_reported_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_files(
        tmp_path,
        {"sops/d/_unit.yaml": UNIT, "sops/d/x.yaml": SOP.replace("2024-01-03", "2024-13-03")},
    )
    result = run("pdf", "sops/d", "-o", "d.pdf")
    assert result.exit_code == 1
    assert re.search(r"sops/d/x\.yaml:\d+:\d+: ", result.output)
    assert list(tmp_path.iterdir()) == [tmp_path / "sops"]


SITE_YML = sopdocs_only_yml(search=False, history=False, pdf=True)


def made(built) -> int:
    """How many PDFs the build made (the rest came from the cache), from its log."""
    [line] = [m for m in built.messages(logging.INFO) if "sopdocs: PDF:" in m]
    return int(re.search(r"PDF: (\d+) dibuat", line).group(1))


def test_the_site_links_each_sop_and_unit_to_its_pdf_and_rebuilds_only_what_changed(
    tmp_path, build_site
):
    files = {k: v for k, v in CATALOGUE.items() if "c-jahat" not in k and "panjang" not in k}
    root = write_files(tmp_path, {"mkdocs.yml": SITE_YML, "docs/index.md": "# Uji\n", **files})
    cold = build_site(root)
    assert made(cold) == 2 + 2  # two SOPs, two books
    for page, pdf in [
        ("sop/dinas/a-pendek/index.html", "a-pendek.pdf"),
        ("unit/dinas/index.html", "dokumen-sop-ap-dinas.pdf"),
    ]:
        html = (cold.site_dir / page).read_text(encoding="utf-8")
        assert f'href="{pdf}" download>Unduh PDF' in html
        assert PdfReader(cold.site_dir / Path(page).parent / pdf).pages
    warm = build_site(root)
    assert made(warm) == 0
    site_pdf = warm.site_dir / "sop/dinas/a-pendek/a-pendek.pdf"
    stored = root / ".cache/pdf" / f"{hashlib.sha256(site_pdf.read_bytes()).hexdigest()}.pdf"
    assert site_pdf.samefile(stored)  # linked from the cache, not written again
    sop = root / "sops/lain/satu.yaml"
    sop.write_text(sop.read_text().replace("Menerima berkas", "Menerima berkas permohonan"))
    warm = build_site(root)
    assert made(warm) == 2  # its own PDF and its unit's book
    assert (
        "Menerima berkas permohonan"
        in PdfReader(warm.site_dir / "unit/lain/dokumen-sop-ap-lain.pdf").pages[-2].extract_text()
    )
