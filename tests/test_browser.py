"""What a reader of the published catalogue sees, checked in a real browser.

The example site (the repository's ``mkdocs.yml`` and ``sops/``) is built once, served on
127.0.0.1 and driven with headless Chromium: search by a regulation's short form, the
flowchart drawn at a readable size and linked to its table, the dark scheme, the catalogue
filter, and printing on A4 landscape. (The README's screenshots come from
``scripts/screenshots.py``, not from here.)
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import os
import re
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BROWSER_TIMEOUT_MS, serve
from pypdf import PdfReader
from sopdocs.catalogue.index import CatalogueIndex, analyse
from sopdocs.flowchart import flowchart_of
from sopdocs.flowchart.paging import sheet
from sopdocs.flowchart.table import table_flow
from sopdocs.site.search import alias_shard
from support import KEY_CASES, REPO

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
SOP_ID = "dukcapil-padang-pariaman/inovasi-pelayanan-publik"
"""Seed 000, transcribed: eight steps, a decision that loops back, five lanes."""
VIEWPORT = {"width": 1280, "height": 800}
A4_LANDSCAPE_PT = (841.89, 595.28)


EXAMPLE_SOPS = sorted(
    path.relative_to(REPO / "sops").with_suffix("").as_posix()
    for path in (REPO / "sops").rglob("*.yaml")
    if path.name != "_unit.yaml"
)
"""The example's SOPs by id, known when tests are collected: the tests that visit every SOP
are one per SOP, so that test processes share them."""


# --- the site, a server and one browser for the whole session -----------------------------


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example catalogue, built the way its README says: ``mkdocs build``."""
    site = tmp_path_factory.mktemp("situs")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", str(site)],
        cwd=REPO,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
    )
    return site


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    yield from serve(site_dir)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh tab with a light preference and no stored palette: a first-time visitor."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light", locale="id-ID")
    tab = context.new_page()
    tab.set_default_timeout(BROWSER_TIMEOUT_MS)
    yield tab
    context.close()


@pytest.fixture(scope="session")
def index() -> CatalogueIndex:
    """The core's view of the example catalogue: what the pages must agree with."""
    return analyse(REPO / "sops").index


def test_the_sops_visited_one_by_one_are_every_sop_of_the_example(
    index: CatalogueIndex,
) -> None:
    assert sorted(sop.id for sop in index.sops) == EXAMPLE_SOPS


def citing(index: CatalogueIndex, key: str) -> set[str]:
    entry = index.regulation(key)
    assert entry is not None, f"{key} is not recognised in the example catalogue"
    return {sop.id for sop in entry.sops}


def sop_url(base_url: str, sop_id: str) -> str:
    return f"{base_url}sop/{sop_id}/"


# --- search ----------------------------------------------------------------------------

BOX = "input.md-search__input"
RESULTS = "#sopdocs-hasil"
RESULT_LINKS = "#sopdocs-hasil > li > a"


def wait_for_answer(page: Any, query: str, filters: dict[str, str] | None = None) -> list[str]:
    """Every result's address once the list answers ``query`` (and ``filters``), all of them:
    "Tampilkan lebih banyak" is pressed until it goes."""
    answered = page.locator(RESULTS)
    playwright.expect(answered).to_have_attribute("data-query", query.strip())
    as_json = json.dumps(filters or {}, separators=(",", ":"), ensure_ascii=False)
    playwright.expect(answered).to_have_attribute("data-filters", as_json)
    more = page.locator(".sopdocs-search-more")
    while more.is_visible():
        shown = int(answered.get_attribute("data-shown"))
        more.click()
        page.wait_for_function(
            "n => +document.querySelector('#sopdocs-hasil').dataset.shown > n", arg=shown
        )
    return page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")


def search(page: Any, base_url: str, query: str) -> list[str]:
    """Type ``query`` into the header's search box as a person does; every result's address."""
    page.goto(base_url)
    box = page.locator(BOX)
    box.click()
    box.press_sequentially(query, delay=20)
    return wait_for_answer(page, query)


