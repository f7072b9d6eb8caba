"""Texts kept between builds under a key that names everything they were made from.

Why: once sopdocs' own caches serve the SOPs and their pages, most of a warm build is MkDocs
doing again what it did last time: converting each page's Markdown skeleton, and the theme
wrapping each page in the same header, navigation and footer (Material's page template, a
third of a warm build of 1,000 SOPs). Both are functions of their inputs; the adapters name
every input in a key (:mod:`sopdocs.adapters.converting`, :mod:`sopdocs.adapters.finishing`)
and this module keeps the results. A value that cannot be named reliably (an object whose
text carries a memory address) makes a page uncacheable for that build: a miss, never a
stale page. Entries are sealed (a damaged one is a miss) and compressed, in the one cache
folder of :mod:`sopdocs.cache`.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sopdocs.cache import Cache, digest

FINISHED_DIR = "finished"
CONVERTED_DIR = "converted"
TEMPLATE_SUFFIXES = (".html", ".htm", ".xml", ".j2", ".jinja", ".jinja2", ".txt")
"""Theme files read as templates: their text is part of the key; other theme files (icons,
scripts, styles) count by name and size, which is enough to see a theme upgrade."""
UNCACHEABLE_MARKERS = ("build_date_utc",)
"""A theme that prints the build's date makes every page differ from build to build."""
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


class Unnameable(Exception):
    """A page input whose text is not the same from one build to the next."""


def stable_text(value: object) -> str:
    """``value`` as text that is equal in two builds exactly when the value is.

    Containers are walked (dict keys sorted), scalars are written as themselves; any other
    object by its ``repr`` unless that carries a memory address, which raises Unnameable.
    """
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    if isinstance(value, Mapping):
        items = sorted((stable_text(k), stable_text(v)) for k, v in value.items())
        return "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(stable_text(item) for item in value) + "]"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(stable_text(item) for item in value)) + "}"
    text = f"{type(value).__module__}.{type(value).__qualname__}:{value!r}"
    if _ADDRESS.search(text):
        raise Unnameable(type(value).__qualname__)
    return text


def theme_signature(dirs: list[Path]) -> str | None:
    """The theme's files as they affect pages, or None when pages must not be cached."""
    parts: list[str] = []
    for number, folder in enumerate(dirs):
        for root, subdirs, names in os.walk(folder):
            # Icons (Material's ``.icons``, thousands of files) are named by the templates
            # and the configuration, and change with the theme's templates.
            subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
            for name in sorted(names):
                path = Path(root, name)
                parts.append(f"{number}/{path.relative_to(folder).as_posix()}")
                if not name.endswith(TEMPLATE_SUFFIXES):
                    parts.append(str(path.stat().st_size))
                    continue
                text = path.read_text(encoding="utf-8", errors="replace")
                if any(marker in text for marker in UNCACHEABLE_MARKERS):
                    return None
                parts.append(text)
    return digest(*parts)


@dataclass(slots=True)
class KeptTexts:
    """Texts by key in one folder of the cache: sealed, compressed entries ``<key>.z``.

    Used for pages as the theme finished them (:data:`FINISHED_DIR`), for Markdown as
    MkDocs converted it (:data:`CONVERTED_DIR`) and for sopdocs' own SOP and index pages
    (:class:`sopdocs.site.incremental.PageCache`). :meth:`prune` drops what the last full
    build did not use, so the folder holds one build's texts (compressed to about a sixth).
    """

    store: Cache
    folder: str
    reused: int = 0
    made: int = 0
    _used: set[str] = field(default_factory=set)

    def get(self, key: str) -> str | None:
        self._used.add(key)
        payload = self.store.read(self._entry(key))
        if payload is None:
            return None
        try:
            text = zlib.decompress(payload).decode("utf-8")
        except (zlib.error, UnicodeDecodeError):
            return None
        self.reused += 1
        return text

    def put(self, key: str, text: str) -> None:
        self._used.add(key)
        self.made += 1
        self.store.write(self._entry(key), zlib.compress(text.encode("utf-8"), 1))

    def keep(self, key: str) -> None:
        """The build uses the entry under ``key`` (held in memory): :meth:`prune` keeps it."""
        self._used.add(key)

    @property
    def used(self) -> frozenset[str]:
        """The keys this build asked for."""
        return frozenset(self._used)

    def prune(self) -> None:
        """Delete every entry the build did not ask for."""
        root = self.store.folder
        if root is not None and (root / self.folder).is_dir():
            for path in (root / self.folder).glob("*.z"):
                if path.name.removesuffix(".z") not in self._used:
                    path.unlink(missing_ok=True)
        self._used = set()

    def _entry(self, key: str) -> str:
        return f"{self.folder}/{key}.z"
