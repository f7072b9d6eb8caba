"""Each SOP's revisions from git history, told in the same terms as ``sopdocs diff``.

The whole catalogue's history is read by one ``git log --raw`` (never one git process per
SOP) and replayed oldest first: every commit names the blobs it changed, so each SOP's
version before and after is known by blob ids alone, renames followed, and a change to an
``_unit.yaml`` is a revision of every SOP that inherits from it. What a revision changed
depends only on those blob ids, so it is worked out once and kept, as JSON, in the build
cache: a warm build runs ``git log`` and nothing else. Old versions that must be compared
are read by one ``git cat-file --batch`` and each parsed once.
"""

from __future__ import annotations

import dataclasses
import json
import posixpath
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sopdocs.cache import Bundle, Cache, digest
from sopdocs.model import Sop
from sopdocs.reading.dates import PartialDate
from sopdocs.reading.loader import load_sop_bytes
from sopdocs.reading.tree import SOP_SUFFIXES, UNIT_FILE
from sopdocs.review import git
from sopdocs.review.changes import Change, compare_sops

CACHE_FILE = "history.jsonl"

SHALLOW_WARNING = (
    "riwayat perubahan SOP tidak ditampilkan: repositori ini salinan dangkal (shallow clone); "
    "ambil seluruh riwayatnya, misalnya actions/checkout dengan 'fetch-depth: 0'"
)

RevisionStatus = Literal["added", "changed", "moved", "format", "unreadable"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Commit:
    id: str
    date: PartialDate
    message: str
    """The commit's subject; for a merge, the first line of its body (the pull request's
    title on GitHub) when it has one."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Revision:
    """What one commit did to one SOP."""

    commit: Commit
    status: RevisionStatus
    """``unreadable``: one of the two versions does not load, so they are not compared."""
    old_id: str | None = None
    """The SOP's id before this commit, when the commit moved or renamed its file."""
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True, slots=True)
class History:
    revisions: Mapping[str, tuple[Revision, ...]]
    """By SOP id (as it is now), newest first."""
    warning: str | None = None
    """Why there is no history although the catalogue is in git (a shallow clone)."""

    def of(self, sop_id: str) -> tuple[Revision, ...]:
        return self.revisions.get(sop_id, ())


NO_HISTORY = History({})


# --- Reading the log ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Entry:
    """One file a commit changed: status letter, blob ids, paths under the SOP folder."""

    status: str
    old_blob: str | None
    new_blob: str | None
    old_path: str | None
    new_path: str | None


def parse_log(log: bytes, folder: str) -> Iterator[tuple[Commit, list[_Entry]]]:
    """The commits of :func:`git.folder_log`, each with its changed files under ``folder``."""
    prefix = f"{folder}/" if folder else ""
    for chunk in log.split(b"\x1e")[1:]:
        header, _, raw = chunk.partition(b"\0")
        commit_id, day, subject, body = header.decode("utf-8", "replace").split("\x1f", 3)
        message = subject
        if subject.startswith("Merge ") and body.strip():
            message = body.strip().splitlines()[0]
        year, month, dom = (int(part) for part in day.split("-"))
        commit = Commit(
            id=commit_id, date=PartialDate(year=year, month=month, day=dom), message=message
        )
        yield commit, list(_entries(raw, prefix))


def _entries(raw: bytes, prefix: str) -> Iterator[_Entry]:
    tokens = raw.split(b"\0")
    i = 0
    while i < len(tokens):
        meta = tokens[i].strip()
        i += 1
        if not meta.startswith(b":"):
            continue
        _, _, old_blob, new_blob, status = meta[1:].decode().split(" ")
        paths = [_under(tokens[i], prefix)]
        i += 1
        if status[0] in "RC":
            paths.append(_under(tokens[i], prefix))
            i += 1
        yield _Entry(
            status=status[0],
            old_blob=None if set(old_blob) == {"0"} else old_blob,
            new_blob=None if set(new_blob) == {"0"} else new_blob,
            old_path=paths[0] if status[0] not in "AC" else None,
            new_path=paths[-1] if status[0] != "D" else None,
        )


