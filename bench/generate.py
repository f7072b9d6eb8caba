"""Write a synthetic but realistic SOP catalogue, so the build can be measured at scale.

A real provincial catalogue is dozens of dinas in a province's kabupaten and kota, each
with 20 to 60 SOPs that look alike: the same kinds of service, the same lanes (pemohon,
loket, operator, kasi, kabid, kepala dinas), the same regulations cited in a dozen
spellings, and templated SOPs copied unchanged from one kabupaten to the next. The
generator reproduces those traits, because each one costs the site something different:
lanes and decisions cost Graphviz, spellings cost the regulation index, copied SOPs
exercise the diagram cache keyed by DOT, keterkaitan cost the backlinks.

Output is deterministic for a given ``--size`` and ``--seed``: the same bytes every run.

    python bench/generate.py bench/out/cat-1000 --size 1000
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

# --- Regions and units -------------------------------------------------------------------

# fmt: off
REGIONS = (
    ("Kabupaten", "Padang Pariaman"),
    ("Kabupaten", "Agam"),
    ("Kabupaten", "Tanah Datar"),
    ("Kabupaten", "Lima Puluh Kota"),
    ("Kabupaten", "Pasaman"),
    ("Kabupaten", "Pasaman Barat"),
    ("Kabupaten", "Solok"),
    ("Kabupaten", "Solok Selatan"),
    ("Kabupaten", "Sijunjung"),
    ("Kabupaten", "Dharmasraya"),
    ("Kabupaten", "Pesisir Selatan"),
    ("Kabupaten", "Kepulauan Mentawai"),
    ("Kota", "Padang"),
    ("Kota", "Bukittinggi"),
    ("Kota", "Payakumbuh"),
    ("Kota", "Padang Panjang"),
    ("Kota", "Pariaman"),
    ("Kota", "Sawahlunto"),
    ("Kota", "Solok"),
)

KECAMATAN = (
    "Lubuk Alung", "Sintuk", "Kayu Tanam", "Pakandangan", "Sungai Limau", "Batang Anai",
    "Nan Sabaris", "Ulakan", "Sungai Geringging", "Patamuan", "Lubuk Basung", "Tiku", "Baso",
    "Biaro", "Palupuh", "Batusangkar", "Lintau", "Sungayang", "Koto Baru",
)

GIVEN_NAMES = (
    "Afrizal", "Yusniati", "Hendri", "Syafrizal", "Rahmat", "Nurhayati", "Zulkifli", "Desmawati",
    "Fadhly", "Yulianti", "Irwan", "Rosmaini", "Elfi", "Budi", "Ridwan", "Marlina", "Andri",
    "Sri Wahyuni", "Efendi", "Novia", "Jasman", "Delfi", "Asrul",
)
FAMILY_NAMES = (
    "Putra", "Saputra", "Syahputra", "Hidayat", "Rahman", "Yuliani", "Sutan", "Chaniago",
    "Piliang", "Tanjung", "Koto", "Sikumbang", "Caniago", "Jambak", "Melayu", "Guci",
)
TITLES_BEFORE = ("", "", "", "dr. ", "Drs. ", "Ir. ", "H. ", "Hj. ")
TITLES_AFTER = (", S.Sos", ", SE, MM", ", AP, MM", ", S.H., M.H.", ", M.Kes", ", S.Kom", ", M.Si")

# fmt: on


@dataclass(frozen=True)
class Domain:
    """One kind of dinas: its name, its services, its people and the law it works under."""

    slug: str
    dinas: str
    code: str
    objects: tuple[str, ...]
    documents: tuple[str, ...]
    app: str
    lanes: tuple[str, ...]
    """Roles left to right: applicant, front office, operator, kasi, kabid, head."""
    regulations: tuple[str, ...]
    """Keys into ``REGULATIONS``."""
    bidang: tuple[str, ...] = ()


# fmt: off
DOMAINS = (
    Domain(
        slug="dukcapil",
        dinas="Dinas Kependudukan dan Pencatatan Sipil",
        code="470",
        objects=(
            "Akta Kelahiran", "Akta Kematian", "Kartu Keluarga", "KTP Elektronik",
            "Kartu Identitas Anak", "Surat Keterangan Pindah", "Akta Perkawinan",
            "Akta Perceraian", "Pengesahan Anak", "Perubahan Nama", "Biodata Penduduk",
            "Surat Keterangan Pindah Luar Negeri", "Dokumen Kependudukan bagi Orang Asing",
        ),
        documents=("kutipan akta", "dokumen kependudukan", "surat keterangan", "KK baru"),
        app="SIAK Terpusat",
        lanes=(
            "Pemohon", "Petugas Front Office", "Operator SIAK", "Kepala Seksi", "Kepala Bidang",
            "Kepala Dinas",
        ),
        regulations=(
            "uu-24-2013", "uu-23-2006", "pp-40-2019", "perpres-96-2018", "permendagri-108-2019",
            "permendagri-109-2019", "permendagri-104-2019", "permendagri-7-2019",
            "permendagri-73-2022",
        ),
        bidang=("Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pelayanan Pencatatan Sipil"),
    ),
    Domain(
        slug="bkpsdm",
        dinas="Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        code="800",
        objects=(
            "Cuti Tahunan", "Cuti Sakit", "Cuti Melahirkan", "Kenaikan Pangkat Reguler",
            "Kenaikan Gaji Berkala", "Mutasi Pegawai", "Izin Belajar", "Tugas Belajar",
            "Pensiun Batas Usia", "Ujian Dinas", "Kartu Pegawai Elektronik", "Karis dan Karsu",
            "Satyalancana Karya Satya", "Pencantuman Gelar Akademik",
        ),
        documents=("surat keputusan", "surat izin", "pertimbangan teknis", "nota usul"),
        app="SIASN",
        lanes=(
            "PNS Pemohon", "Pengelola Kepegawaian OPD", "Analis Kepegawaian", "Kepala Sub Bidang",
            "Kepala Bidang Mutasi", "Kepala BKPSDM",
        ),
        regulations=(
            "uu-20-2023", "uu-5-2014", "pp-11-2017", "pp-17-2020", "pp-94-2021", "pp-30-2019",
            "perbkn-24-2017",
        ),
        bidang=("Bidang Mutasi dan Promosi", "Bidang Pengembangan Kompetensi"),
    ),
    Domain(
        slug="dinkes",
        dinas="Dinas Kesehatan",
        code="440",
        objects=(
            "Surat Keterangan Sehat", "Imunisasi Dasar", "Rujukan Pasien", "Pemeriksaan Ibu Hamil",
            "Pelayanan Gawat Darurat", "Izin Praktik Bidan", "Izin Praktik Perawat",
            "Pemeriksaan Laboratorium", "Pelayanan Gigi dan Mulut", "Pelayanan Keluarga Berencana",
            "Penanganan KIPI", "Pelayanan Rawat Jalan",
        ),
        documents=("surat keterangan", "surat rujukan", "rekam medis", "surat izin praktik"),
        app="SIMPUS",
        lanes=(
            "Pasien", "Petugas Pendaftaran", "Perawat", "Dokter Pemeriksa", "Kepala Tata Usaha",
            "Kepala Puskesmas",
        ),
        regulations=(
            "uu-17-2023", "permenkes-43-2019", "permenkes-12-2017", "permenkes-4-2019",
            "permenkes-47-2018", "permenkes-24-2022",
        ),
        bidang=("UPTD Puskesmas",),
    ),
    Domain(
        slug="dpmptsp",
        dinas="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        code="503",
        objects=(
            "Persetujuan Bangunan Gedung", "Izin Reklame", "Surat Izin Praktik Apoteker",
            "Izin Operasional Sekolah", "Nomor Induk Berusaha", "Izin Usaha Toko Swalayan",
            "Tanda Daftar Usaha Pariwisata", "Izin Penelitian", "Sertifikat Laik Fungsi",
            "Izin Praktik Tenaga Kesehatan", "Izin Penyelenggaraan Klinik",
        ),
        documents=("surat izin", "sertifikat", "keputusan perizinan", "rekomendasi teknis"),
        app="OSS RBA",
        lanes=(
            "Pemohon", "Petugas Front Office", "Tim Teknis", "Kepala Seksi Perizinan",
            "Kepala Bidang Pelayanan", "Kepala Dinas",
        ),
        regulations=("uu-6-2023", "pp-5-2021", "pp-16-2021", "permendagri-138-2017"),
    ),
    Domain(
        slug="dinsos",
        dinas="Dinas Sosial",
        code="460",
        objects=(
            "Rekomendasi Penerima Bantuan Iuran JKN", "Usulan Data Terpadu Kesejahteraan Sosial",
            "Bantuan Sosial Korban Bencana", "Rekomendasi Pengangkatan Anak",
            "Pemulangan Orang Terlantar", "Rehabilitasi Sosial Penyandang Disabilitas",
            "Santunan Kematian", "Surat Keterangan Terdaftar DTKS",
        ),
        documents=("rekomendasi", "surat keterangan", "berita acara", "daftar penerima"),
        app="SIKS-NG",
        lanes=(
            "Pemohon", "Petugas Pelayanan", "Pendamping Sosial", "Kepala Seksi", "Kepala Bidang",
            "Kepala Dinas",
        ),
        regulations=("uu-11-2009", "uu-13-2011", "permensos-3-2021"),
    ),
    Domain(
        slug="disdik",
        dinas="Dinas Pendidikan dan Kebudayaan",
        code="421",
        objects=(
            "Mutasi Peserta Didik", "Legalisir Ijazah", "Surat Keterangan Pengganti Ijazah",
            "Izin Pendirian Satuan Pendidikan", "Penerimaan Peserta Didik Baru",
            "Tunjangan Profesi Guru", "Rekomendasi Izin Belajar Guru", "Pengajuan NUPTK",
        ),
        documents=("surat keterangan", "rekomendasi", "surat keputusan", "ijazah legalisir"),
        app="Dapodik",
        lanes=(
            "Pemohon", "Petugas Layanan", "Operator Dapodik", "Kepala Seksi", "Kepala Bidang",
            "Kepala Dinas",
        ),
        regulations=("uu-20-2003", "pp-17-2010", "permendikbud-1-2021"),
    ),
    Domain(
        slug="bapenda",
        dinas="Badan Pendapatan Daerah",
        code="973",
        objects=(
            "Pendaftaran Wajib Pajak Daerah", "Pembayaran PBB-P2", "Keberatan Pajak Daerah",
            "Pengurangan PBB-P2", "Penerbitan SPPT PBB-P2", "Mutasi Objek PBB-P2",
            "Pajak Barang dan Jasa Tertentu", "Pajak Reklame",
        ),
        documents=("SPPT", "surat ketetapan pajak", "surat keputusan", "bukti pembayaran"),
        app="SIMPATDA",
        lanes=(
            "Wajib Pajak", "Petugas Pelayanan", "Petugas Pendataan", "Kepala Sub Bidang",
            "Kepala Bidang Pajak", "Kepala Badan",
        ),
        regulations=("uu-1-2022", "pp-35-2023"),
    ),
)
# fmt: on

# --- Regulations: real ones, each in the spellings people actually write -----------------


@dataclass(frozen=True)
class Law:
    jenis: str
    """As written in full (``Peraturan Menteri Dalam Negeri``)."""
    short: tuple[str, ...]
    """Short forms people write (``Permendagri``)."""
    nomor: str
    tahun: int
    tentang: str


_UU = ("Undang-Undang", ("UU", "Undang-Undang Republik Indonesia"))
_PP = ("Peraturan Pemerintah", ("PP", "Peraturan Pemerintah RI"))
_PERPRES = ("Peraturan Presiden", ("Perpres", "Peraturan Presiden RI"))
_DAGRI = ("Peraturan Menteri Dalam Negeri", ("Permendagri", "Permendagri RI"))
_PANRB = (
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
    ("Permenpan RB", "Peraturan Menteri PANRB", "Permenpan-RB"),
)
_KES = ("Peraturan Menteri Kesehatan", ("Permenkes", "Peraturan Menteri Kesehatan RI"))
_SOS = ("Peraturan Menteri Sosial", ("Permensos",))
_DIKBUD = ("Peraturan Menteri Pendidikan dan Kebudayaan", ("Permendikbud",))
_BKN = ("Peraturan Badan Kepegawaian Negara", ("Peraturan BKN", "Perka BKN"))


def _law(kind: tuple[str, tuple[str, ...]], nomor: int, tahun: int, tentang: str) -> Law:
    return Law(jenis=kind[0], short=kind[1], nomor=str(nomor), tahun=tahun, tentang=tentang)


REGULATIONS: dict[str, Law] = {
    "uu-23-2006": _law(_UU, 23, 2006, "Administrasi Kependudukan"),
    "uu-24-2013": _law(
        _UU,
        24,
        2013,
        "Perubahan atas Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan",
    ),
    "uu-25-2009": _law(_UU, 25, 2009, "Pelayanan Publik"),
    "uu-14-2008": _law(_UU, 14, 2008, "Keterbukaan Informasi Publik"),
    "uu-30-2014": _law(_UU, 30, 2014, "Administrasi Pemerintahan"),
    "uu-23-2014": _law(_UU, 23, 2014, "Pemerintahan Daerah"),
    "uu-5-2014": _law(_UU, 5, 2014, "Aparatur Sipil Negara"),
    "uu-20-2023": _law(_UU, 20, 2023, "Aparatur Sipil Negara"),
    "uu-17-2023": _law(_UU, 17, 2023, "Kesehatan"),
    "uu-20-2003": _law(_UU, 20, 2003, "Sistem Pendidikan Nasional"),
    "uu-11-2009": _law(_UU, 11, 2009, "Kesejahteraan Sosial"),
    "uu-13-2011": _law(_UU, 13, 2011, "Penanganan Fakir Miskin"),
    "uu-1-2022": _law(
        _UU, 1, 2022, "Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah"
    ),
    "uu-6-2023": _law(
        _UU,
        6,
        2023,
        "Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang "
        "Cipta Kerja menjadi Undang-Undang",
    ),
    "pp-96-2012": _law(
        _PP, 96, 2012, "Pelaksanaan Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"
    ),
    "pp-40-2019": _law(
        _PP,
        40,
        2019,
        "Pelaksanaan Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan "
        "sebagaimana telah diubah dengan Undang-Undang Nomor 24 Tahun 2013",
    ),
    "pp-11-2017": _law(_PP, 11, 2017, "Manajemen Pegawai Negeri Sipil"),
    "pp-17-2020": _law(
        _PP,
        17,
        2020,
        "Perubahan atas Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai "
        "Negeri Sipil",
    ),
    "pp-94-2021": _law(_PP, 94, 2021, "Disiplin Pegawai Negeri Sipil"),
    "pp-30-2019": _law(_PP, 30, 2019, "Penilaian Kinerja Pegawai Negeri Sipil"),
    "pp-5-2021": _law(_PP, 5, 2021, "Penyelenggaraan Perizinan Berusaha Berbasis Risiko"),
    "pp-16-2021": _law(
        _PP,
        16,
        2021,
        "Peraturan Pelaksanaan Undang-Undang Nomor 28 Tahun 2002 tentang Bangunan Gedung",
    ),
    "pp-17-2010": _law(_PP, 17, 2010, "Pengelolaan dan Penyelenggaraan Pendidikan"),
    "pp-35-2023": _law(_PP, 35, 2023, "Ketentuan Umum Pajak Daerah dan Retribusi Daerah"),
    "perpres-96-2018": _law(
        _PERPRES, 96, 2018, "Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan Sipil"
    ),
    "perpres-76-2013": _law(_PERPRES, 76, 2013, "Pengelolaan Pengaduan Pelayanan Publik"),
    "perpres-95-2018": _law(_PERPRES, 95, 2018, "Sistem Pemerintahan Berbasis Elektronik"),
    "permendagri-108-2019": _law(
        _DAGRI,
        108,
        2019,
        "Peraturan Pelaksanaan Peraturan Presiden Nomor 96 Tahun 2018 tentang Persyaratan dan "
        "Tata Cara Pendaftaran Penduduk dan Pencatatan Sipil",
    ),
    "permendagri-109-2019": _law(
        _DAGRI, 109, 2019, "Formulir dan Buku yang Digunakan dalam Administrasi Kependudukan"
    ),
    "permendagri-104-2019": _law(_DAGRI, 104, 2019, "Pendokumentasian Administrasi Kependudukan"),
    "permendagri-7-2019": _law(
        _DAGRI, 7, 2019, "Pelayanan Administrasi Kependudukan Secara Daring"
    ),
    "permendagri-73-2022": _law(_DAGRI, 73, 2022, "Pencatatan Nama pada Dokumen Kependudukan"),
    "permendagri-138-2017": _law(
        _DAGRI, 138, 2017, "Penyelenggaraan Pelayanan Terpadu Satu Pintu Daerah"
    ),
    "permenpanrb-35-2012": _law(
        _PANRB,
        35,
        2012,
        "Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan",
    ),
    "permenpanrb-15-2014": _law(_PANRB, 15, 2014, "Pedoman Standar Pelayanan"),
    "permenpanrb-14-2017": _law(
        _PANRB,
        14,
        2017,
        "Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik",
    ),
    "permenpanrb-62-2018": _law(
        _PANRB, 62, 2018, "Pedoman Sistem Pengelolaan Pengaduan Pelayanan Publik Nasional"
    ),
    "permenkes-43-2019": _law(_KES, 43, 2019, "Pusat Kesehatan Masyarakat"),
    "permenkes-12-2017": _law(_KES, 12, 2017, "Penyelenggaraan Imunisasi"),
    "permenkes-4-2019": _law(
        _KES,
        4,
        2019,
        "Standar Teknis Pemenuhan Mutu Pelayanan Dasar pada Standar Pelayanan Minimal Bidang "
        "Kesehatan",
    ),
    "permenkes-47-2018": _law(_KES, 47, 2018, "Pelayanan Kegawatdaruratan"),
    "permenkes-24-2022": _law(_KES, 24, 2022, "Rekam Medis"),
    "permensos-3-2021": _law(_SOS, 3, 2021, "Pengelolaan Data Terpadu Kesejahteraan Sosial"),
    "permendikbud-1-2021": _law(
        _DIKBUD,
        1,
        2021,
        "Penerimaan Peserta Didik Baru pada Taman Kanak-Kanak, Sekolah Dasar, Sekolah Menengah "
        "Pertama, Sekolah Menengah Atas, dan Sekolah Menengah Kejuruan",
    ),
    "perbkn-24-2017": _law(_BKN, 24, 2017, "Tata Cara Pemberian Cuti Pegawai Negeri Sipil"),
}

# fmt: off
GENERAL_REGULATIONS = (
    "uu-25-2009", "pp-96-2012", "permenpanrb-35-2012", "permenpanrb-15-2014", "uu-30-2014",
    "perpres-76-2013", "permenpanrb-62-2018", "permenpanrb-14-2017", "uu-14-2008", "uu-23-2014",
    "perpres-95-2018",
)

UNRECOGNISABLE = (
    "Surat Edaran Kepala Dinas tentang Jam Pelayanan",
    "Standar Pelayanan yang ditetapkan Kepala Dinas", "Maklumat Pelayanan",
)

# fmt: on


def spell(law: Law, rng: random.Random) -> str:
    """One citation of ``law`` the way some author would type it."""
    short = rng.choice(law.short)
    no = rng.choice(("Nomor", "Nomor", "No.", "No", "No. "))
    th = rng.choice(("Tahun", "Tahun", "tahun", "Thn"))
    about = f" tentang {law.tentang}" if rng.random() < 0.75 else ""
    form = rng.randrange(6)
    if form == 0:
        return f"{law.jenis} Nomor {law.nomor} Tahun {law.tahun}{about}"
    if form == 1:
        return f"{short} {no} {law.nomor} {th} {law.tahun}{about}".replace("  ", " ")
    if form == 2:
        return f"{law.short[0]} {law.nomor}/{law.tahun}{about}"
    if form == 3:
        return f"{law.jenis} {no} {law.nomor} {th} {law.tahun}{about}".replace("  ", " ")
    if form == 4:
        return f"{short.upper() if len(short) <= 4 else short} No.{law.nomor} Tahun {law.tahun}"
    return f"{law.jenis} Nomor {law.nomor} Tahun {law.tahun}{about}."


def regional_citations(region: tuple[str, str], dinas: str, rng: random.Random) -> list[str]:
    """The Perda and Perbup/Perwal establishing the dinas, spelled a few ways."""
    kind, name = region
    perda_no = 8 + sum(map(ord, name)) % 9
    head_no = 40 + sum(map(ord, name + dinas)) % 40
    head_year = 2016 + sum(map(ord, dinas)) % 6
    head = "Bupati" if kind == "Kabupaten" else "Wali Kota"
    head_short = "Perbup" if kind == "Kabupaten" else "Perwako"
    perda = rng.choice(
        (
            f"Peraturan Daerah {kind} {name} Nomor {perda_no} Tahun 2016 tentang Pembentukan "
            "dan Susunan Perangkat Daerah",
            f"Perda {kind} {name} No. {perda_no} Tahun 2016",
        )
    )
    perkada = rng.choice(
        (
            f"Peraturan {head} {name} Nomor {head_no} Tahun {head_year} tentang Kedudukan, "
            f"Susunan Organisasi, Tugas dan Fungsi serta Tata Kerja {dinas}",
            f"{head_short} {name} Nomor {head_no} Tahun {head_year}",
        )
    )
    return [perda, perkada]


# --- Procedures ----------------------------------------------------------------------------

# fmt: off
NAME_PATTERNS = (
    "Pelayanan {obj}", "Penerbitan {obj}", "Verifikasi Permohonan {obj}",
    "Pelayanan {obj} secara Daring", "Pengelolaan Berkas {obj}", "Penyelesaian {obj}",
    "Pelayanan {obj} Keliling", "Pengendalian Mutu Layanan {obj}",
)

ACTIVITIES = (
    # by role index: applicant, front office, operator, kasi, kabid, head
    (
        "Mengajukan permohonan {obj} dengan melampirkan persyaratan",
        "Mengisi formulir permohonan {obj} dan menyerahkannya ke loket",
        "Mengunggah dokumen persyaratan {obj} melalui aplikasi {app}",
    ),
    (
        "Menerima berkas permohonan dan memberikan nomor antrean",
        "Mencatat permohonan {obj} dalam buku register pelayanan",
        "Memindai dokumen persyaratan dan meneruskannya kepada operator",
    ),
    (
        "Menginput data permohonan {obj} ke dalam aplikasi {app}", "Menyiapkan konsep {doc}",
        "Mencetak {doc} dan menyiapkan tanda terima", "Memutakhirkan data pada aplikasi {app}",
        "Mengarsipkan berkas permohonan {obj}",
    ),
    (
        "Memverifikasi dan memvalidasi data {obj}", "Memeriksa dan memaraf konsep {doc}",
        "Menyusun laporan rekapitulasi pelayanan {obj}",
    ),
    (
        "Menelaah dan memaraf konsep {doc}", "Memberikan disposisi penyelesaian permohonan {obj}",
    ),
    (
        "Menandatangani {doc}", "Menandatangani {doc} secara elektronik",
        "Menetapkan keputusan atas permohonan {obj}",
    ),
)

CHECKS = (
    "Memeriksa kelengkapan dan keabsahan berkas persyaratan",
    "Memverifikasi kesesuaian data dengan dokumen asli", "Meneliti konsep {doc}",
    "Memeriksa hasil input data pada aplikasi {app}",
)
RETURNS = (
    "Mengembalikan berkas kepada pemohon untuk dilengkapi",
    "Menyampaikan penolakan permohonan beserta alasannya",
    "Memberitahukan kekurangan persyaratan kepada pemohon",
)
HANDOVER = (
    "Menyerahkan {doc} kepada pemohon", "Menyampaikan {doc} kepada pemohon melalui aplikasi {app}",
    "Menerima {doc} dan menandatangani tanda terima",
)
REQUIREMENTS = (
    "Formulir permohonan, fotokopi KTP-el dan KK", "Berkas permohonan lengkap",
    "Surat pengantar, dokumen persyaratan asli", "Data permohonan", "Konsep {doc}",
    "Dokumen yang telah diverifikasi",
)
OUTPUTS = (
    "Berkas permohonan", "Tanda terima berkas", "Data terinput", "Konsep {doc}",
    "{doc} ditandatangani", "Berkas terverifikasi", "{doc}", "Nomor register",
)
WAKTU = (
    "5 menit", "10 menit", "15 menit", "30 menit", "1 jam", "2 jam", "1 hari", "1-2 hari",
    "1 hari kerja", "3 hari kerja", "15 menit", "10 menit",
)
QUALIFICATIONS = (
    "Memahami peraturan perundang-undangan di bidang tugasnya",
    "Mampu mengoperasikan komputer dan aplikasi {app}",
    "Mampu berkomunikasi dengan baik, sabar dan santun",
    "Telah mengikuti bimbingan teknis pelayanan publik", "Pendidikan minimal SLTA atau sederajat",
)
EQUIPMENT = (
    "Komputer / Laptop", "Printer", "Jaringan internet", "Aplikasi {app}", "Alat Tulis Kantor",
    "Scanner", "Buku register", "Nomor antrean elektronik", "Tanda tangan elektronik",
)
WARNINGS = (
    "Apabila persyaratan tidak lengkap, berkas dikembalikan kepada pemohon.",
    "Pelayanan tidak dipungut biaya.",
    "Keterlambatan penyelesaian berakibat menurunnya indeks kepuasan masyarakat.",
    "Data pribadi pemohon wajib dijaga kerahasiaannya.",
)
RECORDS = (
    "Setiap permohonan dicatat dalam buku register dan aplikasi {app}.",
    "Berkas permohonan diarsipkan sesuai tata naskah dinas.",
    "Rekapitulasi pelayanan dilaporkan kepada Kepala Dinas setiap bulan.",
)
OUTSIDE_REFERENCES = (
    "SOP Pengelolaan Pengaduan melalui SP4N-LAPOR!", "SOP Pengelolaan Arsip Dinamis",
    "SOP Survei Kepuasan Masyarakat", "SOP Penanganan Surat Masuk dan Surat Keluar",
)

# fmt: on


@dataclass
class Procedure:
    """The part of an SOP that the flowchart draws; templated SOPs share it unchanged."""

    nama: str
    lanes: list[str]
    steps: list[dict[str, object]]


@dataclass
class SopSpec:
    path: str
    """Path under ``sops/`` without extension: the SOP's id."""
    unit: str
    nomor: str
    procedure: Procedure
    header: dict[str, object]
    references: list[object] = field(default_factory=list)


ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
"""How an SOP number writes the month it was issued in."""


