"""What only the whole catalogue knows: links between SOPs, backlinks, and the indexes.

Built in one pass after loading (the shape of sphinx-needs' link resolution): walk every
outgoing reference, record a backlink on its target, collect the dead ones as issues, and
sort everything naturally so pages and diffs stay stable.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from sopdocs.cache import Cache
from sopdocs.catalogue.othercatalogues import OtherSop
from sopdocs.issues import Issue, error, sort_issues, warning
from sopdocs.model import Catalogue, Citation, Reference, Sop, Step, Unit
from sopdocs.parallel import AUTOMATIC, Parallelism
from sopdocs.reading.loader import Progress, load_catalogue
from sopdocs.regulations.recogniser import Regulation, group_of
from sopdocs.regulations.tables import HIERARCHY
from sopdocs.text import distinct, fold, natural_key, slugify

_LEADING_SOP = re.compile(r"^\s*sop\b[\s.:-]*", re.IGNORECASE)


def reference_key(text: str) -> str:
    """How a keterkaitan string is compared: no leading "SOP", case and spacing ignored."""
    return fold(_LEADING_SOP.sub("", text))


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolvedReference:
    reference: Reference
    target: Sop | None
    """None: an SOP outside this catalogue (or, for ``{sop: ...}``, a mistake)."""
    elsewhere: OtherSop | None = None
    """The SOP of another published catalogue (``katalog_lain``) the text names, if any."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RegulationEntry:
    """One regulation as the site shows it: every spelling merged, every citing SOP."""

    key: str
    """``regulation.key``, worked out once: pages ask for it tens of thousands of times."""
    regulation: Regulation
    citations: tuple[tuple[Sop, Citation], ...]
    amended_by: tuple[Regulation, ...] = ()

    @property
    def sops(self) -> tuple[Sop, ...]:
        return tuple(dict.fromkeys(sop for sop, _ in self.citations))

    @property
    def spellings(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.text for _, c in self.citations))


@dataclass(frozen=True, slots=True, kw_only=True)
class UnrecognisedCitation:
    """A citation text no rule recognised, listed under "Lainnya" with who wrote it."""

    text: str
    sops: tuple[Sop, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class RegulationGroup:
    """One jenis in hierarchy order, its regulations by year (newest first)."""

    label: str
    years: tuple[tuple[int | None, tuple[RegulationEntry, ...]], ...]

    @property
    def count(self) -> int:
        return sum(len(entries) for _, entries in self.years)


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleEntry:
    """One pelaksana (lane name) and everything it does across the catalogue."""

    name: str
    slug: str
    """Its anchor on the pelaksana page: unique there, though "Kepala-Dinas" and
    "Kepala/Dinas" slugify alike."""
    duties: tuple[tuple[Sop, tuple[Step, ...]], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class CatalogueIndex:
    """The catalogue with everything resolved, ready for any adapter to present.

    Holds no issues (``Analysis`` does), so pages and ``katalog.json`` depend on it alone.
    """

    catalogue: Catalogue
    references: dict[str, tuple[ResolvedReference, ...]]
    backlinks: dict[str, tuple[Sop, ...]]
    regulations: tuple[RegulationEntry, ...]
    """Sorted: hierarchy rank, then year (newest first), then number."""
    unrecognised: tuple[UnrecognisedCitation, ...]
    roles: tuple[RoleEntry, ...]
    role_slugs: dict[str, str] = dataclasses.field(default_factory=dict)
    """``fold(name)`` → the role's anchor, for links from lanes to the pelaksana page."""
    _in_unit: dict[tuple[str, bool], tuple[Sop, ...]] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )
    """What :meth:`sops_in_unit` found, by its arguments."""
    _own_sops: dict[str, tuple[Sop, ...]] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )
    """Each unit's own SOPs (:meth:`_by_unit`)."""
    _chains: dict[str, tuple[Unit, ...]] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )
    """What :meth:`unit_chain` found, by unit path."""
    _positions: dict[str, int] = dataclasses.field(default_factory=dict, compare=False, repr=False)
    """Each regulation's key → its place in ``regulations``: look-ups by key, for every SOP
    of every page, stay constant-time."""

    def __post_init__(self) -> None:
        positions = {entry.key: n for n, entry in enumerate(self.regulations)}
        object.__setattr__(self, "_positions", positions)

    @property
    def sops(self) -> tuple[Sop, ...]:
        return self.catalogue.sops

    @property
    def units(self) -> tuple[Unit, ...]:
        return self.catalogue.units

    def role_slug(self, name: str) -> str:
        """The pelaksana page's anchor for lane ``name`` (any spelling of it)."""
        # A lane no step uses has no entry on that page; its link then goes to the page.
        return self.role_slugs.get(fold(name)) or slugify(name)

    def role_slugs_of(self, sop: Sop) -> tuple[str, ...]:
        return tuple(self.role_slug(name) for name in sop.pelaksana)

    def regulation(self, key: str) -> RegulationEntry | None:
        position = self._positions.get(key)
        return None if position is None else self.regulations[position]

    def regulations_of(self, sop: Sop) -> tuple[RegulationEntry, ...]:
        """The entries ``sop`` cites, in the index's order."""
        keys = {c.regulation.key for c in sop.dasar_hukum if c.regulation}
        found = sorted(self._positions[k] for k in keys if k in self._positions)
        return tuple(self.regulations[n] for n in found)

    def regulation_groups(self) -> tuple[RegulationGroup, ...]:
        groups: dict[str, dict[int | None, list[RegulationEntry]]] = {}
        for entry in self.regulations:
            by_year = groups.setdefault(group_of(entry.regulation), {})
            by_year.setdefault(entry.regulation.tahun, []).append(entry)
        return tuple(
            RegulationGroup(
                label=label,
                years=tuple((year, tuple(entries)) for year, entries in groups[label].items()),
            )
            for label in HIERARCHY
            if label in groups
        )

    def _by_unit(self) -> dict[str, tuple[Sop, ...]]:
        """Each unit's own SOPs in catalogue order, found in one pass over the catalogue."""
        found = self._own_sops
        if not found and self.sops:
            groups: dict[str, list[Sop]] = {}
            for sop in self.sops:
                groups.setdefault(sop.unit, []).append(sop)
            found.update((unit, tuple(sops)) for unit, sops in groups.items())
        return found

    def sops_in_unit(self, unit_path: str, *, nested: bool = False) -> tuple[Sop, ...]:
        """The unit's SOPs (``nested``: with its sub-units'), in catalogue order; worked out
        once per unit, as every unit, monitoring and sub-unit row asks again."""
        found = self._in_unit.get((unit_path, nested))
        if found is None:
            if nested and not unit_path:
                found = self.sops
            elif nested:
                prefix = f"{unit_path}/"
                units = {u for u in self._by_unit() if u == unit_path or u.startswith(prefix)}
                if len(units) > 1:  # SOPs of several units: in catalogue order
                    found = tuple(s for s in self.sops if s.unit in units)
                else:
                    found = self._by_unit()[units.pop()] if units else ()
            else:
                found = self._by_unit().get(unit_path, ())
            self._in_unit[(unit_path, nested)] = found
        return found

    def unit_chain(self, sop: Sop) -> tuple[Unit, ...]:
        """The units holding ``sop``, outermost first, without the catalogue root; worked
        out once per unit (every SOP page's key asks, and each look-up scans the units)."""
        chain = self._chains.get(sop.unit)
        if chain is None:
            parts = sop.unit.split("/") if sop.unit else []
            paths = ["/".join(parts[: i + 1]) for i in range(len(parts))]
            found = (self.catalogue.unit(p) for p in paths)
            chain = self._chains[sop.unit] = tuple(u for u in found if u is not None)
        return chain


