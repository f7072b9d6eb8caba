"""What the search index learns from each catalogue page, and how a typed query is read.

The site is searched by Pagefind, which indexes the built HTML in chunks so that a phone
fetches only the few fragments a query needs. Pagefind sees words; this module decides what
each generated page adds for it: the facets a result can be narrowed by (unit, jenis
regulasi, regulasi, pelaksana), the metadata a result shows (nomor, unit), and weighted
terms so that a regulation's short forms find the regulation page and the SOPs citing it
first. Pagefind reads ``24/2013`` as one word, so ``UU 24/2013``, ``uu 24 2013`` and
``Undang-Undang Nomor 24 Tahun 2013`` would each match different pages; instead both sides
reduce a citation to one :func:`search_key` and map it to one :func:`regulation_token`: the
pages carry the token, and the browser (``assets/cari.js``, the same algorithm) rewrites the
query with :func:`alias_table`, published as :func:`alias_files` so that a query fetches only
the part its citations can be in. Pure core: the plugin and templates call it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sopdocs.catalogue.index import CatalogueIndex, RegulationEntry
from sopdocs.model import Sop
from sopdocs.regulations.recogniser import Regulation, group_of

ALIASES_DIR = "assets/sopdocs/cari-regulasi"
"""Where the alias table's files go, docs-relative: ``00.json`` to ``63.json``."""

ALIAS_SHARDS = 64
"""Files the alias table is split into. A province's table is tens of kilobytes, a phone's
whole budget for a query a few hundred; one file holds a sixty-fourth of it."""

FILLER_WORDS = frozenset(
    {"nomor", "nomer", "no", "nr", "tahun", "thn", "th", "ri", "republik", "indonesia"}
)
"""Words a citation may carry or drop without naming another regulation."""

TOKEN_PREFIX = "sopdocsreg"
"""Starts every regulation token; the browser hides such words from excerpts."""

SOP_WEIGHT = 5.0
REGULATION_WEIGHT = 10.0
"""Pagefind weights (0–10; a page's h1 is 7) of the short-form terms: the regulation's own
page outranks the SOPs citing it, and both outrank pages that merely mention the words."""

FILTERS = ("unit", "jenis", "regulasi", "pelaksana")
"""Pagefind filter names, in the order the search box offers them."""

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_TRAILING_DIGITS = re.compile(r"[0-9]+$")


def search_key(text: str) -> str:
    """``UU 24/2013``, ``uu 24 2013`` and ``UU Nomor 24 Tahun 2013`` all give ``uu242013``.

    Lower case, ASCII letters and digits only, filler words dropped, no spaces: the browser
    computes exactly this (``searchKey`` in ``cari.js``), so a query meets the table.
    """
    words = _NOT_ALNUM.split(text.lower())
    return "".join(w for w in words if w and w not in FILLER_WORDS)


def regulation_token(key: str) -> str:
    """One Pagefind word standing for a regulation: ``uu-24-2013`` → ``sopdocsreguux24x2013``.

    Letters and digits only, so Pagefind keeps it whole; ``x`` keeps ``2/42013`` apart from
    ``24/2013``.
    """
    return TOKEN_PREFIX + _NOT_ALNUM.sub("x", key.lower())


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchData:
    """What one page gives the index besides its text."""

    filters: tuple[tuple[str, str], ...]
    """(filter name, value) pairs; a name may repeat (an SOP under several units)."""
    meta: tuple[tuple[str, str], ...]
    """(name, value) shown with the result: ``nomor``, ``unit``."""
    terms: tuple[str, ...]
    """Words found with a weight: an SOP's nomor, regulation tokens and short forms."""
    weight: float


def _regulation_terms(regulation: Regulation, key: str) -> tuple[str, ...]:
    """The token, and the short name as people write it (``24/2013`` typed alone is one
    Pagefind word, found in ``UU 24/2013``). The formal name needs no weight: the browser
    rewrites it into the token, and the citation's own text is on the page."""
    return (regulation_token(key), regulation.nama_pendek)


