"""Spreading a cold build's bulk work over the CPUs this process may use.

A build is one Python process, but a cold build of thousands of SOPs spends most of
sopdocs' time on work that is independent per file: parsing and checking each SOP, and
rendering each SOP page. :func:`ordered_results` hands such work to worker processes and
gives the results back in the order of the tasks, so a parallel run says and makes exactly
what a serial one does.

Where this process can be forked safely (a system with ``fork``, and no other thread
running: ``mkdocs build``), the workers are forked from it: they start at once with
everything imported, and inherit the tasks, so only each task's number and its result
cross between processes (pickling the 3,000 SOP forms of a cold build and unpickling them
in the workers cost 2 s of CPU). Otherwise (``mkdocs serve`` has threads, and a fork would
copy their locks) they are started by a fork server, a fresh single-threaded interpreter
that imports sopdocs once, and each task is sent to them. The pool never outlives the call:
on any error, or Ctrl-C, waiting tasks are cancelled and the workers are stopped before the
exception goes on; a worker that dies (killed, out of memory) leaves the rest of the work
to the build's own process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

T = TypeVar("T")
R = TypeVar("R")

_PRELOAD = ["__main__", "sopdocs.reading.loader", "sopdocs.site.pages"]
"""What the fork server imports once, so that each worker starts with it imported (the
main module too, as multiprocessing does by default: else every worker imports it again)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Parallelism:
    """When bulk work goes to worker processes, and to how many."""

    min_items: int = 100
    """Fewer items of work than this are done in the build's own process: starting workers
    costs more than a warm build's few misses (a saved file in ``mkdocs serve``)."""
    processes: int | None = None
    """Worker processes; None: one per CPU this process may run on. 1 means serial."""

    def workers(self, items: int) -> int:
        """How many processes ``items`` items of work should use: 1 means in this one."""
        if items < max(self.min_items, 2):
            return 1
        available = self.processes or usable_cpus()
        return max(1, min(available, items))


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity, which a container or ``taskset``
    narrows), or the machine's where the system cannot say."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


AUTOMATIC = Parallelism()
"""Workers for a cold build's bulk, one per CPU; a warm build's few misses stay here."""
SERIAL = Parallelism(processes=1)
"""Everything in the build's own process."""


def can_fork() -> bool:
    """Whether this process may be forked: the system has ``fork`` and no other thread
    runs here (a lock another thread holds would stay locked in the copy)."""
    return hasattr(os, "fork") and threading.active_count() == 1


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """``items`` in runs of at most ``size``, in order: one task for a worker each."""
    return [items[start : start + size] for start in range(0, len(items), size)]


def ordered_results(
    work: Callable[[T], R],
    tasks: Sequence[T],
    processes: int,
    initializer: Callable[[], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[R]:
    """``work(task)`` for every task, computed by ``processes`` workers, yielded in the
    order of ``tasks``; ``meanwhile()`` is called here once the tasks are handed out, before
    the first result is waited for. ``work`` and ``initializer`` must be module-level
    functions (the workers import them by name) and tasks and results picklable."""
    global _inherited  # read by the forked workers: _inherited_task
    forked = _inherited is None and can_fork()
    context: BaseContext
    if forked:
        context = multiprocessing.get_context("fork")
        _inherited = (work, tasks)
    else:
        server = multiprocessing.get_context("forkserver")
        server.set_forkserver_preload(_PRELOAD)
        context = server
    pool = ProcessPoolExecutor(
        max_workers=processes,
        mp_context=context,
        initializer=_start_worker,
        initargs=(initializer, forked),
    )
    futures: list[Future[Any]] = []
    try:
        if forked:
            futures = [pool.submit(_inherited_task, number) for number in range(len(tasks))]
        else:
            futures = [pool.submit(work, task) for task in tasks]
        if meanwhile is not None:
            meanwhile()
        for done, future in enumerate(futures):
            try:
                result = future.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory): the rest is done here, as serially.
                yield from (work(task) for task in tasks[done:])
                return
            yield result
    finally:
        # Also on Ctrl-C, an error, or a consumer that stops early: nothing keeps running.
        for future in futures:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        if forked:
            _inherited = None


_inherited: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
"""The work and the tasks of the :func:`ordered_results` call whose workers are forked."""


def _inherited_task(number: int) -> Any:
    """In a forked worker: the task numbered ``number``, done."""
    assert _inherited is not None, "only forked workers are given task numbers"
    work, tasks = _inherited
    return work(tasks[number])


def _start_worker(initializer: Callable[[], None] | None, forked: bool) -> None:
    # Ctrl-C reaches the whole process group; the build stops the pool itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if forked:
        # What the worker inherited is only read: the collector must not walk it (each
        # page of memory it touched would be copied from the build's). The build may have
        # paused the collector while it made that; the worker's own garbage is collected.
        gc.freeze()
        gc.enable()
    if initializer is not None:
        initializer()