def _resolve_references(
    catalogue: Catalogue, others: tuple[OtherSop, ...] = ()
) -> tuple[dict[str, tuple[ResolvedReference, ...]], dict[str, tuple[Sop, ...]], list[Issue]]:
    by_name: dict[str, Sop] = {}
    by_id = {sop.id: sop for sop in catalogue.sops}
    for sop in catalogue.sops:
        by_name.setdefault(reference_key(sop.nama), sop)
        by_name.setdefault(reference_key(sop.nomor), sop)
    elsewhere: dict[str, OtherSop] = {}
    for theirs in others:
        elsewhere.setdefault(reference_key(theirs.nama), theirs)
        elsewhere.setdefault(reference_key(theirs.nomor), theirs)
    references: dict[str, tuple[ResolvedReference, ...]] = {}
    backlinks: dict[str, list[Sop]] = defaultdict(list)
    issues: list[Issue] = []
    for sop in catalogue.sops:
        resolved = []
        for ref in sop.keterkaitan:
            if ref.outside:
                resolved.append(ResolvedReference(reference=ref, target=None))
                continue
            target = by_id.get(ref.text) if ref.explicit else None
            target = target or by_name.get(reference_key(ref.text))
            other = None if target or ref.explicit else elsewhere.get(reference_key(ref.text))
            resolved.append(ResolvedReference(reference=ref, target=target, elsewhere=other))
            if target is not None:
                if sop not in backlinks[target.id]:
                    backlinks[target.id].append(sop)
            elif other is None:
                issues.append(_unresolved(ref))
        references[sop.id] = tuple(resolved)
    ordered = {
        key: tuple(sorted(sops, key=lambda s: natural_key(s.id))) for key, sops in backlinks.items()
    }
    return references, ordered, issues


def _unresolved(ref: Reference) -> Issue:
    """``{sop: ...}`` naming nothing is a mistake; a name matching nothing may be outside."""
    if ref.explicit:
        return error(
            "reference.unresolved",
            f"keterkaitan {{sop: {ref.text}}} tidak menunjuk SOP mana pun di katalog",
            ref.location,
            "tulis id SOP (jalurnya di bawah sops/ tanpa .yaml) atau nomornya; "
            "untuk SOP instansi lain tulis {luar: <nama SOP>, url: <alamatnya>}",
        )
    return warning(
        "reference.outside",
        f"keterkaitan '{ref.text}' bukan SOP di katalog ini; "
        "ditampilkan sebagai SOP di luar katalog",
        ref.location,
        "bila SOP itu ada di katalog, samakan penulisan nama atau nomornya; "
        "bila SOP instansi lain, tulis {luar: <nama SOP>, url: <alamatnya>}",
    )


