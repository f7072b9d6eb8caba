"""DOT of flowcharts seen in an earlier build, so an unchanged SOP skips layout.

Laying out and routing a flowchart costs about 1.5 ms: at thousands of SOPs that is seconds
of every rebuild. A chart is a value, so its pickled bytes identify it (they are hashed,
never read back); the cache's code fingerprint keeps a new layout from reusing old DOT.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from typing import TYPE_CHECKING

from sopdocs.cache import Bundle, Cache
from sopdocs.flowchart.dot import to_dot

if TYPE_CHECKING:
    from sopdocs.flowchart.graph import Flowchart

MEMO_ENTRY = "dot.jsonl"


class DotMemo:
    """``to_dot`` with a memory kept in ``cache`` between builds (none when it is None)."""

    def __init__(self, cache: Cache | None) -> None:
        self._store = Bundle[str](cache or Cache(None), MEMO_ENTRY, json.dumps, _read_dot)

    def to_dot(self, chart: Flowchart) -> str:
        key = hashlib.sha256(pickle.dumps(chart, protocol=5)).hexdigest()
        dot = self._store.get(key)
        if dot is None:
            dot = to_dot(chart)
            self._store.put(key, dot)
        return dot

    def save(self) -> None:
        self._store.save()


def _read_dot(text: str) -> str:
    dot = json.loads(text)
    if not isinstance(dot, str):
        raise ValueError("not DOT text")
    return dot
