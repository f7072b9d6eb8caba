"""Present issues to a person or to a machine: text, GitHub annotations, or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal

from rich.console import Console
from rich.markup import escape

from sopdocs.issues import Issue

Format = Literal["text", "github", "json"]


def _github_escape(text: str, *, prop: bool = False) -> str:
    # GitHub's workflow-command encoding: %, CR and LF always; ':' and ',' in properties.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github_annotation(issue: Issue) -> str:
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


def issue_record(issue: Issue) -> dict[str, object]:
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


def print_issues(issues: Sequence[Issue], fmt: Format, console: Console, files: int) -> None:
    if fmt == "json":
        payload = {"issues": [issue_record(i) for i in issues], "files": files}
        console.print_json(json.dumps(payload, ensure_ascii=False))
        return
    if fmt == "github":
        for issue in issues:
            console.print(github_annotation(issue), markup=False, highlight=False, soft_wrap=True)
        console.print(summary(issues, files), markup=False, highlight=False)
        return
    for issue in issues:
        style = "bold red" if issue.is_error else "yellow"
        label = "galat" if issue.is_error else "peringatan"
        hint = f"\n    [dim]→ {escape(issue.hint)}[/dim]" if issue.hint else ""
        console.print(
            f"[bold]{escape(str(issue.location))}[/bold]: [{style}]{label}[/{style}]: "
            f"{escape(issue.message)} [dim]\\[{issue.code}][/dim]{hint}",
            highlight=False,
            soft_wrap=True,
        )
    errors = sum(i.is_error for i in issues)
    style = "bold red" if errors else "bold green"
    console.print(f"[{style}]{escape(summary(issues, files))}[/{style}]", highlight=False)
