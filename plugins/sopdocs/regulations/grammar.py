"""What a citation may look like: every spelling of every type, and the patterns around them.

The tables (:mod:`tables`) are expanded here into every way of writing each type of
regulation (a ministry's Peraturan, Keputusan, Instruksi and Surat Edaran, an agency's
Perka...), and one grammar reads a citation:

    [list marker] JENIS [region | issuer] [Nomor] NUMBER [Tahun YEAR] [date] [LN note] [tentang]

Underscored names are internal to ``sopdocs.regulations``; :mod:`recogniser` uses them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from sopdocs.regulations.tables import (
    _AGENCIES,
    _GENERIC,
    _KIND,
    _KINDS,
    _LEVEL_WORDS,
    _MINISTRIES,
    _NATIONAL,
    _PROVINCES,
    _REGIONAL,
    _RENAMED,
    _Agency,
    _Jenis,
    _Kind,
    _Ministry,
)

# --- Expanding the tables ---------------------------------------------------------------


def _ministerial(ministry: _Ministry) -> Iterator[tuple[_Kind, _Jenis]]:
    """Its Peraturan, Keputusan, Instruksi and Surat Edaran, with every spelling of each."""
    titles = (ministry.title, *ministry.titles)
    # "Men dagri" rather than "Mendagri": matches "Mendagri", "Men. Dagri" and "Men Dagri".
    shorts = [f"Men {s[3:].lstrip()}" for s in (ministry.short, *ministry.shorts)]
    overrides = {"Peraturan": ministry.permen, "Keputusan": ministry.kepmen}
    for kind in _KINDS:
        spellings = [kind.abbreviate(s.lower()) for s in shorts]
        for word in kind.words:
            spellings += [f"{word} Menteri {t}" for t in titles]
            spellings += [f"{word} {s}" for s in shorts]
            spellings += [f"{word} Menteri {s[4:]}" for s in shorts]  # Peraturan Menteri PANRB
        abbreviation = kind.abbreviate(ministry.short)
        jenis = _Jenis(
            nama=f"{kind.word} Menteri {ministry.title}",
            singkatan=overrides.get(kind.word) or abbreviation,
            aliases=(abbreviation, *spellings),
        )
        yield kind, jenis


def _agency_types(agency: _Agency) -> Iterator[_Jenis]:
    """Its Peraturan (and Peraturan Kepala), Keputusan and Surat Edaran."""
    names = (agency.name, agency.short, *agency.names)
    yield _Jenis(
        nama=f"Peraturan {agency.name}",
        singkatan=f"Peraturan {agency.short}",
        aliases=tuple(f"Peraturan {n}" for n in names),
    )
    if agency.headed:
        yield _Jenis(
            nama=f"Peraturan Kepala {agency.name}",
            singkatan=f"Perka {agency.short}",
            aliases=tuple(f"{w} {n}" for w in ("Peraturan Kepala", "Perka") for n in names),
        )
    head = "Kepala " if agency.headed else ""
    heads = dict.fromkeys((head, ""))  # "Keputusan Kepala BKN" and "Keputusan BKN"
    for kind, short_word in ((_KIND["Keputusan"], "Keputusan"), (_KIND["Surat Edaran"], "SE")):
        yield _Jenis(
            nama=f"{kind.word} {head}{agency.name}",
            singkatan=f"{short_word} {head}{agency.short}",
            aliases=tuple(f"{w} {h}{n}" for w in kind.words for h in heads for n in names),
        )


def _norm(spelling: str) -> str:
    """What two spellings of one name share: ``Permen-Dagri`` is ``permendagri``.

    "Menteri Negara X" was the title of some ministers until 2014 (Menteri Negara PAN, BUMN);
    it names the ministry of "Menteri X", so "Negara" after "Menteri" is dropped.
    """
    return re.sub(r"[^a-z0-9]", "", spelling.lower()).replace("menterinegara", "menteri")


_MINISTERIAL = {(kind.word, m.short): jenis for m in _MINISTRIES for kind, jenis in _ministerial(m)}
_SPECIFIC = (*_NATIONAL, *_MINISTERIAL.values(), *(j for a in _AGENCIES for j in _agency_types(a)))
_ROWS = (*_SPECIFIC, *_REGIONAL, *_GENERIC)
_BY_SPELLING = {_norm(s): row for row in _ROWS for s in row.spellings}


def _spans() -> dict[str, tuple[tuple[_Jenis, int, int], ...]]:
    """For each type of a renamed ministry: all its names, each with its first and last year."""
    spans_of: dict[str, tuple[tuple[_Jenis, int, int], ...]] = {}
    for names in _RENAMED:
        ends = [start for _, start in names[1:]] + [9999]
        for kind in _KINDS:
            spans = tuple(
                (_MINISTERIAL[kind.word, short], start, end)
                for (short, start), end in zip(names, ends, strict=True)
            )
            spans_of.update((row.nama, spans) for row, _, _ in spans)
    return spans_of


_SPANS = _spans()
_PROVINCE_OF = {_norm(s): names[0] for names in _PROVINCES for s in names}


# --- The grammar ----------------------------------------------------------------------------

_MARKER = r"(?:nomor|nomer|no|nr)(?![a-z])\.?\s*:?\s*"
_YEAR = r"(?:19|20)\d\d(?!\d)"
# A number has a digit near its start (bounded, or long words would make matching quadratic).
_TOKEN = r"(?=[\w./-]{0,40}\d)[a-z0-9](?:[\w./-]*[a-z0-9])?"
_NUMBER = rf"""
    (?: (?P<marker>{_MARKER}) (?P<nomor>(?:[a-z]{{1,3}}\s)?{_TOKEN})  # Nomor 24, Nomor PM 24
      | (?P<bare>{_TOKEN}) )                                           # 24/2013, 24 Tahun 2013
    (?: \s*,?\s* (?:tahun|thn|th)(?![a-z])\.?\s*:?\s* (?P<tahun>{_YEAR}) )?
