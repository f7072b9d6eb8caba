"""The shared fixtures: the repository's place, one valid SOP, and the small site catalogue.

Tests write the YAML they talk about; what many of them share lives here, once: ``SOP`` (a
valid SOP that tests change one thing in), ``sop_text`` (the same SOP with other values or
another procedure), and ``CATALOGUE`` (the inline catalogue the site tests build).
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
"""The repository root: its example catalogue, docs and README are test subjects too."""

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

SOP_HEADER = """\
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
"""
"""Every key of a valid SOP but its lanes and procedure."""

SOP = (
    SOP_HEADER
    + """\
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
)
"""A valid SOP; tests change one thing in it and look for one issue."""

UNIT_SOP = "".join(
    line
    for line in SOP.splitlines(keepends=True)
    if not line.startswith(("instansi:", "  - Pemerintah", "disahkan_oleh:", "  jabatan:"))
    and not line.startswith(("  nama: Budi", "  nip:"))
)
""":data:`SOP` with its kop (instansi, disahkan_oleh) left to :data:`UNIT`'s ``_unit.yaml``."""


def sop_text(body: str, **values: str) -> str:
    """A valid SOP with ``body`` (its ``pelaksana`` and ``prosedur``) and the header's
    one-line ``values`` replaced (``nama='"Antrean"'``: YAML, as written)."""
    header = SOP_HEADER
    for key, value in values.items():
        header, found = re.subn(rf"^{key}: .*$", f"{key}: {value}", header, flags=re.M)
        assert found == 1, f"{key} is not a one-line key of SOP_HEADER"
    return header + body


# --- the site catalogue -----------------------------------------------------------------

PENDAFTARAN = """\
nomor: 001/SOP/DC/2022
nama: Pendaftaran Layanan
tanggal_pembuatan: 2022-01-03
tanggal_revisi: [2023-05-17]
tanggal_efektif: 2022-02
dasar_hukum:
  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik
kualifikasi_pelaksana:
  - Memahami tata naskah dinas
keterkaitan:
  - SOP Penerbitan Surat Keterangan
  - SOP Arsip Nasional Daerah
peralatan: [Komputer, Printer]
peringatan: Berkas tidak lengkap dikembalikan.
pencatatan: Buku register.
pelaksana:
  - Petugas Loket
  - Kepala Seksi
  - Kepala Dinas
prosedur:
  - kegiatan: Menerima berkas
    pelaksana: Petugas Loket
    kelengkapan: Formulir
    waktu: 15 menit
    output: Berkas diterima
  - id: periksa
    kegiatan: Memeriksa kelengkapan berkas
    pelaksana: Kepala Seksi
    waktu: 30 menit
    keputusan: {tidak: 1}
  - kegiatan: Menandatangani bersama
    pelaksana: [Kepala Seksi, Kepala Dinas]
    waktu: 1 jam
  - kegiatan: Menyerahkan dokumen
    pelaksana: Petugas Loket
    waktu: 10 menit
    keterangan: Dicatat di buku register
"""

UNIT_BIDANG = """\
nama: Bidang Layanan
"""

PENERBITAN = """\
nomor: 002/SOP/DC/2023
nama: Penerbitan Surat Keterangan
tanggal_pembuatan: 2023-03-01
tanggal_efektif: 2023-03-15
dasar_hukum:
  - UU No. 25 Tahun 2009
  - Kebiasaan baik di kantor kami
pelaksana:
  - Petugas Loket
  - Kepala Seksi
prosedur:
  - kegiatan: Menerima permohonan
    pelaksana: Petugas Loket
    waktu: 1 hari
  - kegiatan: Menerbitkan surat
    pelaksana: Kepala Seksi
    waktu: Sesuai antrean
"""

HOSTILE = "</title><script>alert(1)</script> {{ 7*7 }} {% if %} *bold* [x](http://evil) # heading"
"""Author text that would run, format or inject if it were ever treated as code."""

UNIT_HOSTILE = """\
nama: 'Badan <script>alert(1)</script> *Uji* {{ 7*7 }}'
instansi:
  - 'Pemerintah {{ 7*7 }}'
  - '<script>alert(1)</script>'
disahkan_oleh:
  jabatan: '<b>Kepala</b> {% if %}'
  nama: '*Nama* [x](http://evil)'
  nip: '197601301995031001'
"""

JAHAT = f"""\
nomor: '<b>666</b>/{{{{ 7*7 }}}}'
nama: '{HOSTILE}'
tanggal_pembuatan: 2024-12-31
tanggal_efektif: 2025-01-01
dasar_hukum:
  - '<b>Aturan</b> {{{{ 7*7 }}}}'
kualifikasi_pelaksana:
  - '*bold*'
  - '[x](http://evil)'
keterkaitan:
  - 'SOP <script>alert(1)</script>'
peringatan: '# heading'
pencatatan: '{{: .evil }} {{% endif %}}'
pelaksana:
  - '<i>Petugas</i> {{{{ 7*7 }}}}'
  - '# Kepala'
prosedur:
  - kegiatan: '{{% if %}}x{{% endif %}} <script>alert(1)</script>'
    pelaksana: '<i>Petugas</i> {{{{ 7*7 }}}}'
    kelengkapan: '*bold* [x](http://evil)'
  - kegiatan: '# heading'
    pelaksana: '# Kepala'
    keterangan: '{{{{ 7*7 }}}}'
"""

