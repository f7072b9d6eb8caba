"""A catalogue written by a hostile author, built by real MkDocs and read in real Chromium.

Every text field, unit folder and file name holds a payload for one of the languages the
text passes through on its way to a reader: HTML, Markdown (links, attribute lists), Jinja,
Graphviz DOT, Rich markup, and characters beyond U+FFFF. Every page type, the search
results and the "edit this page" link are visited; none may run a script, raise an error,
grow an element the author wrote, or lose the author's words.
"""

from __future__ import annotations

import contextlib
import re
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import BROWSER_TIMEOUT_MS, BuiltSite, build_site, serve, write_site
from support import SOP, UNIT

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"

HTML = "<img src=x onerror=alert(1)>"
BREAKOUT = '"><script>alert(2)</script>'
QUOTE = "' onmouseover='alert(3)' x='"
MD_LINK = "[klik](javascript:alert(4))"
MD_IMAGE = '![x](x" onerror="alert(5))'
AUTOLINK = "<javascript:alert(6)>"
ATTRS = '{: onclick="alert(7)" }'
JINJA = "Jinja {{ 7*7 }} {% raw %}"
DOT = '"]; evil [label="pwn'
RICH = "[link=javascript:alert(8)]rich[/link] [bold]"
ASTRAL = "😀 𝐀𝐁"

PAYLOAD = " ".join([HTML, BREAKOUT, QUOTE, MD_LINK, MD_IMAGE, AUTOLINK, ATTRS, JINJA, DOT, RICH])
"""Every payload in one string; each field gets it after a word that says where it is."""

WORDS_SHOWN = [HTML, BREAKOUT, MD_LINK, "Jinja {{ 7*7 }}", DOT, RICH, ASTRAL]
"""Payload text that must be visible, as written, on the SOP page."""


def _q(label: str) -> str:
    """A YAML single-quoted scalar: ``label``, the payload and the astral characters."""
    text = f"{label} {PAYLOAD} {ASTRAL}"
    return "'" + text.replace("'", "''") + "'"


UNIT_DIR = "u<img src=x onerror=alert(9)>"
SOP_FILE = 'x" onmouseover="alert(10)" <b>y'
SOP_PAGE = f"sop/{UNIT_DIR}/{SOP_FILE}/"
LANE_A = _q("Kepala-Dinas")
LANE_B = _q("Kepala/Dinas")

UNIT_YAML = f"""\
nama: {_q("Unitzeta")}
"""

SOP_YAML = f"""\
nomor: {_q("Nomorzeta")}
nama: {_q("Namazeta")}
instansi:
  - {_q("Instansi")}
tanggal_pembuatan: 2024-01-03
tanggal_efektif: 2024-02
disahkan_oleh:
  jabatan: {_q("Jabatan")}
  nama: {_q("Pejabat")}
  nip: '197601301995031001'
dasar_hukum:
  - {_q("Undang-Undang Nomor 25 Tahun 2009 tentang")}
  - {_q("Kebiasaan")}
  - jenis: Peraturan Bupati
    nomor: 12
    tahun: 2021
    wilayah: {_q("Wilayah")}
    tentang: {_q("Tentang")}
kualifikasi_pelaksana:
  - {_q("Kualifikasi")}
keterkaitan:
  - {_q("SOP Lain")}
peralatan:
  - {_q("Peralatan")}
peringatan: {_q("Peringatan")}
pencatatan: {_q("Pencatatan")}
pelaksana:
  - {LANE_A}
  - {LANE_B}
prosedur:
  - kegiatan: {_q("Kegiatan satu")}
    pelaksana: {LANE_A}
    kelengkapan: {_q("Kelengkapan")}
    waktu: 15 menit
    output: {_q("Output")}
    keterangan: {_q("Keterangan")}
  - kegiatan: {_q("Kegiatan dua")}
    pelaksana: {LANE_B}
    keputusan: {{tidak: 1}}
    waktu: {_q("Waktu")}
  - kegiatan: {_q("Kegiatan tiga")}
    pelaksana: [{LANE_A}, {LANE_B}]
"""

