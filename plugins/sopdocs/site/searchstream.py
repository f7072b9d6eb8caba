"""Index each page with Pagefind the moment the build has finished it, not after the build.

Why: running Pagefind over the written site (:func:`searchindex.build_index`) starts only
once Python has made every page, then reads every file again; the build waits those
seconds (about 7 of them at 3,000 SOPs on two cores). Pagefind also runs as a service
(``pagefind --service``: base64-encoded JSON messages, each ended by a comma, on its
standard input and output), which indexes pages handed to it one by one. A
:class:`StreamedIndex` starts it before the first page and passes each finished page
through a queue to a thread that writes it to Pagefind, so that Pagefind indexes on the
other core while Python builds the next page; at the end it asks for the index's files.

Pagefind indexes what is inside ``data-pagefind-body``, plus a few things it reads anywhere
(``<html lang>``, ``<title>``, the first ``<h1>`` and ``<img>``, ``data-pagefind-``
attributes). So of a page only the part up to the ``<body>`` tag and everything from the
element marked as the body on is sent: the header and navigation between, half of a page's
bytes, are not; a page whose left-out part holds anything Pagefind reads is sent whole. Nor
are the flowchart's drawings, which Pagefind is told to ignore (a third of what is left of
an SOP page, and of Pagefind's time spent reading it). The
rules of a run over the folder hold: pages without ``data-pagefind-body`` are indexed only
when no page has one, and HTML files the build did not hand over (the theme's 404 page,
HTML copied from ``docs/``) are read from the folder at the end.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import queue
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sopdocs.cache import Cache
from sopdocs.site import searchbundle, searchindex
from sopdocs.site.inplace import write_over
from sopdocs.site.searchindex import BUNDLE_DIR, EXCLUDED, IndexReport, SearchIndexError

BODY_MARK = "data-pagefind-body"
READ_ANYWHERE = ("<h1", "<H1", "<img", "<IMG", "<Img", "data-pagefind-")
"""What Pagefind reads outside the body too: a page's first ``<h1>`` is its title, its
first ``<img>`` its picture, and any ``data-pagefind-meta`` or ``-filter`` counts. (Looked
for as written, not lower-cased: a copy of the navigation costs more than six searches.)"""
_END = None
"""Put on the queue after the last page: the writing thread stops."""


@dataclass(frozen=True, slots=True)
class FedPage:
    """One page as Pagefind gets it: its URL, the part of its HTML that it reads, and that
    part's SHA-256 (for the kept index's key)."""

    url: str
    html: str
    sha: str


def page_url(relative: str) -> str:
    """The URL Pagefind gives a file of the site: ``sop/a/index.html`` → ``/sop/a/``."""
    url = "/" + relative
    return url[: -len("index.html")] if url.endswith("/index.html") else url


NAV_FROM = '<div class="md-sidebar md-sidebar--primary"'
NAV_TO = '<div class="md-sidebar md-sidebar--secondary"'
"""Where Material's navigation starts and ends (the secondary sidebar holds the page's own
table of contents): the same for every page of a folder, and most of what lies before the
body."""


DRAWING = '<span class="sopdocs-gambar" aria-hidden="true" data-pagefind-ignore>'
DRAWING_END = "</span></td>"
"""A row's slice of the flowchart (``_alur.j2``): lines and symbols, a third of an SOP
page's bytes, none of them indexed; the drawing is the last thing in its table cell."""


def readable_part(html: str) -> tuple[str, bool]:
    """What of ``html`` Pagefind reads, and whether it has a ``data-pagefind-body``: all
    but what lies between the ``<body>`` tag and the element marked as the body, and but
    the flowchart's drawings."""
    return ReadablePart()(html)


def without_drawings(html: str, *, ours: bool = False) -> str:
    """``html`` without the flowchart's drawings (:data:`DRAWING`), which Pagefind is told
    to ignore: it would parse them only to skip them. A drawing whose end is not where the
    template puts it (before its cell's end, no other cell between) stays, and so does one
    that holds anything Pagefind reads anywhere, unless the page is ``ours``: written by
    sopdocs' own template, whose drawings hold only shapes and escaped text."""
    start = html.find(DRAWING)
    if start < 0:
        return html
    pieces = []
    kept_from = 0
    while start >= 0:
        inside = start + len(DRAWING)
        end = html.find(DRAWING_END, inside)
        if end < 0:
            break
        looked_through = ours or not _reads_in(html, inside, end)
        if looked_through and html.find("<td", inside, end) < 0:
            pieces.append(html[kept_from:start])
            kept_from = end + len("</span>")
        start = html.find(DRAWING, end)
    pieces.append(html[kept_from:])
    return "".join(pieces)