def _fill(text: str, obj: str, doc: str, app: str) -> str:
    return text.format(obj=obj, doc=doc, app=app)


def make_procedure(domain: Domain, nama: str, obj: str, rng: random.Random) -> Procedure:
    """A plausible flow: apply, check (with a return branch), process, approve, hand over."""
    doc = rng.choice(domain.documents)
    app = domain.app
    n = rng.randint(5, 12)
    first_role = rng.choice((0, 0, 1))
    roles = sorted({first_role, 1, 2, *rng.sample(range(3, 6), rng.randint(1, 3))})
    lanes = [domain.lanes[r] for r in roles]
    # Walk the roles left to right, then come back to the front for the hand-over.
    step_roles = [roles[0]]
    while len(step_roles) < n - 1:
        here = step_roles[-1]
        later = [r for r in roles if r > here]
        step_roles.append(rng.choice(later) if later and rng.random() < 0.6 else here)
    step_roles.append(roles[0] if roles[0] == 0 else 1)

    steps: list[dict[str, object]] = []
    used: set[str] = set()
    for index, role in enumerate(step_roles):
        pool = HANDOVER if index == n - 1 else ACTIVITIES[role]
        choices = [t for t in pool if t not in used] or list(pool)
        template = rng.choice(choices)
        used.add(template)
        step: dict[str, object] = {
            "kegiatan": _fill(template, obj, doc, app),
            "pelaksana": domain.lanes[role],
        }
        if rng.random() < 0.85:
            step["kelengkapan"] = _fill(rng.choice(REQUIREMENTS), obj, doc, app)
        if rng.random() < 0.9:
            # Now and then the form says what no one can add up (a warning, as in real SOPs).
            step["waktu"] = "Jam kerja harian" if rng.random() < 0.01 else rng.choice(WAKTU)
        if rng.random() < 0.85:
            step["output"] = _fill(rng.choice(OUTPUTS), obj, doc, app).capitalize()
        steps.append(step)
    if rng.random() < 0.15:
        # A step done together by two lanes: the hand-over, signed by both.
        steps[-1]["pelaksana"] = [lanes[0], lanes[1]]
    _add_decisions(steps, domain, obj, doc, rng)
    if rng.random() < 0.1:
        steps[-1]["keterangan"] = "Dokumen dapat diambil oleh pemohon atau kuasanya"
    return Procedure(nama=nama, lanes=lanes, steps=steps)