def sop_ids_in(hrefs: list[str], base_url: str) -> list[str]:
    """The SOP ids of the SOP pages among ``hrefs``, in order (fragments dropped)."""
    prefix = f"{base_url}sop/"
    paths = (urllib.parse.urldefrag(h).url.split("?")[0] for h in hrefs)
    return [p.removeprefix(prefix).strip("/") for p in paths if p.startswith(prefix + "")]


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("UU 24/2013", "uu-24-2013"),
        ("uu 24 2013", "uu-24-2013"),
        ("Undang-Undang Nomor 24 Tahun 2013", "uu-24-2013"),
        ("UU No. 24 Thn 2013", "uu-24-2013"),
        ("Permendagri 108/2019", "permendagri-108-2019"),
    ],
)
def test_a_regulation_in_any_spelling_finds_its_page_first_then_the_sops_citing_it(
    page: Any, base_url: str, index: CatalogueIndex, query: str, key: str
) -> None:
    hrefs = search(page, base_url, query)
    expected = citing(index, key)
    assert hrefs[0] == f"{base_url}regulasi/{key}/"
    assert set(sop_ids_in(hrefs[1 : 1 + len(expected)], base_url)) == expected


def test_an_sop_is_found_first_by_its_nomor(
    page: Any, base_url: str, index: CatalogueIndex
) -> None:
    sop = index.catalogue.sop(SOP_ID)
    hrefs = search(page, base_url, sop.nomor)
    assert sop_ids_in(hrefs[:1], base_url) == [SOP_ID]


def test_an_sop_is_found_by_its_name(page: Any, base_url: str, index: CatalogueIndex) -> None:
    sop = index.catalogue.sop(SOP_ID)
    assert sop_ids_in(search(page, base_url, sop.nama)[:1], base_url) == [SOP_ID]


def test_every_sop_with_a_pelaksana_is_found_by_its_name(
    page: Any, base_url: str, index: CatalogueIndex
) -> None:
    role = next(r for r in index.roles if r.name == "Kasi Kelahiran")
    found = set(sop_ids_in(search(page, base_url, role.name), base_url))
    assert {sop.id for sop, _ in role.duties} <= found


@pytest.mark.parametrize("field", ["kegiatan", "kelengkapan"])
def test_an_sop_is_found_by_the_text_of_its_steps(
    page: Any, base_url: str, index: CatalogueIndex, field: str
) -> None:
    step = index.catalogue.sop(SOP_ID).steps[-2]
    text = getattr(step, field)
    assert text, f"step {step.number} of {SOP_ID} has no {field}"
    assert SOP_ID in sop_ids_in(search(page, base_url, text), base_url)


def test_a_query_shows_five_results_and_the_rest_on_demand(
    page: Any, base_url: str, index: CatalogueIndex
) -> None:
    found = 1 + len(citing(index, "uu-24-2013"))  # the regulation page, the SOPs citing it
    assert found > 5
    page.goto(base_url)
    box = page.locator(BOX)
    box.click()
    box.press_sequentially("UU 24/2013", delay=20)
    playwright.expect(page.locator(RESULTS)).to_have_attribute("data-query", "UU 24/2013")
    playwright.expect(page.locator(RESULT_LINKS)).to_have_count(5)
    page.locator(".sopdocs-search-more").click()
    playwright.expect(page.locator(RESULT_LINKS)).to_have_count(min(10, found))
    playwright.expect(box).to_be_focused()  # arrows, Enter and typing go on


def test_a_search_result_opens_the_sop_page(
    page: Any, base_url: str, index: CatalogueIndex
) -> None:
    hrefs = search(page, base_url, "UU 24/2013")
    page.locator(RESULT_LINKS).nth(1).click()
    page.wait_for_url(hrefs[1])
    sop_id = sop_ids_in([page.url], base_url)[0]
    assert index.catalogue.sop(sop_id).nama in page.locator("article h1").first.inner_text()


def choose_filter(page: Any, name: str, value: str) -> None:
    filters = page.locator(".sopdocs-search-filters")
    if filters.get_attribute("open") is None:
        filters.locator("summary").click()
    select = page.locator(f"select[data-facet={name}]")
    playwright.expect(select.locator(f'option[value="{value}"]')).to_have_count(1)
    select.select_option(value)


