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
import os
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sopdocs.catalogue.index import CatalogueIndex, analyse
from support import REPO

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
SOP_ID = "dukcapil-padang-pariaman/inovasi-pelayanan-publik"
"""Seed 000, transcribed: eight steps, a decision that loops back, five lanes."""
VIEWPORT = {"width": 1280, "height": 800}
A4_LANDSCAPE_PT = (841.89, 595.28)


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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM}")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh tab with a light preference and no stored palette: a first-time visitor."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light", locale="id-ID")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


@pytest.fixture(scope="session")
def index() -> CatalogueIndex:
    """The core's view of the example catalogue: what the pages must agree with."""
    return analyse(REPO / "sops").index


def citing(index: CatalogueIndex, key: str) -> set[str]:
    entry = index.regulation(key)
    assert entry is not None, f"{key} is not recognised in the example catalogue"
    return {sop.id for sop in entry.sops}


def sop_url(base_url: str, sop_id: str) -> str:
    return f"{base_url}sop/{sop_id}/"


# --- search ----------------------------------------------------------------------------

RESULT_LINKS = ".md-search-result__item > .md-search-result__link"
"""One link per page found (sections of that page are nested under it)."""


def search(page: Any, base_url: str, query: str) -> list[str]:
    """Type ``query`` into Material's search box as a person does; every result link.

    Results follow each keystroke and come ten at a time, more as the list is scrolled: wait
    until they stop changing, scrolling the last one into view, to see them all.
    """
    page.goto(base_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    results = page.locator(RESULT_LINKS)
    results.first.wait_for()
    hrefs: list[str] = []
    for _ in range(40):
        page.wait_for_timeout(150)
        current = results.evaluate_all("links => links.map(a => a.href)")
        if current == hrefs:
            break
        hrefs = current
        results.last.scroll_into_view_if_needed()
    return hrefs


def sop_ids_in(hrefs: list[str], base_url: str) -> set[str]:
    """The SOP ids of the SOP pages among ``hrefs`` (highlight query and fragment dropped)."""
    prefix = f"{base_url}sop/"
    paths = (urllib.parse.urldefrag(h).url.split("?")[0] for h in hrefs)
    return {p.removeprefix(prefix).strip("/") for p in paths if p.startswith(prefix)} - {""}


@pytest.mark.parametrize(
    ("query", "key"),
    [("UU 24/2013", "uu-24-2013"), ("Permendagri 108/2019", "permendagri-108-2019")],
)
def test_searching_a_regulation_short_form_lists_the_sops_citing_it(
    page: Any, base_url: str, index: CatalogueIndex, query: str, key: str
) -> None:
    expected = citing(index, key)
    found = sop_ids_in(search(page, base_url, query), base_url)
    assert expected <= found, f"'{query}' misses {sorted(expected - found)}"


def test_a_search_result_opens_the_sop_page(
    page: Any, base_url: str, index: CatalogueIndex
) -> None:
    expected = citing(index, "uu-24-2013")
    hrefs = search(page, base_url, "UU 24/2013")
    position, target = next(
        (i, h) for i, h in enumerate(hrefs) if sop_ids_in([h], base_url) & expected
    )
    page.locator(RESULT_LINKS).nth(position).click()
    page.wait_for_url(target)
    sop_id = sop_ids_in([page.url], base_url).pop()
    nama = index.catalogue.sop(sop_id).nama
    assert nama in page.locator("article h1").first.inner_text()


# --- the flowchart ---------------------------------------------------------------------

HREF = "a.getAttribute('href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href')"
FIND_SYMBOLS = f"svg => [...svg.querySelectorAll('a')].map(a => {HREF})"
SYMBOL = f"(svg, target) => [...svg.querySelectorAll('a')].find(a => {HREF} === target)"


def open_flowchart(page: Any, base_url: str) -> Any:
    page.goto(sop_url(base_url, SOP_ID))
    svg = page.locator("figure.sopdocs-flowchart svg").first
    svg.wait_for()
    return svg


def test_the_flowchart_is_drawn_at_a_readable_size(page: Any, base_url: str) -> None:
    svg = open_flowchart(page, base_url)
    box = svg.bounding_box()
    assert svg.is_visible()
    assert box is not None and box["width"] > 300 and box["height"] > 100, box


def test_clicking_a_symbol_scrolls_its_row_into_view(page: Any, base_url: str) -> None:
    svg = open_flowchart(page, base_url)
    targets = [t for t in svg.evaluate(FIND_SYMBOLS) if t and t.startswith("#langkah-")]
    assert targets, "no symbol links to a #langkah-N row"
    svg.scroll_into_view_if_needed()
    # A row the reader cannot see yet, so that the click is what brings it into view.
    hidden = [t for t in targets if not _in_viewport(page, t)]
    assert hidden, "every row is already on screen; the page layout changed"
    target = hidden[-1]
    svg.evaluate_handle(SYMBOL, target).as_element().click()
    assert page.url.endswith(target)
    playwright.expect(page.locator(target)).to_be_in_viewport()


def _in_viewport(page: Any, anchor: str) -> bool:
    return page.evaluate(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   return r.bottom > 0 && r.top < window.innerHeight; }""",
        anchor.removeprefix("#"),
    )


# WCAG 2 contrast, from computed styles, translucent layers composited as the browser does.
WORST_SYMBOL_CONTRAST = f"""
svg => {{
  // rgb()/rgba(), or color(srgb ...) with channels in 0..1 (what color-mix() computes to).
  const rgb = c => {{ const m = c && c.match(/^(rgba?|color)\\((?:srgb\\s+)?([^)]+)\\)/);
    if (!m) return null; const p = m[2].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    const k = m[1] === 'color' ? 255 : 1;
    return {{r: p[0] * k, g: p[1] * k, b: p[2] * k, a: p.length > 3 ? p[3] : 1}}; }};
  const over = (top, below) => ({{r: top.r * top.a + below.r * (1 - top.a),
    g: top.g * top.a + below.g * (1 - top.a), b: top.b * top.a + below.b * (1 - top.a), a: 1}});
  const lum = c => {{ const f = v => {{ v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }};
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); }};
  const ratio = (a, b) => {{ const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); }};
  const layers = [];
  for (let n = svg.parentElement; n; n = n.parentElement) {{
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c && c.a > 0) {{ layers.push(c); if (c.a >= 1) break; }} }}
  const page = layers.reverse().reduce((below, top) => over(top, below),
                                       {{r: 255, g: 255, b: 255, a: 1}});
  const symbols = [...svg.querySelectorAll('a')].filter(a => ({HREF} || '')
      .startsWith('#langkah-'));
  const measured = symbols.map(a => {{
    const shape = a.querySelector('polygon, ellipse, path, rect, polyline');
    const text = a.querySelector('text');
    const style = getComputedStyle(shape);
    const fill = rgb(style.fill);
    const face = fill && fill.a > 0 ? over(fill, page) : page;
    return {{symbol: {HREF}, stroke: style.stroke, fill: style.fill,
      text: text && getComputedStyle(text).fill,
      strokeRatio: ratio(over(rgb(style.stroke) || page, page), page),
      textRatio: text ? ratio(over(rgb(getComputedStyle(text).fill), face), face) : 0}};
  }});
  return {{
    scheme: document.body.getAttribute('data-md-color-scheme'),
    page: `rgb(${{page.r}}, ${{page.g}}, ${{page.b}})`,
    stroke: measured.reduce((w, m) => m.strokeRatio < w.strokeRatio ? m : w),
    text: measured.reduce((w, m) => m.textRatio < w.textRatio ? m : w),
  }};
}}
"""
"""The symbol with the weakest outline against the page, and the one with the weakest number
against its own face (its fill, or the page where it has none)."""


def test_the_dark_scheme_keeps_the_flowchart_legible(page: Any, base_url: str) -> None:
    svg = open_flowchart(page, base_url)
    page.get_by_title("Mode gelap").click()  # Material's palette toggle
    playwright.expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    worst = svg.evaluate(WORST_SYMBOL_CONTRAST)
    assert worst["stroke"]["strokeRatio"] >= 3, worst
    assert worst["text"]["textRatio"] >= 3, worst


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
    page.locator("figure.sopdocs-flowchart svg").first.wait_for()
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf.pages}
    width, height = A4_LANDSCAPE_PT
    assert sizes == {(round(width), round(height))}, sizes


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
