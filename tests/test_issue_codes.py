"""Issue codes are a closed vocabulary: each is emitted, explained, and spelt one way.

A code is what an author searches for in the reviewers' guide, so a code that is never
emitted, emitted with another severity than the guide says, or missing from the guide is a
broken promise. Each case below is the smallest input that makes sopdocs emit its code.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path
from typing import get_args

import pytest
from sopdocs.authoring.fmt import format_text
from sopdocs.catalogue.index import analyse
from sopdocs.issues import ISSUE_CODES, Issue, IssueCode, Severity
from support import SOP, write_files

REPO = Path(__file__).resolve().parents[1]
GUIDE = REPO / "docs" / "panduan" / "meninjau-sop.md"


def changed(old: str, new: str) -> str:
    assert old in SOP
    return SOP.replace(old, new, 1)


STEPS = SOP[SOP.index("prosedur:") :]


def procedure(steps: str) -> str:
    """The valid SOP with its steps replaced (pelaksana stays Petugas Loket, Kepala Seksi)."""
    return SOP.replace(STEPS, "prosedur:\n" + steps)


CATALOGUES: dict[IssueCode, dict[str, str | bytes] | None] = {
    "file.encoding": {"a.yaml": "nama: Pelayanan Caf\u00e9\n".encode("latin-1")},
    "file.empty": {"a.yaml": ""},
    "file.read": None,  # the sops/ folder itself is missing
    "yaml.syntax": {"a.yaml": "nama: [Pelayanan\n"},
    "yaml.top": {"a.yaml": "- nama: Pelayanan\n"},
    "yaml.duplicate-key": {"a.yaml": "nama: A\n" + SOP},
    "key.missing": {"a.yaml": changed("nama: Pelayanan Contoh\n", "")},
    "key.unknown": {"a.yaml": changed("nama:", "nmaa:")},
    "type": {"a.yaml": changed("tanggal_efektif: 2024-02", "tanggal_efektif: [2024]")},
    "date.invalid": {"a.yaml": changed("2024-01-03", "2024-02-30")},
    "nip.invalid": {"a.yaml": changed("'197601301995031001'", "'1976'")},
    "nomor.duplicate": {"a.yaml": SOP, "b.yaml": changed("Pelayanan Contoh", "Pelayanan Lain")},
    "lane.duplicate": {
        "a.yaml": changed("  - Kepala Seksi\n", "  - Kepala Seksi\n  - kepala seksi\n")
    },
    "step.lane": {"a.yaml": changed("pelaksana: Kepala Seksi", "pelaksana: Kepala Bidang")},
    "step.no": {"a.yaml": changed("  - id: periksa\n", "  - id: periksa\n    no: 5\n")},
    "step.id-duplicate": {
        "a.yaml": changed("  - kegiatan: Menyerahkan", "  - id: periksa\n    kegiatan: Menyerahkan")
    },
    "step.target": {"a.yaml": changed("keputusan: {tidak: 1}", "keputusan: {tidak: 9}")},
    "step.decision-same": {
        "a.yaml": changed("keputusan: {tidak: 1}", "keputusan: {ya: 3, tidak: 3}")
    },
    "step.flow-conflict": {
        "a.yaml": changed("keputusan: {tidak: 1}", "keputusan: {tidak: 1}\n    selesai: true")
    },
    "step.unreachable": {
        "a.yaml": changed("    waktu: 15 menit\n", "    waktu: 15 menit\n    lanjut: 3\n")
    },
    "flow.no-end": {
        "a.yaml": procedure(
            "  - kegiatan: A\n    pelaksana: Petugas Loket\n"
            "  - kegiatan: B\n    pelaksana: Petugas Loket\n    lanjut: 1\n"
        )
    },
    "citation.unrecognised": {"a.yaml": changed("Undang-Undang Nomor 25", "Surat Kepala Nomor 25")},
    "reference.outside": {"a.yaml": SOP + "keterkaitan:\n  - SOP Arsip Nasional\n"},
    "reference.unresolved": {"a.yaml": SOP + "keterkaitan:\n  - sop: tidak-ada\n"},
    "reference.url": {
        "a.yaml": SOP + "keterkaitan:\n  - {luar: SOP Arsip, url: 'javascript:alert(1)'}\n"
    },
    "waktu.unparsed": {"a.yaml": changed("waktu: 1 jam", "waktu: sebentar")},
    "file.too-large": {"a.yaml": "nama: Pelayanan\n# " + "x" * 1_000_000 + "\n"},
    "file.character": {"a.yaml": changed("waktu: 1 jam", "waktu: 1\x1b jam")},
    "yaml.depth": {"a.yaml": "nama: " + "[" * 100 + "\n"},
    "yaml.aliases": {
        "a.yaml": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in pairwise("abcdef"))
    },
    "file.name": {"a.yaml": SOP, "b#c.yaml": SOP},
    "file.duplicate": {"a.yaml": SOP, "A.yml": SOP},
    "file.symlink": {"a.yaml": SOP},  # and the link in LINKS
    "yaml.tag": {"a.yaml": changed("nomor: 001", "nomor: !custom 001")},
    "limit.items": {"a.yaml": procedure("  - {kegiatan: A, pelaksana: Petugas Loket}\n" * 151)},
}
"""Codes the catalogue check emits: the files of a ``sops/`` folder that make it emit them."""

FORMATTER: dict[IssueCode, str] = {
    "fmt.unsupported": "nama: &n Pelayanan\nnomor: *n\n",
    # The guard against the parsers' own disagreements: after a line separator (U+2028)
    # in a "|" text, libyaml reads "#" as text and ruamel's scanner as a comment.
    "fmt.unsafe": "nama: |\n  c\u2028  #\n",
}
"""Codes ``sopdocs fmt`` emits: the text that makes it emit them."""


LINKS: dict[IssueCode, tuple[str, str]] = {"file.symlink": ("loop", "..")}
"""Symbolic links (name, target) added to a case's ``sops/`` folder."""