def test_filters_narrow_results_by_regulation_and_pelaksana(
    page: Any, base_url: str, index: CatalogueIndex
) -> None:
    page.goto(base_url)
    page.locator(BOX).click()
    choose_filter(page, "regulasi", "UU 24/2013")
    hrefs = wait_for_answer(page, "", {"regulasi": "UU 24/2013"})
    assert set(sop_ids_in(hrefs, base_url)) == citing(index, "uu-24-2013")
    assert f"{base_url}regulasi/uu-24-2013/" in hrefs
    choose_filter(page, "pelaksana", "Kasi Kelahiran")
    hrefs = wait_for_answer(page, "", {"regulasi": "UU 24/2013", "pelaksana": "Kasi Kelahiran"})
    role = next(r for r in index.roles if r.name == "Kasi Kelahiran")
    assert set(sop_ids_in(hrefs, base_url)) == citing(index, "uu-24-2013") & {
        sop.id for sop, _ in role.duties
    }


def test_filters_narrow_a_query_to_one_unit_and_one_type_of_regulation(
    page: Any, base_url: str, index: CatalogueIndex
) -> None:
    unit = index.catalogue.unit("dukcapil-padang-pariaman")
    search(page, base_url, "pelayanan")
    choose_filter(page, "unit", unit.nama)
    choose_filter(page, "jenis", "Peraturan Bupati/Walikota")
    filters = {"unit": unit.nama, "jenis": "Peraturan Bupati/Walikota"}
    found = sop_ids_in(wait_for_answer(page, "pelayanan", filters), base_url)
    assert found
    for sop_id in found:
        sop = index.catalogue.sop(sop_id)
        assert sop.unit.startswith("dukcapil-padang-pariaman"), sop_id
        assert any(e.key.startswith("perbup") for e in index.regulations_of(sop)), sop_id


@pytest.mark.parametrize("key", ["/", "s"])
def test_a_key_opens_the_search_box_and_escape_closes_it(
    page: Any, base_url: str, key: str
) -> None:
    page.goto(sop_url(base_url, SOP_ID))
    page.locator("article").click()
    page.keyboard.press(key)
    playwright.expect(page.locator(BOX)).to_be_focused()
    assert page.locator("#__search").is_checked()
    playwright.expect(page.locator(BOX)).to_have_value("")  # the key is not typed
    page.keyboard.press("Escape")
    playwright.expect(page.locator(BOX)).not_to_be_focused()
    assert not page.locator("#__search").is_checked()


def test_arrows_choose_a_result_and_enter_opens_it(page: Any, base_url: str) -> None:
    hrefs = search(page, base_url, "UU 24/2013")
    items = page.locator("#sopdocs-hasil > li > a")
    for key in ("ArrowDown", "ArrowDown", "ArrowDown", "ArrowUp"):
        page.keyboard.press(key)
    playwright.expect(items.nth(1)).to_have_attribute("aria-selected", "true")
    playwright.expect(page.locator("[aria-selected=true]")).to_have_count(1)
    page.keyboard.press("Enter")
    page.wait_for_url(hrefs[1])


def test_enter_without_choosing_opens_the_first_result(page: Any, base_url: str) -> None:
    hrefs = search(page, base_url, "Permendagri 108/2019")
    page.keyboard.press("Enter")
    page.wait_for_url(hrefs[0])


def test_a_result_shows_the_sops_nomor_and_unit(
    page: Any, base_url: str, index: CatalogueIndex
) -> None:
    sop = index.catalogue.sop(SOP_ID)
    search(page, base_url, sop.nomor)
    facts = page.locator("#sopdocs-hasil > li").first.locator(".sopdocs-search-facts")
    unit = index.unit_chain(sop)[-1]
    playwright.expect(facts).to_have_text(f"{sop.nomor} · {unit.nama}")


def test_the_box_speaks_indonesian(page: Any, base_url: str) -> None:
    search(page, base_url, "zzqxqz")
    playwright.expect(page.locator(".md-search-result__meta")).to_have_text("Tidak ada hasil")
    assert page.locator(BOX).get_attribute("placeholder") == "Cari SOP, nomor, regulasi…"


QUERY_BYTES_BOUND = 200_000
"""What one query may transfer (issue 14), the search engine's first load included. The server
sends files as they are, without gzip: the most pessimistic host."""


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Counts the bytes it sends per path, headers included: the server sees every request,
    a worker's too, which the browser's request events may not report."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self._count(sum(len(line) for line in self._headers_buffer) + 2)
        super().end_headers()

    def copyfile(self, source: Any, outputfile: Any) -> None:
        body = source.read()
        self._count(len(body))
        outputfile.write(body)

    def _count(self, size: int) -> None:
        sent = self.server.sent  # type: ignore[attr-defined]
        sent[self.path] = sent.get(self.path, 0) + size


