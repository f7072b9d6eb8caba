"""Build the Pagefind search index of a built site, by running the Pagefind binary on it.

The binary ships in the ``pagefind[bin]`` wheel (``pagefind_bin``); a ``pagefind`` on PATH
does too. One run reads every HTML page of the site folder and writes ``pagefind/`` inside
it; the HTML stays as it is. A failure is reported as one sentence an author can act on.
"""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from sopdocs.cache import Cache
from sopdocs.site import searchbundle

BUNDLE_DIR = "pagefind"
"""Where the index goes inside the site: ``<site>/pagefind/pagefind.js`` and its chunks."""

EXCLUDED = (".headerlink", ".sopdocs-flowchart", ".md-source-file")
"""Parts of a page that are not its text: permalink marks, the diagram (its labels repeat
the procedure table), Material's "last updated" line."""


class SearchIndexError(Exception):
    """The index could not be built; the message says what to do."""


class SearchIndexCancelled(SearchIndexError):
    """The run was stopped because the site is being built again (``mkdocs serve``)."""

    def __init__(self) -> None:
        super().__init__("dibatalkan: situs sedang dibangun ulang")


TIMEOUT = 600.0
"""Seconds a Pagefind run may take: ten times what 10,000 SOPs take on 2 cores."""


@dataclass(frozen=True, slots=True, kw_only=True)
class IndexReport:
    pages: int
    seconds: float
    reused: bool = False
    """The pages were those of the index kept in the cache, which was copied back."""
    sent: int | None = None
    """Pages handed to Pagefind's service in this build (None: it read the folder)."""


def pagefind_command() -> list[str]:
    """How to run Pagefind here: the binary from the wheel, else one on PATH.

    Raises:
        SearchIndexError: neither is installed.
    """
    for module in ("pagefind_bin", "pagefind_bin_extended"):
        try:
            package = __import__(module)
        except ImportError:
            continue
        return [str(package.get_executable())]
    found = shutil.which("pagefind") or shutil.which("pagefind_extended")
    if found:
        return [found]
    raise SearchIndexError("Pagefind tidak terpasang; pasang dengan: pip install 'pagefind[bin]'")


def build_index(
    site_dir: Path, cache: Cache | None = None, stop: threading.Event | None = None
) -> IndexReport:
    """Index every page of ``site_dir`` into ``site_dir/pagefind``, replacing an old index;
    with a ``cache``, the index kept there when the pages are those it was built from;
    ``stop`` set while Pagefind runs ends the run with :class:`SearchIndexCancelled`.

    Raises:
        SearchIndexError: Pagefind is missing, fails, or finds no page to index.
    """
    if next(site_dir.rglob("*.html"), None) is None:
        raise SearchIndexError(f"tidak menemukan halaman HTML untuk diindeks di {site_dir}")
    command = _command(site_dir)
    if cache is None:
        return _run(command, site_dir, stop)
    started = time.perf_counter()
    key = searchbundle.pages_digest(site_dir, BUNDLE_DIR, engine(command))
    if searchbundle.restore(cache, key, site_dir / BUNDLE_DIR):
        pages = sum(1 for _ in (site_dir / BUNDLE_DIR / "fragment").iterdir())
        return IndexReport(pages=pages, seconds=time.perf_counter() - started, reused=True)
    report = _run(command, site_dir, stop)
    searchbundle.keep(cache, key, site_dir / BUNDLE_DIR)
    return report


def engine(command: list[str]) -> list[str]:
    """Which Pagefind runs, for the kept index's key: its wheel's version, else its path
    (the options are sopdocs' code, which every key names)."""
    try:
        return [importlib.metadata.version("pagefind_bin")]
    except importlib.metadata.PackageNotFoundError:
        return command[:1]


def _command(site_dir: Path) -> list[str]:
    return [
        *pagefind_command(),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE_DIR,
        "--exclude-selectors",
        ", ".join(EXCLUDED),
    ]


def _run(command: list[str], site_dir: Path, stop: threading.Event | None) -> IndexReport:
    shutil.rmtree(site_dir / BUNDLE_DIR, ignore_errors=True)
    if stop is not None and stop.is_set():
        raise SearchIndexCancelled()
    started = time.perf_counter()
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    except OSError as exc:
        raise SearchIndexError(f"Pagefind tidak dapat dijalankan ({exc})") from exc
    done = _finish(process, started, stop)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise SearchIndexError(
            f"Pagefind gagal (kode {done.returncode}): {' / '.join(detail[-3:]) or 'tanpa pesan'}"
        )
    match = re.search(r"Indexed (\d+) pages?", done.stdout)
    pages = int(match.group(1)) if match else 0
    if pages == 0:
        raise SearchIndexError(f"Pagefind tidak mengindeks satu halaman pun di {site_dir}")
    return IndexReport(pages=pages, seconds=seconds)


def _finish(
    process: subprocess.Popen[str], started: float, stop: threading.Event | None
) -> subprocess.CompletedProcess[str]:
    """Wait for Pagefind, killing it when ``stop`` is set (the pages it reads are being
    replaced) or when it runs past :data:`TIMEOUT` (it hangs rather than fails when the
    folder it walks changes under it), so that no build waits on it forever."""
    while True:
        try:
            stdout, stderr = process.communicate(timeout=0.25)
        except subprocess.TimeoutExpired:
            stopped = stop is not None and stop.is_set()
            if not stopped and time.perf_counter() - started < TIMEOUT:
                continue
            process.kill()
            process.communicate()
            if stopped:
                raise SearchIndexCancelled() from None
            raise SearchIndexError(
                f"Pagefind tidak selesai dalam {TIMEOUT:.0f} detik dan dihentikan"
            ) from None
        return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
