"""Recognise the regulation cited in a Dasar Hukum item, whatever the spelling.

Authors cite one regulation many ways (``UU No. 24 Tahun 2013``, ``Undang-Undang Nomor 24 Tahun
2013``, ``UU 24/2013``); the site must show them as one regulation. So every citation is reduced
to a `Regulation` whose `key` is the same for every spelling of it. What is known about
regulations lives in :mod:`tables`; how a citation is written, in :mod:`grammar`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from sopdocs.regulations.grammar import (
    _AMENDMENT,
    _BY_SPELLING,
    _DATE,
    _FOLLOW_NOISE,
    _LEMBARAN,
    _LEVEL,
    _LIST_MARKER,
    _N_OF_YEAR,
    _NUMBER_AFTER_HEAD,
    _PROVINCE_OF,
    _ROWS,
    _SPANS,
    _TENTANG,
    _UUD,
    _YEAR_AT_END,
    _head,
    _norm,
)
from sopdocs.regulations.tables import _GROUPS, _LEVEL_WORDS, _LEVELS, HIERARCHY, _Jenis
from sopdocs.text import slugify


@dataclass(frozen=True, kw_only=True)
class Regulation:
    """One regulation, however it was cited: two spellings of it have the same `key`."""

    jenis: str
    """Canonical type, the issuing ministry folded in: ``Peraturan Menteri Dalam Negeri``."""
    singkatan: str
    """Canonical short type: ``UU``, ``Permendagri``, ``PermenPAN-RB``, ``Perda``."""
    nomor: str
    """A string, as ``17/PMK.09/2019`` and ``5A`` are real numbers; empty only for UUD 1945.
    Kept as the citation writes it (``470/837/Dukcapil``): `key` folds its case."""
    tahun: int | None
    wilayah: str | None = None
    """The region of a regional regulation, without its prefix word: ``Padang Pariaman``."""
    tentang: str | None = None
    """The subject as written; an amendment's subject names what it amends."""
    amends: Regulation | None = None
    """The regulation this one amends ("... tentang Perubahan atas <amends>")."""

    @cached_property
    def key(self) -> str:
        """Stable URL-safe slug: ``uu-24-2013``, ``perbup-padang-pariaman-55-2016``; worked
        out once per object (indexing asks for it for every citation of every SOP)."""
        return slugify(self.nama_pendek)

    @property
    def judul(self) -> str:
        """Canonical title: ``Undang-Undang Nomor 24 Tahun 2013 tentang ...``."""
        title = f"{self._full_name} {self._numbers[-1]}"
        return f"{title} tentang {self.tentang}" if self.tentang else title

    @cached_property
    def nama_pendek(self) -> str:
        """Short name: ``UU 24/2013``, ``Perbup Padang Pariaman 55/2016``, ``UUD 1945``;
        worked out once per object (every SOP page citing it shows it)."""
        return f"{self._label} {self._numbers[0]}"

    @cached_property
    def short_forms(self) -> tuple[str, ...]:
        """Search aliases: every short or full name with every way of writing the number;
        worked out once per object (every SOP page citing it asks)."""
        names = (self._label, self._full_name)
        return tuple(
            dict.fromkeys(f"{name} {number}" for name in names for number in self._numbers)
        )

    @property
    def rank(self) -> int:
        """Position of its group in `HIERARCHY`, for ordering the index."""
        return HIERARCHY.index(group_of(self))

    @property
    def _label(self) -> str:
        """Short type and region: ``Perda Kabupaten Padang Pariaman``, ``Pergub Sumatera Barat``."""
        level = self.jenis.rpartition(" ")[2]
        words = [self.singkatan]
        if level in _LEVELS and level not in self.singkatan:
            words.append(level)
        if self.wilayah:
            words.append(self.wilayah)
        return " ".join(words)

    @property
    def _full_name(self) -> str:
        return f"{self.jenis} {self.wilayah}" if self.wilayah else self.jenis

    @property
    def _numbers(self) -> tuple[str, ...]:
        """Ways of writing the number and year: the shortest first, the formal one last."""
        nomor, tahun = self.nomor, self.tahun
        if not nomor:
            return (f"{tahun}", f"Tahun {tahun}")
        if tahun is None or re.search(rf"\D{tahun}$", nomor):
            # "17/PMK.09/2019" already carries its year; official titles do not repeat it.
            return (nomor, f"No. {nomor}", f"Nomor {nomor}")
        return (
            f"{nomor}/{tahun}",
            f"{nomor} {tahun}",
            f"No. {nomor} Tahun {tahun}",
            f"Nomor {nomor} Tahun {tahun}",
        )


