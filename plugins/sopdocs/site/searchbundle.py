"""The last Pagefind index, reused while the pages it was built from are unchanged.

Why: Pagefind reads every page of the site on every build (about 3 s for 1,000 SOPs, 8 s for
3,000), while a warm build with nothing changed writes the very same HTML again. The index is
kept in the cache under the digest of every page Pagefind was given (the HTML files of the
folder, or what :mod:`searchstream` sent) and of how it is run;
a build whose pages have that digest copies it back instead of running Pagefind. Each kept
file is checked against the SHA-256 its sealed manifest names while it is copied: a damaged,
missing or half-written entry makes the build run Pagefind as usual, never publish it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Mapping
from pathlib import Path

from sopdocs.cache import Cache, code_fingerprint, digest
from sopdocs.site.inplace import keep_only

KEPT_DIR = "pagefind"
"""Inside the cache folder: ``pagefind/<digest>.json`` (the sealed manifest) and
``pagefind/<digest>/`` (the index's files)."""
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
    files); False (and nothing left) if it is absent or any file differs from its manifest."""
    folder = cache.folder
    sealed = cache.read(f"{KEPT_DIR}/{key}.json")
    if folder is None or sealed is None:
        return False
    try:
        manifest: dict[str, str] = json.loads(sealed)
        for relative, expected in sorted(manifest.items()):
            data = (folder / KEPT_DIR / key / relative).read_bytes()
            if hashlib.sha256(data).hexdigest() != expected:
                raise ValueError(relative)
            target = bundle / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        keep_only(bundle, manifest)
    except (OSError, ValueError, TypeError, AttributeError):
        shutil.rmtree(bundle, ignore_errors=True)
        return False
    return True


def keep(cache: Cache, key: str, bundle: Path, pages: Mapping[str, str] | None = None) -> None:
    """Keep the index in ``bundle`` under ``key``, in place of any index kept before, and
    with it the ``pages`` it was made from (URL → SHA-256), for :func:`kept_pages`."""
    if cache.folder is None:
        return
    cache.write(PAGES_ENTRY, json.dumps(pages or {}).encode())
    manifest: dict[str, str] = {}
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
        relative = path.relative_to(bundle).as_posix()
        data = path.read_bytes()
        manifest[relative] = hashlib.sha256(data).hexdigest()
        cache.write_file(f"{KEPT_DIR}/{key}/{relative}", data)
    cache.write(f"{KEPT_DIR}/{key}.json", json.dumps(manifest).encode())
    _forget_all_but(cache.folder / KEPT_DIR, key)


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
        if entry.name in (key, f"{key}.json", PAGES_NAME) or entry.name.startswith("."):
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
