"""A progress bar for long runs on a terminal (thousands of SOPs, cold diagrams).

It shows itself only when stderr is a terminal and the run is long, so CI logs, pipes and
small catalogues stay quiet. Both adapters, the command and the MkDocs plugin, use it.
"""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

THRESHOLD = 200
"""Below this many items a run is quick and a bar would only flicker."""


class TerminalProgress:
    """A ``progress(done, total)`` callback drawing a rich bar on stderr; use with ``with``."""

    def __init__(self, description: str, console: Console | None = None) -> None:
        self._console = console or Console(stderr=True)
        self._description = description
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if total < THRESHOLD or done >= total or not self._console.is_terminal:
                return
            self._bar = Progress(
                TextColumn(self._description),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self._console,
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(self._description, total=total)
        if self._task is not None:
            self._bar.update(self._task, completed=done, total=total)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
            self._task = None

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
