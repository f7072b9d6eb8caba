"""Remember what loading each unchanged SOP file produced, from one run to the next.

Entries are keyed by content, never by time: the file's bytes, its units' bytes, its path,
and a fingerprint of sopdocs' own code and schema, so a new version never reuses old results.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sopdocs.issues import Issue
    from sopdocs.model import Sop

Entry = tuple["Sop | None", "list[Issue]"]
CACHE_FILE = "load.pickle"


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@cache
def code_fingerprint() -> str:
    """Hash of the package's Python and schema files: what loading a file depends on."""
    package = Path(__file__).parent
    files = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".json"))
    return digest(*(f"{p.relative_to(package)}".encode() + p.read_bytes() for p in files))


class LoadCache:
    """A pickle of ``{key: (sop, issues)}`` in ``directory``; a no-op when it is None."""

    def __init__(self, directory: Path | None) -> None:
        self._path = directory / CACHE_FILE if directory else None
        self._old: dict[str, Entry] = {}
        self._new: dict[str, Entry] = {}
        if self._path is not None and self._path.is_file():
            try:
                fingerprint, entries = pickle.loads(self._path.read_bytes())
            except Exception:  # a damaged or foreign cache is just a cold cache
                return
            if fingerprint == code_fingerprint():
                self._old = entries

    def get(self, key: str) -> Entry | None:
        entry = self._old.get(key)
        if entry is not None:
            self._new[key] = entry
        return entry

    def put(self, key: str, entry: Entry) -> None:
        self._new[key] = entry

    def save(self) -> None:
        """Write this run's entries only, so files deleted since are forgotten."""
        if self._path is None or self._new.keys() == self._old.keys():
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        payload = pickle.dumps((code_fingerprint(), self._new), protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=self._path.parent, prefix=".load-")
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
        Path(tmp).replace(self._path)
