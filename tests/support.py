"""Small builders for inline fixtures: tests write the YAML they talk about."""

from __future__ import annotations

import textwrap
from pathlib import Path

UNIT = """\
nama: Dinas Contoh
instansi:
  - Pemerintah Kabupaten Contoh
  - Dinas Contoh
disahkan_oleh:
  jabatan: Kepala Dinas Contoh
  nama: Budi Santoso, S.H.
  nip: 19760130 199503 1 001
"""

SOP = """\
nomor: 001/SOP/DC/2024
nama: Pelayanan Contoh
instansi:
  - Pemerintah Kabupaten Contoh
tanggal_pembuatan: 2024-01-03
tanggal_efektif: 2024-02
disahkan_oleh:
  jabatan: Kepala Dinas Contoh
  nama: Budi Santoso
  nip: '197601301995031001'
dasar_hukum:
  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik
pelaksana:
  - Petugas Loket
  - Kepala Seksi
prosedur:
  - kegiatan: Menerima berkas
    pelaksana: Petugas Loket
    waktu: 15 menit
  - id: periksa
    kegiatan: Memeriksa kelengkapan berkas
    pelaksana: Kepala Seksi
    keputusan: {tidak: 1}
  - kegiatan: Menyerahkan dokumen
    pelaksana: [Petugas Loket, Kepala Seksi]
    waktu: 1 jam
"""
"""A valid SOP; tests change one thing in it and look for one issue."""


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: content}`` under ``root``; returns ``root``."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(dedent(content), encoding="utf-8")
    return root
