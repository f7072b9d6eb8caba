"""A review report for a person or a program: terminal text, Markdown, or JSON.

The words are in templates (``diff.txt.j2``, ``diff.md.j2``); here is only how author text
is made inert in each. Every ``{{ value }}`` a template prints passes through its escaper
(Jinja's ``finalize``), so no template can forget: Rich markup is escaped for the terminal,
Markdown punctuation and HTML for a pull-request comment, where a regulation named
``<img onerror=...>`` or ``[klik](http://...)`` must read as written.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import escape
from rich.markup import escape as escape_rich

from sopdocs.issues import Issue
from sopdocs.review.changes import Report
from sopdocs.site.templating import builtin_templates_dir

Format = Literal["text", "markdown", "json"]

JSON_VERSION = 1
"""Bumped when a field of the JSON report changes meaning or goes away."""

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones GitHub could
# read as syntax (emphasis, links, code, tables, lists, headings, math, strikethrough).
# ``<``, ``>``, ``&`` and ``"`` become entities instead.
_GFM_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:^=])")


def escape_gfm(value: object) -> str:
    """Author text made inert in GitHub Markdown, on one line."""
    flat = " ".join(str(value).split())
    return str(escape(_GFM_SPECIAL.sub(r"\\\1", flat)))


def escape_terminal(value: object) -> str:
    """Author text made inert for Rich: no markup tags, on one line."""
    return escape_rich(" ".join(str(value).split()))


@cache
def _environment(escaper: Callable[[object], str]) -> Environment:
    return Environment(
        loader=FileSystemLoader(str(builtin_templates_dir())),
        autoescape=False,
        finalize=lambda value: "" if value is None else escaper(value),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(report: Report, fmt: Format) -> str:
    """The report as Rich markup (``text``), GitHub Markdown, or JSON."""
    if fmt == "json":
        return report_json(report)
    escaper = escape_gfm if fmt == "markdown" else escape_terminal
    template = "diff.md.j2" if fmt == "markdown" else "diff.txt.j2"
    return _environment(escaper).get_template(template).render(report=report)


def _issue(issue: Issue) -> dict[str, Any]:
    loc = issue.location
    return {
        "path": loc.path,
        "line": loc.line,
        "col": loc.col,
        "code": issue.code,
        "message": issue.message,
        "hint": issue.hint,
    }


def report_record(report: Report) -> dict[str, Any]:
    """The report as plain data: the shape documented in ``docs/panduan/meninjau-sop.md``."""
    return {
        "version": JSON_VERSION,
        "base": report.base,
        "head": report.head,
        "summary": {
            status: report.count(status)
            for status in ("removed", "changed", "added", "moved", "format")
        },
        "sops": [dataclasses.asdict(s) for s in report.sops],
        "units": [dataclasses.asdict(u) for u in report.units],
        "unreadable": [
            {"side": u.side, "id": u.id, "issues": [_issue(i) for i in u.issues]}
            for u in report.unreadable
        ],
    }


def report_json(report: Report) -> str:
    return json.dumps(report_record(report), ensure_ascii=False, indent=2) + "\n"