def _merge_regulations(catalogue: Catalogue) -> tuple[RegulationEntry, ...]:
    cited: dict[str, list[tuple[Sop, Citation]]] = defaultdict(list)
    for sop in catalogue.sops:
        for citation in sop.dasar_hukum:
            if citation.regulation is not None:
                cited[citation.regulation.key].append((sop, citation))
    merged = {key: _canonical([c.regulation for _, c in uses]) for key, uses in cited.items()}
    amended_by: dict[str, list[Regulation]] = defaultdict(list)
    for regulation in merged.values():
        if regulation.amends is not None:
            amended_by[regulation.amends.key].append(regulation)
    entries = [
        RegulationEntry(
            key=key,
            regulation=merged[key],
            citations=tuple(uses),
            amended_by=tuple(sorted(amended_by.get(key, ()), key=lambda r: r.key)),
        )
        for key, uses in cited.items()
    ]
    entries.sort(
        key=lambda e: (
            e.regulation.rank,
            -(e.regulation.tahun or 0),
            natural_key(e.regulation.nomor),
            e.key,
        )
    )
    return tuple(entries)


def _canonical(spellings: list[Regulation | None]) -> Regulation:
    """One regulation from its spellings: the number as most often written (``470/837/Dukcapil``
    beside ``470/837/DUKCAPIL``), the most often written subject, amendment kept."""
    regs = [r for r in spellings if r is not None]
    numbers = Counter(r.nomor for r in regs)
    # Counter keeps first-written order and max() keeps the first of equals: deterministic.
    base = next((r for r in regs if r.amends is not None), regs[0])
    base = dataclasses.replace(base, nomor=max(numbers, key=numbers.__getitem__))
    subjects = Counter(r.tentang for r in regs if r.tentang)
    if not subjects:
        return base
    # Most common first; among equals, the fullest wording.
    best = max(subjects, key=lambda t: (subjects[t], len(t)))
    return dataclasses.replace(base, tentang=best)


def _unrecognised(catalogue: Catalogue) -> tuple[UnrecognisedCitation, ...]:
    by_text: dict[str, list[Sop]] = defaultdict(list)
    for sop in catalogue.sops:
        for citation in sop.dasar_hukum:
            if citation.regulation is None and sop not in by_text[citation.text]:
                by_text[citation.text].append(sop)
    return tuple(
        UnrecognisedCitation(text=text, sops=tuple(sops))
        for text, sops in sorted(by_text.items(), key=lambda item: natural_key(item[0]))
    )


def _roles(catalogue: Catalogue) -> tuple[RoleEntry, ...]:
    duties: dict[str, dict[str, list[Step]]] = defaultdict(dict)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    sops = {sop.id: sop for sop in catalogue.sops}
    for sop in catalogue.sops:
        for step in sop.steps:
            for lane in step.pelaksana:
                key = fold(lane)
                names[key][lane] += 1
                duties[key].setdefault(sop.id, []).append(step)
    named = sorted(
        ((names[key].most_common(1)[0][0], key) for key in duties), key=lambda n: natural_key(n[0])
    )
    taken: set[str] = set()
    return tuple(
        RoleEntry(
            name=name,
            slug=distinct(slugify(name), key, taken),
            duties=tuple((sops[sop_id], tuple(steps)) for sop_id, steps in duties[key].items()),
        )
        for name, key in named
    )


def index_catalogue(
    catalogue: Catalogue, others: tuple[OtherSop, ...] = ()
) -> tuple[CatalogueIndex, list[Issue]]:
    """Resolve references (here, then in ``others``) and build every index; issues are about
    keterkaitan."""
    references, backlinks, issues = _resolve_references(catalogue, others)
    roles = _roles(catalogue)
    index = CatalogueIndex(
        catalogue=catalogue,
        references=references,
        backlinks=backlinks,
        regulations=_merge_regulations(catalogue),
        unrecognised=_unrecognised(catalogue),
        roles=roles,
        role_slugs={fold(role.name): role.slug for role in roles},
    )
    return index, issues


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything ``sopdocs check`` and the site need from one ``sops/`` folder.

    A ``LoadResult`` after indexing: the index, and the loader's issues with the index's.
    """

    index: CatalogueIndex
    issues: list[Issue]
    files: int = 0
    """SOP files read, the broken ones included."""


def analyse(
    root: Path,
    progress: Progress | None = None,
    cache: Cache | None = None,
    others: tuple[OtherSop, ...] = (),
    parallelism: Parallelism = AUTOMATIC,
) -> Analysis:
    """Load, check and index the catalogue under ``root`` (see ``load_catalogue``); a
    keterkaitan may name an SOP of ``others``, other agencies' catalogues."""
    loaded = load_catalogue(root, progress, cache, parallelism)
    index, reference_issues = index_catalogue(loaded.catalogue, others)
    return Analysis(
        index=index, issues=sort_issues(loaded.issues + reference_issues), files=loaded.files
    )