def _add_decisions(
    steps: list[dict[str, object]],
    domain: Domain,
    obj: str,
    doc: str,
    rng: random.Random,
) -> None:
    """Turn some steps into decisions: a return branch that ends, or a loop back."""
    app = domain.app
    n = len(steps)
    # A check with a rejection that ends the flow: {ya: i+2, tidak: i+1}, i+1 ends.
    if n >= 6 and rng.random() < 0.55:
        i = rng.randint(1, n - 4)  # 0-based check index; keep a hand-over after the branch
        check = steps[i]
        check["kegiatan"] = _fill(rng.choice(CHECKS), obj, doc, app)
        check["id"] = "periksa"
        if check["pelaksana"] == domain.lanes[0]:  # the applicant does not check a file
            check["pelaksana"] = domain.lanes[1]
        rejection: dict[str, object] = {
            "kegiatan": _fill(rng.choice(RETURNS), obj, doc, app),
            "pelaksana": check["pelaksana"],
            "waktu": "5 menit",
            "output": "Berkas dikembalikan",
        }
        if rng.random() < 0.5:
            rejection["selesai"] = True
        else:
            rejection["lanjut"] = 1  # the applicant completes the file and starts again
        steps.insert(i + 1, rejection)
        target = rng.choice((i + 3, "lanjutan"))
        if target == "lanjutan":
            steps[i + 2]["id"] = "lanjutan"
        check["keputusan"] = {"ya": target, "tidak": i + 2}
        if len(steps) > 12:
            del steps[-2]
    n = len(steps)

    # A verification that loops back to an earlier step on "tidak".
    def plain(i: int) -> bool:
        return not {"keputusan", "selesai", "lanjut"} & steps[i].keys()

    candidates = [
        i
        for i in range(2, n - 1)
        if plain(i) and plain(i - 1) and steps[i]["pelaksana"] != domain.lanes[0]
    ]
    if candidates and rng.random() < 0.6:
        i = rng.choice(candidates)
        earlier = rng.choice([j for j in range(1, i) if plain(j)])
        steps[i]["kegiatan"] = _fill(rng.choice(CHECKS[1:]), obj, doc, app)
        steps[i]["keputusan"] = {"tidak": earlier + 1}


