"""Emptying the site folder beside the build instead of before it.

A full MkDocs build first deletes everything in the site folder but its hidden entries:
20,000 files after a 3,000-SOP build, a second or more of a warm build spent waiting on the
disk while the second core idles. The entries are instead renamed into one hidden folder
beside the site folder (a rename on the same disk, instant; nothing that reads the site
folder ever sees it), which a separate process deletes while the build writes the new pages;
the build waits for it before it ends. A folder left by a build that was killed is deleted
by the next one. Where a rename cannot be done (the site folder is a mount point, the
folder above it is read-only) the entry stays for MkDocs to delete as before.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from pathlib import Path

OLD_SUFFIX = ".sopdocs-lama-"
"""Hidden folders ``.<site>.sopdocs-lama-<id>`` hold a build's old entries until deleted."""
DELETE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


class BackgroundClearing:
    """One site folder emptied while the build goes on; :meth:`wait` before the build ends."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._old: Path | None = None

    def start(self, site_dir: Path) -> None:
        """Move every entry MkDocs would delete out of sight and start deleting them.

        What cannot be moved stays where it is, for MkDocs to delete as it always does.
        """
        self.wait()
        if not site_dir.is_dir():
            return
        prefix = f".{site_dir.name}{OLD_SUFFIX}"
        old = site_dir.parent / f"{prefix}{uuid.uuid4().hex}"
        try:
            old.mkdir()
        except OSError:
            return
        self._old = old
        entries = [e for e in site_dir.iterdir() if not e.name.startswith(".")]
        entries += [e for e in site_dir.parent.glob(f"{prefix}*") if e != old and e.is_dir()]
        for number, entry in enumerate(entries):
            try:
                entry.rename(old / f"{number}-{entry.name}")
            except OSError:
                continue
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-c", DELETE, str(old)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self._process = None

    def wait(self) -> None:
        """Return once the moved entries are gone (deleted here if the process failed)."""
        process, old = self._process, self._old
        self._process = self._old = None
        if process is not None:
            process.wait()
        if old is not None and old.exists():
            shutil.rmtree(old, ignore_errors=True)
