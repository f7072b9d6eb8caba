"""Long runs show progress on a terminal, and only there."""

from __future__ import annotations

import io

from rich.console import Console
from sopdocs.adapters.progress import THRESHOLD, TerminalProgress


def run(console: Console, total: int) -> str:
    with TerminalProgress("Memeriksa SOP", console) as progress:
        for done in range(total + 1):
            progress(done, total)
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_a_long_run_on_a_terminal_shows_a_bar():
    shown = run(Console(file=io.StringIO(), force_terminal=True, width=80), THRESHOLD * 2)
    assert "Memeriksa SOP" in shown


def test_a_long_run_in_a_pipe_or_ci_log_prints_nothing():
    assert run(Console(file=io.StringIO(), force_terminal=False), THRESHOLD * 2) == ""


def test_a_short_run_prints_nothing_even_on_a_terminal():
    assert run(Console(file=io.StringIO(), force_terminal=True), THRESHOLD - 1) == ""


def test_a_run_already_done_when_first_reported_prints_nothing():
    console = Console(file=io.StringIO(), force_terminal=True)
    with TerminalProgress("Menggambar", console) as progress:
        progress(THRESHOLD * 3, THRESHOLD * 3)  # a warm cache: everything was there
    assert console.file.getvalue() == ""
