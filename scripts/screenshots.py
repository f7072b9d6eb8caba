"""Screenshots of an SOP page, light and dark, for the README (docs/img/).

Builds the example site, serves it on 127.0.0.1 and photographs it in Debian's Chromium:
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
PAGE = "sop/dukcapil-padang-pariaman/akta-kelahiran/"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


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
                page = browser.new_page(
                    viewport={"width": 1280, "height": 1500}, color_scheme=scheme
                )
                page.goto(url)
                page.screenshot(path=str(ROOT / "docs/img" / name))
                page.close()
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
