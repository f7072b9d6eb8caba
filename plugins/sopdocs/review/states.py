"""One state of a catalogue, read from a folder or from a git revision, ready to compare.

A state is what the loader makes of the files, plus what a comparison needs besides: each
SOP file's blob id (so a file whose bytes changed but whose form did not is "format only"),
the keys each SOP inherits from an ``_unit.yaml`` (so a unit's change is told once), and
the files that did not load, with their problems. A revision is read with two git
processes (``ls-tree`` and one ``cat-file --batch``) into a temporary folder and loaded by
the same loader as the working tree, so both sides mean exactly the same thing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import posixpath
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sopdocs.issues import Issue
from sopdocs.model import Sop
from sopdocs.reading.loader import load_catalogue
from sopdocs.reading.tree import UNIT_FILE, walk
from sopdocs.review import git
from sopdocs.text import display_path

WORKING_TREE = "pohon kerja"
"""How the working tree (uncommitted edits included) is named in reports."""


class StateError(Exception):
    """A side of the comparison cannot be read at all (no such folder or revision)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class State:
    """A catalogue as it stood at one revision or in one folder."""

    label: str
    """How reports name this side: ``main (1a2b3c4)``, ``pohon kerja``, a folder."""
    sops: Mapping[str, Sop]
    """Every SOP that loaded, by id."""
    blobs: Mapping[str, str]
    """Git blob id of every SOP file's bytes, by SOP id, loaded or not."""
    inherited: Mapping[str, Mapping[str, str]]
    """For each SOP id, the top-level keys it takes from an ``_unit.yaml``: key → unit path."""
    broken: Mapping[str, tuple[Issue, ...]]
    """Files that did not load (SOP files by id, ``_unit.yaml`` files by path): their errors."""
    units: Mapping[str, str] = field(default_factory=dict)
    """Each unit's name by its folder path, for reports that speak of a unit."""


def blob_id(data: bytes) -> str:
    """The id git gives these bytes, so folder and revision states fingerprint alike."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def sop_files(root: Path) -> dict[str, Path]:
    """Every SOP file under ``root`` by SOP id, as the loader's walk finds them."""
    return {
        path.relative_to(root).with_suffix("").as_posix(): path
        for folder in walk(root, [])
        for path in folder.sops
    }


def read_folder(root: Path, label: str | None = None, shown_as: str | None = None) -> State:
    """The catalogue in folder ``root`` (a ``sops/`` folder); problems name ``shown_as``."""
    if not root.is_dir():
        raise StateError(f"folder '{root}' tidak ada")
    result = load_catalogue(root)
    shown = display_path(root)

    def rename(path: str) -> str:
        return path if shown_as is None else shown_as + path[len(shown) :]

    files = sop_files(root)
    issues = [_moved(i, rename(i.location.path)) for i in result.issues if i.is_error]
    sops = {sop.id: sop for sop in result.catalogue.sops}
    broken: dict[str, tuple[Issue, ...]] = {}
    for sop_id, path in files.items():
        if sop_id not in sops:
            mine = rename(display_path(path))
            broken[sop_id] = tuple(i for i in issues if i.location.path == mine)
    for issue in issues:
        if posixpath.basename(issue.location.path) == UNIT_FILE:
            broken.setdefault(issue.location.path, ())
            broken[issue.location.path] += (issue,)
    return State(
        label=label or shown,
        sops=sops,
        blobs={sop_id: blob_id(path.read_bytes()) for sop_id, path in files.items()},
        inherited={sop.id: _inherited(sop, shown) for sop in sops.values()},
        broken=broken,
        units={unit.path: unit.nama for unit in result.catalogue.units},
    )


def _moved(issue: Issue, path: str) -> Issue:
    return dataclasses.replace(issue, location=dataclasses.replace(issue.location, path=path))


def _inherited(sop: Sop, root: str) -> dict[str, str]:
    """Keys whose value was written in an ``_unit.yaml``, with that unit's folder path."""
    found = {}
    for key, where in sop.key_locations.items():
        if posixpath.basename(where.path) == UNIT_FILE:
            folder = posixpath.relpath(posixpath.dirname(where.path), root)
            found[key] = "" if folder == "." else folder
    return found


def read_revision(sops_dir: Path, revision: str) -> State:
    """The catalogue in ``sops_dir`` as it was committed at ``revision``."""
    try:
        repo = git.toplevel(sops_dir if sops_dir.is_dir() else Path.cwd())
        commit = git.commit_of(repo, revision)
        folder = _relative(sops_dir, repo)
        files = git.tree_files(repo, commit, folder)
        contents = git.read_blobs(repo, files.values())
    except git.GitError as exc:
        raise StateError(f"revisi '{revision}' tidak dapat dibaca: {exc}") from exc
    label = commit[:7] if commit.startswith(revision) else f"{revision} ({commit[:7]})"
    with tempfile.TemporaryDirectory(prefix="sopdocs-diff-") as tmp:
        root = Path(tmp) / "sops"
        root.mkdir()
        for path, blob in files.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(contents[blob])
        return read_folder(root, label, shown_as=display_path(sops_dir))


def _relative(sops_dir: Path, repo: Path) -> str:
    try:
        return sops_dir.resolve().relative_to(repo.resolve()).as_posix()
    except ValueError as exc:
        raise git.GitError(f"'{sops_dir}' tidak berada di repositori {repo}") from exc


def working_tree(sops_dir: Path) -> State:
    """The catalogue as it is on disk now, uncommitted edits included."""
    if not sops_dir.is_dir():
        raise StateError(f"folder SOP '{sops_dir}' tidak ada")
    return read_folder(sops_dir, WORKING_TREE)


def default_base(sops_dir: Path) -> str:
    """Where the current branch left the default branch: what a pull request is measured from."""
    try:
        return git.default_base(git.toplevel(sops_dir if sops_dir.is_dir() else Path.cwd()))
    except git.GitError as exc:
        raise StateError(f"tidak dapat menentukan BASE: {exc}") from exc
