"""The SOP AP form as data: what the loader produces and every adapter reads.

Field names follow the form's Indonesian labels (``nomor``, ``nama``, ``dasar_hukum``...) so
a reader can hold the paper form and the code side by side; types and helpers stay English.
Everything is frozen: once loaded, a catalogue is a value. These classes (and Location,
Issue, Duration, PartialDate, Regulation) are deliberately not slotted: every warm build
unpickles tens of thousands of them from the load cache, and instances with a ``__dict__``
unpickle almost twice as fast as slotted dataclasses (measured: 0.23 s against 0.43 s for
1,000 SOPs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sopdocs.issues import Location
from sopdocs.reading.dates import PartialDate
from sopdocs.reading.durations import Duration
from sopdocs.regulations.recogniser import Regulation


@dataclass(frozen=True, kw_only=True)
class Signatory:
    """The official who signed the SOP (Disahkan oleh)."""

    jabatan: str
    nama: str
    nip: str
    """As written, spaces kept for display (``19760130 199503 1 001``)."""


@dataclass(frozen=True, kw_only=True)
class Citation:
    """One Dasar Hukum item: the author's text and the regulation recognised in it, if any."""

    text: str
    location: Location
    regulation: Regulation | None


@dataclass(frozen=True, kw_only=True)
class Reference:
    """One Keterkaitan item, unresolved: resolution needs the whole catalogue (``catalogue``)."""

    text: str
    """The string as written, or the id/nomor given in ``{sop: ...}``."""
    explicit: bool
    """Written as ``{sop: ...}``: failing to resolve it is an error, not a warning."""
    location: Location
    outside: bool = False
    """Written as ``{luar: ...}``: an SOP of another agency, declared so on purpose."""
    url: str | None = None
    """Where an outside SOP can be read (``{luar: ..., url: ...}``); http(s) only."""


@dataclass(frozen=True, kw_only=True)
class Lane:
    """One Pelaksana column of the procedure table and of the flowchart."""

    name: str
    location: Location


@dataclass(frozen=True, kw_only=True)
class Decision:
    """Where a decision step goes; both are step numbers, already resolved."""

    ya: int
    tidak: int


def step_anchor(number: int) -> str:
    """HTML id of step ``number``'s row: where flow notes and the flowchart's symbols link."""
    return f"langkah-{number}"


@dataclass(frozen=True, kw_only=True)
class Step:
    """One row of the procedure table, with its flow resolved to step numbers."""

    number: int
    """1-based position in ``prosedur``."""
    id: str | None
    kegiatan: str
    pelaksana: tuple[str, ...]
    """Lane names, in the SOP's lane order; more than one when the step spans lanes."""
    kelengkapan: str | None = None
    waktu: str | None = None
    duration: Duration | None = None
    """``waktu`` understood, or None when absent or not understood."""
    output: str | None = None
    keterangan: str | None = None
    keputusan: Decision | None = None
    lanjut: int | None = None
    """Explicit next step (loop or jump)."""
    ends: bool = False
    """The flow ends after this step (``selesai: true`` or nothing follows)."""
    location: Location

    @property
    def is_decision(self) -> bool:
        return self.keputusan is not None

    @property
    def successors(self) -> tuple[int, ...]:
        """Step numbers the flow may go to next."""
        if self.keputusan is not None:
            return (self.keputusan.ya, self.keputusan.tidak)
        if self.ends:
            return ()
        if self.lanjut is not None:
            return (self.lanjut,)
        return (self.number + 1,)

    @property
    def anchor(self) -> str:
        """HTML id of this step's row in the procedure table."""
        return step_anchor(self.number)


@dataclass(frozen=True, kw_only=True)
class Keputusan:
    """The head of office's decree that ratifies a unit's SOPs, the second part of its book."""

    nomor: str
    tanggal: PartialDate
    tentang: str


@dataclass(frozen=True, kw_only=True)
class Unit:
    """A folder under ``sops/``: a dinas, bidang or seksi, named by its ``_unit.yaml``."""

    path: str
    """Folder path under ``sops/`` with ``/`` separators; ``""`` for the root."""
    nama: str
    location: Location | None = None
    """Where ``nama`` was written, when an ``_unit.yaml`` exists."""
    keputusan: Keputusan | None = None
    """The ratifying decree, when ``_unit.yaml`` gives one: the book shows nothing invented."""

    @property
    def depth(self) -> int:
        return 0 if not self.path else self.path.count("/") + 1

    @property
    def parent_path(self) -> str | None:
        if not self.path:
            return None
        return self.path.rpartition("/")[0]


@dataclass(frozen=True, kw_only=True, eq=False)
class Sop:
    """One SOP file, with `_unit.yaml` defaults already applied.

    Compared and hashed by identity: one file is one Sop, and indexes key thousands of them,
    where hashing every field of every step would cost more than the rest of the index.
    """

    id: str
    """Path under ``sops/`` without extension, ``/``-separated: stable; the page URL is built
    from it (``sopdocs.urls``)."""
    source: str
    """Path of the YAML file as shown in messages (relative to the working directory)."""
    unit: str
    """Path of the unit folder holding the file (``""`` at the root)."""
    nomor: str
    nama: str
    instansi: tuple[str, ...]
    tanggal_pembuatan: PartialDate
    tanggal_revisi: tuple[PartialDate, ...] = ()
    tanggal_efektif: PartialDate
    disahkan_oleh: Signatory
    dasar_hukum: tuple[Citation, ...]
    kualifikasi_pelaksana: tuple[str, ...] = ()
    keterkaitan: tuple[Reference, ...] = ()
    peralatan: tuple[str, ...] = ()
    peringatan: tuple[str, ...] = ()
    pencatatan: tuple[str, ...] = ()
    langkah_per_halaman: int | None = None
    """Steps on each printed page, as the author fixed it; None: as many as fit."""
    lanes: tuple[Lane, ...]
    steps: tuple[Step, ...]
    location: Location
    key_locations: dict[str, Location] = field(default_factory=dict)
    """Where each top-level key was written, for messages about the key as a whole."""
    read_digest: str = field(default="", repr=False)
    """A digest of everything the SOP was read from (the file's bytes and place, its units'
    defaults), which with sopdocs' code names the SOP whole: keys need not print every
    field (``repr``, a tenth of a millisecond per SOP); ``""`` when not read from a
    catalogue's files."""

    @property
    def pelaksana(self) -> tuple[str, ...]:
        return tuple(lane.name for lane in self.lanes)

    def where(self, key: str) -> Location:
        """Location of a top-level key, or of the file when the key came from ``_unit.yaml``."""
        return self.key_locations.get(key, self.location)


@dataclass(frozen=True, kw_only=True)
class Catalogue:
    """Every unit and every SOP that loaded, in folder order.

    The model alone: no issues (``LoadResult``), nothing resolved (``CatalogueIndex``).
    """

    units: tuple[Unit, ...]
    sops: tuple[Sop, ...]

    def unit(self, path: str) -> Unit | None:
        return self._units_by_path.get(path)

    @cached_property
    def _units_by_path(self) -> dict[str, Unit]:
        """Looked up for every unit's parents: a scan of hundreds of units each time."""
        found: dict[str, Unit] = {}
        for unit in self.units:
            found.setdefault(unit.path, unit)  # the first, as a scan finds it
        return found

    def sop(self, sop_id: str) -> Sop | None:
        return next((s for s in self.sops if s.id == sop_id), None)