class ReadablePart:
    """:func:`readable_part` for one build's pages in order: the navigation between
    :data:`NAV_FROM` and :data:`NAV_TO`, when the page before held the very same and it was
    looked through, is not looked through again (a third of the build's time per page
    spent on the search index went to those six searches of 40 KB)."""

    def __init__(self) -> None:
        self._clean_nav = ""

    def __call__(self, html: str, *, ours: bool = False) -> tuple[str, bool]:
        """``ours``: the page's drawings are sopdocs' own (:func:`without_drawings`)."""
        mark = html.find(BODY_MARK)
        if mark < 0:
            return without_drawings(html, ours=ours), False
        body = html.find("<body")
        body_end = html.find(">", body) + 1 if body >= 0 else 0
        element = html.rfind("<", 0, mark)
        between = body >= 0 and 0 < body_end <= element
        if between and not self._reads_anything(html, body_end, element):
            return html[:body_end] + without_drawings(html[element:], ours=ours), True
        return without_drawings(html, ours=ours), True

    def _reads_anything(self, html: str, start: int, end: int) -> bool:
        nav_start = html.find(NAV_FROM, start, end)
        nav_end = html.find(NAV_TO, nav_start, end) if nav_start >= 0 else -1
        if nav_end < 0:
            return _reads_in(html, start, end)
        nav = html[nav_start:nav_end]
        if nav == self._clean_nav:
            return _reads_in(html, start, nav_start) or _reads_in(html, nav_end, end)
        if _reads_in(html, start, end):
            return True
        self._clean_nav = nav
        return False


def _reads_in(html: str, start: int, end: int) -> bool:
    return any(html.find(needle, start, end) >= 0 for needle in READ_ANYWHERE)