def group_of(reg: Regulation) -> str:
    """The `HIERARCHY` label of `reg`, read from the start of its jenis (unknown ones go last)."""
    return _group_of_jenis(reg.jenis)


@lru_cache(maxsize=1024)
def _group_of_jenis(jenis: str) -> str:
    return next((group for start, group in _GROUPS if jenis.startswith(start)), HIERARCHY[-1])


UUD_1945 = Regulation(
    jenis="Undang-Undang Dasar Negara Republik Indonesia", singkatan="UUD", nomor="", tahun=1945
)


# --- Recognising ----------------------------------------------------------------------------

_LONGEST = 2000
"""No citation is longer; the bound keeps matching fast and amendment nesting shallow."""


def recognise(text: str) -> Regulation | None:
    """The regulation cited in `text`, or None when it cites none we can read.

    Never raises: a citation is author input, and an unrecognised one is only a warning.
    """
    if not isinstance(text, str) or len(text) > _LONGEST:
        return None
    return _recognise(text)


@lru_cache(maxsize=4096)
def _recognise(text: str) -> Regulation | None:
    """:func:`recognise`, remembered per text: catalogues repeat their citations (3,000 SOPs
    cite 1,900 texts 13,000 times; recognising them was a third of reading an SOP). A
    `Regulation` is frozen, so every citer may share one."""
    text = _LIST_MARKER.sub("", _clean(text), count=1)
    if _UUD.match(text):
        return UUD_1945
    head = _head().match(text)
    number = _NUMBER_AFTER_HEAD.match(text, head.end()) if head else None
    if head is None or number is None:
        return None
    written = number["nomor"] or number["bare"]
    nomor, tahun = _number(written, int(number["tahun"]) if number["tahun"] else None)
    if tahun is None and not number["marker"]:
        return None  # "UU 24" alone is too vague to be a citation
    row, follow = _row(head)
    return _make(row, follow, nomor, tahun, _subject(text[number.end() :]))


def from_fields(
    *,
    jenis: str,
    nomor: str | int,
    tahun: int | None,
    tentang: str | None = None,
    wilayah: str | None = None,
) -> Regulation | str:
    """The regulation of the mapping form ``{jenis, nomor, tahun, tentang, wilayah}``.

    Authors write it when their text is not recognised, so `jenis` may be any spelling that
    `recognise` knows. Returns a message for the author (in Indonesian) when it cannot be used.
    """
    written = _clean(str(jenis))
    if _UUD.fullmatch(written):
        return UUD_1945
    head = _head().fullmatch(written)
    if head is None:
        return _unknown_jenis(written)
    row, follow = _row(head)
    if wilayah and row.follows != "wilayah":
        return f"jenis '{row.nama}' tidak memakai wilayah"
    if tahun is not None and (not isinstance(tahun, int) or not 1800 <= tahun <= 2100):
        return f"tahun '{tahun}' tidak dikenali; tulis tahunnya saja, misalnya 2019"
    number = _clean(str(nomor))
    if not re.search(r"[A-Za-z0-9]", number):
        return f"nomor {row.nama} harus diisi"
    number, tahun = _number(number, tahun)
    subject = _subject(_clean(str(tentang))) if tentang else None
    made = _make(row, f"{follow} {wilayah or ''}", number, tahun, subject)
    return made or f"jenis '{written}' perlu nama penerbitnya"


def _clean(text: str) -> str:
    """One space between words, ASCII hyphens: authors paste from Word and PDF."""
    return " ".join(re.sub(r"[\u2010-\u2015]", "-", text).split())