"""
# What may stand between a national type and its number: "RI", "(Permendagri)", a comma.
_NOISE = r"(?:\s*(?:,|\([^()]*\)|(?:negara\s+)?republik\s+indonesia|n?r\.?i\.?(?![a-z])))*"


def _alternatives(rows: Iterable[_Jenis]) -> str:
    """One regex alternative per spelling, longest first, so the most specific name wins.

    Between words, any punctuation or none, which `_norm` ignores too; a spelling
    must end a word, so ``PP`` is not read in ``PPN``.
    """
    spellings = {_norm(s): s for row in rows for s in row.spellings}
    ordered = sorted(spellings.items(), key=lambda item: -len(item[0]))
    return "(?:" + "|".join(_pattern(s) for _, s in ordered) + ")(?![a-z])"


def _pattern(spelling: str) -> str:
    """``Permen Dagri`` -> ``permen\\W*dagri``, with "Negara" optional after "Menteri" (`_norm`)."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"\bmenteri\W+negara\b", "menteri", spelling.lower()))
    return r"\W*".join(r"menteri(?:\W*negara)?" if w == "menteri" else re.escape(w) for w in words)


@functools.cache
def _head() -> re.Pattern[str]:
    """The type and what follows it up to the number; compiled on first use (it is large)."""
    pattern = rf"""
        (?P<specific>{_alternatives(_SPECIFIC)}) (?P<noise>{_NOISE})
      | (?P<regional>{_alternatives(_REGIONAL)}) (?P<wilayah>[^\d]*?)
      | (?P<generic>{_alternatives(_GENERIC)})
        \s+ (?!{_MARKER}) (?P<issuer>(?:(?!tentang)[^\d])+?)
    """
    # It must be followed by a number, or be all there is (the jenis of `from_fields`).
    return re.compile(rf"(?:{pattern})(?=\s*,?\s*{_NUMBER}|\s*$)", re.I | re.A | re.X)


_NUMBER_AFTER_HEAD = re.compile(rf"\s*,?\s*{_NUMBER}", re.I | re.A | re.X)
_UUD = re.compile(
    r"(?:uud|undang\W*undang\s*dasar)(?![a-z])\s*(?:negara\s*)?(?:republik\s+indonesia|n?ri)?"
    r"\s*(?:tahun\s*)?(?:1945)?(?!\d)",
    re.I | re.A,
)
_LIST_MARKER = re.compile(
    r"^(?:[-*>\u2022\u00b7\u25aa]+\s*|\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s*|\d{1,3}\s+(?=[a-z]))+",
    re.I | re.A,
)
_N_OF_YEAR = re.compile(rf"(\d+[a-z]?)/({_YEAR})", re.I | re.A)
_YEAR_AT_END = re.compile(rf"\D({_YEAR})$", re.A)
_LEMBARAN = re.compile(
    r"\([^()]*\b(?:lembaran|berita|tambahan)\b[^()]*\)"
    r"|(?:^|,)\s*(?:tambahan\s+)?(?:lembaran|berita)\s+(?:negara|daerah)\b.*$",
    re.I | re.A,
)
_DATE = re.compile(
    r"^[\s,]*(?:tanggal|tgl\.?|tertanggal)\s*\d{1,2}(?:\s+[a-z]+\s+|[-/.]\d{1,2}[-/.])\d{4}",
    re.I | re.A,
)
_TENTANG = re.compile(r"^[\s,.;:-]*(?:(?:tentang|ttg|tntg)(?![a-z])\.?)?", re.I | re.A)
_AMENDMENT = re.compile(
    r"perubahan(?:\s+(?:pertama|ke[a-z]+))?\s+(?:atas\s+)?(?P<of>.+)", re.I | re.A
)
_LEVEL = re.compile(r"(" + "|".join(_LEVEL_WORDS) + r")(?![a-z])\.?\s*", re.I | re.A)
_FOLLOW_NOISE = re.compile(
    r"\([^()]*\)|\b(?:negara\s+)?republik\s+indonesia\b|\bn?r\.?i\b\.?", re.I | re.A
)
