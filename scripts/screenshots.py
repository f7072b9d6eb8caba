"""Pictures of an SOP for the README (docs/img/): the form on screen, light and dark, and
one printed page of its procedure table.

Builds the example site, serves it on 127.0.0.1, photographs it in Debian's Chromium, prints
it to PDF there, and turns the first procedure page into a PNG with pdftoppm (poppler-utils):
    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs/img"
PAGE = "sop/dukcapil-padang-pariaman/akta-kelahiran/"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1600, "height": 1200}
WIDE = """
.md-sidebar--secondary { display: none; }
.md-main__inner { max-width: none !important; }
.md-typeset .sopdocs-scroll { overflow: visible; }
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as site:
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", site], cwd=ROOT, check=True
        )
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=site)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}/{PAGE}"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for scheme, name in (("light", "sop-terang.png"), ("dark", "sop-gelap.png")):
                page = browser.new_page(viewport=VIEWPORT, color_scheme=scheme)
                page.goto(url)
                # The whole table in the picture: the table of contents steps aside.
                page.add_style_tag(content=WIDE)
                # The form a civil servant knows: the procedure table with its flowchart.
                page.locator("table.sopdocs-prosedur").screenshot(path=str(IMAGES / name))
                if scheme == "light":
                    _printed_page(page.pdf(prefer_css_page_size=True, print_background=True))
                page.close()
            browser.close()
        server.shutdown()


def _printed_page(pdf: bytes) -> None:
    """The first sheet of the procedure table (page 2; page 1 is the kop and six boxes)."""
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "sop.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-f",
                "2",
                "-l",
                "2",
                "-r",
                "110",
                "-png",
                "-singlefile",
                str(source),
                str(IMAGES / "sop-cetak"),
            ],
            check=True,
        )


if __name__ == "__main__":
    main()
