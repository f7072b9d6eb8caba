"""Finished PDFs kept between runs, and put into a built site without copying their bytes.

MkDocs empties the site folder before every build, so a warm build with PDFs writes every PDF
again: for 1,000 SOPs and their units' books, some 100 MB. Each PDF is therefore kept as it
is, in a file named by its SHA-256 (``pdf/<sha256>.pdf`` in the sopdocs cache), with a sealed
entry ``pdf/<key>`` naming that file. A read checks the file against its name, as every cache
entry is checked before use, and the site gets a hard link to the checked file (a copy where
the site lies on another file system). A missing or damaged file is a miss: the PDF is made
again. A file written for the user (``sopdocs pdf -o``) is always a copy of its own: the user
may sign or edit it in place.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from pathlib import Path

from sopdocs.cache import Cache, write_atomically

_NAME = re.compile(r"[0-9a-f]{64}")
"""A stored PDF's name: its SHA-256 in hex, and nothing that could point elsewhere."""


class PdfStore:
    """Finished PDFs by key, in the sopdocs cache (or nowhere: then every look-up misses)."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache
        self._checked: dict[str, Path] = {}
        """The stored file of each key read or written in this run, checked: safe to link."""

    def get(self, key: str) -> bytes | None:
        """The PDF stored under ``key``, or None when absent or damaged."""
        entry = self.cache.read(f"pdf/{key}")
        name = entry.decode("ascii", "replace") if entry is not None else ""
        if not _NAME.fullmatch(name):
            return None
        data = self.cache.read_file(f"pdf/{name}.pdf")
        if data is None or hashlib.sha256(data).hexdigest() != name:
            return None
        self._remember(key, name)
        return data

    def put(self, key: str, data: bytes) -> None:
        name = hashlib.sha256(data).hexdigest()
        self.cache.write_file(f"pdf/{name}.pdf", data)
        self.cache.write(f"pdf/{key}", name.encode("ascii"))
        self._remember(key, name)

    def _remember(self, key: str, name: str) -> None:
        if self.cache.folder is not None:
            self._checked[key] = self.cache.folder / "pdf" / f"{name}.pdf"

    def publish(self, key: str, data: bytes, path: Path) -> None:
        """The PDF ``data``, stored under ``key``, at ``path`` in a built site, whole or not at
        all: a hard link to its checked file where the file system allows, else a copy."""
        source = self._checked.get(key)
        if source is not None:
            partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                os.link(source, partial)
                partial.replace(path)
            except OSError:  # another file system, no hard links, or the file went away
                partial.unlink(missing_ok=True)
            else:
                return
        write_atomically(path, data)