def unit_header(region: tuple[str, str], domain: Domain, rng: random.Random) -> dict[str, object]:
    kind, name = region
    born = f"19{rng.randint(65, 85)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    started = f"{int(born[:4]) + rng.randint(22, 28)}{rng.randint(1, 12):02d}"
    nip = f"{born} {started} {rng.randint(1, 2)} {rng.randint(1, 9):03d}"
    person = (
        f"{rng.choice(TITLES_BEFORE)}{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}"
        f"{rng.choice(TITLES_AFTER)}"
    )
    head = "Kepala Badan" if domain.dinas.startswith("Badan") else "Kepala Dinas"
    return {
        "nama": f"{domain.dinas} {kind} {name}",
        "instansi": _instansi(region, domain),
        "disahkan_oleh": {
            "jabatan": f"{head} {domain.dinas.split(' ', 1)[1]}",
            "nama": person,
            "nip": nip,
        },
    }


def _instansi(region: tuple[str, str], domain: Domain) -> list[str]:
    kind, name = region
    return [f"Pemerintah {kind} {name}", domain.dinas]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _date(rng: random.Random, year_from: int, year_to: int) -> tuple[int, int, int]:
    return rng.randint(year_from, year_to), rng.randint(1, 12), rng.randint(1, 28)


def _iso(ymd: tuple[int, int, int], month_only: bool = False) -> str:
    y, m, d = ymd
    return f"{y:04d}-{m:02d}" if month_only else f"{y:04d}-{m:02d}-{d:02d}"


