"""Headless Chromium as the PDF engine: one browser process for a whole run, several tabs.

Chromium is the engine that already prints the site's SOP page, so a PDF and a printed page
cannot disagree: the flowchart's inline SVG, the repeated table header, ``zoom`` and the
``@page`` margin boxes with page numbers all render as they do in the browser (WeasyPrint,
measured against it, drew the flow's SVG wrongly and ignored ``zoom``; see the README).
Starting Chromium costs about half a second, so one process prints every document, and a few
tabs print at once: the page layout of one overlaps the PDF writing of another.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from types import TracebackType

from playwright.async_api import Browser, Playwright, async_playwright

CHROMIUM = os.environ.get("SOPDOCS_CHROMIUM", "/usr/bin/chromium")
"""Debian's Chromium; Playwright's own browser download is not needed."""
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
)


class EngineError(RuntimeError):
    """Chromium could not be started or could not print: said to the user, no traceback."""


def default_tabs() -> int:
    """Tabs printing at once: one more than the cores, so a core never waits on PDF writing."""
    return (os.cpu_count() or 1) + 1


class Chromium:
    """One Chromium for the life of a ``with`` block; :meth:`print_all` prints HTML to PDF.

    Its own event loop keeps the async Playwright API behind a plain function, so callers stay
    synchronous and every batch reuses the same browser.
    """

    def __init__(self, *, tabs: int | None = None) -> None:
        self.tabs = max(1, tabs or default_tabs())
        self._loop = asyncio.new_event_loop()
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None

    def __enter__(self) -> Chromium:
        try:
            self._playwright = self._loop.run_until_complete(async_playwright().start())
            self._browser = self._loop.run_until_complete(
                self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            )
        except Exception as exc:  # Playwright raises its own Error and OSError alike
            self.__exit__(None, None, None)
            raise EngineError(
                f"Chromium tidak dapat dijalankan ({CHROMIUM}): {exc}".splitlines()[0]
            ) from exc
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._browser is not None:
            self._loop.run_until_complete(self._browser.close())
            self._browser = None
        if self._playwright is not None:
            self._loop.run_until_complete(self._playwright.stop())
            self._playwright = None
        self._loop.close()

    @property
    def version(self) -> str:
        """Part of every cached PDF's key: another Chromium may lay a page out differently."""
        return self._browser.version if self._browser is not None else ""

    def print_all(self, documents: Sequence[str]) -> list[bytes]:
        """Each standalone HTML document as PDF bytes, in the same order."""
        if not documents:
            return []
        return self._loop.run_until_complete(self._print_all(documents))

    async def _print_all(self, documents: Sequence[str]) -> list[bytes]:
        assert self._browser is not None, "use Chromium in a with block"
        context = await self._browser.new_context(java_script_enabled=False)
        queue: asyncio.Queue[int] = asyncio.Queue()
        for number in range(len(documents)):
            queue.put_nowait(number)
        results: list[bytes] = [b""] * len(documents)

        async def tab() -> None:
            page = await context.new_page()
            while not queue.empty():
                number = queue.get_nowait()
                await page.set_content(documents[number], wait_until="load")
                results[number] = await page.pdf(prefer_css_page_size=True, print_background=True)
            await page.close()

        try:
            await asyncio.gather(*(tab() for _ in range(min(self.tabs, len(documents)))))
        except Exception as exc:
            raise EngineError(f"Chromium gagal mencetak PDF: {exc}".splitlines()[0]) from exc
        finally:
            await context.close()
        return results
