"""Which files under ``sops/`` are SOPs and unit defaults, and which names and links are refused.

A file's name becomes its page's URL and a link on other pages, and a symbolic link could
make the build read the machine's own files into its messages or walk a loop forever. So
the walk never follows a link to a folder or out of the tree, and refuses names that break
URLs (``#``, ``?``, ``%``, control characters) or that collide with a sibling's on the
case-insensitive file systems most authors use: each refusal is one located message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sopdocs.issues import Issue, IssueCode, Location, error
from sopdocs.text import display_path, natural_key, slugify

UNIT_FILE = "_unit.yaml"
SOP_SUFFIXES = (".yaml", ".yml")
_URL_BREAKING = re.compile(r"[#?%\x00-\x1f\x7f-\x9f]")
Kind = Literal["file", "folder"]


@dataclass(frozen=True, slots=True)
class Folder:
    """One folder of the tree: its ``_unit.yaml`` (if any) and its SOP files, in order."""

    path: Path
    unit_file: Path | None
    sops: tuple[Path, ...]


def walk(root: Path, issues: list[Issue]) -> Iterator[Folder]:
    """Each folder under ``root`` (root first, then sub-folders in natural order)."""
    real_root = root.resolve()
    folders = [root]
    while folders:
        folder = folders.pop(0)
        listing = _Listing(real_root, issues)
        listing.read(folder)
        yield Folder(path=folder, unit_file=listing.unit_file, sops=tuple(listing.sops))
        folders[0:0] = listing.folders


def unit_file(folder: Path, root: Path) -> Path | None:
    """``folder``'s ``_unit.yaml`` when the walk would read it (a file, not a link out)."""
    candidate = folder / UNIT_FILE
    return candidate if _kind(candidate, root.resolve()) == "file" else None


class _Listing:
    """The entries of one folder, sorted into SOPs, a unit file and sub-folders."""

    def __init__(self, real_root: Path, issues: list[Issue]) -> None:
        self.real_root = real_root
        self.issues = issues
        self.sops: list[Path] = []
        self.folders: list[Path] = []
        self.unit_file: Path | None = None
        self.names: dict[tuple[Kind, str], Path] = {}

    def read(self, folder: Path) -> None:
        try:
            entries = sorted(folder.iterdir(), key=lambda p: (natural_key(p.name), p.name))
        except OSError as exc:
            self._refuse("file.read", folder, f"folder tidak dapat dibaca: {exc.strerror}", None)
            return
        for entry in entries:
            if not entry.name.startswith("."):
                self._sort(entry)

    def _sort(self, entry: Path) -> None:
        kind = self._kind(entry)
        if kind == "folder" and not entry.name.startswith("_"):
            if self._acceptable(entry, kind, entry.name):
                self.folders.append(entry)
        elif kind == "file" and entry.name == UNIT_FILE:
            self.unit_file = entry
        elif kind == "file" and entry.name.casefold() in ("_unit.yml", "_unit.yaml"):
            hint = f"ganti nama berkas menjadi {UNIT_FILE}"
            message = f"berkas '{entry.name}' tidak dibaca: kop bersama harus bernama {UNIT_FILE}"
            self._refuse("file.name", entry, message, hint)
        elif (
            kind == "file"
            and entry.suffix.casefold() in SOP_SUFFIXES
            and not entry.name.startswith("_")
            and self._acceptable(entry, kind, entry.stem)
        ):
            self.sops.append(entry)

    def _kind(self, entry: Path) -> Kind | None:
        kind = _kind(entry, self.real_root)
        if entry.is_symlink() and kind != "file":
            self._refuse(
                "file.symlink",
                entry,
                f"tautan simbolik '{_printable(entry.name)}' dilewati: sopdocs hanya membaca "
                "berkas di dalam folder SOP, tidak mengikuti tautan ke folder, ke luar, "
                "atau yang rusak",
                "salin berkasnya ke dalam folder SOP, atau hapus tautannya",
            )
        return kind

    def _acceptable(self, entry: Path, kind: Kind, stem: str) -> bool:
        """Whether ``entry`` gets a page: its name works in a URL and is its own."""
        suffix = entry.suffix if kind == "file" else ""
        if _URL_BREAKING.search(entry.name):
            noun = "berkas" if kind == "file" else "folder"
            self._refuse(
                "file.name",
                entry,
                f"nama {noun} '{_printable(entry.name)}' memuat karakter yang merusak alamat "
                "halaman (#, ?, %, tab, baris baru)",
                f"ganti nama menjadi {slugify(stem)}{suffix.casefold()}",
            )
            return False
        if kind == "file" and suffix not in SOP_SUFFIXES:
            hint = f"ganti nama menjadi {entry.stem}{suffix.casefold()}"
            self._refuse("file.name", entry, f"akhiran '{suffix}' harus huruf kecil", hint)
            return False
        first = self.names.setdefault((kind, stem.casefold()), entry)
        if first != entry:
            self._refuse(
                "file.duplicate",
                entry,
                f"'{entry.name}' dan '{first.name}' menjadi satu halaman yang sama "
                "(huruf besar/kecil dan akhiran .yaml/.yml tidak membedakan halaman)",
                f"ganti nama salah satunya; sekarang hanya '{first.name}' yang dibaca",
            )
            return False
        return True

    def _refuse(self, code: IssueCode, entry: Path, message: str, hint: str | None) -> None:
        where = Location(path=display_path(entry.parent / _printable(entry.name)))
        self.issues.append(error(code, message, where, hint))


def _kind(entry: Path, real_root: Path) -> Kind | None:
    """What the walk reads ``entry`` as: a link only to a file inside the tree, never a loop."""
    if not entry.is_symlink():
        return "folder" if entry.is_dir() else "file" if entry.is_file() else None
    try:
        target = entry.resolve(strict=True)
    except (OSError, RuntimeError):  # broken, or a loop of links
        return None
    if target.is_file() and target.is_relative_to(real_root):
        return "file"
    return None


def _printable(name: str) -> str:
    """``name`` with control characters written as escapes, so a message stays one line."""
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in name
    )