def _sop_header(
    domain: Domain, dinas_regs: list[str], year: int, rng: random.Random
) -> tuple[dict[str, object], tuple[int, int, int]]:
    """Dates, Dasar Hukum and the form's boxes of one SOP; and the day it was made."""
    made = _date(rng, year, year + 1)
    effective = (made[0], made[1], min(made[2] + rng.randint(1, 10), 28))
    header_sop: dict[str, object] = {
        "tanggal_pembuatan": _iso(made),
        "tanggal_efektif": _iso(effective, month_only=rng.random() < 0.1),
    }
    if rng.random() < 0.3:
        revisions = sorted(
            _iso(_date(rng, made[0] + 1, max(made[0] + 1, 2025))) for _ in range(rng.randint(1, 2))
        )
        header_sop["tanggal_revisi"] = revisions[0] if len(revisions) == 1 else revisions
    cited = rng.sample(domain.regulations, min(len(domain.regulations), rng.randint(1, 4)))
    cited += rng.sample(GENERAL_REGULATIONS, rng.randint(0, 2))
    citations = [spell(REGULATIONS[key], rng) for key in cited]
    citations += rng.sample(dinas_regs, rng.randint(0, 2))
    if rng.random() < 0.04:
        citations.append(rng.choice(UNRECOGNISABLE))
    header_sop["dasar_hukum"] = citations
    app = domain.app
    header_sop["kualifikasi_pelaksana"] = [
        q.format(app=app) for q in rng.sample(QUALIFICATIONS, rng.randint(1, 3))
    ]
    header_sop["peralatan"] = [e.format(app=app) for e in rng.sample(EQUIPMENT, rng.randint(2, 5))]
    header_sop["peringatan"] = rng.sample(WARNINGS, rng.randint(1, 2))
    header_sop["pencatatan"] = [r.format(app=app) for r in rng.sample(RECORDS, rng.randint(1, 2))]
    return header_sop, made