class StreamedIndex:
    """One build's Pagefind service: :meth:`add` each finished page (cheap: it queues
    it), then :meth:`finish` once; :meth:`abort` when the build fails.

    Raises:
        SearchIndexError: from the constructor when Pagefind cannot be started.
    """

    def __init__(self, kept: Mapping[str, str] | None = None) -> None:
        """``kept``: the pages of the index kept in the cache (URL → SHA-256 of what was
        sent). While every page matches it, none is sent: a build that changed nothing
        gets the kept index back without Pagefind reading a page; the first page that
        differs sends those held back, then every page as it comes."""
        self._command = searchindex.pagefind_command()
        self._stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed in _close)
        try:
            self._process = subprocess.Popen(
                [*self._command, "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
            )
        except OSError as exc:
            self._stderr.close()
            raise SearchIndexError(f"Pagefind tidak dapat dijalankan ({exc})") from exc
        self._replies = _Replies()
        self._readable = ReadablePart()
        self._queue: queue.SimpleQueue[FedPage | None] = queue.SimpleQueue()
        self._added: set[str] = set()
        self._sent: dict[str, str] = {}
        """URL → SHA-256 of what was (or is queued to be) sent, for the kept index's key."""
        self._bodiless: list[FedPage] = []
        self._kept = dict(kept or {})
        self._queued = 0
        self._held: list[FedPage] | None = [] if self._kept else None
        """Pages matching the kept index, not sent yet; None once pages are sent."""
        self._failed: str | None = None
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._send({"type": "NewIndex", "config": {"exclude_selectors": list(EXCLUDED)}})
        self._writer = threading.Thread(target=self._write, daemon=True)
        self._writer.start()

    def add(self, relative: str, html: str, *, ours: bool = False) -> None:
        """Hand over the page written at ``relative`` (inside the site folder); ``ours``:
        its flowchart was drawn by sopdocs' own template. What is sent is cut and hashed
        here, so that the queue holds only that and the key is known the moment the last
        page is added, however far behind Pagefind is."""
        url = page_url(relative)
        self._added.add(url)
        part, has_body = self._readable(html, ours=ours)
        page = FedPage(url, part, hashlib.sha256(part.encode()).hexdigest())
        if not has_body:
            self._bodiless.append(page)
            return
        self._sent[url] = page.sha
        if self._held is not None and self._kept.get(url) == page.sha:
            self._held.append(page)
            return
        self._release()
        self._put(page)

    def _put(self, page: FedPage) -> None:
        self._queued += 1
        self._queue.put(page)

    def _release(self) -> None:
        """Send the pages held back, in the order they came: Pagefind must read them."""
        held, self._held = self._held, None
        for page in held or ():
            self._put(page)

    def finish(self, site_dir: Path, cache: Cache | None = None) -> IndexReport:
        """Write the index to ``site_dir/pagefind``: after the pages handed over, those of
        the folder that were not; with a ``cache``, the index kept there when the pages are
        those it was built from.

        Raises:
            SearchIndexError: Pagefind failed, stopped, took too long, or indexed no page.
        """
        started = time.perf_counter()
        bundle = site_dir / BUNDLE_DIR
        try:
            self._add_the_rest(site_dir)
            key = searchbundle.sent_digest(self._sent, searchindex.engine(self._command))
            # The pages are those of the kept index: no need to wait for Pagefind.
            if cache is not None and searchbundle.restore(cache, key, bundle):
                self._queue.put(_END)
                pages = sum(1 for _ in (bundle / "fragment").iterdir())
                seconds = time.perf_counter() - started
                return IndexReport(pages=pages, seconds=seconds, reused=True, sent=self._queued)
            self._release()
            self._queue.put(_END)
            self._wait(self._replies.all_answered, started)
            pages = self._replies.count("IndexedFile")
            if pages == 0:
                raise SearchIndexError(f"Pagefind tidak mengindeks satu halaman pun di {site_dir}")
            number = self._send({"type": "GetFiles", "index_id": 0})
            self._wait(lambda: self._replies.has(number), started)
            files = _write_bundle(bundle, self._replies.files)
            if cache is not None:
                searchbundle.keep_files(cache, key, files, self._sent)
            seconds = time.perf_counter() - started
            return IndexReport(pages=pages, seconds=seconds, sent=self._queued)
        finally:
            self._close()

    def _add_the_rest(self, site_dir: Path) -> None:
        """The folder's pages that were not handed over, then, if no page had a marked
        body, the pages without one."""
        for relative, html in _unsent(site_dir, self._added):
            self.add(relative, html)
        if not self._sent:
            self._release()
            for page in self._bodiless:
                self._sent[page.url] = page.sha
                self._put(page)

    def abort(self) -> None:
        """Stop Pagefind without writing anything (the build failed)."""
        self._queue.put(_END)
        self._close()

    # --- the writing thread ---------------------------------------------------------------

    def _write(self) -> None:
        while (page := self._queue.get()) is not _END:
            if self._failed is None:
                self._send_page(page)

    def _send_page(self, page: FedPage) -> None:
        request = {
            "type": "AddFile",
            "index_id": 0,
            "url": page.url,
            "file_path": None,
            "file_contents": page.html,
        }
        self._send(request)

    def _send(self, payload: dict[str, Any]) -> int:
        number = self._replies.expect()
        message = json.dumps({"message_id": number, "payload": payload}, ensure_ascii=False)
        stdin = self._process.stdin
        try:
            if stdin is None:
                raise BrokenPipeError
            stdin.write(base64.b64encode(message.encode()) + b",")
            stdin.flush()
        except (OSError, ValueError):
            self._failed = self._failed or "Pagefind berhenti sebelum selesai"
            self._replies.fail()
        return number

    # --- the reading thread ---------------------------------------------------------------

    def _read(self) -> None:
        stdout = self._process.stdout
        if stdout is None:
            return
        for reply in _messages(stdout):
            payload = reply.get("payload") or {}
            if payload.get("type") == "Error":
                self._failed = self._failed or str(payload.get("message") or "tanpa pesan")
            self._replies.answered(reply.get("message_id"), payload)
        self._replies.fail()

    # --- waiting and ending ---------------------------------------------------------------

    def _wait(self, done: Any, started: float) -> None:
        """Wait until every page is sent and ``done()``; raise if Pagefind failed, stopped,
        or ran out of time (:data:`searchindex.TIMEOUT` from ``started``)."""
        while self._writer.is_alive() and not self._replies.broken:
            if time.perf_counter() - started >= searchindex.TIMEOUT:
                break
            self._writer.join(0.25)
        remaining = searchindex.TIMEOUT - (time.perf_counter() - started)
        stuck = self._writer.is_alive() and not self._replies.broken
        if stuck or not self._replies.wait(done, remaining):
            raise SearchIndexError(
                f"Pagefind tidak selesai dalam {searchindex.TIMEOUT:.0f} detik dan dihentikan"
            )
        self._check()

    def _check(self) -> None:
        if self._failed is None and not self._replies.broken:
            return
        self._stderr.seek(0)
        detail = self._stderr.read().decode(errors="replace").strip().splitlines()
        reason = self._failed or " / ".join(detail[-3:]) or "Pagefind berhenti sebelum selesai"
        code = self._process.poll()
        where = f" (kode {code})" if code else ""
        raise SearchIndexError(f"Pagefind gagal{where}: {reason}")

    def _close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        self._stderr.close()


class _Replies:
    """Messages sent and Pagefind's answers, shared by the threads under one condition."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._sent = 0
        self._types: dict[int, str] = {}
        self.broken = False
        """Pagefind's output ended (it stopped) or its input no longer takes messages."""
        self.files: list[dict[str, str]] = []
        """The index's files, as Pagefind answered ``GetFiles``: path and base64 content."""

    def expect(self) -> int:
        with self._condition:
            self._sent += 1
            return self._sent

    def answered(self, number: object, payload: dict[str, Any]) -> None:
        with self._condition:
            if isinstance(number, int):
                self._types[number] = str(payload.get("type"))
            if payload.get("type") == "GetFiles":
                self.files = payload.get("files") or []
            self._condition.notify_all()

    def fail(self) -> None:
        with self._condition:
            self.broken = True
            self._condition.notify_all()

    def has(self, number: int) -> bool:
        return number in self._types

    def all_answered(self) -> bool:
        return len(self._types) >= self._sent

    def count(self, kind: str) -> int:
        with self._condition:
            return sum(1 for t in self._types.values() if t == kind)

    def wait(self, done: Any, seconds: float) -> bool:
        """Whether ``done()`` (or a failure) came within ``seconds``."""
        with self._condition:
            return self._condition.wait_for(lambda: self.broken or done(), max(seconds, 0.0))


def _messages(stdout: IO[bytes]) -> Iterator[dict[str, Any]]:
    """Pagefind's answers as they come, until its output ends. The last one, the whole
    index, is tens of megabytes: its pieces are joined once, when its comma arrives."""
    pieces: list[bytes] = []
    while chunk := stdout.read1(1 << 20):  # type: ignore[attr-defined]
        if b"," not in chunk:
            pieces.append(chunk)
            continue
        first, *complete, rest = chunk.split(b",")
        for message in [b"".join([*pieces, first]), *complete]:
            try:
                decoded = json.loads(base64.b64decode(message))
            except ValueError:
                continue
            if isinstance(decoded, dict):
                yield decoded
        pieces = [rest]


def _write_bundle(bundle: Path, files: list[dict[str, str]]) -> dict[str, bytes]:
    """Write the index's files (Pagefind's service writes them without waiting for the
    disk, so a build that stops it at once could publish a half-written file), over the
    last index's (:func:`sopdocs.site.inplace.write_over`); returns them by path."""
    decoded = {file["path"]: base64.b64decode(file["content"]) for file in files}
    try:
        write_over(bundle, decoded)
    except ValueError as outside:
        raise SearchIndexError(f"Pagefind memberi berkas di luar indeks: {outside}") from outside
    return decoded


def _unsent(site_dir: Path, sent: set[str]) -> Iterator[tuple[str, str]]:
    """HTML files of the site outside the index that were not handed over."""
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith(f"{BUNDLE_DIR}/") or page_url(relative) in sent:
            continue
        yield relative, path.read_text(encoding="utf-8", errors="replace")
