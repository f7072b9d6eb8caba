"""Fixtures for site tests: the inline catalogue of :mod:`support` written to a temporary
folder, built by a real MkDocs-Material build, and parsed (:mod:`pagetree`) to check the result.

The standard catalogue is built once per session (``site``); tests that need another
catalogue or option call ``build_site`` on a folder of their own.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, settings
from mkdocs.commands.build import build
from mkdocs.config import load_config
from pagetree import Node, parse_html
from support import CATALOGUE, HOSTILE, MKDOCS_YML, REPO, write_files

# Property tests judge what a function returns, never how long it took: a per-example
# deadline and the "too slow" health check only measure how busy the machine is.
settings.register_profile("sopdocs", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("sopdocs")

# --- building sites -----------------------------------------------------------------------


@dataclass
class BuiltSite:
    root: Path
    site_dir: Path
    records: list[logging.LogRecord]

    def html(self, url: str) -> str:
        """The HTML of the page at ``url`` (``sop/a/b/``), as served."""
        return (self.site_dir / url / "index.html").read_text(encoding="utf-8")

    def page(self, url: str) -> Node:
        return parse_html(self.html(url))

    def content(self, url: str) -> Node:
        """The page's article, without the theme's header, nav and footer."""
        return self.page(url).find("article")

    def messages(self, level: int = logging.WARNING) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]

    def outputs(self) -> dict[str, bytes]:
        """Every file the build wrote, by its path in the site folder, byte for byte."""
        return {
            p.relative_to(self.site_dir).as_posix(): p.read_bytes()
            for p in sorted(self.site_dir.rglob("*"))
            if p.is_file()
        }


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def _working_dir(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def write_site(root: Path, files: dict[str, str], mkdocs_yml: str = MKDOCS_YML) -> Path:
    """Write ``{relative path: text}`` and ``mkdocs.yml`` under ``root``."""
    return write_files(root, {"mkdocs.yml": mkdocs_yml, **files})


def build_site(
    root: Path,
    *,
    strict: bool = False,
    serving: Literal["stay", "stop", "dirty"] | None = None,
    records: list[logging.LogRecord] | None = None,
    site_dir: Path | None = None,
) -> BuiltSite:
    """``mkdocs build`` in ``root``, in this process, as the command line runs it.

    Run from ``root`` like an author would, so messages name ``sops/...`` paths. Exceptions
    (``Abort`` after a ``PluginError``, strict mode) propagate; ``records`` gets the log
    anyway. MkDocs keeps one plugin instance per process across builds, as ``mkdocs serve``
    does, so ``serving="stay"`` lets a test rebuild "while serving" (``"stop"``: the last
    build before the server stops).
    ``"dirty"`` stays too, as ``mkdocs serve --dirty``: pages MkDocs is told are unchanged
    are skipped.
    """
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(collect)
    logger.setLevel(logging.INFO)
    try:
        with _working_dir(root):
            overrides = {"site_dir": str(site_dir)} if site_dir is not None else {}
            config = load_config(config_file=str(root / "mkdocs.yml"), strict=strict, **overrides)
            dirty = serving == "dirty"
            config.plugins.on_startup(command="build" if serving is None else "serve", dirty=dirty)
            try:
                build(config, dirty=dirty)
            finally:
                if serving not in ("stay", "dirty"):
                    config.plugins.on_shutdown()
    finally:
        logger.removeHandler(collect)
        logger.setLevel(level)
        if records is not None:
            records.extend(collect.records)
    return BuiltSite(root=root, site_dir=site_dir or root / "site", records=collect.records)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The standard inline catalogue, built once for every test that only reads it."""
    root = write_site(tmp_path_factory.mktemp("katalog"), CATALOGUE)
    return build_site(root)


@pytest.fixture(name="build_site")
def build_site_fixture() -> Callable[..., BuiltSite]:
    """:func:`build_site`, for tests that build a site of their own."""
    return build_site


@pytest.fixture
def hostile() -> str:
    """:data:`HOSTILE`, the hostile SOP's name."""
    return HOSTILE


@pytest.fixture(name="parse_html")
def parse_html_fixture() -> Callable[[str], Node]:
    return parse_html


@pytest.fixture
def new_site(tmp_path: Path) -> Callable[..., Path]:
    """A site of one's own: the standard catalogue with ``changes`` (path: text, or None to
    delete), extra lines of sopdocs ``options`` and of top-level ``mkdocs`` settings;
    returns its root."""

    def make(
        changes: dict[str, str | None] | None = None, options: str = "", mkdocs: str = ""
    ) -> Path:
        files = {**CATALOGUE, **(changes or {})}
        kept = {path: text for path, text in files.items() if text is not None}
        yml = MKDOCS_YML + "".join(f"      {line}\n" for line in options.splitlines())
        return write_site(tmp_path, kept, mkdocs + "\n" + yml)

    return make


# --- golden files -------------------------------------------------------------------------

GOLDEN = REPO / "tests" / "golden"
"""Expected text outputs that are contracts, kept in the repository for reviewers to read."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from what the code writes now (review the git diff after)",
    )


@dataclass(frozen=True)
class Golden:
    """Compares a text output with its file under ``tests/golden/``, or rewrites the file."""

    folder: Path
    update: bool

    def check(self, relative: str, actual: str) -> None:
        path = self.folder / relative
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(actual.encode("utf-8"))
            return
        assert path.is_file(), f"{relative}: no golden file; run pytest --update-golden"
        expected = path.read_bytes().decode("utf-8")
        assert actual == expected, f"{relative} differs; if intended, run pytest --update-golden"

    def check_all(self, relative: str, outputs: dict[str, str]) -> None:
        """Every file of a folder: the same names, and each the same text."""
        folder = self.folder / relative
        if self.update and folder.is_dir():
            shutil.rmtree(folder)
        for name, text in outputs.items():
            self.check(f"{relative}/{name}", text)
        kept = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        assert kept == sorted(outputs), f"{relative}: stale golden files; run --update-golden"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """``--update-golden`` (or ``SOPDOCS_UPDATE_GOLDEN=1``, which test_review_output reads
    too) rewrites the files instead of comparing."""
    update = request.config.getoption("--update-golden") or os.environ.get("SOPDOCS_UPDATE_GOLDEN")
    return Golden(GOLDEN, bool(update))


CHROMIUM = "/usr/bin/chromium"


BROWSER_TIMEOUT_MS = 30_000
"""How long a browser test waits for a page or an element: a bound for a machine busy with
other work (pages load in well under a second), never an expected time."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    """A static server that refuses no connection: Chromium opens several at once, and on a
    busy machine the default backlog of 5 fills before the server accepts them."""

    request_queue_size = 128
    daemon_threads = True


def serve(folder: Path) -> Iterator[str]:
    """``folder`` over HTTP on 127.0.0.1 until the generator is closed; yields its address."""
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium per test process, shared by every browser test module:
    Playwright's sync API allows one running instance per process."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM}")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()
