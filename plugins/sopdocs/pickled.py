"""A dictionary kept between runs in one pickle file: the shape of every sopdocs cache.

Entries are keyed by content (hashes), so they never go stale; the ``version`` (a
fingerprint of the code that made them) throws the whole file away when that code changes.
Only the entries used or added in a run are written back, so deleted SOPs are forgotten.
"""

from __future__ import annotations

import pickle
import tempfile
from pathlib import Path
from typing import Generic, TypeVar

V = TypeVar("V")


class PickledDict(Generic[V]):
    """``get``/``put`` by key; ``save`` once at the end. With ``path`` None it keeps nothing."""

    def __init__(self, path: Path | None, version: str) -> None:
        self._path = path
        self._version = version
        self._old: dict[str, V] = {}
        self._new: dict[str, V] = {}
        if path is not None and path.is_file():
            try:
                stored_version, entries = pickle.loads(path.read_bytes())
            except Exception:  # a damaged or foreign file is just an empty cache
                return
            if stored_version == version:
                self._old = entries

    def get(self, key: str) -> V | None:
        value = self._new.get(key)
        if value is None:
            value = self._old.get(key)
            if value is not None:
                self._new[key] = value
        return value

    def put(self, key: str, value: V) -> None:
        self._new[key] = value

    def save(self) -> None:
        if self._path is None or self._new.keys() == self._old.keys():
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        payload = pickle.dumps((self._version, self._new), protocol=pickle.HIGHEST_PROTOCOL)
        with tempfile.NamedTemporaryFile(dir=self._path.parent, delete=False) as out:
            out.write(payload)
        Path(out.name).replace(self._path)
