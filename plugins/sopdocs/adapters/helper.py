"""A forked copy of the build that does the same per-page work from the other end.

Why: once the workers have read and rendered the catalogue, a cold build converts each
page's Markdown and has the theme finish each page in the build's one process: 12 s of a
3,000-SOP build on one core while the second idled. Both results are kept texts, under keys
that name everything they are made from (:mod:`sopdocs.adapters.converting`,
:mod:`sopdocs.adapters.finishing`), and a copy of the build made by ``fork`` once the nav
(or the theme's environment) is ready holds every one of those inputs. The copy takes pages
from the end of the list while the build takes them from the start, each claiming a page in
shared memory before working on it, and hands what it made to the build's
:class:`~sopdocs.site.kept.KeptTexts`, where the build's own look-up under its own key finds
it as it finds a page kept by an earlier build. A key the copy computed differently (a
plugin that counts pages, say) is a miss, never a wrong page; a copy that fails or dies
leaves its pages to the build.

Only for ``mkdocs build``: a process with another thread running is never forked (a lock
that thread holds would stay locked in the copy), nor is one that may run on one CPU only,
nor one on a system without ``fork``.
The copy writes nothing: it sends its texts back through a pipe and leaves by ``os._exit``.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sopdocs.parallel import usable_cpus

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

_BUILD, _HELPER = 0, 1
"""The claims in shared memory: the next page the build takes, and the one after the
helper's last (the helper takes the page before it)."""


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
    """The build's side of a forked copy working on ``pages`` from the end."""

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
        """Start a copy of this process doing ``work(page)`` from the last page back, its
        ``texts.put`` going to this process's ``texts``; None where no copy can be made.
        ``label`` names the work in the log."""
        if not hasattr(os, "fork") or threading.active_count() > 1 or len(pages) < 2:
            return None
        if usable_cpus() < 2:  # the copy would only take turns with the build
            return None
        context = multiprocessing.get_context("fork")
        claims = context.Array("q", [0, len(pages)])
        receiving, sending = context.Pipe(duplex=False)
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
        """The build comes to ``page``: claim it, or wait until the copy has made it."""
        index = self._positions.get(page.file.src_uri)
        if index is None:
            return
        with self._claims.get_lock():
            if index < self._claims[_HELPER]:
                self._claims[_BUILD] = max(self._claims[_BUILD], index + 1)
                return
        with self._condition:
            self._condition.wait_for(lambda: index in self._finished or self._ended)

    def stop(self, *, abandon: bool = False) -> None:
        """No more pages for the copy; wait for it to leave (``abandon``: end it now)."""
        with self._claims.get_lock():
            self._claims[_BUILD] = len(self._positions)
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
    """The copy's whole life: claim from the end, work, send; until the build is reached."""
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
    while True:
        with claims.get_lock():
            index = claims[_HELPER] - 1
            if index < claims[_BUILD]:
                return
            claims[_HELPER] = index
        work(pages[index])
        sending.send(("done", index))