def plan(size: int, seed: int) -> tuple[list[tuple[str, dict[str, object]]], list[SopSpec]]:
    """Decide every unit and SOP of the catalogue; nothing is written yet."""
    rng = random.Random(seed)
    units: list[tuple[str, dict[str, object]]] = []
    sops: list[SopSpec] = []
    templates: dict[str, list[tuple[Procedure, str]]] = {d.slug: [] for d in DOMAINS}
    pairs = [(region, domain) for region in REGIONS for domain in DOMAINS]
    rng.shuffle(pairs)
    used_paths: set[str] = set()
    for region, domain in pairs * 4:
        if len(sops) >= size:
            break
        folder = f"{domain.slug}-{slugify(region[0][:3] + ' ' + region[1])}"
        if any(path == folder for path, _ in units):
            folder += f"-{len(units)}"
        units.append((folder, unit_header(region, domain, rng)))
        unit_no = len(units)
        dinas_regs = regional_citations(region, domain.dinas, rng)
        subunits = [""]
        if domain.bidang and rng.random() < 0.5:
            subunits += _bidang_units(folder, _instansi(region, domain), domain, units, rng)
        count = min(rng.randint(20, 60), size - len(sops))
        names: set[str] = set()
        year = rng.randint(2017, 2023)
        for seq in range(1, count + 1):
            unit = rng.choice(subunits) or folder
            procedure = _procedure(domain, templates[domain.slug], names, seq, rng)
            names.add(procedure.nama)
            header_sop, made = _sop_header(domain, dinas_regs, year, rng)
            month = ROMAN_MONTHS[made[1] - 1]
            nomor = (
                f"{domain.code}/{unit_no:03d}.{seq:02d}/SOP/{domain.slug.title()}/{month}/{made[0]}"
            )
            path = f"{unit}/{slugify(procedure.nama)}"
            while path in used_paths:  # one name in sibling bidang folders slugs alike
                path += "-2"
            used_paths.add(path)
            sops.append(
                SopSpec(path=path, unit=folder, nomor=nomor, procedure=procedure, header=header_sop)
            )
    _link(sops, rng)
    return units, sops


