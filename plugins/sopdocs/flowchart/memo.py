"""DOT of flowcharts seen in an earlier build, so an unchanged SOP skips layout.

Laying out and routing a flowchart costs about 1.5 ms: at thousands of SOPs that is seconds
of every rebuild. A chart is a value, so its pickle identifies it; the layout code's own
fingerprint is part of the key, so a new layout never reuses old DOT.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from sopdocs.flowchart.dot import to_dot
from sopdocs.pickled import PickledDict

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
        self._store = PickledDict[str](cache_dir / MEMO_FILE if cache_dir else None, _CODE)

    def to_dot(self, chart: Flowchart) -> str:
        key = hashlib.sha256(pickle.dumps(chart, protocol=5)).hexdigest()
        dot = self._store.get(key)
        if dot is None:
            dot = to_dot(chart)
            self._store.put(key, dot)
        return dot

    def save(self) -> None:
        self._store.save()
