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
import functools
import os
import subprocess
import threading
from collections.abc import Coroutine, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from playwright.async_api import Browser, Playwright

T = TypeVar("T")

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


@functools.cache
def chromium_version() -> str:
    """Part of every cached PDF's key (another Chromium may lay a page out differently),
    asked of the binary without starting a browser: a warm run starts none."""
    try:
        done = subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    return done.stdout.strip() or "?"


class Chromium:
    """One Chromium for the life of a ``with`` block, started by the first :meth:`print_all`
    (a run whose PDFs are all cached starts none); it prints HTML to PDF.

    The async Playwright API runs on an event loop in a thread of its own, behind plain
    functions: callers stay synchronous, every batch reuses the same browser, and a caller
    that already runs an event loop (or Playwright's sync API, as a test suite may) is not
    disturbed.
    """

    def __init__(self, *, tabs: int | None = None) -> None:
        self.tabs = max(1, tabs or default_tabs())
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None

    def _run(self, work: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(work, self._loop).result()

    async def _start(self) -> None:
        # Imported here: a warm run, whose PDFs all come from the cache, never loads Playwright.
        from playwright.async_api import async_playwright

        self._playwright = await async_playwright().start()
        self._browser = await self._playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )

    async def _stop(self) -> None:
        if self._browser is not None:
            await self._browser.close()
            self._browser = None
        if self._playwright is not None:
            await self._playwright.stop()
            self._playwright = None

    def __enter__(self) -> Chromium:
        return self

    def _ensure_started(self) -> None:
        if self._thread.is_alive():
            return
        self._thread.start()
        try:
            self._run(self._start())
        except Exception as exc:  # Playwright raises its own Error and OSError alike
            raise EngineError(
                f"Chromium tidak dapat dijalankan ({CHROMIUM}): {exc}".splitlines()[0]
            ) from exc

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if not self._thread.is_alive():
            self._loop.close()
            return
        try:
            self._run(self._stop())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()

    def print_all(self, documents: Sequence[str]) -> list[bytes]:
        """Each standalone HTML document as PDF bytes, in the same order."""
        if not documents:
            return []
        self._ensure_started()
        return self._run(self._print_all(documents))

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