def _under(path: bytes, prefix: str) -> str | None:
    text = path.decode("utf-8", "surrogateescape")
    return text[len(prefix) :] if text.startswith(prefix) else None


def is_sop(path: str | None) -> bool:
    """What :func:`sopdocs.reading.tree.walk` reads as an SOP file, for a path in a commit
    rather than on disk (names it refuses have no page, hence no history, either way)."""
    if path is None:
        return False
    parts = path.split("/")
    name = parts[-1]
    return (
        posixpath.splitext(name)[1] in SOP_SUFFIXES
        and not name.startswith((".", "_"))
        and not any(p.startswith((".", "_")) for p in parts[:-1])
    )


def sop_id(path: str) -> str:
    return posixpath.splitext(path)[0]


# --- Replaying it -------------------------------------------------------------------------

Version = tuple[str, tuple[tuple[str, str], ...]]
"""An SOP version as blob ids: its own, and its ``_unit.yaml`` files' (folder, blob)."""


@dataclass(frozen=True, slots=True)
class _Event:
    path: str
    commit: Commit
    old_path: str | None
    old: Version | None
    new: Version

    @property
    def key(self) -> str:
        return digest(json.dumps([self.old, self.new]))


def _version(path: str, state: Mapping[str, str]) -> Version:
    folder = posixpath.dirname(path)
    parts = folder.split("/") if folder else []
    units = []
    for n in range(len(parts) + 1):
        unit = "/".join(parts[:n])
        blob = state.get(f"{unit}/{UNIT_FILE}" if unit else UNIT_FILE)
        if blob is not None:
            units.append((unit, blob))
    return state[path], tuple(units)


def replay(commits: Iterator[tuple[Commit, list[_Entry]]]) -> dict[str, list[_Event]]:
    """Each SOP file that exists at the end, by path, with the events that made it."""
    state: dict[str, str] = {}
    lineage: dict[str, list[_Event]] = {}
    for commit, entries in commits:
        moves = _candidates(entries, state)
        olds = {new: _version(old, state) if old in state else None for new, old in moves.items()}
        for entry in entries:
            _apply(entry, state, lineage)
        for path, old_path in moves.items():
            if path not in state:
                continue
            new = _version(path, state)
            if new != olds[path] or old_path != path:
                event = _Event(path, commit, old_path if olds[path] else None, olds[path], new)
                lineage.setdefault(path, []).append(event)
    return {path: events for path, events in lineage.items() if path in state and is_sop(path)}


def _candidates(entries: list[_Entry], state: Mapping[str, str]) -> dict[str, str]:
    """SOP files a commit may have changed (new path → old path): its own SOP files, and
    every SOP below an ``_unit.yaml`` it changed."""
    found = {
        e.new_path: e.old_path or e.new_path for e in entries if e.new_path and is_sop(e.new_path)
    }
    units = {
        posixpath.dirname(p)
        for e in entries
        for p in (e.old_path, e.new_path)
        if p is not None and posixpath.basename(p) == UNIT_FILE
    }
    if units:
        for path in state:
            folder = posixpath.dirname(path)
            inside = any(not u or folder == u or folder.startswith(f"{u}/") for u in units)
            if inside and is_sop(path):
                found.setdefault(path, path)
    return found


def _apply(entry: _Entry, state: dict[str, str], lineage: dict[str, list[_Event]]) -> None:
    if entry.old_path is not None and entry.old_path != entry.new_path:
        state.pop(entry.old_path, None)
        moved = lineage.pop(entry.old_path, None)
        if entry.status == "R" and moved is not None and entry.new_path is not None:
            lineage[entry.new_path] = moved
    if entry.new_path is not None and entry.new_blob is not None:
        state[entry.new_path] = entry.new_blob


# --- Comparing versions, through the cache ------------------------------------------------


def history_cache(cache: Cache) -> Bundle[dict[str, Any]]:
    """``{event key: what changed}`` in ``cache``: JSON, never pickle, each entry checked."""
    return Bundle(cache, CACHE_FILE, json.dumps, _read_outcome)


