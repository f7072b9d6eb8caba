"""The last Pagefind index, reused while the pages it was built from are unchanged.

Why: Pagefind reads every page of the site on every build (about 3 s for 1,000 SOPs, 8 s for
3,000), while a warm build with nothing changed writes the very same HTML again. The index is
kept in the cache under the digest of every page Pagefind was given (the HTML files of the
folder, or what :mod:`searchstream` sent) and of how it is run;
a build whose pages have that digest copies it back instead of running Pagefind. The kept
index is one sealed entry, checked before anything is copied: a damaged, missing or
half-written entry makes the build run Pagefind as usual, never publish it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Mapping
from pathlib import Path

from sopdocs.cache import Cache, code_fingerprint, digest
from sopdocs.site.inplace import write_over

KEPT_DIR = "pagefind"
"""Inside the cache folder: ``pagefind/<digest>.bundle``, the index's files in one sealed
entry."""
BUNDLE_SUFFIX = ".bundle"
PAGES_NAME = "pages.json"
PAGES_ENTRY = f"{KEPT_DIR}/{PAGES_NAME}"
"""The pages the kept index was made from (sealed)."""


def pages_digest(site_dir: Path, bundle_dir: str, engine: list[str]) -> str:
    """Every HTML file of the site outside the index, and the engine that indexes them."""
    h = hashlib.sha256()
    h.update(digest(code_fingerprint(), *engine).encode())
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith(f"{bundle_dir}/"):
            continue
        data = path.read_bytes()
        h.update(digest(relative, hashlib.sha256(data).digest()).encode())
    return h.hexdigest()


def sent_digest(pages: dict[str, str], engine: list[str]) -> str:
    """The pages handed to Pagefind (URL → SHA-256 of what it got), and the engine."""
    h = hashlib.sha256()
    h.update(digest(code_fingerprint(), *engine).encode())
    for url, sha in sorted(pages.items()):
        h.update(digest(url, sha).encode())
    return h.hexdigest()


def restore(cache: Cache, key: str, bundle: Path) -> bool:
    """Copy the index kept under ``key`` to ``bundle`` (over what it holds: mostly the same
    files); False (and nothing left) if it is absent, damaged or names a file outside."""
    sealed = cache.read(_entry(key))
    if sealed is None:
        return False
    try:
        write_over(bundle, _unpacked(sealed))
    except (OSError, ValueError, TypeError, AttributeError):
        shutil.rmtree(bundle, ignore_errors=True)
        return False
    return True


def keep(cache: Cache, key: str, bundle: Path, pages: Mapping[str, str] | None = None) -> None:
    """Keep the index in ``bundle`` under ``key`` (see :func:`keep_files`)."""
    files = {
        path.relative_to(bundle).as_posix(): path.read_bytes()
        for path in sorted(p for p in bundle.rglob("*") if p.is_file())
    }
    keep_files(cache, key, files, pages)


def keep_files(
    cache: Cache, key: str, files: Mapping[str, bytes], pages: Mapping[str, str] | None = None
) -> None:
    """Keep the index's ``files`` (path in its folder → bytes) under ``key``, in place of any
    index kept before, and with it the ``pages`` it was made from (URL → SHA-256), for
    :func:`kept_pages`. The index is one entry (thousands of small files, each a file of
    its own, cost more to create than to write in one)."""
    if cache.folder is None:
        return
    cache.write(PAGES_ENTRY, json.dumps(pages or {}).encode())
    cache.write(_entry(key), _packed({path: files[path] for path in sorted(files)}))
    _forget_all_but(cache.folder / KEPT_DIR, key)


def _entry(key: str) -> str:
    return f"{KEPT_DIR}/{key}{BUNDLE_SUFFIX}"


def _packed(files: Mapping[str, bytes]) -> bytes:
    """The files as one payload: a JSON line naming each file and its length, then their
    bytes one after the other."""
    header = json.dumps([[relative, len(data)] for relative, data in files.items()])
    return header.encode() + b"\n" + b"".join(files.values())


def _unpacked(payload: bytes) -> dict[str, bytes]:
    """The files of :func:`_packed`; ValueError when the payload does not add up (a path
    outside the index's folder is refused by :func:`write_over`)."""
    header, _, body = payload.partition(b"\n")
    files: dict[str, bytes] = {}
    start = 0
    for relative, length in json.loads(header):
        if not isinstance(relative, str) or not isinstance(length, int):
            raise ValueError(relative)
        files[relative] = body[start : start + length]
        start += length
    if start != len(body):
        raise ValueError("panjang berkas tidak cocok")
    return files


def kept_pages(cache: Cache) -> dict[str, str]:
    """The pages the kept index was made from (URL → SHA-256 of what Pagefind read); empty
    when there is none or the entry is damaged. Only a hint: the index is given back only
    under the digest of the pages a build really made."""
    sealed = cache.read(PAGES_ENTRY)
    try:
        pages = json.loads(sealed) if sealed is not None else {}
    except ValueError:
        return {}
    if not isinstance(pages, dict):
        return {}
    return {str(url): str(sha) for url, sha in pages.items()}


def _forget_all_but(folder: Path, key: str) -> None:
    for entry in folder.iterdir() if folder.is_dir() else ():
        if entry.name in (f"{key}{BUNDLE_SUFFIX}", PAGES_NAME) or entry.name.startswith("."):
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