def test_one_query_transfers_under_the_bound(browser: Any, site_dir: Path) -> None:
    handler = functools.partial(_CountingHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.sent = {}  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport=VIEWPORT)
    try:
        tab = context.new_page()
        tab.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        tab.wait_for_load_state("networkidle")
        server.sent.clear()  # type: ignore[attr-defined]
        tab.locator(BOX).click()
        tab.locator(BOX).fill("UU 24/2013")  # one query (as-you-type runs are queries too)
        wait_for_answer(tab, "UU 24/2013")
        tab.wait_for_load_state("networkidle")
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    fetched: dict[str, int] = server.sent  # type: ignore[attr-defined]
    names = {path.rsplit("/", 1)[-1].split("?")[0] for path in fetched}
    assert {"pagefind.js", f"{alias_shard('242013')}.json"} <= names  # engine and table ran
    assert "pagefind-worker.js" not in names  # the engine runs on the page
    assert any(name.endswith(".pf_index") for name in names)
    assert any(name.endswith(".pf_fragment") for name in names)
    assert sum(fetched.values()) < QUERY_BYTES_BOUND, fetched


RESULT_CONTRAST = r"""
item => {
  const rgb = c => { const m = c.match(/^rgba?\((.+)\)$/); if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const over = (top, below) => ({r: top.r * top.a + below.r * (1 - top.a),
    g: top.g * top.a + below.g * (1 - top.a), b: top.b * top.a + below.b * (1 - top.a), a: 1});
  const lum = c => { const f = v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const under = el => { const layers = [];
    for (let n = el; n; n = n.parentElement) { const c = rgb(getComputedStyle(n).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
    return layers.reverse().reduce((b, t) => over(t, b), {r: 255, g: 255, b: 255, a: 1}); };
  const parts = ['h1', '.sopdocs-search-facts', '.sopdocs-search-excerpt', 'mark'];
  return parts.filter(sel => item.querySelector(sel)).map(sel => {
    const el = item.querySelector(sel); const bg = under(el);
    return [sel, ratio(over(rgb(getComputedStyle(el).color), bg), bg)]; });
}
"""
"""WCAG contrast of a result's title, facts, excerpt and highlight against what lies under."""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_results_read_in_both_schemes(page: Any, base_url: str, scheme: str) -> None:
    page.goto(base_url)
    if scheme == "slate":
        page.get_by_title("Mode gelap").click()
    playwright.expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    page.locator(BOX).click()
    page.locator(BOX).press_sequentially("akta kelahiran", delay=20)
    wait_for_answer(page, "akta kelahiran")
    page.keyboard.press("ArrowDown")  # the first is chosen: its own background counts too
    worst: dict[str, float] = {}
    for item in page.locator("#sopdocs-hasil > li").all():
        for part, contrast in item.evaluate(RESULT_CONTRAST):
            worst[part] = min(contrast, worst.get(part, contrast))
    assert set(worst) == {"h1", ".sopdocs-search-facts", ".sopdocs-search-excerpt", "mark"}
    assert min(worst.values()) >= 4.5, worst


@pytest.mark.parametrize(("text", "key"), KEY_CASES)
def test_the_browser_reads_a_citation_as_the_index_does(
    page: Any, base_url: str, text: str, key: str
) -> None:
    page.goto(base_url)
    assert page.evaluate("t => window.sopdocsSearch.searchKey(t)", text) == key


@pytest.mark.parametrize("key", ["uu242013", "perbuppadangpariaman52019", "242013", "2013", "uu"])
def test_the_browser_looks_a_citation_up_in_the_file_the_index_puts_it(
    page: Any, base_url: str, key: str
) -> None:
    page.goto(base_url)
    assert page.evaluate("k => window.sopdocsSearch.shardOf(k)", key) == alias_shard(key)


def test_without_javascript_the_header_offers_the_catalogue_list(
    browser: Any, base_url: str, index: CatalogueIndex
) -> None:
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(sop_url(base_url, SOP_ID))
    link = tab.locator("header a.sopdocs-search-nojs")
    playwright.expect(link).to_be_visible()
    link.click()
    tab.wait_for_url(f"{base_url}sop/")
    assert tab.locator("table.sopdocs-list tbody tr").count() == len(index.sops)
    context.close()


