"""A forked copy of the build that does the same per-page work alongside it.

Why: once the workers have read and rendered the catalogue, a cold build converts each
page's Markdown and has the theme finish each page in the build's one process: 12 s of a
3,000-SOP build on one core while the second idled. Both results are kept texts, under keys
that name everything they are made from (:mod:`sopdocs.adapters.converting`,
:mod:`sopdocs.adapters.finishing`), and a copy of the build made by ``fork`` once the nav
(or the theme's environment) is ready holds every one of those inputs. The pages are cut
into runs (consecutive pages of one folder, which share the theme's navigation); the copy
claims, in shared memory, the first free run a little ahead of the build's (leaving one to
the build after each of its own while there are more), works on it and hands what it made
to the build's :class:`~sopdocs.site.kept.KeptTexts`, where the build's own look-up under
its own key finds it as it finds a page kept by an earlier build. The build makes every run
it reaches unclaimed. So the two alternate along the list and end together (a copy working
from the other end left the build, once they met, alone with its per-page work for every
page the copy had made: a second at 3,000 SOPs). A key the copy computed differently (a
plugin that counts pages, say) is a miss, never a wrong page; a copy that fails or dies
leaves its pages to the build.

Only for ``mkdocs build``: a process with another thread running is never forked (a lock
that thread holds would stay locked in the copy), nor is one that may run on one CPU only,
nor one on a system without ``fork``.
The copy writes nothing: it sends its texts back through a pipe and leaves by ``os._exit``.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import posixpath
import signal
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sopdocs.parallel import can_fork, usable_cpus

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.sharedctypes import SynchronizedArray

    from mkdocs.structure.pages import Page

    from sopdocs.site.kept import KeptTexts

log = logging.getLogger("mkdocs.plugins.sopdocs")

MIN_PAGES = 100
"""Fewer pages to make than this are made by the build alone: forking a build of thousands
of SOPs costs tens of milliseconds, and the copy's first pages more (it copies what it
touches of the build's memory)."""

RUN = 24
"""Pages in a run at most: a folder of hundreds of pages (the regulations) is shared out."""
AHEAD = 2
"""Runs between the build's and the first one the copy may claim: the copy's page must be
done by the time the build comes to it."""
_AT, _FREE, _BUILD, _COPY = 0, 0, 1, 2
"""The claims in shared memory: item ``_AT`` is the run the build is at, item ``1 + i``
says who makes page ``i``. The copy claims a run's pages one by one as it comes to them,
from the run's end, so the build, should it catch up, makes the run's first pages instead
of waiting for them."""


def worth_helping(pages: int, kept: int) -> bool:
    """Whether ``pages`` pages, of which at most ``kept`` can be kept ones, have enough to
    make for a copy of the build to pay."""
    return pages - kept >= MIN_PAGES


@dataclass(frozen=True, slots=True)
class _Copy:
    """The forked copy as the build reaches it: its process, the claims, its pipe."""

    pid: int
    claims: SynchronizedArray[Any]
    receiving: Connection


