"""One presenter per output format: an issue reads the same in every command and the plugin."""

from __future__ import annotations

import io
import json
import logging

from rich.console import Console
from sopdocs.adapters.report import exit_status, log_issues, print_issues
from sopdocs.issues import Issue, Location, error, warning

LANE = error(
    "step.lane",
    "langkah 2: pelaksana 'Kepala [bold]Seksie[/bold]' tidak ada",
    Location(path="sops/a.yaml", line=22, col=16),
    "maksud Anda 'Kepala Seksi'?",
)
WAKTU = warning("waktu.unparsed", "waktu 'sebentar' tidak dipahami", Location(path="sops/b.yaml"))


def printed(issues: list[Issue], fmt, files: int | None = None) -> str:
    out = io.StringIO()
    print_issues(issues, fmt, Console(file=out, width=60, color_system=None), files)
    return out.getvalue()


def test_text_is_one_line_per_issue_with_its_hint_below_and_a_summary():
    assert printed([LANE, WAKTU], "text", files=2).splitlines() == [
        "sops/a.yaml:22:16: galat: langkah 2: pelaksana 'Kepala [bold]Seksie[/bold]' "
        "tidak ada [step.lane]",
        "    → maksud Anda 'Kepala Seksi'?",
        "sops/b.yaml:1:1: peringatan: waktu 'sebentar' tidak dipahami [waktu.unparsed]",
        "2 SOP diperiksa: 1 galat, 1 peringatan",
    ]


def test_without_a_file_count_there_is_no_summary():
    assert printed([WAKTU], "text").splitlines() == [
        "sops/b.yaml:1:1: peringatan: waktu 'sebentar' tidak dipahami [waktu.unparsed]"
    ]


def test_github_annotations_escape_what_would_end_a_property():
    comma = error("type", "a, b: c\nd", Location(path="sops/x,y.yaml", line=3, col=4))
    assert printed([comma], "github", files=1).splitlines() == [
        "::error file=sops/x%2Cy.yaml,line=3,col=4,title=sopdocs type::a, b: c%0Ad",
        "1 SOP diperiksa: 1 galat, 0 peringatan",
    ]


def test_json_carries_every_field():
    assert json.loads(printed([LANE], "json", files=1)) == {
        "issues": [
            {
                "path": "sops/a.yaml",
                "line": 22,
                "col": 16,
                "severity": "error",
                "code": "step.lane",
                "message": "langkah 2: pelaksana 'Kepala [bold]Seksie[/bold]' tidak ada",
                "hint": "maksud Anda 'Kepala Seksi'?",
            }
        ],
        "files": 1,
    }


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_the_log_gets_the_text_form_at_the_issues_level():
    log = logging.getLogger("test.report")
    handler = Collect()
    log.addHandler(handler)
    try:
        assert log_issues([LANE, WAKTU], log) == 1
    finally:
        log.removeHandler(handler)
    assert [(r.levelno, r.getMessage()) for r in handler.records] == [
        (
            logging.ERROR,
            "sops/a.yaml:22:16: galat: langkah 2: pelaksana 'Kepala [bold]Seksie[/bold]' "
            "tidak ada [step.lane]\n    → maksud Anda 'Kepala Seksi'?",
        ),
        (
            logging.WARNING,
            "sops/b.yaml:1:1: peringatan: waktu 'sebentar' tidak dipahami [waktu.unparsed]",
        ),
    ]


def test_errors_or_other_problems_fail_and_warnings_do_not():
    assert exit_status([]) == 0
    assert exit_status([WAKTU]) == 0
    assert exit_status([WAKTU, LANE]) == 1
    assert exit_status([WAKTU], other_problems=True) == 1
