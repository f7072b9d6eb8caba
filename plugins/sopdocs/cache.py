"""Every cache sopdocs keeps between builds, in one folder, in one safe format.

Caches are restored in CI from other branches' runs, shared by concurrent builds, and
deleted or damaged at will, so nothing read from them is trusted: entries are data (text,
never pickles), each sealed with the SHA-256 of its bytes and checked before use; a damaged
entry is a miss and is made again. Every file is written through a temporary file and a
rename, so a killed or concurrent build never leaves half an entry. One fingerprint of the
package's code and schemas is part of every key: a new sopdocs never reuses old results. A
folder that cannot be used turns the cache off, with one message for the adapters to show.

Layout under the folder: ``load.jsonl`` (parsed SOPs), ``dot.jsonl`` (laid-out flowcharts),
``svg/<key>.svg`` (drawn flowcharts), ``pages.pack`` (rendered SOP pages), ``converted.pack``
and ``finished.pack`` (MkDocs' conversions and the theme's finished pages,
:mod:`sopdocs.site.kept`), ``pagefind/`` (the last search index,
:mod:`sopdocs.site.searchbundle`).
"""

from __future__ import annotations

import hashlib
import os
import time
import uuid
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, Any, Generic, TypeVar

V = TypeVar("V")

DEFAULT_CACHE = Path(".cache/sopdocs")
"""Where the command line keeps its cache; the plugin's ``cache_dir`` says it for a site."""
FORMAT = "sopdocs-cache 1"
"""The first line of every bundle, with the code fingerprint: another version is a miss."""
_SEAL = 64
"""Length of a hex SHA-256: the seal that opens every entry."""
PACK_FORMAT = b"sopdocs-pack 1\n"
"""The first line of every pack: another format is read as an empty pack."""
_ABANDONED = 3600.0
"""Seconds after which a pack's temporary file is a killed build's leftover, not a
concurrent build's work in progress."""


def digest(*parts: bytes | str) -> str:
    """SHA-256 of ``parts``, each length-prefixed so that no two sequences collide."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@cache
def code_fingerprint() -> str:
    """Hash of the package's Python and schema files: what every cached result depends on."""
    package = Path(__file__).parent
    files = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".json"))
    return digest(
        *(f"{p.relative_to(package).as_posix()}".encode() + p.read_bytes() for p in files)
    )


def _seal_of(payload: bytes) -> bytes:
    """The seal of ``payload``: its SHA-256 in hex, what every entry and record carries."""
    return hashlib.sha256(payload).hexdigest().encode()


def seal(payload: bytes) -> bytes:
    """``payload`` prefixed with its seal, so that damage is seen when it is read back."""
    return _seal_of(payload) + b" " + payload


def unseal(sealed: bytes) -> bytes | None:
    """The payload of a sealed entry, or None when the entry is damaged."""
    payload = sealed[_SEAL + 1 :]
    if sealed[_SEAL : _SEAL + 1] != b" ":
        return None
    if _seal_of(payload) != sealed[:_SEAL]:
        return None
    return payload


def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