@pytest.fixture(scope="session")
def hostile_url(site: Any) -> Iterator[str]:
    """The small test catalogue (conftest), with its hostile SOP, served."""
    yield from serve(site.site_dir)


def test_author_text_in_results_stays_text(page: Any, hostile_url: str, hostile: str) -> None:
    page.goto(hostile_url)
    page.locator(BOX).click()
    page.locator(BOX).press_sequentially("666", delay=20)
    wait_for_answer(page, "666")
    first = page.locator("#sopdocs-hasil > li").first
    playwright.expect(first.locator("h1")).to_have_text(" ".join(hostile.split()))
    playwright.expect(first.locator(".sopdocs-search-facts")).to_contain_text("<b>666</b>")
    tags = first.evaluate("li => [...li.querySelectorAll('*')].map(e => e.tagName.toLowerCase())")
    assert set(tags) <= {"a", "article", "h1", "p", "mark"}, tags


# --- the flowchart in the procedure table ------------------------------------------------

EDGE_DRAWINGS = """
keys => {
  const rect = el => el.getBoundingClientRect();
  const touch = (a, b) => a.left <= b.right + 1.5 && b.left <= a.right + 1.5
    && a.top <= b.bottom + 1.5 && b.top <= a.bottom + 1.5;
  const table = document.querySelector('table.sopdocs-prosedur');
  const symbol = step => rect(table.querySelector(`svg.sopdocs-simbol[data-step="${step}"]`));
  const result = {};
  for (const key of keys) {
    const [source, target] = key.split('-');
    const drawn = [...table.querySelectorAll(`[data-edge="${key}"]`)]
      .filter(el => el.matches('.sopdocs-garis, .sopdocs-panah'))
      .map(el => ({head: el.matches('.sopdocs-panah'), box: rect(el)}))
      .filter(part => part.box.width > 0 || part.box.height > 0);
    // Walk from the source symbol along touching pieces; the arrowhead must be reached.
    const reached = new Set();
    let frontier = [symbol(source)];
    while (frontier.length) {
      const next = [];
      drawn.forEach((part, i) => {
        if (!reached.has(i) && frontier.some(box => touch(box, part.box))) {
          reached.add(i); next.push(part.box);
        }
      });
      frontier = next;
    }
    const heads = drawn.filter(part => part.head);
    result[key] = {
      pieces: drawn.length,
      heads: heads.length,
      connected: reached.size === drawn.length,
      headOnTarget: heads.length === 1 && touch(heads[0].box, symbol(target)),
    };
  }
  return result;
}
"""
"""For each arrow: its drawn pieces, whether they form one line out of the source symbol,
and whether its single arrowhead touches the target symbol, from the page's own geometry."""


def edge_keys(index: CatalogueIndex, sop_id: str) -> list[str]:
    """Every arrow the core says the SOP's flow has, as ``source-target``."""
    sop = index.catalogue.sop(sop_id)
    return [f"{edge.source}-{edge.target}" for edge in flowchart_of(sop).edges]


def drawn_edges(page: Any, base_url: str, index: CatalogueIndex, sop_id: str) -> dict:
    # One page after another on a busy machine: a slow load is not a wrong drawing.
    page.goto(sop_url(base_url, sop_id), timeout=60_000)
    return page.evaluate(EDGE_DRAWINGS, edge_keys(index, sop_id))


@pytest.mark.parametrize("sop_id", EXAMPLE_SOPS)
def test_every_arrow_of_every_sop_is_drawn_from_its_source_to_its_target(
    page: Any, base_url: str, index: CatalogueIndex, sop_id: str
) -> None:
    drawn = drawn_edges(page, base_url, index, sop_id)
    broken = {k: v for k, v in drawn.items() if not (v["connected"] and v["headOnTarget"])}
    assert broken == {}
    assert all(v["pieces"] >= 2 for v in drawn.values())