def emitted(code: IssueCode, tmp_path: Path) -> list[Issue]:
    if code in FORMATTER:
        return format_text(FORMATTER[code], "sops/a.yaml")[1]
    files = CATALOGUES[code]
    root = tmp_path / "sops"
    if files is not None:
        write_files(root, files)
    if code in LINKS:
        name, target = LINKS[code]
        (root / name).symlink_to(target)
    return analyse(root).issues


def test_every_code_of_the_vocabulary_has_a_meaning_and_a_case_below():
    assert sorted(ISSUE_CODES) == sorted(get_args(IssueCode))
    assert sorted([*CATALOGUES, *FORMATTER]) == sorted(get_args(IssueCode))


@pytest.mark.parametrize("code", get_args(IssueCode))
def test_every_code_is_emitted_with_the_severity_its_meaning_gives(code: IssueCode, tmp_path):
    found = [(i.code, i.severity) for i in emitted(code, tmp_path)]
    assert found == [(code, ISSUE_CODES[code].severity)]


def _guide_rows() -> dict[str, tuple[Severity, str]]:
    text = GUIDE.read_text(encoding="utf-8")
    sections = {"### Galat": Severity.ERROR, "### Peringatan": Severity.WARNING}
    rows: dict[str, tuple[Severity, str]] = {}
    for heading, severity in sections.items():
        body = text[text.index(heading) :].split("\n\n", 2)[1]
        for code, meaning in re.findall(r"^\| `([^`]+)` \| (.+?) \| .+ \|$", body, re.MULTILINE):
            rows[code] = (severity, meaning)
    return rows


def test_the_reviewers_guide_explains_every_code_as_the_vocabulary_does():
    expected = {code: (m.severity, m.description) for code, m in ISSUE_CODES.items()}
    assert _guide_rows() == expected


MISSPELT = """\
from sopdocs.issues import Location, error

error("step.lanes", "pesan", Location(path="sops/a.yaml"))
"""


def test_a_type_checker_rejects_a_misspelt_code(tmp_path: Path):
    source = tmp_path / "misspelt.py"
    source.write_text(MISSPELT, encoding="utf-8")
    command = [sys.executable, "-m", "mypy", "--follow-imports=silent"]
    command += ["--cache-dir", str(tmp_path / "mypy-cache")]
    env = {**os.environ, "MYPYPATH": str(REPO / "plugins")}
    result = subprocess.run([*command, str(source)], capture_output=True, text=True, env=env)
    assert result.returncode == 1, result.stdout
    assert 'Argument 1 to "error" has incompatible type "Literal[\'step.lanes\']"' in result.stdout
    source.write_text(MISSPELT.replace("step.lanes", "step.lane"), encoding="utf-8")
    result = subprocess.run([*command, str(source)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout
