"""Every cache sopdocs keeps between builds, in one folder, in one safe format.

Caches are restored in CI from other branches' runs, shared by concurrent builds, and
deleted or damaged at will, so nothing read from them is trusted: entries are data (text,
never pickles), each sealed with the SHA-256 of its bytes and checked before use; a damaged
entry is a miss and is made again. Every file is written through a temporary file and a
rename, so a killed or concurrent build never leaves half an entry. One fingerprint of the
package's code and schemas is part of every key: a new sopdocs never reuses old results. A
folder that cannot be used turns the cache off, with one message for the adapters to show.

Layout under the folder: ``load.jsonl`` (parsed SOPs), ``dot.jsonl`` (laid-out flowcharts),
``svg/<key>.svg`` (drawn flowcharts), ``pages/`` (rendered SOP pages), ``converted/`` and
``finished/`` (MkDocs' conversions and the theme's finished pages, :mod:`sopdocs.site.kept`),
``pagefind/`` (the last search index, :mod:`sopdocs.site.searchbundle`).
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar

V = TypeVar("V")

DEFAULT_CACHE = Path(".cache/sopdocs")
"""Where the command line keeps its cache; the plugin's ``cache_dir`` says it for a site."""
FORMAT = "sopdocs-cache 1"
"""The first line of every bundle, with the code fingerprint: another version is a miss."""
_SEAL = 64
"""Length of a hex SHA-256: the seal that opens every entry."""


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


def seal(payload: bytes) -> bytes:
    """``payload`` prefixed with its SHA-256, so that damage is seen when it is read back."""
    return hashlib.sha256(payload).hexdigest().encode() + b" " + payload


def unseal(sealed: bytes) -> bytes | None:
    """The payload of a sealed entry, or None when the entry is damaged."""
    payload = sealed[_SEAL + 1 :]
    if sealed[_SEAL : _SEAL + 1] != b" ":
        return None
    if hashlib.sha256(payload).hexdigest().encode() != sealed[:_SEAL]:
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