def test_the_flow_is_drawn_and_printed_with_javascript_off(
    browser: Any, base_url: str, index: CatalogueIndex
) -> None:
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=False)
    tab = context.new_page()
    try:
        drawn = drawn_edges(tab, base_url, index, SOP_ID)
        assert drawn and all(v["connected"] and v["headOnTarget"] for v in drawn.values())
        pdf = PdfReader(io.BytesIO(tab.pdf(prefer_css_page_size=True)))
        assert "Mulai" in "".join(p.extract_text() for p in pdf.pages)
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "sop/", f"sop/{SOP_ID}/", "regulasi/"])
def test_a_page_asks_no_other_host_and_reads_in_the_shipped_fonts(
    page: Any, base_url: str, path: str
) -> None:
    """No font CDN, no GitHub API: a government intranet shows the page as it is meant."""
    elsewhere: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(base_url) else elsewhere.append(r.url))
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    fonts = page.evaluate(
        """async () => { await document.fonts.ready;
           const body = getComputedStyle(document.body).fontFamily;
           const code = getComputedStyle(document.body).getPropertyValue('--md-code-font');
           return {body: body.split(',')[0].trim(), code: code.trim(),
                   text: document.fonts.check('16px "Source Sans 3"'),
                   loaded: [...document.fonts].filter(f => f.status === 'loaded')
                                              .map(f => f.family.replaceAll('"', ''))}; }"""
    )
    assert elsewhere == []
    assert fonts["body"] == '"Source Sans 3"'
    assert fonts["code"] == '"Source Code Pro"'
    assert fonts["text"]
    assert "Source Sans 3" in fonts["loaded"]


