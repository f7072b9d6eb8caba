"""Specification of the citation recogniser: real Dasar Hukum items and what they cite.

Each row of `SPELLINGS` is a citation as an SOP writes it, then the regulation the site must file
it under, written on one line by `summary`. The seeds in /work/shared/seeds and the example of
sop-format.md come first.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sopdocs.regulations import recogniser as regulations
from sopdocs.regulations.recogniser import HIERARCHY, Regulation, from_fields, group_of, recognise
from sopdocs.text import slugify

KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def summary(reg: Regulation) -> str:
    """The regulation on one line, as the table below writes it ("-" for an empty field)."""
    fields = (reg.key, reg.jenis, reg.singkatan, reg.nomor, reg.tahun, reg.wilayah, reg.tentang)
    return " | ".join(str(f) if f else "-" for f in fields)


# (citation as written, "key | jenis | singkatan | nomor | tahun | wilayah | tentang")
SPELLINGS = [
    # --- seeds/000: Disdukcapil Kabupaten Padang Pariaman ---
    (
        "1 Undang-Undang No. 24 Tahun 2013 tentang perubahan atas UU No 23 Tahun 2006 tentang "
        "Administrasi Kependudukan",
        "uu-24-2013 | Undang-Undang | UU | 24 | 2013 | - | perubahan atas UU No 23 Tahun 2006 "
        "tentang Administrasi Kependudukan",
    ),
    (
        "2 Permenpan dan RB Nomor 19 tahun 2016 tentang Kompetisi Inovasi Pelayanan Publik di "
        "Lingkungan Kementerian/Lembaga, Pemerintah Daerah, BUMN, dan BUMD Tahun 2017",
        "permenpan-rb-19-2016 | Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi "
        "Birokrasi | PermenPAN-RB | 19 | 2016 | - | Kompetisi Inovasi Pelayanan Publik di "
        "Lingkungan Kementerian/Lembaga, Pemerintah Daerah, BUMN, dan BUMD Tahun 2017",
    ),
    (
        "3 Peraturan Daerah Kabupaten Padang Pariaman Nomor 10 Tahun 2016 tentang Pembentukan dan "
        "Susunan Perangkat Daerah",
        "perda-kabupaten-padang-pariaman-10-2016 | Peraturan Daerah Kabupaten | Perda | 10 | 2016 "
        "| Padang Pariaman | Pembentukan dan Susunan Perangkat Daerah",
    ),
    (
        "4 Peraturan Bupati Padang Pariaman nomor 55 Tahun 2016 tentang Kedudukan, Susunan "
        "Organisasi, Tugas dan Fungsi serta Tata Kerja Dinas Kependudukan dan Pencatatan Sipil",
        "perbup-padang-pariaman-55-2016 | Peraturan Bupati | Perbup | 55 | 2016 | Padang Pariaman "
        "| Kedudukan, Susunan Organisasi, Tugas dan Fungsi serta Tata Kerja Dinas Kependudukan dan "
        "Pencatatan Sipil",
    ),
    # --- seeds/004: Disdukcapil Provinsi Sumatera Barat ---
    (
        "1. Peraturan Presiden Nomor 96 Tahun 2018.",
        "perpres-96-2018 | Peraturan Presiden | Perpres | 96 | 2018 | - | -",
    ),
    (
        "2. Peraturan Pemerintah Nomor 40 Tahun 2019.",
        "pp-40-2019 | Peraturan Pemerintah | PP | 40 | 2019 | - | -",
    ),
    (
        "3. Peraturan Menteri Dalam Negeri Nomor 53 Tahun 2019.",
        "permendagri-53-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 53 | 2019 | - | -",
    ),
    (
        "4. Peraturan Menteri Dalam Negeri Nomor 104 Tahun 2019.",
        "permendagri-104-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 104 | 2019 | - | -",
    ),
    (
        "5. Peraturan Menteri Dalam Negeri Nomor 108 Tahun 2019.",
        "permendagri-108-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 108 | 2019 | - | -",
    ),
    (
        "6. Peraturan Menteri Dalam Negeri Nomor 109 Tahun 2019.",
        "permendagri-109-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 109 | 2019 | - | -",
    ),
    # --- sop-format.md and the brief ---
    (
        "Undang-Undang No. 24 Tahun 2013 tentang Perubahan atas UU No 23 Tahun 2006 tentang "
        "Administrasi Kependudukan",
        "uu-24-2013 | Undang-Undang | UU | 24 | 2013 | - | Perubahan atas UU No 23 Tahun 2006 "
        "tentang Administrasi Kependudukan",
    ),
    (
        "Permendagri Nomor 108 Tahun 2019",
        "permendagri-108-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 108 | 2019 | - | -",
    ),
    (
        "Peraturan Menteri PAN-RB No. 35 Tahun 2012",
        "permenpan-rb-35-2012 | Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi "
        "Birokrasi | PermenPAN-RB | 35 | 2012 | - | -",
    ),
    (
        "PMK Nomor 17/PMK.09/2019",
        "pmk-17-pmk-09-2019 | Peraturan Menteri Keuangan | PMK | 17/PMK.09/2019 | 2019 | - | -",
    ),
    (
        "Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor PER/21/M.PAN/11/2008",
        "permenpan-per-21-m-pan-11-2008 | Peraturan Menteri Negara Pendayagunaan Aparatur Negara | "
        "PermenPAN | PER/21/M.PAN/11/2008 | 2008 | - | -",
    ),
    # --- UUD, Tap MPR, UU, Perppu, PP, Perpres, Keppres, Inpres ---
    (
        "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945",
        "uud-1945 | Undang-Undang Dasar Negara Republik Indonesia | UUD | - | 1945 | - | -",
    ),
    (
        "UUD 1945",
        "uud-1945 | Undang-Undang Dasar Negara Republik Indonesia | UUD | - | 1945 | - | -",
    ),
    (
        "UUD NRI Tahun 1945;",
        "uud-1945 | Undang-Undang Dasar Negara Republik Indonesia | UUD | - | 1945 | - | -",
    ),
    (
        "Ketetapan MPR Nomor XI/MPR/1998 tentang Penyelenggara Negara yang Bersih dan Bebas "
        "Korupsi, Kolusi dan Nepotisme",
        "tap-mpr-xi-mpr-1998 | Ketetapan Majelis Permusyawaratan Rakyat | Tap MPR | XI/MPR/1998 | "
        "1998 | - | Penyelenggara Negara yang Bersih dan Bebas Korupsi, Kolusi dan Nepotisme",
    ),
    (
        "TAP MPR RI No. VI/MPR/2001",
        "tap-mpr-vi-mpr-2001 | Ketetapan Majelis Permusyawaratan Rakyat | Tap MPR | VI/MPR/2001 | "
        "2001 | - | -",
    ),
    (
        "UU 24/2013",
        "uu-24-2013 | Undang-Undang | UU | 24 | 2013 | - | -",
    ),
    (
        "UU No 23 Tahun 2014 tentang Pemerintahan Daerah",
        "uu-23-2014 | Undang-Undang | UU | 23 | 2014 | - | Pemerintahan Daerah",
    ),
    (
        "UU RI No. 25 Tahun 2009 tentang Pelayanan Publik",
        "uu-25-2009 | Undang-Undang | UU | 25 | 2009 | - | Pelayanan Publik",
    ),
    (
        "Undang-Undang Republik Indonesia Nomor 25 Tahun 2009 tentang Pelayanan Publik",
        "uu-25-2009 | Undang-Undang | UU | 25 | 2009 | - | Pelayanan Publik",
    ),
    (
        "UNDANG-UNDANG NOMOR 14 TAHUN 2008 TENTANG KETERBUKAAN INFORMASI PUBLIK",
        "uu-14-2008 | Undang-Undang | UU | 14 | 2008 | - | KETERBUKAAN INFORMASI PUBLIK",
    ),
    (
        "Undang-undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara (Lembaran Negara Republik "
        "Indonesia Tahun 2014 Nomor 6, Tambahan Lembaran Negara Republik Indonesia Nomor 5494);",
        "uu-5-2014 | Undang-Undang | UU | 5 | 2014 | - | Aparatur Sipil Negara",
    ),
    (
        "Undang-Undang Nomor 23 Tahun 2006 (Lembaran Negara Tahun 2006 Nomor 124) tentang "
        "Administrasi Kependudukan",
        "uu-23-2006 | Undang-Undang | UU | 23 | 2006 | - | Administrasi Kependudukan",
    ),
    (
        "Undang Undang Nomor 30 Tahun 2014 Tentang Administrasi Pemerintahan",
        "uu-30-2014 | Undang-Undang | UU | 30 | 2014 | - | Administrasi Pemerintahan",
    ),
    (
        "UU No.11/2008 ttg Informasi dan Transaksi Elektronik",
        "uu-11-2008 | Undang-Undang | UU | 11 | 2008 | - | Informasi dan Transaksi Elektronik",
    ),
    (
        "UU Nomor: 43 Tahun 2009 tentang Kearsipan",
        "uu-43-2009 | Undang-Undang | UU | 43 | 2009 | - | Kearsipan",
    ),
    (
        "Perppu Nomor 2 Tahun 2022 tentang Cipta Kerja",
        "perppu-2-2022 | Peraturan Pemerintah Pengganti Undang-Undang | Perppu | 2 | 2022 | - | "
        "Cipta Kerja",
    ),
    (
        "Peraturan Pemerintah Pengganti Undang-Undang Nomor 1 Tahun 2020",
        "perppu-1-2020 | Peraturan Pemerintah Pengganti Undang-Undang | Perppu | 1 | 2020 | - | -",
    ),
    (
        "PP 96/2012",
        "pp-96-2012 | Peraturan Pemerintah | PP | 96 | 2012 | - | -",
    ),
    (
        "Peraturan Pemerintah RI Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil",
        "pp-11-2017 | Peraturan Pemerintah | PP | 11 | 2017 | - | Manajemen Pegawai Negeri Sipil",
    ),
    (
        "Perpres No. 96 Th. 2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk dan "
        "Pencatatan Sipil",
        "perpres-96-2018 | Peraturan Presiden | Perpres | 96 | 2018 | - | Persyaratan dan Tata "
        "Cara Pendaftaran Penduduk dan Pencatatan Sipil",
    ),
    (
        "Peraturan Presiden Republik Indonesia Nomor 95 Tahun 2018 tentang Sistem Pemerintahan "
        "Berbasis Elektronik",
        "perpres-95-2018 | Peraturan Presiden | Perpres | 95 | 2018 | - | Sistem Pemerintahan "
        "Berbasis Elektronik",
    ),
    (
        "Keppres Nomor 12 Tahun 2020 tentang Penetapan Bencana Nonalam",
        "keppres-12-2020 | Keputusan Presiden | Keppres | 12 | 2020 | - | Penetapan Bencana "
        "Nonalam",
    ),
    (
        "Keputusan Presiden Nomor 12 Tahun 2020",
        "keppres-12-2020 | Keputusan Presiden | Keppres | 12 | 2020 | - | -",
    ),
    (
        "Inpres Nomor 3 Tahun 2003 tentang Kebijakan dan Strategi Nasional Pengembangan "
        "E-Government",
        "inpres-3-2003 | Instruksi Presiden | Inpres | 3 | 2003 | - | Kebijakan dan Strategi "
        "Nasional Pengembangan E-Government",
    ),
    # --- Peraturan Menteri: the ministry is folded into jenis ---
    (
        "Permendagri 108/2019",
        "permendagri-108-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 108 | 2019 | - | -",
    ),
    (
        "Peraturan Menteri Dalam Negeri Republik Indonesia Nomor 7 Tahun 2019 tentang Pelayanan "
        "Administrasi Kependudukan Secara Daring",
        "permendagri-7-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 7 | 2019 | - | "
        "Pelayanan Administrasi Kependudukan Secara Daring",
    ),
    (
        "Peraturan Mendagri Nomor 95 Tahun 2019 tentang Sistem Informasi Administrasi Kependudukan",
        "permendagri-95-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 95 | 2019 | - | "
        "Sistem Informasi Administrasi Kependudukan",
    ),
    (
        "PERMENDAGRI NOMOR 73 TAHUN 2022 TENTANG PENCATATAN NAMA PADA DOKUMEN KEPENDUDUKAN",
        "permendagri-73-2022 | Peraturan Menteri Dalam Negeri | Permendagri | 73 | 2022 | - | "
        "PENCATATAN NAMA PADA DOKUMEN KEPENDUDUKAN",
    ),
    (
        "Peraturan Menteri Dalam Negeri (Permendagri) Nomor 108 Tahun 2019 tanggal 5 Mei 2019 "
        "tentang Tata Cara Verifikasi",
        "permendagri-108-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 108 | 2019 | - | "
        "Tata Cara Verifikasi",
    ),
    (
        "PermenPAN-RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur "
        "Administrasi Pemerintahan",
        "permenpan-rb-35-2012 | Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi "
        "Birokrasi | PermenPAN-RB | 35 | 2012 | - | Pedoman Penyusunan Standar Operasional "
        "Prosedur Administrasi Pemerintahan",
    ),
    (
        "Permenpan RB No. 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat",
        "permenpan-rb-14-2017 | Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi "
        "Birokrasi | PermenPAN-RB | 14 | 2017 | - | Pedoman Penyusunan Survei Kepuasan Masyarakat",
    ),
    (
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 15 Tahun "
        "2014 tentang Pedoman Standar Pelayanan",
        "permenpan-rb-15-2014 | Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi "
        "Birokrasi | PermenPAN-RB | 15 | 2014 | - | Pedoman Standar Pelayanan",
    ),
    (
        "Peraturan Menteri PANRB Nomor 25 Tahun 2020",
        "permenpan-rb-25-2020 | Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi "
        "Birokrasi | PermenPAN-RB | 25 | 2020 | - | -",
    ),
    (
        "Permenpan Nomor 35 Tahun 2012",
        "permenpan-rb-35-2012 | Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi "
        "Birokrasi | PermenPAN-RB | 35 | 2012 | - | -",
    ),
    (
        "Keputusan Menteri PAN Nomor 63/KEP/M.PAN/7/2003 tentang Pedoman Umum Penyelenggaraan "
        "Pelayanan Publik",
        "kepmenpan-63-kep-m-pan-7-2003 | Keputusan Menteri Negara Pendayagunaan Aparatur Negara | "
        "KepmenPAN | 63/KEP/M.PAN/7/2003 | 2003 | - | Pedoman Umum Penyelenggaraan Pelayanan "
        "Publik",
    ),
    (
        "Permenkes No. 43 Tahun 2019 tentang Pusat Kesehatan Masyarakat",
        "permenkes-43-2019 | Peraturan Menteri Kesehatan | Permenkes | 43 | 2019 | - | Pusat "
        "Kesehatan Masyarakat",
    ),
    (
        "Peraturan Menteri Keuangan Nomor 190/PMK.05/2012 tentang Tata Cara Pembayaran",
        "pmk-190-pmk-05-2012 | Peraturan Menteri Keuangan | PMK | 190/PMK.05/2012 | 2012 | - | "
        "Tata Cara Pembayaran",
    ),
    (
        "PMK 17/PMK.09/2019",
        "pmk-17-pmk-09-2019 | Peraturan Menteri Keuangan | PMK | 17/PMK.09/2019 | 2019 | - | -",
    ),
    (
        "Permendikbud Nomor 1 Tahun 2021 tentang Penerimaan Peserta Didik Baru",
        "permendikbud-1-2021 | Peraturan Menteri Pendidikan dan Kebudayaan | Permendikbud | 1 | "
        "2021 | - | Penerimaan Peserta Didik Baru",
    ),
    (
        "Permendikbud Nomor 6 Tahun 2022",
        "permendikbudristek-6-2022 | Peraturan Menteri Pendidikan, Kebudayaan, Riset, dan "
        "Teknologi | Permendikbudristek | 6 | 2022 | - | -",
    ),
    (
        "Permendiknas No. 24 Tahun 2007",
        "permendiknas-24-2007 | Peraturan Menteri Pendidikan Nasional | Permendiknas | 24 | 2007 | "
        "- | -",
    ),
    (
        "Peraturan Menteri Hukum dan HAM Nomor 16 Tahun 2015",
        "permenkumham-16-2015 | Peraturan Menteri Hukum dan Hak Asasi Manusia | Permenkumham | 16 "
        "| 2015 | - | -",
    ),
    (
        "Permensos Nomor 5 Tahun 2019 tentang Pengelolaan Data Terpadu Kesejahteraan Sosial",
        "permensos-5-2019 | Peraturan Menteri Sosial | Permensos | 5 | 2019 | - | Pengelolaan Data "
        "Terpadu Kesejahteraan Sosial",
    ),
    (
        "Permenaker No. 5 Tahun 2018",
        "permenaker-5-2018 | Peraturan Menteri Ketenagakerjaan | Permenaker | 5 | 2018 | - | -",
    ),
    (
        "Peraturan Menteri Perhubungan Nomor PM 24 Tahun 2017",
        "permenhub-pm-24-2017 | Peraturan Menteri Perhubungan | Permenhub | PM 24 | 2017 | - | -",
    ),
    (
        "Permen ATR/BPN Nomor 16 Tahun 2021",
        "permen-atr-bpn-16-2021 | Peraturan Menteri Agraria dan Tata Ruang/Kepala Badan Pertanahan "
        "Nasional | Permen ATR/BPN | 16 | 2021 | - | -",
    ),
    (
        "Permenkominfo Nomor 5 Tahun 2020",
        "permenkominfo-5-2020 | Peraturan Menteri Komunikasi dan Informatika | Permenkominfo | 5 | "
        "2020 | - | -",
    ),
    (
        "Permendes PDTT Nomor 21 Tahun 2020",
        "permendes-pdtt-21-2020 | Peraturan Menteri Desa, Pembangunan Daerah Tertinggal, dan "
        "Transmigrasi | Permendes PDTT | 21 | 2020 | - | -",
    ),
    (
        "PMA Nomor 20 Tahun 2019 tentang Pencatatan Pernikahan",
        "pma-20-2019 | Peraturan Menteri Agama | PMA | 20 | 2019 | - | Pencatatan Pernikahan",
    ),
    (
        "Permenag No. 20 Tahun 2019",
        "pma-20-2019 | Peraturan Menteri Agama | PMA | 20 | 2019 | - | -",
    ),
    (
        "Peraturan Menteri Negara BUMN Nomor PER-01/MBU/2011",
        "permen-bumn-per-01-mbu-2011 | Peraturan Menteri Badan Usaha Milik Negara | Permen BUMN "
        "| PER-01/MBU/2011 | 2011 | - | -",
    ),
    (
        "Peraturan Menteri Pendidikan Nasional Nomor 22 Tahun 2015",
        "permendikbud-22-2015 | Peraturan Menteri Pendidikan dan Kebudayaan | Permendikbud | 22 "
        "| 2015 | - | -",
    ),
    # --- Keputusan, Instruksi and Surat Edaran of ministers ---
    (
        "Kepmendagri Nomor 050-5889 Tahun 2021 tentang Hasil Verifikasi",
        "kepmendagri-050-5889-2021 | Keputusan Menteri Dalam Negeri | Kepmendagri | 050-5889 | "
        "2021 | - | Hasil Verifikasi",
    ),
    (
        "Kepmenkes Nomor HK.01.07/MENKES/413/2020",
        "kepmenkes-hk-01-07-menkes-413-2020 | Keputusan Menteri Kesehatan | Kepmenkes | "
        "HK.01.07/MENKES/413/2020 | 2020 | - | -",
    ),
    (
        "Instruksi Menteri Dalam Negeri Nomor 1 Tahun 2021",
        "inmendagri-1-2021 | Instruksi Menteri Dalam Negeri | Inmendagri | 1 | 2021 | - | -",
    ),
    (
        "SE Menpan RB Nomor 18 Tahun 2022",
        "se-menpan-rb-18-2022 | Surat Edaran Menteri Pendayagunaan Aparatur Negara dan Reformasi "
        "Birokrasi | SE MenPAN-RB | 18 | 2022 | - | -",
    ),
    (
        "Surat Edaran Menteri Dalam Negeri Nomor 470/2873/SJ",
        "se-mendagri-470-2873-sj | Surat Edaran Menteri Dalam Negeri | SE Mendagri | 470/2873/SJ | "
        "- | - | -",
    ),
    (
        "Surat Edaran Menteri Negara PAN Nomor SE/01/M.PAN/2005",
        "se-menpan-se-01-m-pan-2005 | Surat Edaran Menteri Negara Pendayagunaan Aparatur Negara "
        "| SE MenPAN | SE/01/M.PAN/2005 | 2005 | - | -",
    ),
    # --- Badan and Lembaga ---
    (
        "Perka BKN Nomor 7 Tahun 2013",
        "perka-bkn-7-2013 | Peraturan Kepala Badan Kepegawaian Negara | Perka BKN | 7 | 2013 | - | "
        "-",
    ),
    (
        "Peraturan Kepala Badan Kepegawaian Negara Nomor 7 Tahun 2013",
        "perka-bkn-7-2013 | Peraturan Kepala Badan Kepegawaian Negara | Perka BKN | 7 | 2013 | - | "
        "-",
    ),
    (
        "Peraturan BKN Nomor 5 Tahun 2019 tentang Tata Cara Pelaksanaan Mutasi",
        "peraturan-bkn-5-2019 | Peraturan Badan Kepegawaian Negara | Peraturan BKN | 5 | 2019 | - "
        "| Tata Cara Pelaksanaan Mutasi",
    ),
    (
        "Peraturan Lembaga Administrasi Negara Nomor 10 Tahun 2018",
        "peraturan-lan-10-2018 | Peraturan Lembaga Administrasi Negara | Peraturan LAN | 10 | 2018 "
        "| - | -",
    ),
    (
        "Peraturan Badan Pusat Statistik Nomor 5 Tahun 2020",
        "peraturan-bps-5-2020 | Peraturan Badan Pusat Statistik | Peraturan BPS | 5 | 2020 | - | -",
    ),
    (
        "Perka BNPB No. 4 Tahun 2008",
        "perka-bnpb-4-2008 | Peraturan Kepala Badan Nasional Penanggulangan Bencana | Perka BNPB | "
        "4 | 2008 | - | -",
    ),
    (
        "Peraturan Komisi Informasi Nomor 1 Tahun 2010 tentang Standar Layanan Informasi Publik",
        "peraturan-ki-1-2010 | Peraturan Komisi Informasi | Peraturan KI | 1 | 2010 | - | Standar "
        "Layanan Informasi Publik",
    ),
    (
        "Perki Nomor 1 Tahun 2010",
        "peraturan-ki-1-2010 | Peraturan Komisi Informasi | Peraturan KI | 1 | 2010 | - | -",
    ),
    (
        "Perkaban Nomor 1 Tahun 2010",
        "perka-bpn-1-2010 | Peraturan Kepala Badan Pertanahan Nasional | Perka BPN | 1 | 2010 | - "
        "| -",
    ),
    (
        "Surat Edaran Dirjen Dukcapil Nomor 471.13/10287/Dukcapil",
        "se-dirjen-dukcapil-471-13-10287-dukcapil | Surat Edaran Direktur Jenderal Kependudukan "
        "dan Pencatatan Sipil | SE Dirjen Dukcapil | 471.13/10287/Dukcapil | - | - | -",
    ),
    # --- Regional: Perda, Qanun, Pergub, Perbup, Perwal and their Keputusan ---
    (
        "Perda Kab. Padang Pariaman No. 10/2016",
        "perda-kabupaten-padang-pariaman-10-2016 | Peraturan Daerah Kabupaten | Perda | 10 | 2016 "
        "| Padang Pariaman | -",
    ),
    (
        "Peraturan Daerah Provinsi Sumatera Barat Nomor 8 Tahun 2016 tentang Pembentukan dan "
        "Susunan Perangkat Daerah",
        "perda-provinsi-sumatera-barat-8-2016 | Peraturan Daerah Provinsi | Perda | 8 | 2016 | "
        "Sumatera Barat | Pembentukan dan Susunan Perangkat Daerah",
    ),
    (
        "Perda Sumbar No. 8 Tahun 2016",
        "perda-provinsi-sumatera-barat-8-2016 | Peraturan Daerah Provinsi | Perda | 8 | 2016 | "
        "Sumatera Barat | -",
    ),
    (
        "Peraturan Daerah Kota Padang Nomor 11 Tahun 2005",
        "perda-kota-padang-11-2005 | Peraturan Daerah Kota | Perda | 11 | 2005 | Padang | -",
    ),
    (
        "Perda DKI Jakarta Nomor 1 Tahun 2014",
        "perda-provinsi-dki-jakarta-1-2014 | Peraturan Daerah Provinsi | Perda | 1 | 2014 | DKI "
        "Jakarta | -",
    ),
    (
        "Perda Padang Pariaman No 10 Tahun 2016",
        "perda-padang-pariaman-10-2016 | Peraturan Daerah | Perda | 10 | 2016 | Padang Pariaman | "
        "-",
    ),
    (
        "Qanun Aceh Nomor 8 Tahun 2014 tentang Pokok-Pokok Syariat Islam",
        "qanun-provinsi-aceh-8-2014 | Qanun Provinsi | Qanun | 8 | 2014 | Aceh | Pokok-Pokok "
        "Syariat Islam",
    ),
    (
        "Qanun Kabupaten Aceh Besar Nomor 5 Tahun 2019",
        "qanun-kabupaten-aceh-besar-5-2019 | Qanun Kabupaten | Qanun | 5 | 2019 | Aceh Besar | -",
    ),
    (
        "Peraturan Gubernur Sumatera Barat Nomor 80 Tahun 2019",
        "pergub-sumatera-barat-80-2019 | Peraturan Gubernur | Pergub | 80 | 2019 | Sumatera Barat "
        "| -",
    ),
    (
        "Pergub Sumbar No. 80/2019",
        "pergub-sumatera-barat-80-2019 | Peraturan Gubernur | Pergub | 80 | 2019 | Sumatera Barat "
        "| -",
    ),
    (
        "Peraturan Gubernur Provinsi Jawa Barat Nomor 1 Tahun 2020",
        "pergub-jawa-barat-1-2020 | Peraturan Gubernur | Pergub | 1 | 2020 | Jawa Barat | -",
    ),
    (
        "Perbup Padang Pariaman No 55 Th 2016",
        "perbup-padang-pariaman-55-2016 | Peraturan Bupati | Perbup | 55 | 2016 | Padang Pariaman "
        "| -",
    ),
    (
        "PERATURAN BUPATI KABUPATEN BOGOR NOMOR 40 TAHUN 2020",
        "perbup-bogor-40-2020 | Peraturan Bupati | Perbup | 40 | 2020 | Bogor | -",
    ),
    (
        "Peraturan Walikota Padang Nomor 25 Tahun 2018",
        "perwal-padang-25-2018 | Peraturan Walikota | Perwal | 25 | 2018 | Padang | -",
    ),
    (
        "Peraturan Wali Kota Bukittinggi Nomor 3 Tahun 2021",
        "perwal-bukittinggi-3-2021 | Peraturan Walikota | Perwal | 3 | 2021 | Bukittinggi | -",
    ),
    (
        "Perwako Bukittinggi No. 3 Tahun 2021",
        "perwal-bukittinggi-3-2021 | Peraturan Walikota | Perwal | 3 | 2021 | Bukittinggi | -",
    ),
    (
        "Perwali Surabaya Nomor 14 Tahun 2016",
        "perwal-surabaya-14-2016 | Peraturan Walikota | Perwal | 14 | 2016 | Surabaya | -",
    ),
    (
        "Peraturan Bupati Pangkajene dan Kepulauan Nomor 2 Tahun 2018",
        "perbup-pangkajene-dan-kepulauan-2-2018 | Peraturan Bupati | Perbup | 2 | 2018 | "
        "Pangkajene dan Kepulauan | -",
    ),
    (
        "Peraturan Bupati Padang Pariaman Nomor 3 Tahun 2019 tentang Penerbitan Berita Daerah",
        "perbup-padang-pariaman-3-2019 | Peraturan Bupati | Perbup | 3 | 2019 | Padang Pariaman | "
        "Penerbitan Berita Daerah",
    ),
    (
        "Keputusan Bupati Padang Pariaman Nomor 123/KEP/BPP/2019",
        "kepbup-padang-pariaman-123-kep-bpp-2019 | Keputusan Bupati | Kepbup | 123/KEP/BPP/2019 | "
        "2019 | Padang Pariaman | -",
    ),
    (
        "SK Bupati Padang Pariaman No. 5 Tahun 2020",
        "kepbup-padang-pariaman-5-2020 | Keputusan Bupati | Kepbup | 5 | 2020 | Padang Pariaman | "
        "-",
    ),
    (
        "Instruksi Gubernur DKI Jakarta Nomor 66 Tahun 2019",
        "ingub-dki-jakarta-66-2019 | Instruksi Gubernur | Ingub | 66 | 2019 | DKI Jakarta | -",
    ),
    (
        "Surat Edaran Walikota Padang Nomor 3 Tahun 2020",
        "se-walikota-padang-3-2020 | Surat Edaran Walikota | SE Walikota | 3 | 2020 | Padang | -",
    ),
    # --- Issuers missing from the tables keep their name in jenis ---
    (
        "Keputusan Kepala Dinas Kependudukan dan Pencatatan Sipil Nomor 5 Tahun 2020",
        "keputusan-kepala-dinas-kependudukan-dan-pencatatan-sipil-5-2020 | Keputusan Kepala Dinas "
        "Kependudukan dan Pencatatan Sipil | Keputusan Kepala Dinas Kependudukan dan Pencatatan "
        "Sipil | 5 | 2020 | - | -",
    ),
    (
        "Peraturan Bank Indonesia Nomor 22/23/PBI/2020",
        "peraturan-bank-indonesia-22-23-pbi-2020 | Peraturan Bank Indonesia | Peraturan Bank "
        "Indonesia | 22/23/PBI/2020 | 2020 | - | -",
    ),
    # --- Spellings of number, year and list marker ---
    (
        "Permendagri Nomer 108 Tahun 2019",
        "permendagri-108-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 108 | 2019 | - | -",
    ),
    (
        "Permendagri Nr. 108 Thn 2019",
        "permendagri-108-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 108 | 2019 | - | -",
    ),
    (
        "permendagri no.108 tahun 2019,",
        "permendagri-108-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 108 | 2019 | - | -",
    ),
    (
        "Permendagri 108 Tahun 2019",
        "permendagri-108-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 108 | 2019 | - | -",
    ),
    (
        "•  Peraturan   Menteri  Dalam Negeri   Nomor 108  Tahun 2019 ;",
        "permendagri-108-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 108 | 2019 | - | -",
    ),
    (
        "(3) Permendagri Nomor 108 Tahun 2019",
        "permendagri-108-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 108 | 2019 | - | -",
    ),
    (
        "b. Permendagri Nomor 108 Tahun 2019",
        "permendagri-108-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 108 | 2019 | - | -",
    ),
    (
        "Permendagri Nomor 05 Tahun 2019",
        "permendagri-5-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 5 | 2019 | - | -",
    ),
    (
        "Peraturan Menteri Dalam Negeri Nomor 5A Tahun 2019",
        "permendagri-5a-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 5A | 2019 | - | -",
    ),
    (
        "Permendagri Nomor 108",
        "permendagri-108 | Peraturan Menteri Dalam Negeri | Permendagri | 108 | - | - | -",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPELLINGS, ids=[text for text, _ in SPELLINGS])
def test_recognises(text: str, expected: str) -> None:
    found = recognise(text)
    assert found is not None
    assert summary(found) == expected


SAME_REGULATION = {
    "uu-24-2013": [
        "UU 24/2013",
        "UU No. 24 Tahun 2013",
        "Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas UU 23/2006",
        "UNDANG-UNDANG RI NOMOR 24 TAHUN 2013",
        "1. Undang Undang No.24 Th.2013;",
        "UU Nomor 24/2013",
        "Undang-undang Republik Indonesia Nomor 24 Tahun 2013 (Lembaran Negara Tahun 2013)",
    ],
    "permendagri-108-2019": [
        "Permendagri 108/2019",
        "Permendagri No. 108 Tahun 2019",
        "Peraturan Menteri Dalam Negeri Nomor 108 Tahun 2019.",
        "Peraturan Mendagri Nomor 108 Tahun 2019",
        "Permen Dagri No 108 Th 2019",
        "PERATURAN MENTERI DALAM NEGERI REPUBLIK INDONESIA NOMOR 108 TAHUN 2019",
        "2) Permendagri Nomor 108 Tahun 2019 tentang Perubahan atas Permendagri 102/2018",
    ],
    "permenpan-rb-35-2012": [
        "Permenpan RB No 35 Tahun 2012",
        "Peraturan Menteri PAN-RB No. 35 Tahun 2012",
        "Permenpan Nomor 35 Tahun 2012",
        "PermenPANRB 35/2012",
        "Permenpan dan RB Nomor 35 Tahun 2012",
        "Peraturan Menteri Negara Pendayagunaan Aparatur Negara dan Reformasi Birokrasi "
        "Nomor 35 Tahun 2012",
    ],
    "perda-kabupaten-padang-pariaman-10-2016": [
        "Peraturan Daerah Kabupaten Padang Pariaman Nomor 10 Tahun 2016",
        "Perda Kab. Padang Pariaman No. 10/2016",
        "Perda Kabupaten Padang Pariaman Nomor 10 Tahun 2016",
        "PERDA KAB PADANG PARIAMAN NO 10 TH 2016",
    ],
    "pergub-sumatera-barat-80-2019": [
        "Peraturan Gubernur Sumatera Barat Nomor 80 Tahun 2019",
        "Pergub Sumbar No. 80/2019",
        "Peraturan Gubernur Provinsi Sumatera Barat Nomor 80 Tahun 2019",
        "Pergub Prov. Sumbar 80 Tahun 2019",
    ],
}


@pytest.mark.parametrize(
    ("key", "spellings"), list(SAME_REGULATION.items()), ids=list(SAME_REGULATION)
)
def test_spellings_of_one_regulation_share_its_key(key: str, spellings: list[str]) -> None:
    found = [recognise(s) for s in spellings]
    assert [r.key if r else None for r in found] == [key] * len(spellings)


def test_a_number_is_kept_as_the_regulation_writes_it() -> None:
    as_issued = recognise("Surat Edaran Dirjen Dukcapil Nomor 470/837/Dukcapil")
    shouted = recognise("SE Dirjen Dukcapil No. 470/837/DUKCAPIL")
    assert as_issued is not None and shouted is not None
    assert (as_issued.nomor, shouted.nomor) == ("470/837/Dukcapil", "470/837/DUKCAPIL")
    assert as_issued.nama_pendek == "SE Dirjen Dukcapil 470/837/Dukcapil"
    assert as_issued.key == shouted.key == "se-dirjen-dukcapil-470-837-dukcapil"


def test_different_regulations_never_share_a_key() -> None:
    """Same number and year, different type, ministry or region: different regulations."""
    texts = [
        "UU 5/2014",
        "Perppu 5/2014",
        "PP 5/2014",
        "Perpres 5/2014",
        "Keppres 5/2014",
        "Inpres 5/2014",
        "Permendagri 5/2014",
        "Permenkes 5/2014",
        "PermenPAN-RB 5/2014",
        "PMK 5/2014",
        "Kepmendagri 5/2014",
        "SE Mendagri Nomor 5 Tahun 2014",
        "Perka BKN 5/2014",
        "Peraturan BKN 5/2014",
        "Perda Kabupaten Padang Pariaman 5/2014",
        "Perda Kabupaten Agam 5/2014",
        "Perda Kabupaten Bogor 5/2014",
        "Perda Kota Bogor 5/2014",
        "Perda Provinsi Sumatera Barat Nomor 5 Tahun 2014",
        "Pergub Sumatera Barat 5/2014",
        "Perbup Padang Pariaman 5/2014",
        "Kepbup Padang Pariaman 5/2014",
        "Perwal Padang 5/2014",
        "Peraturan Menteri Urusan Khusus Nomor 5 Tahun 2014",
        "UU 5/2015",
        "UU 6/2014",
    ]
    found = [recognise(t) for t in texts]
    keys = {r.key for r in found if r}
    assert None not in found
    assert len(keys) == len(texts)


def test_every_spelling_in_the_tables_means_one_type() -> None:
    """A spelling claimed by two types would silently file citations under the wrong one."""
    claims: dict[str, set[str]] = {}
    for row in regulations._ROWS:
        for spelling in row.spellings:
            claims.setdefault(regulations._norm(spelling), set()).add(row.nama)
    assert {s: names for s, names in claims.items() if len(names) > 1} == {}
    prefixes = [slugify(row.singkatan) for row in regulations._ROWS]
    assert len(set(prefixes)) == len(prefixes)


AMENDMENTS = [
    pytest.param(
        "Undang-Undang No. 24 Tahun 2013 tentang perubahan atas UU No 23 Tahun 2006 tentang "
        "Administrasi Kependudukan",
        "uu-23-2006",
        "Administrasi Kependudukan",
        id="uu-adminduk",
    ),
    pytest.param(
        "Peraturan Pemerintah Nomor 17 Tahun 2020 tentang Perubahan atas Peraturan Pemerintah "
        "Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil",
        "pp-11-2017",
        "Manajemen Pegawai Negeri Sipil",
        id="pp-manajemen-pns",
    ),
    pytest.param(
        "Undang-Undang Nomor 9 Tahun 2015 tentang Perubahan Kedua atas Undang-Undang Nomor 23 "
        "Tahun 2014 tentang Pemerintahan Daerah",
        "uu-23-2014",
        "Pemerintahan Daerah",
        id="perubahan-kedua",
    ),
    pytest.param(
        "Permendagri Nomor 108 Tahun 2019 tentang Perubahan Atas Permendagri Nomor 102 Tahun 2018",
        "permendagri-102-2018",
        None,
        id="amended-without-subject",
    ),
]


@pytest.mark.parametrize(("text", "amended_key", "amended_tentang"), AMENDMENTS)
def test_amendments_name_what_they_amend(
    text: str, amended_key: str, amended_tentang: str | None
) -> None:
    found = recognise(text)
    assert found is not None and found.amends is not None
    assert found.amends.key == amended_key
    assert found.amends.tentang == amended_tentang
    assert found.tentang is not None and found.tentang.lower().startswith("perubahan")


def test_amendments_chain() -> None:
    found = recognise(
        "UU Nomor 3 Tahun 2000 tentang Perubahan atas UU Nomor 2 Tahun 1999 tentang Perubahan "
        "atas UU Nomor 1 Tahun 1998 tentang Pemilu"
    )
    assert found is not None and found.amends is not None and found.amends.amends is not None
    assert found.amends.key == "uu-2-1999"
    assert found.amends.amends.key == "uu-1-1998"
    assert found.amends.amends.tentang == "Pemilu"


def test_a_subject_about_change_is_no_amendment() -> None:
    found = recognise("Perpres Nomor 98 Tahun 2021 tentang Perubahan Iklim")
    assert found is not None
    assert found.amends is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Surat dari Pak Camat",
        "Standar Pelayanan Publik",
        "SOP Perjanjian Kerjasama Pemanfaatan NIK",
        "Peraturan terkait Pencatatan Sipil",
        "Undang-Undang",
        "Undang-Undang Administrasi Kependudukan",
        "UU 24",
        "Nomor 24 Tahun 2013",
        "Peraturan Presiden Tahun 2018",
        "Keputusan Nomor 5 Tahun 2019",
        "Perbup Padang Pariaman 2016",
    ],
)
def test_unrecognisable_texts_give_none(text: str) -> None:
    assert recognise(text) is None


def test_overlong_text_is_refused_not_crashed() -> None:
    """Amendments are read recursively; absurd nesting must not reach the recursion limit."""
    nested = "Perubahan atas UU Nomor 1 Tahun 2000 tentang " * 1200
    assert recognise(f"UU Nomor 2 Tahun 2001 tentang {nested} X") is None


def test_short_forms_serve_search() -> None:
    found = recognise("Undang-Undang No. 24 Tahun 2013")
    assert found is not None
    assert "UU 24/2013" in found.short_forms
    assert "UU No. 24 Tahun 2013" in found.short_forms
    assert "Undang-Undang Nomor 24 Tahun 2013" in found.short_forms
    assert "Undang-Undang 24/2013" in found.short_forms


@pytest.mark.parametrize(
    ("text", "judul", "nama_pendek"),
    [
        (
            "UU No 23 Tahun 2014 tentang Pemerintahan Daerah.",
            "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
            "UU 23/2014",
        ),
        (
            "PMK 17/PMK.09/2019",
            "Peraturan Menteri Keuangan Nomor 17/PMK.09/2019",
            "PMK 17/PMK.09/2019",
        ),
        (
            "Perda Kab. Padang Pariaman No. 10/2016",
            "Peraturan Daerah Kabupaten Padang Pariaman Nomor 10 Tahun 2016",
            "Perda Kabupaten Padang Pariaman 10/2016",
        ),
        (
            "Perbup Padang Pariaman 55/2016",
            "Peraturan Bupati Padang Pariaman Nomor 55 Tahun 2016",
            "Perbup Padang Pariaman 55/2016",
        ),
        ("UUD 1945", "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945", "UUD 1945"),
    ],
)
def test_titles(text: str, judul: str, nama_pendek: str) -> None:
    found = recognise(text)
    assert found is not None
    assert (found.judul, found.nama_pendek) == (judul, nama_pendek)


def test_rank_follows_the_hierarchy() -> None:
    texts = [
        "SE Mendagri Nomor 1 Tahun 2020",
        "Perbup Padang Pariaman 55/2016",
        "Permendagri 108/2019",
        "UU 24/2013",
        "Perda Kabupaten Padang Pariaman 10/2016",
        "UUD 1945",
        "Perka BKN 7/2013",
        "Kepmendagri 1/2020",
        "PP 40/2019",
    ]
    found = [r for r in map(recognise, texts) if r]
    ordered = sorted(found, key=lambda r: r.rank)
    assert [group_of(r) for r in ordered] == [
        "UUD 1945",
        "Undang-Undang",
        "Peraturan Pemerintah",
        "Peraturan Daerah Kabupaten/Kota",
        "Peraturan Menteri",
        "Peraturan Badan/Lembaga",
        "Peraturan Bupati/Walikota",
        "Keputusan",
        "Surat Edaran",
    ]


def test_every_type_in_the_tables_has_a_group() -> None:
    """`group_of` reads the group off the start of jenis; no type may fall through."""
    starts = tuple(start for start, _ in regulations._GROUPS)
    assert [row.nama for row in regulations._ROWS if not row.nama.startswith(starts)] == []


# --- from_fields ---------------------------------------------------------------------------


FROM_FIELDS = [
    # (the mapping an author writes, "key | jenis | singkatan | nomor | tahun | wilayah | tentang")
    (
        {"jenis": "UU", "nomor": 24, "tahun": 2013},
        "uu-24-2013 | Undang-Undang | UU | 24 | 2013 | - | -",
    ),
    (
        {"jenis": "peraturan menteri dalam negeri", "nomor": "108", "tahun": 2019},
        "permendagri-108-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 108 | 2019 | - | -",
    ),
    (
        {"jenis": "Permendagri", "nomor": "108", "tahun": 2019, "tentang": "tentang Adminduk."},
        "permendagri-108-2019 | Peraturan Menteri Dalam Negeri | Permendagri | 108 | 2019 | - "
        "| Adminduk",
    ),
    (
        {"jenis": "Perda", "nomor": 10, "tahun": 2016, "wilayah": "Kabupaten Padang Pariaman"},
        "perda-kabupaten-padang-pariaman-10-2016 | Peraturan Daerah Kabupaten | Perda | 10 | 2016 "
        "| Padang Pariaman | -",
    ),
    (
        {
            "jenis": "Peraturan Daerah Kabupaten",
            "nomor": 10,
            "tahun": 2016,
            "wilayah": "PADANG PARIAMAN",
        },
        "perda-kabupaten-padang-pariaman-10-2016 | Peraturan Daerah Kabupaten | Perda | 10 | 2016 "
        "| Padang Pariaman | -",
    ),
    (
        {"jenis": "Perbup", "nomor": "55", "tahun": 2016, "wilayah": "Padang Pariaman"},
        "perbup-padang-pariaman-55-2016 | Peraturan Bupati | Perbup | 55 | 2016 | Padang Pariaman "
        "| -",
    ),
    (
        {"jenis": "PMK", "nomor": "17/PMK.09/2019", "tahun": 2019},
        "pmk-17-pmk-09-2019 | Peraturan Menteri Keuangan | PMK | 17/PMK.09/2019 | 2019 | - | -",
    ),
    (
        {"jenis": "UUD 1945", "nomor": "", "tahun": 1945},
        "uud-1945 | Undang-Undang Dasar Negara Republik Indonesia | UUD | - | 1945 | - | -",
    ),
    (
        {"jenis": "Peraturan Menteri Urusan Khusus", "nomor": "1", "tahun": 2030},
        "permen-urusan-khusus-1-2030 | Peraturan Menteri Urusan Khusus | Permen Urusan Khusus | 1 "
        "| 2030 | - | -",
    ),
]


@pytest.mark.parametrize(("fields", "expected"), FROM_FIELDS, ids=[e for _, e in FROM_FIELDS])
def test_from_fields(fields: dict[str, Any], expected: str) -> None:
    made = from_fields(**fields)
    assert isinstance(made, Regulation)
    assert summary(made) == expected


def test_from_fields_agrees_with_recognise() -> None:
    text = "Permendagri Nomor 108 Tahun 2019 tentang Perubahan atas Permendagri 102/2018"
    made = from_fields(
        jenis="Peraturan Menteri Dalam Negeri",
        nomor=108,
        tahun=2019,
        tentang="Perubahan atas  Permendagri 102/2018.",
    )
    assert made == recognise(text)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"jenis": "Perturan Mentri", "nomor": 1, "tahun": 2020},
            "jenis 'Perturan Mentri' tidak dikenal; maksud Anda 'Peraturan Menteri'?",
        ),
        (
            {"jenis": "Undang Undnag", "nomor": 1, "tahun": 2020},
            "jenis 'Undang Undnag' tidak dikenal; maksud Anda 'Undang-Undang'?",
        ),
        ({"jenis": "qwerty", "nomor": 1, "tahun": 2020}, "jenis 'qwerty' tidak dikenal"),
        (
            {"jenis": "UU", "nomor": 1, "tahun": 2020, "wilayah": "Padang"},
            "jenis 'Undang-Undang' tidak memakai wilayah",
        ),
        ({"jenis": "UU", "nomor": "", "tahun": 2020}, "nomor Undang-Undang harus diisi"),
        (
            {"jenis": "UU", "nomor": 1, "tahun": 20},
            "tahun '20' tidak dikenali; tulis tahunnya saja, misalnya 2019",
        ),
    ],
)
def test_from_fields_explains_what_it_cannot_use(fields: dict[str, Any], message: str) -> None:
    assert from_fields(**fields) == message


# --- Whatever the input --------------------------------------------------------------------

FRAGMENTS = [
    " ",
    ".",
    ",",
    ";",
    "/",
    "(",
    ")",
    "-",
    "1.",
    "a)",
    "•",
    "\xa0",
    "–",
    "é",
    "٣",
    "UU",
    "UUD",
    "Undang-Undang",
    "Peraturan",
    "Menteri",
    "Dalam Negeri",
    "Permendagri",
    "PMK",
    "PermenPAN-RB",
    "Perda",
    "Kab.",
    "Kota",
    "Provinsi",
    "Sumbar",
    "Qanun",
    "Perbup",
    "Bupati",
    "Padang",
    "Keputusan",
    "SE",
    "Kepala",
    "RI",
    "Nomor",
    "No.",
    "Nr",
    "24",
    "05",
    "5A",
    "17/PMK.09/2019",
    "XI/MPR/1998",
    "Tahun",
    "Th.",
    "2013",
    "1945",
    "tanggal 5 Mei 2019",
    "tentang",
    "ttg",
    "Perubahan atas",
    "Perubahan Kedua atas",
    "(Lembaran Negara Tahun 2013 Nomor 5)",
]


@settings(deadline=None)
@given(st.text() | st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
def test_recognise_never_raises(text: str) -> None:
    found = recognise(text)
    if found is not None:
        assert KEY.fullmatch(found.key), found.key
        assert found.judul and found.nama_pendek and found.short_forms
        assert 0 <= found.rank < len(HIERARCHY)


@settings(deadline=None)
@given(
    jenis=st.text() | st.sampled_from(FRAGMENTS),
    nomor=st.text() | st.integers(),
    tahun=st.none() | st.integers(),
    wilayah=st.none() | st.text(),
)
def test_from_fields_never_raises(
    jenis: str, nomor: str | int, tahun: int | None, wilayah: str | None
) -> None:
    made = from_fields(jenis=jenis, nomor=nomor, tahun=tahun, wilayah=wilayah)
    assert isinstance(made, Regulation | str)
    if isinstance(made, Regulation):
        assert KEY.fullmatch(made.key), made.key
