"""The few git commands a review needs, each one process whatever the catalogue's size.

Reading an old catalogue must not cost one git process per file: ``ls-tree`` lists a
revision's files with their blob ids, and one ``cat-file --batch`` hands over every blob.
Failures become :class:`GitError` with git's own message, for the adapters to show.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path


class GitError(Exception):
    """git is missing, the folder is not in a repository, or a revision does not exist."""


def run(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run ``git -C repo args`` and return its stdout; GitError with its stderr on failure."""
    if shutil.which("git") is None:
        raise GitError("git tidak terpasang")
    done = subprocess.run(
        ["git", "-C", str(repo), *args],
        input=stdin,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} gagal")
    return done.stdout


def toplevel(folder: Path) -> Path:
    """The root of the working tree holding ``folder``."""
    return Path(run(folder, "rev-parse", "--show-toplevel").decode().strip())


def commit_of(repo: Path, revision: str) -> str:
    """The full commit id ``revision`` names; GitError when it names none."""
    out = run(
        repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
    )
    return out.decode().strip()


def default_base(repo: Path) -> str:
    """The merge base of HEAD with the default branch (origin's HEAD, else main, else master)."""
    for candidate in (_origin_head(repo), "main", "master", "origin/main", "origin/master"):
        if candidate is None:
            continue
        try:
            commit_of(repo, candidate)
        except GitError:
            continue
        return run(repo, "merge-base", "HEAD", candidate).decode().strip()
    raise GitError("cabang utama (main atau master) tidak ditemukan; sebutkan BASE")


def _origin_head(repo: Path) -> str | None:
    try:
        ref = run(repo, "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD").decode().strip()
    except GitError:
        return None
    return ref.removeprefix("refs/remotes/")


def tree_files(repo: Path, revision: str, folder: str) -> dict[str, str]:
    """``{path under folder: blob id}`` of every file below ``folder`` at ``revision``."""
    out = run(repo, "ls-tree", "-r", "-z", "--full-tree", revision, "--", folder)
    prefix = f"{folder.rstrip('/')}/" if folder not in ("", ".") else ""
    files: dict[str, str] = {}
    for entry in out.split(b"\0"):
        if not entry:
            continue
        meta, _, path = entry.partition(b"\t")
        mode, kind, blob = meta.decode().split()
        if kind == "blob" and not mode.startswith("12"):  # symlinks are not SOP files
            files[path.decode("utf-8", "surrogateescape").removeprefix(prefix)] = blob
    return files


def read_blobs(repo: Path, blobs: Iterable[str]) -> dict[str, bytes]:
    """The content of every blob id given, through one ``git cat-file --batch``."""
    wanted = list(dict.fromkeys(blobs))
    if not wanted:
        return {}
    out = run(repo, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in wanted).encode())
    contents: dict[str, bytes] = {}
    pos = 0
    for blob in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        if len(header) != 3:  # "<id> missing"
            raise GitError(f"objek {blob} tidak ada")
        size = int(header[2])
        contents[blob] = out[end + 1 : end + 1 + size]
        pos = end + 1 + size + 1
    return contents


def is_shallow(repo: Path) -> bool:
    """A clone without its full history (CI checks out one commit by default)."""
    return run(repo, "rev-parse", "--is-shallow-repository").strip() == b"true"


def folder_log(repo: Path, folder: str) -> bytes:
    """Every commit touching ``folder`` along the first parents, oldest first, with the blob
    ids of every file it changed (``--raw``): the whole history in one process."""
    return run(
        repo,
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--reverse",
        "--raw",
        "-z",
        "--no-abbrev",
        "-M",
        "--format=%x1e%H%x1f%as%x1f%s%x1f%b",
        "--",
        folder or ".",
    )