MKDOCS_YML = """\
site_name: Katalog Uji
repo_url: https://github.com/contoh/katalog-uji
edit_uri: edit/main/docs/
theme:
  name: material
  language: id
  font: false
  features: [navigation.indexes, content.action.edit, search.suggest, search.highlight]
plugins:
  - search
  - sopdocs:
      cache_dir: .cache
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    files = {
        f"sops/{UNIT_DIR}/_unit.yaml": UNIT_YAML,
        f"sops/{UNIT_DIR}/{SOP_FILE}.yaml": SOP_YAML,
        "sops/polos/_unit.yaml": UNIT,
        "sops/polos/cari.yaml": SOP.replace("nomor: 001/SOP/DC/2024", f"nomor: 'Carizeta {HTML}'"),
        "docs/index.md": "# Beranda\n",
    }
    site = build_site(write_site(tmp_path_factory.mktemp("jahat"), files, MKDOCS_YML))
    assert [m for m in site.messages() if "galat" in m] == []
    return site


@pytest.fixture(scope="module")
def base_url(hostile_site: BuiltSite) -> Iterator[str]:
    yield from serve(hostile_site.site_dir)


class Visit:
    """One tab that records everything a payload could make happen."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.outside: list[str] = []
        self._leaving = False
        # No network here: the repository's star count and the like get an empty answer.
        page.context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), self._outside)
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", self._console)
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", self._failed)

    def goto(self, url: str) -> Any:
        """Open ``url`` once the current page is done loading, and wait until this one is."""
        with self.leaving():
            response = self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        return response

    @contextlib.contextmanager
    def leaving(self) -> Iterator[None]:
        """Leave the page (a ``goto``, a click on a link) after its own loads have ended.

        Waiting for the network to go quiet first means that nothing is cut short; should a
        late load still be cut by the navigation (``net::ERR_ABORTED`` while leaving), that
        is the browser leaving, not a payload at work. Every other failure is an error."""
        if self.page.url != "about:blank":
            self.page.wait_for_load_state("networkidle")
        self._leaving = True
        try:
            yield
        finally:
            self._leaving = False

    def _outside(self, route: Any) -> None:
        self.outside.append(route.request.url)
        route.fulfill(status=200, content_type="application/json", body="{}")

    def _failed(self, request: Any) -> None:
        if not (self._leaving and request.failure == "net::ERR_ABORTED"):
            self.errors.append(f"{request.failure} {request.url}")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def injected(self) -> list[str]:
        """Elements the author's text would have made: ``<img src=x>``, a script that calls
        ``alert``, an ``on*`` handler, a ``javascript:`` link, a ``<b>`` from a file name."""
        return self.page.evaluate(
            """() => {
              const found = [];
              for (const el of document.querySelectorAll("*")) {
                for (const attr of el.getAttributeNames()) {
                  if (attr.startsWith("on")) found.push(el.tagName + "[" + attr + "]");
                }
                const href = el.getAttribute("href") || el.getAttribute("xlink:href") || "";
                if (/^\\s*javascript:/i.test(href)) found.push(el.tagName + " " + href);
              }
              for (const img of document.querySelectorAll("img")) {
                if (img.getAttribute("src") === "x") found.push("img[src=x]");
              }
              for (const s of document.querySelectorAll("script")) {
                if (s.textContent.includes("alert(")) found.push("script");
              }
              for (const b of document.querySelectorAll("article b")) found.push("b");
              return found;
            }"""
        )

    def text(self) -> str:
        return self.page.evaluate("() => document.body.innerText")

    def assert_clean(self) -> None:
        assert self.dialogs == []
        assert self.errors == []
        assert self.injected() == []
        assert not [url for url in self.requests if url.endswith("/x")]
        assert "Jinja 49" not in self.text()


@pytest.fixture
def visit(browser: Any) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
    tab = context.new_page()
    tab.set_default_timeout(BROWSER_TIMEOUT_MS)
    yield Visit(tab)
    context.close()


