"""Small text rules every part of sopdocs shares: how names compare, sort, become URL parts
and appear in messages.

Each rule lives here once, so that a lane written ``Kepala  seksi`` matches ``Kepala Seksi``
in the reader, in the pelaksana index and in duplicate checks alike, and ``sop-2`` sorts
before ``sop-10`` wherever a list is shown.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_NUMBERS = re.compile(r"(\d+)")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """The form two names are compared in: people read ``Kepala  SEKSI`` as ``kepala seksi``."""
    return " ".join(text.split()).casefold()


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort ``sop-2`` before ``sop-10``, as people expect."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in _NUMBERS.split(text)
        if part
    )


def slugify(text: str, *, empty: str = "x") -> str:
    """``Kepala Seksi (PIAK)`` → ``kepala-seksi-piak``: a URL part or HTML id; ``empty`` when
    nothing of ``text`` survives."""
    return _NOT_SLUG.sub("-", text.casefold()).strip("-") or empty


def display_path(path: Path) -> str:
    """The path as messages show it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
