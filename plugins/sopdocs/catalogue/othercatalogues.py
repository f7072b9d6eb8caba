"""Other agencies' published catalogues, so a keterkaitan can name one of their SOPs.

A site lists other sites' ``katalog.json`` (by URL or path). Each is read once a build,
its shape checked and its size bounded (its text is another agency's, so it is data and
nothing else), and kept in the cache: a build without network uses the last copy it read,
with one warning, and never fails for it.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard
from urllib.parse import urljoin, urlsplit

from sopdocs.cache import Cache, digest

MAX_BYTES = 20 * 1024 * 1024
"""A katalog.json larger than this is refused: thousands of SOPs take a few megabytes."""
MAX_SOPS = 100_000
TIMEOUT = 10.0
"""Seconds to wait for another site: a slow intranet must not hold a build for long."""
_MAX_TEXT = 1000


@dataclass(frozen=True, slots=True, kw_only=True)
class OtherSource:
    """One entry of the plugin's ``katalog_lain``: a display name and where its file is."""

    nama: str
    katalog: str
    """A ``katalog.json`` URL (http or https) or a path relative to ``mkdocs.yml``."""
    alamat: str | None = None
    """The other site's root URL, which its SOP URLs are relative to; by default the folder
    of ``katalog`` when that is a URL."""


@dataclass(frozen=True, slots=True, kw_only=True)
class OtherSop:
    """One SOP of another catalogue: what a keterkaitan is matched on, and its page."""

    nomor: str
    nama: str
    url: str
    katalog: str
    """The display name of the catalogue it belongs to."""


@dataclass(frozen=True, slots=True, kw_only=True)
class OtherCatalogues:
    """Every other catalogue that could be read, and what the build should say about it."""

    sops: tuple[OtherSop, ...] = ()
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    """A source written wrongly in ``mkdocs.yml``: the author's mistake, not the network's."""


NO_OTHERS = OtherCatalogues()


def read_others(sources: list[OtherSource], root: Path, cache: Cache) -> OtherCatalogues:
    """Read every source; an unreachable one falls back to its cached copy."""
    sops: list[OtherSop] = []
    unreachable: list[str] = []
    errors: list[str] = []
    for source in sources:
        base = _base_url(source)
        if base is None:
            errors.append(
                f"katalog_lain '{source.nama}': alamat situsnya tidak diketahui (tulis "
                "alamat: https://... , alamat web situs katalog itu)"
            )
            continue
        raw = _fetch(source, root)
        key = f"katalog-lain/{digest(source.katalog)}.json"
        data = _parse(raw) if raw is not None else None
        if data is None:
            data = _parse(cache.read(key))
            unreachable.append(source.nama)
        else:
            cache.write(key, raw or b"")
        if data is not None:
            sops.extend(_sops(data, base, source.nama))
    warnings: tuple[str, ...] = ()
    if unreachable:
        names = ", ".join(unreachable)
        warnings = (
            f"katalog lain tidak dapat dibaca ({names}); keterkaitan ke sana memakai salinan "
            "terakhir yang tersimpan, bila ada",
        )
    return OtherCatalogues(sops=tuple(sops), warnings=warnings, errors=tuple(errors))


def _base_url(source: OtherSource) -> str | None:
    base = source.alamat or (source.katalog if _is_web(source.katalog) else None)
    if base is None or not _is_web(base):
        return None
    return base if source.alamat is None or base.endswith("/") else base + "/"


def _is_web(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def _fetch(source: OtherSource, root: Path) -> bytes | None:
    """The file's bytes, at most ``MAX_BYTES`` (one more byte tells that it is larger)."""
    try:
        if _is_web(source.katalog):
            request = urllib.request.Request(source.katalog, headers={"User-Agent": "sopdocs"})
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                data = response.read(MAX_BYTES + 1)
        else:
            with (root / source.katalog).open("rb") as file:
                data = file.read(MAX_BYTES + 1)
    except (OSError, urllib.error.URLError, ValueError):
        return None
    return data if len(data) <= MAX_BYTES else None


def _parse(raw: bytes | None) -> dict[str, Any] | None:
    """The JSON object, if it has the shape ``katalog.json`` has; None for anything else."""
    if raw is None:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("sop"), list):
        return None
    return data


def _short_text(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and 0 < len(value) <= _MAX_TEXT


def _sops(data: dict[str, Any], base: str, catalogue: str) -> list[OtherSop]:
    found = []
    for item in data["sop"][:MAX_SOPS]:
        if not isinstance(item, dict):
            continue
        nomor, nama, url = (item.get(key) for key in ("nomor", "nama", "url"))
        if not (_short_text(nomor) and _short_text(nama) and _short_text(url)):
            continue
        page = urljoin(base, url)
        if _is_web(page):
            found.append(OtherSop(nomor=nomor, nama=nama, url=page, katalog=catalogue))
    return found