CATALOGUE: dict[str, str] = {
    "sops/dinas-contoh/_unit.yaml": UNIT,
    "sops/dinas-contoh/pendaftaran.yaml": PENDAFTARAN,
    "sops/dinas-contoh/bidang-layanan/_unit.yaml": UNIT_BIDANG,
    "sops/dinas-contoh/bidang-layanan/penerbitan-surat.yaml": PENERBITAN,
    "sops/badan-uji/_unit.yaml": UNIT_HOSTILE,
    "sops/badan-uji/jahat.yaml": JAHAT,
    "docs/index.md": "# Beranda\n\nKatalog uji.\n",
    "docs/panduan/membaca.md": "# Membaca SOP\n\nPanduan.\n",
}
"""Two units (one nested), three SOPs: a decision, a step over two lanes, a keterkaitan
link with its backlink and one outside the catalogue, one regulation in two spellings, an
unrecognised citation, and a hostile SOP in a hostile unit."""

MKDOCS_YML = """\
site_name: Katalog Uji
repo_url: https://github.com/contoh/katalog-uji
edit_uri: edit/main/docs/
theme:
  name: material
  language: id
  features: [navigation.indexes, navigation.prune, content.action.edit]
plugins:
  - search
  - sopdocs:
      cache_dir: .cache
"""


NO_SEARCH_YML = MKDOCS_YML.replace("  - search\n", "").replace(
    "cache_dir: .cache", "cache_dir: .cache\n      search: false\n      history: false"
)
"""The standard site without a search index (Pagefind's output is not byte-stable) and
without change history (the test folder is no git repository of its own)."""


def sopdocs_only_yml(**options: bool) -> str:
    """A Material site with the sopdocs plugin alone, its cache in ``.cache``, and
    ``options`` (``search=False`` → ``search: false``)."""
    lines = "".join(f"      {key}: {str(value).lower()}\n" for key, value in options.items())
    return (
        "site_name: Katalog Uji\ntheme:\n  name: material\n  language: id\n"
        "plugins:\n  - sopdocs:\n      cache_dir: .cache\n" + lines
    )


KEY_CASES = [
    ("UU 24/2013", "uu242013"),
    ("uu 24 2013", "uu242013"),
    ("Undang-Undang Nomor 24 Tahun 2013", "undangundang242013"),
    ("UU No. 24 Thn 2013", "uu242013"),
    ("Permendagri 108/2019", "permendagri1082019"),
    ("Peraturan Menteri Dalam Negeri Nomor 108 Tahun 2019", "peraturanmenteridalamnegeri1082019"),
    ("PermenPAN-RB 35/2012", "permenpanrb352012"),
    ("Undang-Undang Republik Indonesia No 25 th 2009", "undangundang252009"),
    ("  Perda  Kab. Padang Pariaman 5/2019 ", "perdakabpadangpariaman52019"),
    ("Pelayanan – Publik é 2009", "pelayananpublik2009"),
    ("", ""),
]
"""Typed text and its search key (sopdocs.site.search.search_key): test_search checks
Python, test_browser the JavaScript of the search box."""


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


THEME_WARNING = "peringatan dari tema"
WARNING_THEME: dict[str, str] = {
    "hooks/peringatan.py": (
        "import logging\n\n"
        "def on_env(env, config, files):\n"
        "    def warn(value):\n"
        f"        logging.getLogger('mkdocs.hooks.uji').warning('{THEME_WARNING}')\n"
        "        return value\n"
        "    env.filters['peringatan'] = warn\n"
        "    return env\n"
    ),
    "overrides/main.html": (
        '{% extends "base.html" %}\n{% block content %}{{ super() | peringatan }}{% endblock %}\n'
    ),
}
"""A theme whose page template logs a warning (through a filter a hook adds) on every page."""


def with_warning_theme(yml: str) -> str:
    """``yml`` with :data:`WARNING_THEME`'s overrides and hook."""
    themed = yml.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    return themed + "hooks:\n  - hooks/peringatan.py\n"


def in_a_new_process(scenario: Callable[[Path], None], tmp_path: Path) -> None:
    """Run ``scenario(tmp_path)`` (a module-level function of a test module) in a new Python
    process, whose one thread is its own (a pytest-xdist worker runs others), and fail with
    its traceback if it fails."""
    code = (
        f"import pathlib, sys, {scenario.__module__} as m; "
        f"m.{scenario.__name__}(pathlib.Path(sys.argv[1]))"
    )
    ran = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        cwd=Path(__file__).parent,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
