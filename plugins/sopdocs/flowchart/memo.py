"""DOT of flowcharts seen in an earlier build, so an unchanged SOP skips layout.

Laying out and routing a flowchart costs about 1.5 ms: at thousands of SOPs that is seconds
of every rebuild. A chart is a value, so its pickle identifies it; the layout code's own
fingerprint is part of the key, so a new layout never reuses old DOT.
"""

from __future__ import annotations

import hashlib
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from sopdocs.flowchart.dot import to_dot

if TYPE_CHECKING:
    from sopdocs.flowchart.graph import Flowchart

MEMO_FILE = "dot.pickle"
_PACKAGE = Path(__file__).parent
_CODE = hashlib.sha256(
    b"".join(p.read_bytes() for p in sorted(_PACKAGE.glob("*.py")) if p.name != "render.py")
).hexdigest()


class DotMemo:
    """``to_dot`` with a memory kept in ``cache_dir`` between builds (none when it is None)."""

    def __init__(self, cache_dir: Path | None) -> None:
        self._path = cache_dir / MEMO_FILE if cache_dir else None
        self._old: dict[str, str] = {}
        self._new: dict[str, str] = {}
        if self._path is not None and self._path.is_file():
            try:
                code, entries = pickle.loads(self._path.read_bytes())
            except Exception:  # a damaged or foreign memo is just an empty one
                return
            if code == _CODE:
                self._old = entries

    def to_dot(self, chart: Flowchart) -> str:
        key = hashlib.sha256(pickle.dumps(chart, protocol=5)).hexdigest()
        dot = self._new.get(key) or self._old.get(key) or to_dot(chart)
        self._new[key] = dot
        return dot

    def save(self) -> None:
        """Keep this build's charts only, so deleted SOPs are forgotten."""
        if self._path is None or self._new.keys() == self._old.keys():
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=self._path.parent, delete=False) as out:
            out.write(pickle.dumps((_CODE, self._new), protocol=pickle.HIGHEST_PROTOCOL))
        Path(out.name).replace(self._path)