def _row(head: re.Match[str]) -> tuple[_Jenis, str]:
    """The type a matched head names, and the region or issuer written after it."""
    spelling = head["specific"] or head["regional"] or head["generic"]
    return _BY_SPELLING[_norm(spelling)], head["wilayah"] or head["issuer"] or ""


def _number(nomor: str, tahun: int | None) -> tuple[str, int | None]:
    """Split ``24/2013`` into 24 and 2013; keep ``17/PMK.09/2019`` whole, year read off its end.

    Letters keep their case: a number is shown as the regulation writes it.
    """
    if re.fullmatch(r"0+\d+[A-Za-z]?", nomor):
        nomor = nomor.lstrip("0")  # "Nomor 05" is "Nomor 5"; "Nomor 050-5889" is not "50-5889"
    if (n_of_year := _N_OF_YEAR.fullmatch(nomor)) and tahun in (None, int(n_of_year[2])):
        return n_of_year[1], int(n_of_year[2])
    if tahun is None and (year := _YEAR_AT_END.search(nomor)):
        tahun = int(year[1])
    return nomor, tahun


def _subject(rest: str) -> str | None:
    """The ``tentang`` part of what follows the number, without dates and Lembaran Negara notes."""
    rest = _TENTANG.sub("", _DATE.sub("", _LEMBARAN.sub("", rest)), count=1)
    return " ".join(rest.split()).strip(" .,;:") or None


def _make(
    row: _Jenis, follow: str, nomor: str, tahun: int | None, tentang: str | None
) -> Regulation | None:
    """Fold what was written between type and number into the type (issuer) or `wilayah`."""
    row = _in_force(row, tahun)
    follow = " ".join(_FOLLOW_NOISE.sub(" ", follow).split()).strip(" .,:;")
    jenis, singkatan, wilayah = row.nama, row.singkatan, None
    if row.follows == "penerbit":
        if not follow:
            return None
        jenis, singkatan = f"{jenis} {follow}", f"{singkatan} {follow}"
    elif row.follows == "wilayah":
        jenis, wilayah = _region(row, follow)
    amended = _AMENDMENT.match(tentang or "")
    return Regulation(
        jenis=jenis,
        singkatan=singkatan,
        nomor=nomor,
        tahun=tahun,
        wilayah=wilayah,
        tentang=tentang,
        amends=recognise(amended["of"]) if amended else None,
    )


def _in_force(row: _Jenis, tahun: int | None) -> _Jenis:
    """The type under the name its ministry bore in `tahun` (see `_RENAMED`)."""
    spans = _SPANS.get(row.nama, ())
    if tahun is None or any(r is row and start <= tahun <= end for r, start, end in spans):
        return row
    return next((r for r, start, _ in reversed(spans) if start <= tahun), row)


def _region(row: _Jenis, text: str) -> tuple[str, str | None]:
    """Jenis and wilayah: ``Perda`` + ``Kab. Padang Pariaman`` is a Peraturan Daerah Kabupaten
    of Padang Pariaman; a Perda of a province is a Peraturan Daerah Provinsi."""
    level_word = _LEVEL.match(text)
    name = text[level_word.end() :] if level_word else text
    province = _PROVINCE_OF.get(_norm(name))
    written_level = _LEVEL_WORDS[level_word[1].lower()] if level_word else None
    level = row.level or written_level or ("Provinsi" if province else None)
    name = province if province and level == "Provinsi" else _title(name)
    jenis = f"{row.nama} {level}" if level and not row.level else row.nama
    return jenis, name or None


def _title(name: str) -> str:
    """``PADANG PARIAMAN`` -> ``Padang Pariaman``; ``dan`` stays small."""
    return re.sub(r"[a-z]+", lambda w: w[0] if w[0] == "dan" else w[0].capitalize(), name.lower())


_KNOWN = {s.lower(): s for row in _ROWS for s in (row.nama, row.singkatan)}


def _unknown_jenis(written: str) -> str:
    close = difflib.get_close_matches(written.lower(), _KNOWN, n=1, cutoff=0.6)
    hint = f"; maksud Anda '{_KNOWN[close[0]]}'?" if close else ""
    return f"jenis '{written}' tidak dikenal{hint}"