def _pages(site: BuiltSite) -> list[str]:
    """Every page of the site as a URL path: home, catalogue, unit, SOP, regulations..."""
    return sorted(
        path.parent.relative_to(site.site_dir).as_posix() + "/"
        for path in site.site_dir.rglob("index.html")
        if not path.is_relative_to(site.site_dir / "assets")
    )


def test_the_catalogue_has_every_page_type(hostile_site: BuiltSite) -> None:
    pages = _pages(hostile_site)
    kinds = sorted({page.split("/")[0] for page in pages})
    assert kinds == [".", "pelaksana", "regulasi", "sop", "unit"]
    assert len([p for p in pages if p.startswith("regulasi/")]) == 3  # the index, UU, Perbup
    assert len([p for p in pages if p.startswith("sop/")]) == 3  # the catalogue, two SOPs


def test_no_page_runs_or_grows_the_authors_text(
    hostile_site: BuiltSite, base_url: str, visit: Visit
) -> None:
    for path in _pages(hostile_site):
        url = base_url + urllib.parse.quote("" if path == "./" else path)
        response = visit.goto(url)
        assert response is not None and response.ok, path
        visit.page.mouse.move(200, 300)  # a hover over whatever sits there
        visit.assert_clean()


def test_the_sop_page_shows_every_payload_as_text(
    hostile_site: BuiltSite, base_url: str, visit: Visit
) -> None:
    visit.goto(base_url + urllib.parse.quote(SOP_PAGE))
    text = visit.text()
    for words in WORDS_SHOWN:
        assert words in text
    assert visit.page.title().startswith("Namazeta " + HTML)
    visit.assert_clean()


@pytest.mark.parametrize("word", ["Carizeta", "Nomorzeta"])
def test_search_results_show_payloads_as_text(base_url: str, visit: Visit, word: str) -> None:
    """The nomor is a search tag, which Material's results show as HTML; "Carizeta" is an
    SOP with only an HTML payload, "Nomorzeta" the one with every payload."""
    visit.goto(base_url)
    box = visit.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(word, delay=20)
    results = visit.page.locator(".md-search-result__item")
    results.first.wait_for()
    visit.page.wait_for_timeout(500)
    shown = visit.page.locator(".md-search-result").inner_text()
    assert f"{word} {HTML}" in shown
    results.first.hover()
    visit.assert_clean()


def test_the_edit_link_opens_the_sops_own_file(
    hostile_site: BuiltSite, base_url: str, visit: Visit
) -> None:
    visit.goto(base_url + urllib.parse.quote(SOP_PAGE))
    edit = visit.page.locator("a[rel=edit]")
    assert edit.count() == 1
    edit.hover()
    visit.assert_clean()
    with visit.leaving():
        edit.click()
        visit.page.wait_for_url("https://github.com/**")
    opened = [url for url in visit.outside if url.startswith("https://github.com/")]
    path = urllib.parse.unquote(urllib.parse.urlsplit(opened[-1]).path)
    assert path == f"/contoh/katalog-uji/edit/main/sops/{UNIT_DIR}/{SOP_FILE}.yaml"
    assert visit.dialogs == []


def test_the_catalogue_filter_keeps_payload_options_as_text(base_url: str, visit: Visit) -> None:
    visit.goto(base_url + "sop/")
    for name in ("unit", "regulasi", "pelaksana"):
        select = visit.page.locator(f"select[data-filter={name}]")
        values = select.locator("option").evaluate_all("os => os.map(o => o.value)")
        select.select_option(values[-1])
        assert visit.page.locator("tr[data-regulasi]:not([hidden])").count() == 1
        select.select_option("")
    labels = visit.page.locator("select[data-filter=pelaksana] option").all_inner_texts()
    assert [label.startswith("Kepala-Dinas " + HTML) for label in labels].count(True) == 1
    assert [label.startswith("Kepala/Dinas " + HTML) for label in labels].count(True) == 1
    visit.assert_clean()