class Helper:
    """The build's side of a forked copy working on ``pages`` alongside it."""

    def __init__(
        self,
        pages: Sequence[Page],
        texts: Sequence[KeptTexts],
        copy: _Copy,
        label: str,
    ) -> None:
        self.label = label
        self.pid = copy.pid
        """The copy's process (waited for once it has left)."""
        self._positions = {page.file.src_uri: index for index, page in enumerate(pages)}
        self._run_of = [number for number, run in enumerate(runs(pages)) for _ in run]
        self._texts = {kept.name: kept for kept in texts}
        self._claims = copy.claims
        self._receiving = copy.receiving
        self._finished: set[int] = set()
        self._ended = False
        self._condition = threading.Condition()
        self._reader = threading.Thread(target=self._receive, name="sopdocs-helper", daemon=True)
        self._reader.start()

    @classmethod
    def fork(
        cls,
        pages: Sequence[Page],
        texts: Sequence[KeptTexts],
        work: Callable[[Page], None],
        label: str,
    ) -> Helper | None:
        """Start a copy of this process doing ``work(page)`` for runs of pages ahead of the
        build, its ``texts.put`` going to this process's ``texts``; None where no copy can
        be made. ``label`` names the work in the log."""
        if not can_fork() or len(pages) < 2:
            return None
        if usable_cpus() < 2:  # the copy would only take turns with the build
            return None
        context = multiprocessing.get_context("fork")
        claims = context.Array("q", 1 + len(pages))
        receiving, sending = context.Pipe(duplex=False)
        # What the build made so far lives until it ends: set aside from the collector, so
        # that neither process's collections walk it (and the copy does not copy the pages
        # of memory a collection would touch).
        gc.freeze()
        try:
            pid = os.fork()
        except OSError:  # no process to be had (a limit, memory): the build goes alone
            receiving.close()
            sending.close()
            return None
        if pid == 0:  # the copy
            status = 1
            try:
                receiving.close()
                _help(pages, texts, work, claims, sending)
                status = 0
            finally:
                os._exit(status)
        sending.close()
        return cls(pages, texts, _Copy(pid, claims, receiving), label)

    def before(self, page: Page) -> None:
        """The build comes to ``page``: make it (claiming its run), or wait until the copy
        has made it."""
        index = self._positions.get(page.file.src_uri)
        if index is None:
            return
        with self._claims.get_lock():
            self._claims[_AT] = self._run_of[index]
            if self._claims[1 + index] != _COPY:
                self._claims[1 + index] = _BUILD
                return
        with self._condition:
            self._condition.wait_for(lambda: index in self._finished or self._ended)

    def stop(self, *, abandon: bool = False) -> None:
        """No more pages for the copy; wait for it to leave (``abandon``: end it now)."""
        with self._claims.get_lock():
            for index in range(len(self._claims) - 1):  # nothing is left for the copy
                self._claims[1 + index] = self._claims[1 + index] or _BUILD
        if abandon:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        self._reader.join()
        log.debug(
            "sopdocs: %s: %d dari %d halaman dikerjakan salinan build",
            self.label,
            len(self._finished),
            len(self._positions),
        )

    def _receive(self) -> None:
        try:
            while True:
                message = self._receiving.recv()
                if message[0] == "put":
                    _, name, key, payload = message
                    self._texts[name].offer(key, payload)
                    continue
                with self._condition:
                    self._finished.add(message[1])
                    self._condition.notify_all()
        except (EOFError, OSError):
            pass
        finally:
            self._receiving.close()
            os.waitpid(self.pid, 0)
            with self._condition:
                self._ended = True
                self._condition.notify_all()


def _help(
    pages: Sequence[Page],
    texts: Sequence[KeptTexts],
    work: Callable[[Page], None],
    claims: SynchronizedArray[Any],
    sending: Connection,
) -> None:
    """The copy's whole life: claim a run ahead of the build, work, send; until none is
    left."""
    # Ctrl-C reaches the process group: the build stops, and the copy's pipe breaks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The build's own pages and Pagefind are what the build waits for; the copy's are extra.
    os.nice(10)
    # What the copy would log, the build logs itself when it makes the page.
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)

    def outbox(name: str, key: str, payload: bytes) -> None:
        sending.send(("put", name, key, payload))

    for kept in texts:
        kept.send_to(outbox)
    cut = runs(pages)
    last = -1
    while True:
        with claims.get_lock():
            # A run left between the copy's last and its next is the build's own work
            # while the copy makes it; once the copy is ahead of the build, the runs left.
            ahead = claims[_AT] + AHEAD
            run = _first_free(claims, cut, max(ahead, last + 2))
            if run is None:
                run = _first_free(claims, cut, ahead)
            if run is None:
                return
        last = run
        # From the run's end back: a build that catches up takes the run's first pages,
        # and the two meet inside the run instead of the build waiting page by page.
        for index in reversed(cut[run]):
            with claims.get_lock():
                if claims[1 + index] != _FREE:
                    break  # the build came to it, and to the run's pages before it
                claims[1 + index] = _COPY
            work(pages[index])
            sending.send(("done", index))


def _first_free(claims: SynchronizedArray[Any], cut: list[range], start: int) -> int | None:
    """The first run from ``start`` on whose first page nobody has claimed."""
    free = (r for r in range(start, len(cut)) if claims[1 + cut[r][0]] == _FREE)
    return next(free, None)


def runs(pages: Sequence[Page]) -> list[range]:
    """``pages`` cut into runs of consecutive pages in one folder (``sop/unit/a/index.md``
    and ``sop/unit/b/index.md``: ``sop/unit``), :data:`RUN` at most."""
    cut: list[range] = []
    start, folder = 0, None
    for index, page in enumerate(pages):
        here = posixpath.dirname(posixpath.dirname(page.file.src_uri))
        if index > start and (here != folder or index - start == RUN):
            cut.append(range(start, index))
            start = index
        folder = here
    if pages:
        cut.append(range(start, len(pages)))
    return cut