@dataclass(eq=False)
class Cache:
    """One cache folder, or none (``folder`` None): then every look-up misses."""

    folder: Path | None
    problem: str | None = None
    """Why the folder is not used, in Indonesian, for the adapter to show once."""
    _bundles: dict[str, Bundle[Any]] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: Path | None) -> Cache:
        """The cache in ``folder`` if it can be written, else an off cache saying why."""
        if folder is None:
            return cls(None)
        try:
            write_atomically(folder / ".probe", b"")
        except OSError as error:
            return cls(None, _unusable(folder, error))
        return cls(folder)

    def bundle(
        self, name: str, encode: Callable[[V], str], decode: Callable[[str], V]
    ) -> Bundle[V]:
        """The bundle ``name`` of this cache, the same one each time it is asked for: one
        ``mkdocs serve`` keeps its cache, so a rebuild reuses what the last build decoded."""
        found = self._bundles.get(name)
        if found is None:
            found = self._bundles[name] = Bundle(self, name, encode, decode)
        return found

    def read(self, name: str) -> bytes | None:
        """The payload of entry ``name`` (a path inside the folder), None if absent or damaged."""
        sealed = self.read_file(name)
        return None if sealed is None else unseal(sealed)

    def write(self, name: str, payload: bytes) -> None:
        """Store ``payload`` as entry ``name``, sealed."""
        self.write_file(name, seal(payload))

    def read_file(self, name: str) -> bytes | None:
        """The bytes of file ``name`` as they are (its entries are checked by the caller)."""
        if self.folder is None:
            return None
        try:
            return (self.folder / name).read_bytes()
        except OSError:
            return None

    def write_file(self, name: str, data: bytes) -> None:
        """Write file ``name`` atomically; a folder that fails turns the cache off."""
        if self.folder is None:
            return
        try:
            write_atomically(self.folder / name, data)
        except OSError as error:
            self.fail(error)

    def fail(self, error: OSError) -> None:
        """Turn the cache off after ``error`` in its folder, saying why."""
        if self.folder is not None:
            self.problem = _unusable(self.folder, error)
            self.folder = None


def _unusable(folder: Path, error: OSError) -> str:
    reason = error.strerror or type(error).__name__
    return (
        f"cache '{os.path.relpath(folder)}' tidak dapat dipakai ({reason}); situs dibangun "
        "tanpa cache (hapus folder itu atau atur cache_dir ke folder yang dapat ditulis)"
    )


@dataclass(eq=False)
class Bundle(Generic[V]):
    """Many small entries in one file of ``cache``, one sealed line each, read at once.

    Lines are decoded only when asked for; only the entries used or added since the last
    :meth:`save` are written back, so deleted SOPs are forgotten, and nothing is written when
    nothing changed. A bundle lives on after :meth:`save` (see :meth:`Cache.bundle`): the
    next run finds the entries it used already decoded, which is what keeps a rebuild of
    ``mkdocs serve`` from decoding every SOP again.
    """

    cache: Cache
    name: str
    encode: Callable[[V], str]
    decode: Callable[[str], V]
    """Raises ``ValueError`` on a payload it does not accept: the entry is then a miss."""
    _raw: dict[str, bytes] = field(default_factory=dict)
    """Entries as the file holds them (or as the last save wrote them), by key."""
    _values: dict[str, V] = field(default_factory=dict)
    """Entries decoded or added, by key; an added one has no ``_raw`` until saved."""
    _used: dict[str, None] = field(default_factory=dict)
    """Keys asked for or added since the last save, in that order: what the next holds."""
    _stored: frozenset[str] = frozenset()
    """Keys the file holds."""

    def __post_init__(self) -> None:
        data = self.cache.read_file(self.name)
        if data is None:
            return
        header, _, body = data.partition(b"\n")
        if header != _header():
            return
        for line in body.split(b"\n"):
            payload = unseal(line)
            if payload is not None:
                key, _, value = payload.partition(b" ")
                self._raw[key.decode("ascii", "replace")] = value
        self._stored = frozenset(self._raw)

    def get(self, key: str) -> V | None:
        if key in self._values:
            self._used[key] = None
            return self._values[key]
        raw = self._raw.get(key)
        if raw is None:
            return None
        try:
            value = self.decode(raw.decode("utf-8"))
        except ValueError:  # a sealed entry we do not accept: made again
            del self._raw[key]
            return None
        self._values[key] = value
        self._used[key] = None
        return value

    def put(self, key: str, value: V) -> None:
        self._values[key] = value
        self._raw.pop(key, None)
        self._used[key] = None

    def put_encoded(self, key: str, encoded: str) -> V | None:
        """Add an entry as ``encode`` wrote it (in a worker process) and return it decoded,
        exactly as a later build will read it; None if it does not decode (then not kept)."""
        self._values.pop(key, None)
        self._raw[key] = encoded.encode("utf-8")
        self._stored = self._stored - {key}  # the file's line, if any, is not this one
        return self.get(key)

    def save(self) -> None:
        """Write the entries used since the last save (if they differ from the file's), and
        keep only those in memory."""
        used = list(self._used)
        if self._stored != frozenset(used) or any(key not in self._raw for key in used):
            lines = [_header()]
            for key in used:
                raw = self._raw.get(key)
                if raw is None:
                    raw = self._raw[key] = self.encode(self._values[key]).encode("utf-8")
                lines.append(seal(key.encode("ascii") + b" " + raw))
            self.cache.write_file(self.name, b"\n".join(lines))
            self._stored = frozenset(used)
        self._raw = {key: self._raw[key] for key in used}
        self._values = {key: self._values[key] for key in used if key in self._values}
        self._used = {}