AXE = Path(__file__).parent / "assets" / "axe.min.js"
"""axe-core 4.14.1 (npm ``axe-core``, MPL-2.0, licence in its header), pinned as a test asset."""
PAGE_TYPES = {
    "beranda": "",
    "katalog": "sop/",
    "unit": "unit/dukcapil-padang-pariaman/",
    "sop": f"sop/{SOP_ID}/",
    "regulasi": "regulasi/",
    "peraturan": "regulasi/uu-24-2013/",
    "pelaksana": "pelaksana/",
    "pencarian": "",
}
"""Every kind of page, by the example's pages; "pencarian" is the home page with results open."""


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violation(
    browser: Any, base_url: str, kind: str, scheme: str
) -> None:
    context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme, locale="id-ID")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    try:
        tab.goto(base_url + PAGE_TYPES[kind])
        if kind == "pencarian":
            tab.locator(BOX).click()
            tab.locator(BOX).press_sequentially("akta", delay=20)
            assert wait_for_answer(tab, "akta")
        tab.wait_for_load_state("networkidle")
        drawn = tab.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert drawn == {"light": "default", "dark": "slate"}[scheme]
        tab.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        found = tab.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                 .filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)"""
        )
        assert found == []
    finally:
        context.close()


def test_a_laptop_screen_shows_the_whole_procedure_table(page: Any, base_url: str) -> None:
    """At 1280x800 the Keterangan column is on screen, not behind the table of contents."""
    page.goto(sop_url(base_url, SOP_ID))
    sizes = page.evaluate(
        """() => { const table = document.querySelector('table.sopdocs-prosedur');
           const frame = table.closest('.sopdocs-scroll');
           const toc = document.querySelector('.md-sidebar--secondary');
           return {right: table.getBoundingClientRect().right, view: innerWidth,
                   inner: frame.scrollWidth, frame: frame.clientWidth,
                   toc: toc ? toc.getBoundingClientRect().width : 0}; }"""
    )
    assert sizes["right"] <= sizes["view"], sizes
    assert sizes["inner"] <= sizes["frame"], sizes
    assert sizes["toc"] == 0, sizes


def test_a_narrow_screen_scrolls_the_table_not_the_page(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    try:
        tab.goto(sop_url(base_url, SOP_ID))
        sizes = tab.evaluate(
            """() => { const frame = document.querySelector('.sopdocs-scroll');
               return {page: document.scrollingElement.scrollWidth, view: innerWidth,
                       inner: frame.scrollWidth, frame: frame.clientWidth}; }"""
        )
        assert sizes["page"] == sizes["view"], sizes
        assert sizes["inner"] > sizes["frame"], sizes
    finally:
        context.close()


# WCAG 2 contrast, from computed styles, translucent layers composited as the browser does.
WORST_CONTRAST = """
table => {
  // rgb()/rgba(), or color(srgb ...) with channels in 0..1 (what color-mix() computes to).
  const rgb = c => { const m = c && c.match(/^(rgba?|color)\\((?:srgb\\s+)?([^)]+)\\)/);
    if (!m) return null; const p = m[2].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    const k = m[1] === 'color' ? 255 : 1;
    return {r: p[0] * k, g: p[1] * k, b: p[2] * k, a: p.length > 3 ? p[3] : 1}; };
  const over = (top, below) => ({r: top.r * top.a + below.r * (1 - top.a),
    g: top.g * top.a + below.g * (1 - top.a), b: top.b * top.a + below.b * (1 - top.a), a: 1});
  const lum = c => { const f = v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const layers = [];
  for (let n = table; n; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
  const page = layers.reverse().reduce((below, top) => over(top, below),
                                       {r: 255, g: 255, b: 255, a: 1});
  const worst = (items, measure) => items.map(measure)
    .reduce((w, m) => (w === null || m.ratio < w.ratio ? m : w), null);
  const symbols = [...table.querySelectorAll('svg.sopdocs-simbol')];
  return {
    scheme: document.body.getAttribute('data-md-color-scheme'),
    outline: worst(symbols, svg => { const shape = svg.querySelector('rect, polygon');
      return {step: svg.dataset.step, ratio: ratio(rgb(getComputedStyle(shape).stroke), page)}; }),
    name: worst(symbols.filter(svg => svg.querySelector('text')), svg => {
      const shape = getComputedStyle(svg.querySelector('rect, polygon'));
      const face = over(rgb(shape.fill), page);
      const ink = rgb(getComputedStyle(svg.querySelector('text')).fill);
      return {step: svg.dataset.step, ratio: ratio(ink, face)}; }),
    line: worst([...table.querySelectorAll('.sopdocs-garis')], el => {
      const style = getComputedStyle(el);
      const colour = el.matches('.sopdocs-garis--v') ? style.borderLeftColor : style.borderTopColor;
      return {edge: el.dataset.edge, ratio: ratio(rgb(colour), page)}; }),
    label: worst([...table.querySelectorAll('.sopdocs-cabang')], el =>
      ({edge: el.dataset.edge, ratio: ratio(rgb(getComputedStyle(el).color), page)})),
  };
}
"""
"""The weakest symbol outline, symbol name (Mulai/Selesai on its tint), arrow line and
branch label against what lies under them."""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_flow_in_the_table_reads_in_both_schemes(page: Any, base_url: str, scheme: str) -> None:
    page.goto(sop_url(base_url, SOP_ID))
    if scheme == "slate":
        page.get_by_title("Mode gelap").click()  # Material's palette toggle
    playwright.expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    worst = page.locator("table.sopdocs-prosedur").evaluate(WORST_CONTRAST)
    assert worst["outline"]["ratio"] >= 3, worst
    assert worst["line"]["ratio"] >= 3, worst
    assert worst["name"]["ratio"] >= 4.5, worst
    assert worst["label"]["ratio"] >= 4.5, worst


# --- the catalogue filter ------------------------------------------------------------------


def test_the_catalogue_filter_narrows_to_the_sops_under_a_regulation(
    page: Any, base_url: str, index: CatalogueIndex
) -> None:
    key = "uu-24-2013"
    expected = citing(index, key)
    page.goto(f"{base_url}sop/")
    rows = page.locator("[data-regulasi]")
    everything = rows.count()
    control = page.locator('[data-filter="regulasi"]').first
    if control.evaluate("el => el.tagName") == "SELECT":
        control.select_option(value=key)
    else:
        control.fill("UU 24/2013")
    visible = page.locator("[data-regulasi]:visible")
    playwright.expect(visible).to_have_count(len(expected))
    assert len(expected) < everything
    for keys in visible.evaluate_all("rows => rows.map(r => r.dataset.regulasi)"):
        assert key in keys.split()


# --- print ---------------------------------------------------------------------------


def test_an_sop_page_prints_on_a4_landscape(page: Any, base_url: str) -> None:
    page.goto(sop_url(base_url, SOP_ID))
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf.pages}
    width, height = A4_LANDSCAPE_PT
    assert sizes == {(round(width), round(height))}, sizes


def test_the_printed_form_has_no_title_above_its_identity_block(page: Any, base_url: str) -> None:
    page.goto(sop_url(base_url, SOP_ID))
    title = page.locator("h1#nama-sop")
    playwright.expect(title).to_be_visible()
    page.emulate_media(media="print")
    playwright.expect(title).to_be_hidden()
    playwright.expect(page.locator(".sopdocs-identitas")).to_be_visible()


def test_the_change_history_shows_on_screen_but_not_on_the_printed_form(
    page: Any, base_url: str
) -> None:
    # The example site is built inside this repository, so its pages have a history.
    page.goto(sop_url(base_url, SOP_ID))
    assert page.locator("#riwayat-perubahan").is_visible()
    assert page.locator("ol.sopdocs-riwayat > li").count() >= 1
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    printed = " ".join(p.extract_text() for p in pdf.pages)
    assert "Riwayat Perubahan" not in printed and "SOP dibuat" not in printed


PAGED = ("dinkes-padang-pariaman/puskesmas/pelayanan-imunisasi", "dukcapil-sumbar/kebijakan-teknis")
"""Two SOPs that print on several pages: five steps a page by the author's choice, and as
many as fit."""


def _connector_letters(text: str) -> list[str]:
    """The letters of a page's connectors: lines made only of A, B... (side by side ones
    come out on one line)."""
    found = []
    for line in text.splitlines():
        words = line.split()
        if words and all(re.fullmatch(r"[A-Z]\d*", word) for word in words):
            found.extend(words)
    return sorted(found)


def _squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("sop_id", PAGED)
def test_printed_pages_hold_the_planned_steps_under_a_repeated_header(
    page: Any, base_url: str, index: CatalogueIndex, sop_id: str
) -> None:
    sop = index.catalogue.sop(sop_id)
    planned = sheet(sop, table_flow(flowchart_of(sop)), sop.langkah_per_halaman)
    assert len(planned.pages) > 1
    page.goto(sop_url(base_url, sop_id))
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    texts = [_squeezed(p.extract_text()) for p in pdf.pages]
    # The identity block and the six boxes first, then one sheet per planned page.
    assert len(texts) == 1 + len(planned.pages)
    header = ["No", "Kegiatan", "Pelaksana", *sop.pelaksana, "MutuBaku"]
    header += ["Kelengkapan", "Waktu", "Output", "Keterangan"]
    for number, rows in enumerate(planned.pages, start=2):
        text = texts[number - 1]
        assert [word for word in header if _squeezed(word) not in text] == [], number
        for row in rows:
            assert _squeezed(sop.steps[row].kegiatan)[:30] in text, (number, row + 1)
        assert f"Halaman{number}dari{len(texts)}" in text


@pytest.mark.parametrize("sop_id", PAGED)
def test_each_arrow_across_pages_prints_one_letter_at_the_foot_and_the_head(
    page: Any, base_url: str, index: CatalogueIndex, sop_id: str
) -> None:
    sop = index.catalogue.sop(sop_id)
    planned = sheet(sop, table_flow(flowchart_of(sop)), sop.langkah_per_halaman)
    page.goto(sop_url(base_url, sop_id))
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    letters = [_connector_letters(p.extract_text()) for p in pdf.pages[1:]]
    expected = [[] for _ in planned.pages]
    for number, page_break in enumerate(planned.breaks):
        for connector in page_break.end.connectors:
            expected[number].append(connector.letter)
            expected[number + 1].append(connector.letter)
    assert any(expected)
    assert letters == [sorted(names) for names in expected]


@pytest.mark.parametrize("sop_id", EXAMPLE_SOPS)
def test_every_example_sop_prints_on_the_pages_planned_for_it(
    page: Any, base_url: str, index: CatalogueIndex, sop_id: str
) -> None:
    """Pages are planned from estimated heights; the browser must not break elsewhere, or a
    connector pair would be split from its arrow."""
    sop = index.catalogue.sop(sop_id)
    assert sop is not None
    planned = sheet(sop, table_flow(flowchart_of(sop)), sop.langkah_per_halaman)
    page.goto(sop_url(base_url, sop.id))
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    texts = [_squeezed(p.extract_text()) for p in pdf.pages]
    assert len(texts) == 1 + len(planned.pages)
    last_rows = [rows[-1] for rows in planned.pages]
    for text, row in zip(texts[1:], last_rows, strict=True):
        assert _squeezed(sop.steps[row].kegiatan)[:30] in text, row + 1
