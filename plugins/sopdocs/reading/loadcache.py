"""Remember what loading each unchanged SOP file produced, from one run to the next.

Entries are keyed by content, never by time: the file's bytes, its units' bytes, its path,
and a fingerprint of sopdocs' own code and schema, so a new version never reuses old results.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sopdocs.pickled import PickledDict

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
    package = Path(__file__).parents[1]
    files = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".json"))
    return digest(*(f"{p.relative_to(package)}".encode() + p.read_bytes() for p in files))


class LoadCache(PickledDict[Entry]):
    """``{key: (sop, issues)}`` in ``directory/load.pickle``; keeps nothing when it is None."""

    def __init__(self, directory: Path | None) -> None:
        super().__init__(directory / CACHE_FILE if directory else None, code_fingerprint())