def _header() -> bytes:
    return f"{FORMAT} {code_fingerprint()}".encode()


_Record = tuple[int, int, bytes]
"""Where an entry's payload lies in a pack (offset, length) and its seal."""


@dataclass(eq=False)
class Pack:
    """Large entries of one kind (pages, conversions) in one file of ``cache``.

    Why one file: a cold build of 3,000 SOPs kept some 10,000 texts, and creating a file
    cost this disk 0.4-0.6 ms, six seconds in all; a warm build opened as many. The pack
    ``<name>`` is a header line and then records, each ``<key> <length> <seal>`` on a line
    and the payload's bytes; a record's seal is checked when it is read, and a record that
    cannot be parsed ends the pack (the records before it stay usable). A build appends
    what it makes to a new pack as it goes; :meth:`save` copies in the old records it used
    and renames the new pack over the old one, so a reader, or a concurrent build, always
    sees a whole pack, and a build that used exactly the old records writes nothing.
    """

    cache: Cache
    name: str
    _read: IO[bytes] | None = None
    _records: dict[str, _Record] | None = None
    """The old pack's records, read at the first look-up."""
    _next: IO[bytes] | None = None
    _next_path: Path | None = None
    _written: dict[str, _Record] = field(default_factory=dict)
    _used: set[str] = field(default_factory=set)

    @property
    def used(self) -> frozenset[str]:
        """The keys asked for, kept or written since the last save."""
        return frozenset(self._used)

    @property
    def stored(self) -> frozenset[str]:
        """The keys of the pack as the last save left it (or as the folder holds it)."""
        return frozenset(self._old())

    def get(self, key: str) -> bytes | None:
        """The payload under ``key``, None if absent or damaged."""
        self._used.add(key)
        if key in self._written and self._next is not None:
            self._next.flush()  # read back below its buffer, without moving its position
            return self._payload(self._next, self._written[key])
        record = self._old().get(key)
        if record is None or self._read is None:
            return None
        return self._payload(self._read, record)

    def keep(self, key: str) -> None:
        """The build uses the entry under ``key`` without reading it: :meth:`save` keeps it."""
        self._used.add(key)

    def put(self, key: str, payload: bytes) -> None:
        """Add ``payload`` under ``key`` (a word without spaces) to the pack being written."""
        self._used.add(key)
        out = self._open_next()
        if out is None:
            return
        try:
            self._append(out, key, payload, _seal_of(payload))
        except OSError as error:
            self._give_up(error)

    def _append(self, out: IO[bytes], key: str, payload: bytes, seal: bytes) -> None:
        out.write(f"{key} {len(payload)} ".encode("ascii") + seal + b"\n")
        self._written[key] = (out.tell(), len(payload), seal)
        out.write(payload)

    def save(self, *, prune: bool) -> None:
        """Make this build's pack the pack: its own records and the old ones it used (with
        ``prune``) or all old ones (without). Then the next build starts from it."""
        old = self._old()
        wanted = self._used if prune else self._used | old.keys()
        carried = sorted(
            (k for k in wanted if k in old and k not in self._written), key=lambda k: old[k][0]
        )
        try:
            if self._written or len(carried) != len(old):
                self._replace(old, carried)
        finally:
            # The next build reads the pack afresh (another build may have replaced it).
            self._discard_next()
            self._close_read()
            self._records, self._used = None, set()

    def _replace(self, old: dict[str, _Record], carried: list[str]) -> None:
        """Copy the ``carried`` old records into the pack being written, then rename it
        over the old pack."""
        out = self._open_next()
        if out is None or self._next_path is None:
            return
        try:
            for key in carried:
                # Copied with its seal, unchecked: a damaged record stays a miss where it goes.
                start, length, seal = old[key]
                assert self._read is not None
                self._append(out, key, os.pread(self._read.fileno(), length, start), seal)
            out.close()
            self._next_path.replace(self._path())
        except OSError as error:
            self.cache.fail(error)
            return
        self._next_path = None  # it is the pack now
        self._sweep()

    def _path(self) -> Path:
        assert self.cache.folder is not None
        return self.cache.folder / self.name

    def _old(self) -> dict[str, _Record]:
        if self._records is None:
            self._records = {}
            if self.cache.folder is not None:
                self._records = self._index()
        return self._records

    def _index(self) -> dict[str, _Record]:
        try:
            self._read = self._path().open("rb")
        except OSError:
            return {}
        read = self._read
        size = os.fstat(read.fileno()).st_size
        if read.readline(len(PACK_FORMAT)) != PACK_FORMAT:
            return {}
        records: dict[str, _Record] = {}
        while True:
            line = read.readline(300)
            fields = line.split(b" ")
            if not line.endswith(b"\n") or len(fields) != 3 or not fields[1].isdigit():
                return records
            start, length = read.tell(), int(fields[1])
            if start + length > size:
                return records
            records[fields[0].decode("ascii", "replace")] = (start, length, fields[2][:-1])
            read.seek(start + length)

    @staticmethod
    def _payload(source: IO[bytes], record: _Record) -> bytes | None:
        start, length, seal = record
        try:
            # pread moves no file position, which a forked copy of the build shares.
            payload = os.pread(source.fileno(), length, start)
        except OSError:
            return None
        if len(payload) != length or _seal_of(payload) != seal:
            return None
        return payload

    def _open_next(self) -> IO[bytes] | None:
        if self._next is not None:
            return self._next
        if self.cache.folder is None:
            return None
        path = self.cache.folder / f".{self.name}.{uuid.uuid4().hex}.tmp"
        try:
            self.cache.folder.mkdir(parents=True, exist_ok=True)
            self._next = path.open("w+b")
            self._next.write(PACK_FORMAT)
        except OSError as error:
            self.cache.fail(error)
            return None
        self._next_path = path
        _WRITING.add(self)
        return self._next

    def _discard_next(self) -> None:
        if self._next is not None:
            self._next.close()
        if self._next_path is not None:
            self._next_path.unlink(missing_ok=True)
        self._next = self._next_path = None
        self._written = {}

    def _flush(self) -> None:
        if self._next is not None:
            self._next.flush()

    def _leave_to_parent(self) -> None:
        """In a forked copy of the build: the pack being written is the parent's; this
        copy neither writes to it nor renames it (its buffer was flushed before the fork)."""
        self._next = self._next_path = None
        self._written = {}

    def _give_up(self, error: OSError) -> None:
        self._discard_next()
        self.cache.fail(error)

    def _close_read(self) -> None:
        if self._read is not None:
            self._read.close()
            self._read = None

    def _sweep(self) -> None:
        """Delete this pack's temporary files that killed builds left behind."""
        folder = self.cache.folder
        if folder is None:
            return
        for leftover in folder.glob(f".{self.name}.*.tmp"):
            try:
                if time.time() - leftover.stat().st_mtime > _ABANDONED:
                    leftover.unlink()
            except OSError:
                continue


_WRITING: weakref.WeakSet[Pack] = weakref.WeakSet()
"""Packs with a file being written, flushed before the process forks."""


def _flush_writers() -> None:
    for pack in list(_WRITING):
        pack._flush()


def _leave_writers() -> None:
    for pack in list(_WRITING):
        pack._leave_to_parent()
    _WRITING.clear()


os.register_at_fork(before=_flush_writers, after_in_child=_leave_writers)
