"""Present issues to a person or to a machine: one presenter per output format.

``text`` is for people (a terminal in colour, a pipe, CI logs and MkDocs' log plain),
``github`` writes workflow annotations that land on a pull request's changed lines, and
``json`` is for programs. Every command and the MkDocs plugin go through here, so an issue
reads the same wherever an author meets it; so does the exit status of the commands.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Literal

from rich.console import Console
from rich.text import Text

from sopdocs.issues import Issue

Format = Literal["text", "github", "json"]
FORMATS: tuple[Format, ...] = ("text", "github", "json")

OK, PROBLEMS = 0, 1
"""Exit statuses of every command: 0 clean (warnings allowed), 1 problems found. Wrong usage
exits 2, click's own."""


def exit_status(issues: Sequence[Issue], *, other_problems: bool = False) -> int:
    """The exit status after reporting ``issues``: any error, or ``other_problems`` (such as a
    file that ``fmt --check`` would change), is a failure."""
    return PROBLEMS if other_problems or any(i.is_error for i in issues) else OK


def text(issue: Issue) -> Text:
    """``path:line:col: galat: message [code]``, then the hint on its own line.

    Built as rich ``Text``, never as markup: an author's ``[bold]`` stays what they wrote.
    """
    style = "bold red" if issue.is_error else "yellow"
    label = "galat" if issue.is_error else "peringatan"
    line = Text.assemble(
        (str(issue.location), "bold"),
        ": ",
        (label, style),
        f": {issue.message} ",
        (f"[{issue.code}]", "dim"),
    )
    if issue.hint:
        line.append(f"\n    → {issue.hint}", style="dim")
    return line


def github_annotation(issue: Issue) -> str:
    """A GitHub Actions workflow command that annotates the issue's line."""
    loc = issue.location
    props = ",".join(
        (
            f"file={_github_escape(loc.path, prop=True)}",
            f"line={loc.line}",
            f"col={loc.col}",
            f"title={_github_escape('sopdocs ' + issue.code, prop=True)}",
        )
    )
    kind = "error" if issue.is_error else "warning"
    return f"::{kind} {props}::{_github_escape(issue.describe())}"


def _github_escape(value: str, *, prop: bool = False) -> str:
    # GitHub's workflow-command encoding: %, CR and LF always; ':' and ',' in properties.
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def record(issue: Issue) -> dict[str, object]:
    """One issue as JSON-ready data."""
    loc = issue.location
    return {
        "path": loc.path,
        "line": loc.line,
        "col": loc.col,
        "severity": issue.severity.value,
        "code": issue.code,
        "message": issue.message,
        "hint": issue.hint,
    }


def summary(issues: Sequence[Issue], files: int) -> str:
    errors = sum(i.is_error for i in issues)
    warnings = len(issues) - errors
    return f"{files} SOP diperiksa: {errors} galat, {warnings} peringatan"


def print_issues(
    issues: Sequence[Issue], fmt: Format, console: Console, files: int | None = None
) -> None:
    """Every issue in ``fmt``, then (when ``files`` is given) how many files were checked."""
    if fmt == "json":
        payload: dict[str, object] = {"issues": [record(i) for i in issues]}
        if files is not None:
            payload["files"] = files
        console.print_json(json.dumps(payload, ensure_ascii=False))
        return
    for issue in issues:
        shown = github_annotation(issue) if fmt == "github" else text(issue)
        console.print(shown, markup=False, highlight=False, soft_wrap=True)
    if files is None:
        return
    style = None if fmt == "github" else "bold red" if exit_status(issues) else "bold green"
    console.print(Text(summary(issues, files), style=style or ""), highlight=False)


def log_issues(issues: Sequence[Issue], log: logging.Logger) -> int:
    """Every issue as plain text on ``log``, errors as errors; returns how many are errors."""
    for issue in issues:
        log.log(logging.ERROR if issue.is_error else logging.WARNING, text(issue).plain)
    return sum(i.is_error for i in issues)
