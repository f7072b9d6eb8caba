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
import shutil
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import zstandard

from sopdocs.cache import Cache, Pack, digest

FINISHED_PACK = "finished"
CONVERTED_PACK = "converted"
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
    """Texts by key in one pack of the cache (:class:`sopdocs.cache.Pack`), compressed.

    Used for pages as the theme finished them (:data:`FINISHED_PACK`), for Markdown as
    MkDocs converted it (:data:`CONVERTED_PACK`) and for sopdocs' own SOP and index pages
    (:class:`sopdocs.site.incremental.PageCache`). :meth:`save` with ``prune`` drops what
    the build did not use, so the pack holds one build's texts (compressed to about a sixth).
    """

    store: Cache
    name: str
    reused: int = 0
    made: int = 0
    _pack: Pack = field(init=False)
    _offered: dict[str, bytes] = field(init=False, default_factory=dict)
    """Entries another process made for this build (:meth:`offer`), not yet asked for."""
    _outbox: Callable[[str, str, bytes], None] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self._pack = Pack(self.store, f"{self.name}.pack")

    def get(self, key: str) -> str | None:
        offered = self._offered.pop(key, None)
        if offered is not None:
            text = _text(offered)
            if text is not None:
                self.made += 1
                self._pack.put(key, offered)
            return text
        payload = self._pack.get(key)
        text = None if payload is None else _text(payload)
        if text is not None:
            self.reused += 1
        return text

    def put(self, key: str, text: str) -> None:
        payload = _ZSTD.compressor.compress(text.encode("utf-8"))
        if self._outbox is not None:
            self._outbox(self.name, key, payload)
            return
        self.made += 1
        self._pack.put(key, payload)

    def offer(self, key: str, payload: bytes) -> None:
        """An entry made under ``key`` by a copy of this build (:meth:`send_to`): the next
        :meth:`get` of ``key`` takes it and keeps it."""
        self._offered[key] = payload

    def send_to(self, outbox: Callable[[str, str, bytes], None]) -> None:
        """In a copy of the build: hand what :meth:`put` makes to ``outbox(name, key,
        payload)`` instead of the pack, which is the build's."""
        self._outbox = outbox

    def keep(self, key: str) -> None:
        """The build uses the entry under ``key`` (held in memory): :meth:`save` keeps it."""
        self._pack.keep(key)

    @property
    def used(self) -> frozenset[str]:
        """The keys this build asked for."""
        return self._pack.used

    @property
    def stored(self) -> frozenset[str]:
        """The keys the pack holds (as the last save left it)."""
        return self._pack.stored

    def save(self, *, prune: bool) -> None:
        """Write what this build made; with ``prune``, forget what it did not ask for."""
        self._pack.save(prune=prune)
        folder = self.store.folder
        if folder is not None and (folder / self.name).is_dir():
            # sopdocs before packs kept one file per entry, in a folder of that name.
            shutil.rmtree(folder / self.name, ignore_errors=True)

    def use(self, store: Cache) -> None:
        """Keep the texts through ``store`` (the same folder, opened by a later build)."""
        self.store = self._pack.cache = store


class _Zstd(threading.local):
    """A thread's Zstandard contexts, made once: making one per text (what
    ``zstandard.compress`` does) cost a fifth of compressing a page."""

    def __init__(self) -> None:
        self.compressor = zstandard.ZstdCompressor(level=1)
        self.decompressor = zstandard.ZstdDecompressor()


_ZSTD = _Zstd()


def _text(payload: bytes) -> str | None:
    try:
        return _ZSTD.decompressor.decompress(payload).decode("utf-8")
    except (zstandard.ZstdError, UnicodeDecodeError):
        return None
