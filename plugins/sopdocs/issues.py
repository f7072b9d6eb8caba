"""Problems found in a catalogue, kept as data so every adapter can present them its own way.

Nothing in the core raises on bad author input: loaders and checks *collect* issues and go
on, so one run reports every problem in every file.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, kw_only=True)
class Location:
    """A place in an author's file; ``line`` and ``col`` are 1-based, as editors show them."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, kw_only=True)
class Issue:
    """One problem an author must see, where it is and, when we can tell, what to write instead."""

    severity: Severity
    code: str
    """Stable name such as ``step.lane``; listed in :data:`ISSUE_CODES`."""
    message: str
    location: Location
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def describe(self) -> str:
        """The message with its hint, without the location."""
        return f"{self.message}; {self.hint}" if self.hint else self.message

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.describe()} [{self.code}]"


def error(code: str, message: str, location: Location, hint: str | None = None) -> Issue:
    return Issue(severity=Severity.ERROR, code=code, message=message, location=location, hint=hint)


def warning(code: str, message: str, location: Location, hint: str | None = None) -> Issue:
    return Issue(
        severity=Severity.WARNING, code=code, message=message, location=location, hint=hint
    )


def sort_issues(issues: list[Issue]) -> list[Issue]:
    """Order issues by file and position, so output is stable and reads top to bottom."""
    return sorted(issues, key=lambda i: (i.location.path, i.location.line, i.location.col, i.code))


def strictened(issues: list[Issue]) -> list[Issue]:
    """Turn warnings into errors, for ``--strict`` runs."""
    return [
        Issue(
            severity=Severity.ERROR,
            code=i.code,
            message=i.message,
            location=i.location,
            hint=i.hint,
        )
        for i in issues
    ]


ISSUE_CODES: dict[str, str] = {
    "file.encoding": "File is not valid UTF-8.",
    "file.empty": "File holds no SOP.",
    "file.read": "File cannot be read.",
    "yaml.syntax": "YAML cannot be parsed (tabs, bad indentation, unclosed quotes...).",
    "yaml.top": "The top level of the file is not a mapping of keys.",
    "yaml.duplicate-key": "A key is written twice in one mapping.",
    "key.missing": "A required key is missing.",
    "key.unknown": "A key that the format does not know (often a typo).",
    "type": "A value has the wrong type.",
    "date.invalid": "A date that does not exist or is not written YYYY-MM-DD / YYYY-MM.",
    "nip.invalid": "A NIP that is not 18 digits.",
    "nomor.duplicate": "Two SOPs share one nomor.",
    "lane.duplicate": "A pelaksana lane is listed twice.",
    "step.lane": "A step's pelaksana is not one of the SOP's lanes.",
    "step.no": "A step's `no:` differs from its position.",
    "step.id-duplicate": "Two steps share one id.",
    "step.target": "A keputusan/lanjut TARGET names no step.",
    "step.decision-same": "Both branches of a decision go to the same step.",
    "step.flow-conflict": "A step combines keputusan, lanjut or selesai.",
    "step.unreachable": "A step cannot be reached from the first step.",
    "flow.no-end": "The flow can loop forever without reaching an end.",
    "unit.invalid": "An _unit.yaml file is malformed.",
    "citation.unrecognised": "A dasar hukum citation is not recognised as a regulation.",
    "reference.outside": "A keterkaitan names an SOP outside the catalogue.",
    "reference.unresolved": "A `{sop: ...}` reference names no SOP of the catalogue.",
    "waktu.unparsed": "A waktu is not understood, so the total time cannot be computed.",
    "fmt.unsupported": "`sopdocs fmt` leaves a file with YAML anchors, aliases or tags as it is.",
    "fmt.unsafe": "`sopdocs fmt` would change a value or a comment, so it left the file as it is.",
}
