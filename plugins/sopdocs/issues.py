"""Problems found in a catalogue, kept as data so every adapter can present them its own way.

Nothing in the core raises on bad author input: loaders and checks *collect* issues and go
on, so one run reports every problem in every file.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal


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
    code: IssueCode
    """Stable name such as ``step.lane``; explained in :data:`ISSUE_CODES`."""
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
        # The developer's form (test failures, debugging), in English; authors and logs get
        # sopdocs.adapters.report's presenters.
        return f"{self.location}: {self.severity.value}: {self.describe()} [{self.code}]"


def error(code: IssueCode, message: str, location: Location, hint: str | None = None) -> Issue:
    return Issue(severity=Severity.ERROR, code=code, message=message, location=location, hint=hint)


def warning(code: IssueCode, message: str, location: Location, hint: str | None = None) -> Issue:
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


IssueCode = Literal[
    "file.encoding",
    "file.empty",
    "file.read",
    "file.too-large",
    "file.character",
    "file.name",
    "file.duplicate",
    "file.symlink",
    "yaml.syntax",
    "yaml.top",
    "yaml.duplicate-key",
    "yaml.depth",
    "yaml.aliases",
    "yaml.tag",
    "limit.items",
    "key.missing",
    "key.unknown",
    "type",
    "date.invalid",
    "nip.invalid",
    "nomor.duplicate",
    "lane.duplicate",
    "step.lane",
    "step.no",
    "step.id-duplicate",
    "step.target",
    "step.decision-same",
    "step.flow-conflict",
    "step.unreachable",
    "flow.no-end",
    "citation.unrecognised",
    "reference.outside",
    "reference.unresolved",
    "reference.url",
    "waktu.unparsed",
    "fmt.unsupported",
    "fmt.unsafe",
]
"""Every issue code sopdocs emits: a closed vocabulary, so a type checker rejects a misspelt
one. Codes are stable; authors search for them in the reviewers' guide."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CodeMeaning:
    """What a code means to a reviewer, as the guide's table says it (in Indonesian)."""

    severity: Severity
    description: str


def _error(description: str) -> CodeMeaning:
    return CodeMeaning(severity=Severity.ERROR, description=description)


def _warning(description: str) -> CodeMeaning:
    return CodeMeaning(severity=Severity.WARNING, description=description)


ISSUE_CODES: Mapping[IssueCode, CodeMeaning] = MappingProxyType(
    {
        "yaml.syntax": _error("berkas tidak dapat dibaca sebagai YAML"),
        "yaml.duplicate-key": _error("satu kunci ditulis dua kali"),
        "yaml.depth": _error(
            "nilai bersarang lebih dari 64 tingkat, atau lebih dari 100.000 nilai"
        ),
        "yaml.aliases": _error(
            "alias `*nama` yang berlipat ganda mewakili lebih dari 100.000 nilai"
        ),
        "yaml.tag": _error("tag YAML (`!!binary`, `!sesuatu`) yang tidak dipakai berkas SOP"),
        "yaml.top": _error("isi berkas bukan daftar `kunci: nilai`"),
        "file.empty": _error("berkas kosong"),
        "file.encoding": _error("berkas bukan UTF-8"),
        "file.read": _error("berkas tidak dapat dibuka"),
        "file.too-large": _error("berkas lebih besar dari 1 MB"),
        "file.character": _error("berkas memuat karakter kendali (NUL, ESC, form feed...)"),
        "file.name": _error("nama berkas atau folder merusak alamat halaman, atau salah eja"),
        "file.duplicate": _error("dua berkas atau folder menjadi satu halaman yang sama"),
        "file.symlink": _error("tautan simbolik ke folder, ke luar folder SOP, atau rusak"),
        "limit.items": _error("lebih dari 150 langkah atau 20 pelaksana"),
        "key.missing": _error("kunci wajib tidak ada"),
        "key.unknown": _error("kunci tidak dikenal, biasanya salah ketik"),
        "type": _error("isian berjenis salah (misalnya teks di tempat daftar)"),
        "date.invalid": _error("tanggal tidak ada atau tidak ditulis `TAHUN-BULAN-TANGGAL`"),
        "nip.invalid": _error("NIP bukan 18 angka"),
        "nomor.duplicate": _error("dua SOP memakai nomor yang sama"),
        "lane.duplicate": _error("satu pelaksana ditulis dua kali di `pelaksana`"),
        "step.lane": _error("pelaksana sebuah langkah tidak ada di daftar `pelaksana`"),
        "step.no": _error("`no:` berbeda dari urutan langkah"),
        "step.id-duplicate": _error("dua langkah memakai `id` yang sama"),
        "step.target": _error("tujuan `keputusan` atau `lanjut` tidak ada"),
        "step.decision-same": _error("cabang Ya dan Tidak menuju langkah yang sama"),
        "step.flow-conflict": _error(
            "satu langkah memakai lebih dari satu dari `keputusan`, `lanjut`, `selesai`"
        ),
        "step.unreachable": _error("langkah tidak pernah dicapai dari langkah pertama"),
        "flow.no-end": _error("alur dapat berputar selamanya"),
        "reference.unresolved": _error("`{sop: ...}` tidak menemukan SOP di katalog"),
        "reference.url": _error(
            "`url` keterkaitan di luar katalog bukan alamat http:// atau https://"
        ),
        "fmt.unsafe": _error("`sopdocs fmt` tidak dapat merapikan tanpa mengubah isi"),
        "citation.unrecognised": _warning("dasar hukum tidak dikenali sebagai peraturan"),
        "reference.outside": _warning("keterkaitan tidak cocok dengan SOP mana pun di katalog"),
        "waktu.unparsed": _warning("waktu tidak dipahami, jadi jumlah waktu tidak dihitung"),
        "fmt.unsupported": _warning(
            "berkas memakai anchor, alias atau tag YAML, jadi tidak dirapikan"
        ),
    }
)
"""Each code's severity and meaning; the reviewers' guide (``docs/panduan/meninjau-sop.md``)
is tested against it, row by row."""
