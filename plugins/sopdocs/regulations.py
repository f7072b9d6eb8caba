"""Recognise the regulation cited in a Dasar Hukum item, whatever the spelling.

INTERFACE STUB: the real recogniser is being written; keep these names.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Regulation:
    jenis: str
    singkatan: str
    nomor: str
    tahun: int | None
    wilayah: str | None = None
    tentang: str | None = None
    amends: Regulation | None = None

    @property
    def key(self) -> str:
        return "-".join(p for p in (self.singkatan.lower(), self.nomor, str(self.tahun)) if p)


def recognise(text: str) -> Regulation | None:
    return None
