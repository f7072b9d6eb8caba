"""Small text rules every part of sopdocs shares: how names compare, sort, become URL parts
and appear in messages.

Each rule lives here once, so that a lane written ``Kepala  seksi`` matches ``Kepala Seksi``
in the reader, in the pelaksana index and in duplicate checks alike, and ``sop-2`` sorts
before ``sop-10`` wherever a list is shown.
"""

from __future__ import annotations

import hashlib
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
        (0, int(part)) if part.isdecimal() else (1, part.casefold())
        for part in _NUMBERS.split(text)
        if part
    )


SLUG_LENGTH = 80
"""Longest slug: far below any file system's 255-byte name limit, still readable in a URL.
A 300-character region name in a citation once stopped the build ("File name too long")."""
_HASH_LENGTH = 8


def slugify(text: str, *, empty: str = "x") -> str:
    """``Kepala Seksi (PIAK)`` → ``kepala-seksi-piak``: a URL part or HTML id; ``empty`` when
    nothing of ``text`` survives. A long slug is cut and ends in a hash of the whole, so it
    is the same in every build and two long texts sharing their start still differ."""
    slug = _NOT_SLUG.sub("-", text.casefold()).strip("-")
    if len(slug) > SLUG_LENGTH:
        slug = _with_hash(slug, slug, _HASH_LENGTH)
    return slug or empty


def distinct(slug: str, text: str, taken: set[str]) -> str:
    """``slug``, or when another text already took it, ``slug`` plus a hash of ``text``; the
    result is added to ``taken``. Called in a fixed order, it gives the same ids every build:
    "Kepala-Dinas" and "Kepala/Dinas" are two anchors on one page."""
    candidate, length = slug, _HASH_LENGTH
    while candidate in taken:  # a hash collision, or an author who wrote the hashed form
        candidate = _with_hash(slug, text, length)
        length += 1
    taken.add(candidate)
    return candidate


def _with_hash(slug: str, text: str, length: int) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]
    return f"{slug[: SLUG_LENGTH - length - 1].rstrip('-')}-{digest}"


def display_path(path: Path) -> str:
    """The path as messages show it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