def _read_outcome(text: str) -> dict[str, Any]:
    """An outcome read back from the cache; ``ValueError`` unless it is one ``_outcome`` made."""
    outcome = json.loads(text)
    if not isinstance(outcome, dict) or outcome.keys() != {"status", "changes"}:
        raise ValueError("not an outcome")
    if not isinstance(outcome["changes"], list) or not all(
        isinstance(c, dict) for c in outcome["changes"]
    ):
        raise ValueError("not an outcome")
    try:
        for change in outcome["changes"]:
            Change(**change)
    except TypeError as error:
        raise ValueError("not a change") from error
    return outcome


class _Versions:
    """Old versions loaded from their blobs, each parsed once in a run."""

    def __init__(self, blobs: Mapping[str, bytes], folder: str) -> None:
        self._blobs = blobs
        self._folder = folder
        self._loaded: dict[Version, Sop | None] = {}

    def sop(self, path: str, version: Version) -> Sop | None:
        if version not in self._loaded:
            blob, units = version
            shown = posixpath.join(self._folder, path)
            self._loaded[version] = load_sop_bytes(
                self._blobs[blob],
                sop_id=sop_id(path),
                source=shown,
                units=[
                    (posixpath.join(self._folder, unit, UNIT_FILE), self._blobs[b])
                    for unit, b in units
                ],
            )[0]
        return self._loaded[version]


def _outcome(event: _Event, versions: _Versions) -> dict[str, Any]:
    assert event.old is not None
    old = versions.sop(event.old_path or event.path, event.old)
    new = versions.sop(event.path, event.new)
    if old is None or new is None:
        return {"status": "unreadable", "changes": []}
    changes = compare_sops(old, new)
    if changes:
        return {"status": "changed", "changes": [dataclasses.asdict(c) for c in changes]}
    return {"status": "format" if event.old[0] != event.new[0] else "none", "changes": []}


def _revision(event: _Event, outcome: Mapping[str, Any] | None) -> Revision | None:
    moved = event.old_path is not None and event.old_path != event.path
    old_id = sop_id(event.old_path) if moved and event.old_path else None
    if outcome is None:
        return Revision(commit=event.commit, status="added")
    status = outcome["status"]
    if status == "none":
        if not moved:
            return None
        status = "moved"
    elif status == "format" and moved:
        status = "moved"
    changes = tuple(Change(**c) for c in outcome["changes"])
    return Revision(commit=event.commit, status=status, old_id=old_id, changes=changes)


# --- The whole history --------------------------------------------------------------------


def read_history(sops_dir: Path, cache: Cache | None = None) -> History:
    """Every SOP's revisions; empty outside git, and with a warning in a shallow clone."""
    try:
        repo = git.toplevel(sops_dir)
        folder = sops_dir.resolve().relative_to(repo.resolve()).as_posix()
        if git.is_shallow(repo):
            return History({}, SHALLOW_WARNING)
        log = git.folder_log(repo, "" if folder == "." else folder)
    except (git.GitError, ValueError):
        return NO_HISTORY  # outside git, or a repository with no commit yet
    folder = "" if folder == "." else folder
    lineage = replay(parse_log(log, folder))
    outcomes = history_cache(cache or Cache(None))
    events = [e for events in lineage.values() for e in events if e.old is not None]
    missing = [e for e in events if outcomes.get(e.key) is None]
    if missing:
        wanted = {b for e in missing for v in (e.old, e.new) if v for b in _blobs(v)}
        versions = _Versions(git.read_blobs(repo, wanted), folder)
        for event in missing:
            outcomes.put(event.key, _outcome(event, versions))
    outcomes.save()
    return History(
        {
            sop_id(path): tuple(
                r
                for e in reversed(events)
                if (r := _revision(e, outcomes.get(e.key) if e.old else None)) is not None
            )
            for path, events in lineage.items()
        }
    )


def _blobs(version: Version) -> Iterator[str]:
    yield version[0]
    for _, blob in version[1]:
        yield blob
