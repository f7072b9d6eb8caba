"""The promise behind issue 11, tested across the whole pipeline with generated catalogues:
whatever `sopdocs check` accepts, the site builds (real MkDocs, real Graphviz) and `fmt` can
format; whatever it rejects is reported at the line where the fault was written.

Names, file names, citations, lanes and step counts come from hostile alphabets: HTML,
Markdown, Jinja, DOT and Rich markup, astral and control characters, very long strings.
Examples are few (each builds a site) so the suite stays fast; hypothesis keeps the
failing ones in its database and replays them first.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import build_site, write_site
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sopdocs.authoring.fmt import format_text
from sopdocs.catalogue.index import analyse
from sopdocs.text import display_path
from support import write_files

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><b>x</b>',
    "{{ 7*7 }}",
    "{% raw %}",
    "**tebal** _miring_ [tautan](javascript:alert(1))",
    "| a | b |",
    "# judul",
    '"]; x [URL="http://jahat"]',
    "\\N \\l */ -->",
    "[bold red]x[/] [link=http://jahat]y[/link] :smile:",
    "&amp; &lt; &#x27;",
    "\U0001f600 \U0001d400",
    "\u202e\u2028\u00a0",
    "\t",
    "x" * 300,
]
"""Pieces of text each of which has broken one of the languages a page passes through."""

ALPHABET = st.characters(
    codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00\r\n\x85\u2028\u2029"
)
"""Any character a file can hold as text (controls included: they must be escaped)."""


def hostile_text(min_size: int = 1) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(PAYLOADS), st.text(ALPHABET, min_size=1, max_size=12))
    return (
        st.lists(piece, min_size=min_size, max_size=3)
        .map(" ".join)
        .filter(lambda text: text.strip() != "")
    )


FILE_NAME = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="/\x00"),
    min_size=1,
    max_size=40,
).filter(lambda name: name not in (".", "..") and not name.startswith(("_", ".")))
"""What an author may name a file: anything the file system takes."""


MKDOCS_YML = "site_name: Uji\nplugins: [search, sopdocs]\n"
"""The smallest site: MkDocs' own theme builds in a fraction of Material's time."""


@dataclass(frozen=True)
class Catalogue:
    files: dict[str, str]


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def sop_yaml(number: int, nama: str, citations: list[str], lanes: list[str], steps: int) -> str:
    lines = [
        f"nomor: {quoted(f'{number:03}/SOP/UJI/2024')}",
        f"nama: {quoted(nama)}",
        "instansi: [Pemerintah Kabupaten Uji]",
        "tanggal_pembuatan: 2024-01-03",
        "tanggal_efektif: 2024-02",
        "disahkan_oleh: {jabatan: Kepala, nama: Budi, nip: '197601301995031001'}",
        "dasar_hukum:",
        *(f"  - {quoted(citation)}" for citation in citations),
        "pelaksana:",
        *(f"  - {quoted(lane)}" for lane in lanes),
        "prosedur:",
    ]
    for step in range(steps):
        lines.append(f"  - kegiatan: {quoted(f'{step + 1}. {nama}')}")
        lines.append(f"    pelaksana: {quoted(lanes[step % len(lanes)])}")
    return "\n".join(lines) + "\n"


@st.composite
def catalogues(draw: st.DrawFn) -> Catalogue:
    files: dict[str, str] = {}
    for number in range(1, draw(st.integers(1, 2)) + 1):
        name = draw(FILE_NAME)
        lanes = draw(st.lists(hostile_text(), min_size=1, max_size=3, unique_by=str.casefold))
        files[f"sops/{name}.yaml"] = sop_yaml(
            number,
            draw(hostile_text()),
            draw(st.lists(hostile_text(), min_size=1, max_size=2)),
            lanes,
            draw(st.integers(1, 6)),
        )
    return Catalogue(files=files)


SETTINGS = settings(
    max_examples=6,
    deadline=None,
    # Each example builds a site: no shrinking (it would build dozens more); a failing
    # example is reported as drawn, and hypothesis' database replays it first next time.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

LINE_SEPARATORS = ("\u2028", "\u2029")


@SETTINGS
@given(catalogues())
def test_whatever_check_accepts_builds_and_formats(catalogue: Catalogue):
    with tempfile.TemporaryDirectory() as folder:
        root = write_site(Path(folder), {"docs/index.md": "# Uji\n"}, MKDOCS_YML)
        write_files(root, {path: text.encode("utf-8") for path, text in catalogue.files.items()})
        errors = [i for i in analyse(root / "sops").issues if i.is_error]
        if errors:  # rejected: each error points at a line of one of the files written
            longest = max(text.count("\n") + 1 for text in catalogue.files.values())
            for issue in errors:
                assert issue.location.path.startswith(display_path(root / "sops")), str(issue)
                assert 1 <= issue.location.line <= longest, str(issue)
            return
        for text in catalogue.files.values():
            formatted, issues = format_text(text, "sops/x.yaml")
            assert formatted is not None, [str(i) for i in issues]
        built = build_site(root)
        assert len(list((built.site_dir / "sop").glob("*/index.html"))) == len(catalogue.files)


@pytest.mark.parametrize("separator", LINE_SEPARATORS)
def test_fmt_formats_a_value_holding_a_line_separator_and_an_astral_character(separator):
    nama = f"Pelayanan{separator}Uji \U0001f600"
    text = sop_yaml(1, nama, ["UU Nomor 25 Tahun 2009"], ["Petugas"], 1)
    assert analyse_text(text) == []
    formatted, issues = format_text(text, "sops/a.yaml")
    assert formatted is not None, [str(i) for i in issues]


FIELDS = ["nama", "dasar_hukum", "pelaksana", "kegiatan"]
BREAKERS = ["\x00", "\x1b", "\x0c", "\x7f"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(FIELDS),
    st.sampled_from(BREAKERS),
    hostile_text(),
    st.integers(1, 6),
)
def test_whatever_check_rejects_is_reported_at_the_faulty_line(field, breaker, text, steps):
    lanes = ["Petugas", "Kepala"]
    clean = sop_yaml(1, "Pelayanan Uji", ["UU Nomor 25 Tahun 2009"], lanes, steps)
    lines = clean.splitlines(keepends=True)
    target = next(i for i, line in enumerate(lines) if line.lstrip(" -").startswith(field))
    if lines[target].rstrip().endswith(":"):  # a list: break its first item
        target += 1
    broken_line = lines[target].rstrip("\n")
    quote = broken_line.index('"') if '"' in broken_line else len(broken_line) - 1
    lines[target] = broken_line[: quote + 1] + text + breaker + broken_line[quote + 1 :] + "\n"
    issues = analyse_text("".join(lines))
    assert [(i.code, i.location.line) for i in issues if i.is_error][:1] == [
        ("file.character", target + 1)
    ]


def analyse_text(text: str):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "sops"
        write_files(root, {"a.yaml": text.encode("utf-8")})
        return analyse(root).issues