def _bidang_units(
    folder: str,
    instansi: list[str],
    domain: Domain,
    units: list[tuple[str, dict[str, object]]],
    rng: random.Random,
) -> list[str]:
    """The dinas' bidang as unit folders under ``folder`` (added to ``units``)."""
    made = []
    for bidang in domain.bidang:
        label = bidang
        if bidang == "UPTD Puskesmas":
            label = f"UPTD Puskesmas {rng.choice(KECAMATAN)}"
        sub = f"{folder}/{slugify(label)}"
        if any(path == sub for path, _ in units):
            continue
        units.append((sub, {"nama": label, "instansi": [*instansi, label]}))
        made.append(sub)
    return made


def _procedure(
    domain: Domain,
    templates: list[tuple[Procedure, str]],
    names: set[str],
    seq: int,
    rng: random.Random,
) -> Procedure:
    """A procedure of the dinas seen before (a quarter of the time) or a new one."""
    reusable = [t for t in templates if t[0].nama not in names]
    if reusable and rng.random() < 0.25:
        return rng.choice(reusable)[0]
    for _ in range(50):
        obj = rng.choice(domain.objects)
        nama = rng.choice(NAME_PATTERNS).format(obj=obj)
        if nama not in names:
            break
    else:
        nama = f"{nama} Tahap {seq}"
    procedure = make_procedure(domain, nama, obj, rng)
    if rng.random() < 0.3:
        templates.append((procedure, obj))
    return procedure