def sop_search_data(sop: Sop, index: CatalogueIndex) -> SearchData:
    """An SOP: narrowed by its units, the types and names of what it cites, its lanes."""
    units = index.unit_chain(sop)
    entries = index.regulations_of(sop)
    filters = [("unit", unit.nama) for unit in units]
    filters += [("jenis", j) for j in dict.fromkeys(group_of(e.regulation) for e in entries)]
    filters += [("regulasi", e.regulation.nama_pendek) for e in entries]
    filters += [("pelaksana", name) for name in sop.pelaksana]
    meta = [("nomor", sop.nomor)]
    if units:
        meta.append(("unit", units[-1].nama))
    terms = [sop.nomor] + [t for e in entries for t in _regulation_terms(e.regulation, e.key)]
    return SearchData(
        filters=tuple(dict.fromkeys(filters)),
        meta=tuple(meta),
        terms=tuple(dict.fromkeys(terms)),
        weight=SOP_WEIGHT,
    )


def regulation_search_data(entry: RegulationEntry) -> SearchData:
    """A regulation page: found first by its token, short name and formal name.

    Not by the spellings SOPs use: the browser rewrites each of them into the token, and a
    regulation cited by hundreds of SOPs in dozens of spellings would make its page so long
    that Pagefind, which scores a word lower on a longer page, ranked the SOPs above it.
    """
    regulation = entry.regulation
    terms = (*_regulation_terms(regulation, entry.key), regulation.short_forms[-1])
    return SearchData(
        filters=(("jenis", group_of(regulation)), ("regulasi", regulation.nama_pendek)),
        meta=(),
        terms=tuple(dict.fromkeys(terms)),
        weight=REGULATION_WEIGHT,
    )


def alias_table(index: CatalogueIndex) -> dict[str, str]:
    """Every way of naming each cited regulation, as a :func:`search_key`, to its token.

    Short forms only (``UU 24/2013``, ``Undang-Undang Nomor 24 Tahun 2013``, also without
    a regional regulation's region when that is unambiguous): a few keys per regulation,
    kilobytes for a province.
    """
    table: dict[str, str] = {}
    clashes: set[str] = set()
    for entry in index.regulations:
        token = regulation_token(entry.key)
        regulation = entry.regulation
        names = list(regulation.short_forms)
        if regulation.wilayah:
            names += [n.replace(f" {regulation.wilayah}", "") for n in regulation.short_forms]
        for name in names:
            key = search_key(name)
            if table.get(key, token) != token:
                clashes.add(key)
            table[key] = token
    return {key: token for key, token in sorted(table.items()) if key not in clashes}


def alias_shard(key: str) -> str | None:
    """The file of the alias table holding ``key``: a hash of the digits it ends in.

    A citation's key ends in its number and year (``uu242013``), and so does the key of any
    stretch of a query that names it: the browser (``shardOf`` in ``cari.js``, the same hash)
    fetches the files of its query's stretches, one to three for a typical citation. ``None``
    for a key without final digits: no such stretch is looked up.
    """
    digits = _TRAILING_DIGITS.search(key)
    if digits is None:
        return None
    shard = 0
    for char in digits.group():
        shard = (shard * 31 + ord(char)) % ALIAS_SHARDS
    return f"{shard:02d}"


def alias_files(index: CatalogueIndex) -> dict[str, str]:
    """:func:`alias_table` as compact JSON files, docs-relative path to content: every one of
    the :data:`ALIAS_SHARDS` files, empty ones too, so the browser never asks for a missing
    one. A key not ending in a digit (no short form of a recognised regulation) is left out."""
    shards: dict[str, dict[str, str]] = {f"{n:02d}": {} for n in range(ALIAS_SHARDS)}
    for key, token in alias_table(index).items():
        shard = alias_shard(key)
        if shard is not None:
            shards[shard][key] = token
    return {
        f"{ALIASES_DIR}/{name}.json": json.dumps(table, separators=(",", ":"))
        for name, table in shards.items()
    }