def _link(sops: list[SopSpec], rng: random.Random) -> None:
    """Keterkaitan within a dinas: by id, by name, by nomor, and a few outside the catalogue."""
    names: dict[str, int] = {}
    for spec in sops:
        names[spec.procedure.nama.casefold()] = names.get(spec.procedure.nama.casefold(), 0) + 1
    by_unit: dict[str, list[SopSpec]] = {}
    for spec in sops:
        by_unit.setdefault(spec.unit, []).append(spec)
    for spec in sops:
        siblings = [s for s in by_unit[spec.unit] if s is not spec]
        for other in rng.sample(siblings, min(len(siblings), rng.choice((0, 1, 1, 2, 3)))):
            how = rng.random()
            if how < 0.4:
                spec.references.append({"sop": other.path})
            elif how < 0.8 and names[other.procedure.nama.casefold()] == 1:
                name = other.procedure.nama
                spec.references.append(f"SOP {name.upper() if rng.random() < 0.2 else name}")
            else:
                spec.references.append(f"SOP {other.nomor}")
        if rng.random() < 0.05:
            spec.references.append(rng.choice(OUTSIDE_REFERENCES))


# --- Writing YAML by hand: the way people format these files ------------------------------

_PLAIN = re.compile(r"^[A-Za-z0-9(][^:#\[\]{}\"'`|>&*!%@]*$")
_RESOLVED = re.compile(r"^[-+0-9.]+$|^(ya|tidak|yes|no|true|false|null|on|off|y|n)$", re.I)
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def scalar(value: object, *, flow: bool = False) -> str:
    """A YAML scalar as a person writes it: plain where YAML reads it back as the same text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _DATE.match(text):
        return text  # read back as a date, which is what the field means
    if _PLAIN.match(text) and not _RESOLVED.match(text) and not (flow and "," in text):
        return text
    return json.dumps(text, ensure_ascii=False)


def emit(key: str, value: object, indent: str = "") -> list[str]:
    if isinstance(value, list):
        lines = [f"{indent}{key}:"]
        for item in value:
            if isinstance(item, dict):
                inner = ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in item.items())
                lines.append(f"{indent}  - {{{inner}}}")
            else:
                lines.append(f"{indent}  - {scalar(item)}")
        return lines
    if isinstance(value, dict):
        lines = [f"{indent}{key}:"]
        for k, v in value.items():
            lines.extend(emit(k, v, indent + "  "))
        return lines
    return [f"{indent}{key}: {scalar(value)}"]


def sop_yaml(spec: SopSpec) -> str:
    p = spec.procedure
    lines = [f"nomor: {scalar(spec.nomor)}", f"nama: {scalar(p.nama)}"]
    for key, value in spec.header.items():
        lines.extend(emit(key, value))
    if spec.references:
        lines.extend(emit("keterkaitan", spec.references))
    lines.extend(emit("pelaksana", p.lanes))
    lines.append("prosedur:")
    for step in p.steps:
        first = True
        for key, value in step.items():
            prefix = "  - " if first else "    "
            first = False
            if key == "keputusan" and isinstance(value, dict):
                inner = ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in value.items())
                lines.append(f"{prefix}keputusan: {{{inner}}}")
            elif isinstance(value, list):
                items = ", ".join(scalar(v, flow=True) for v in value)
                lines.append(f"{prefix}{key}: [{items}]")
            else:
                lines.append(f"{prefix}{key}: {scalar(value)}")
    return "\n".join(lines) + "\n"


def generate(out: Path, size: int, seed: int = 2024) -> dict[str, int]:
    """Write ``out/sops``; returns counts for the report."""
    units, sops = plan(size, seed)
    root = out / "sops"
    if root.exists():
        shutil.rmtree(root)
    for path, header in units:
        folder = root / path
        folder.mkdir(parents=True, exist_ok=True)
        lines = ["# Unit sintetis untuk tolok ukur sopdocs."]
        for key, value in header.items():
            lines.extend(emit(key, value))
        (folder / "_unit.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for spec in sops:
        (root / f"{spec.path}.yaml").write_text(sop_yaml(spec), encoding="utf-8")
    diagrams = {json.dumps([s.procedure.nama, s.procedure.lanes, s.procedure.steps]) for s in sops}
    return {"sop": len(sops), "unit": len(units), "diagram_unik": len(diagrams)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder; the catalogue goes to OUT/sops")
    parser.add_argument("--size", type=int, default=1000, help="number of SOPs")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    counts = generate(args.out, args.size, args.seed)
    print(", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
