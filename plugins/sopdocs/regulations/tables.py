"""What the regulation recogniser knows, as data: edit this file when a cabinet changes.

The hierarchy groups of the regulation index; the types of regulation (`_NATIONAL`,
`_REGIONAL`, `_GENERIC`); the ministries and agencies whose types are generated from them
(`_MINISTRIES`, `_AGENCIES`); ministry renames (`_RENAMED`); provinces (`_PROVINCES`) and
the words for a region's level. No logic beyond the shape of a row: the spellings are
expanded in :mod:`grammar`. Underscored names are internal to ``sopdocs.regulations``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

HIERARCHY: tuple[str, ...] = (
    "UUD 1945",
    "Ketetapan MPR",
    "Undang-Undang",
    "Perppu",
    "Peraturan Pemerintah",
    "Peraturan Presiden",
    "Peraturan Daerah Provinsi",
    "Peraturan Daerah Kabupaten/Kota",
    "Peraturan Menteri",
    "Peraturan Badan/Lembaga",
    "Peraturan Gubernur",
    "Peraturan Bupati/Walikota",
    "Keputusan",
    "Instruksi",
    "Surat Edaran",
)
"""Groups of the regulation index, in the order of UU 12/2011's hierarchy, then the rest."""

_GROUPS: tuple[tuple[str, str], ...] = (
    # (start of jenis, HIERARCHY label); the first matching start wins, so specific ones first.
    ("Undang-Undang Dasar", "UUD 1945"),
    ("Ketetapan Majelis Permusyawaratan Rakyat", "Ketetapan MPR"),
    ("Undang-Undang", "Undang-Undang"),
    ("Peraturan Pemerintah Pengganti Undang-Undang", "Perppu"),
    ("Peraturan Pemerintah", "Peraturan Pemerintah"),
    ("Peraturan Presiden", "Peraturan Presiden"),
    ("Peraturan Daerah Provinsi", "Peraturan Daerah Provinsi"),
    ("Qanun Provinsi", "Peraturan Daerah Provinsi"),
    ("Peraturan Daerah", "Peraturan Daerah Kabupaten/Kota"),
    ("Qanun", "Peraturan Daerah Kabupaten/Kota"),
    ("Peraturan Menteri", "Peraturan Menteri"),
    ("Peraturan Gubernur", "Peraturan Gubernur"),
    ("Peraturan Bupati", "Peraturan Bupati/Walikota"),
    ("Peraturan Walikota", "Peraturan Bupati/Walikota"),
    ("Peraturan", "Peraturan Badan/Lembaga"),
    ("Keputusan", "Keputusan"),
    ("Instruksi", "Instruksi"),
    ("Surat Edaran", "Surat Edaran"),
)

_LEVELS = ("Provinsi", "Kabupaten", "Kota")
"""Levels of a region; a Perda's level is part of its type (Perda Kabupaten vs Perda Kota)."""


# --- The types of regulation -------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class _Jenis:
    """A type of regulation as the index names it, with the spellings that mean it."""

    nama: str
    singkatan: str
    aliases: tuple[str, ...] = ()
    """Other spellings. A space or punctuation in them matches any run of spaces and
    punctuation, or nothing: ``Permen dagri`` matches ``Permendagri`` and ``Permen-Dagri``."""
    follows: Literal["", "wilayah", "penerbit"] = ""
    """What the citation writes between the type and its number: ``""`` (at most "RI" or an
    abbreviation in brackets), ``"wilayah"`` (a region) or ``"penerbit"`` (the issuer)."""
    level: str | None = None
    """For a regional type, the level of its region; None when the citation says (Perda)."""

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.nama, self.singkatan, *self.aliases, *_ALSO.get(self.singkatan, ()))


_NATIONAL: tuple[_Jenis, ...] = (
    _Jenis(
        nama="Ketetapan Majelis Permusyawaratan Rakyat",
        singkatan="Tap MPR",
        aliases=("Ketetapan MPR", "Ketetapan MPR RI"),
    ),
    _Jenis(nama="Undang-Undang", singkatan="UU", aliases=("Undang2",)),
    _Jenis(
        nama="Peraturan Pemerintah Pengganti Undang-Undang",
        singkatan="Perppu",
        aliases=("Perpu", "Peraturan Pemerintah Pengganti UU"),
    ),
    _Jenis(nama="Peraturan Pemerintah", singkatan="PP"),
    _Jenis(nama="Peraturan Presiden", singkatan="Perpres"),
    _Jenis(
        nama="Keputusan Presiden",
        singkatan="Keppres",
        aliases=("Kepres", "Surat Keputusan Presiden", "SK Presiden"),
    ),
    _Jenis(nama="Instruksi Presiden", singkatan="Inpres"),
)

_REGIONAL: tuple[_Jenis, ...] = (
    _Jenis(nama="Peraturan Daerah", singkatan="Perda", follows="wilayah"),
    _Jenis(nama="Qanun", singkatan="Qanun", follows="wilayah"),
    _Jenis(nama="Peraturan Gubernur", singkatan="Pergub", follows="wilayah", level="Provinsi"),
    _Jenis(nama="Peraturan Bupati", singkatan="Perbup", follows="wilayah", level="Kabupaten"),
    _Jenis(
        nama="Peraturan Walikota",
        singkatan="Perwal",
        aliases=("Peraturan Wali Kota", "Perwali", "Perwako", "Perwalkot"),
        follows="wilayah",
        level="Kota",
    ),
    _Jenis(
        nama="Keputusan Gubernur",
        singkatan="Kepgub",
        aliases=("Surat Keputusan Gubernur", "SK Gubernur"),
        follows="wilayah",
        level="Provinsi",
    ),
    _Jenis(
        nama="Keputusan Bupati",
        singkatan="Kepbup",
        aliases=("Surat Keputusan Bupati", "SK Bupati"),
        follows="wilayah",
        level="Kabupaten",
    ),
    _Jenis(
        nama="Keputusan Walikota",
        singkatan="Kepwal",
        aliases=(
            "Keputusan Wali Kota",
            "Kepwako",
            "Surat Keputusan Walikota",
            "Surat Keputusan Wali Kota",
            "SK Walikota",
            "SK Wali Kota",
        ),
        follows="wilayah",
        level="Kota",
    ),
    _Jenis(nama="Instruksi Gubernur", singkatan="Ingub", follows="wilayah", level="Provinsi"),
    _Jenis(nama="Instruksi Bupati", singkatan="Inbup", follows="wilayah", level="Kabupaten"),
    _Jenis(
        nama="Instruksi Walikota",
        singkatan="Inwal",
        aliases=("Instruksi Wali Kota",),
        follows="wilayah",
        level="Kota",
    ),
    _Jenis(
        nama="Surat Edaran Gubernur",
        singkatan="SE Gubernur",
        follows="wilayah",
        level="Provinsi",
    ),
    _Jenis(
        nama="Surat Edaran Bupati",
        singkatan="SE Bupati",
        follows="wilayah",
        level="Kabupaten",
    ),
    _Jenis(
        nama="Surat Edaran Walikota",
        singkatan="SE Walikota",
        aliases=("Surat Edaran Wali Kota", "SE Wali Kota"),
        follows="wilayah",
        level="Kota",
    ),
)

_GENERIC: tuple[_Jenis, ...] = (
    # Last resort for issuers missing from the tables below: the issuer, as written, is folded
    # into jenis, so "Peraturan Menteri Urusan X" and "Keputusan Kepala Dinas Y" stay apart.
    _Jenis(nama="Peraturan Menteri", singkatan="Permen", follows="penerbit"),
    _Jenis(
        nama="Keputusan Menteri",
        singkatan="Kepmen",
        aliases=("Surat Keputusan Menteri", "SK Menteri"),
        follows="penerbit",
    ),
    _Jenis(nama="Instruksi Menteri", singkatan="Inmen", follows="penerbit"),
    _Jenis(
        nama="Surat Edaran Menteri",
        singkatan="SE Menteri",
        aliases=("SE Men",),
        follows="penerbit",
    ),
    _Jenis(nama="Peraturan Kepala", singkatan="Perka", follows="penerbit"),
    _Jenis(nama="Peraturan", singkatan="Peraturan", follows="penerbit"),
    _Jenis(
        nama="Keputusan",
        singkatan="Keputusan",
        aliases=("Surat Keputusan", "SK"),
        follows="penerbit",
    ),
    _Jenis(nama="Instruksi", singkatan="Instruksi", follows="penerbit"),
    _Jenis(nama="Surat Edaran", singkatan="SE", follows="penerbit"),
)


@dataclass(frozen=True, kw_only=True)
class _Kind:
    """What a minister or an agency issues, and how its name is shortened."""

    word: str
    others: tuple[str, ...] = ()
    """Other words for it: ``SK`` for Keputusan."""
    prefix: str
    """Glued to the minister's short name: Per + Mendagri = ``Permendagri``."""

    @property
    def words(self) -> tuple[str, ...]:
        return (self.word, *self.others)

    def abbreviate(self, menteri: str) -> str:
        """``Permendagri``, ``SE Mendagri``: a spaced prefix keeps the capital."""
        if self.prefix.endswith(" "):
            return self.prefix + menteri
        return self.prefix + menteri[0].lower() + menteri[1:]


_KINDS = (
    _Kind(word="Peraturan", prefix="Per"),
    _Kind(word="Keputusan", others=("Surat Keputusan", "SK"), prefix="Kep"),
    _Kind(word="Instruksi", prefix="In"),
    _Kind(word="Surat Edaran", others=("SE",), prefix="SE "),
)
_KIND = {kind.word: kind for kind in _KINDS}


@dataclass(frozen=True, kw_only=True)
class _Ministry:
    """A ministry; its Peraturan, Keputusan, Instruksi and Surat Edaran are generated from it."""

    title: str
    """What follows "Menteri" in the official title."""
    short: str
    """The minister's short name, which the short types are built on: ``Mendagri``."""
    titles: tuple[str, ...] = ()
    """Other ways of writing `title`: ``PAN dan RB``."""
    shorts: tuple[str, ...] = ()
    """Other ways of writing `short`: ``Menpan RB``."""
    permen: str = ""
    """The short form of its Peraturan when it is not Per + `short` (``PMK``)."""
    kepmen: str = ""
    """The short form of its Keputusan when it is not Kep + `short` (``KMK``)."""


_MINISTRIES: tuple[_Ministry, ...] = (
    _Ministry(title="Dalam Negeri", short="Mendagri"),
    _Ministry(title="Luar Negeri", short="Menlu"),
    _Ministry(title="Pertahanan", short="Menhan"),
    _Ministry(title="Agama", short="Menag", permen="PMA", kepmen="KMA"),
    _Ministry(title="Keuangan", short="Menkeu", permen="PMK", kepmen="KMK"),
    _Ministry(title="Sekretaris Negara", short="Mensesneg"),
    _Ministry(
        title="Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
        short="MenPAN-RB",
        titles=("Pendayagunaan Aparatur Negara dan RB", "PAN dan RB"),
        shorts=("Menpan dan RB",),
    ),
    _Ministry(title="Negara Pendayagunaan Aparatur Negara", short="MenPAN"),
    _Ministry(title="Hukum dan Hak Asasi Manusia", short="Menkumham", titles=("Hukum dan HAM",)),
    _Ministry(title="Hukum", short="Menkum"),
    _Ministry(title="Hak Asasi Manusia", short="Men HAM"),
    _Ministry(title="Imigrasi dan Pemasyarakatan", short="Men Imipas"),
    _Ministry(title="Kesehatan", short="Menkes"),
    _Ministry(title="Sosial", short="Mensos"),
    _Ministry(title="Ketenagakerjaan", short="Menaker", titles=("Tenaga Kerja",)),
    _Ministry(title="Tenaga Kerja dan Transmigrasi", short="Menakertrans"),
    _Ministry(title="Pendidikan Nasional", short="Mendiknas"),
    _Ministry(title="Pendidikan dan Kebudayaan", short="Mendikbud"),
    _Ministry(title="Pendidikan, Kebudayaan, Riset, dan Teknologi", short="Mendikbudristek"),
    _Ministry(title="Pendidikan Dasar dan Menengah", short="Mendikdasmen"),
    _Ministry(title="Pendidikan Tinggi, Sains, dan Teknologi", short="Mendiktisaintek"),
    _Ministry(title="Riset, Teknologi, dan Pendidikan Tinggi", short="Menristekdikti"),
    _Ministry(title="Kebudayaan", short="Menbud"),
    _Ministry(title="Perindustrian", short="Menperin"),
    _Ministry(title="Perdagangan", short="Mendag"),
    _Ministry(title="Energi dan Sumber Daya Mineral", short="Men ESDM"),
    _Ministry(title="Pekerjaan Umum dan Perumahan Rakyat", short="Men PUPR"),
    _Ministry(title="Pekerjaan Umum", short="Men PU"),
    _Ministry(title="Perumahan dan Kawasan Permukiman", short="Men PKP"),
    _Ministry(title="Perhubungan", short="Menhub"),
    _Ministry(title="Komunikasi dan Informatika", short="Menkominfo"),
    _Ministry(title="Komunikasi dan Digital", short="Menkomdigi"),
    _Ministry(title="Pertanian", short="Mentan"),
    _Ministry(title="Lingkungan Hidup dan Kehutanan", short="Men LHK"),
    _Ministry(title="Lingkungan Hidup", short="Men LH"),
    _Ministry(title="Kehutanan", short="Menhut"),
    _Ministry(title="Kelautan dan Perikanan", short="Men KP"),
    _Ministry(
        title="Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi",
        short="Mendes PDTT",
        shorts=("Mendes",),
    ),
    _Ministry(title="Desa dan Pembangunan Daerah Tertinggal", short="Mendes PDT"),
    _Ministry(title="Transmigrasi", short="Mentrans"),
    _Ministry(
        title="Agraria dan Tata Ruang/Kepala Badan Pertanahan Nasional",
        short="Men ATR/BPN",
        titles=("Agraria dan Tata Ruang",),
        shorts=("Men ATR",),
    ),
    _Ministry(
        title="Perencanaan Pembangunan Nasional/Kepala Badan Perencanaan Pembangunan Nasional",
        short="Men PPN/Bappenas",
        titles=("Perencanaan Pembangunan Nasional", "PPN/Kepala Bappenas"),
        shorts=("Men PPN",),
    ),
    _Ministry(title="Badan Usaha Milik Negara", short="Men BUMN"),
    _Ministry(
        title="Koperasi dan Usaha Kecil dan Menengah",
        short="Menkop UKM",
        titles=("Koperasi dan UKM",),
        shorts=("Menkop dan UKM",),
    ),
    _Ministry(title="Koperasi", short="Menkop"),
    _Ministry(title="Usaha Mikro, Kecil, dan Menengah", short="Men UMKM"),
    _Ministry(title="Pariwisata dan Ekonomi Kreatif", short="Menparekraf"),
    _Ministry(title="Pariwisata", short="Menpar"),
    _Ministry(title="Ekonomi Kreatif", short="Menekraf"),
    _Ministry(title="Pemuda dan Olahraga", short="Menpora"),
    _Ministry(title="Pemberdayaan Perempuan dan Perlindungan Anak", short="Men PPPA"),
    _Ministry(title="Kependudukan dan Pembangunan Keluarga", short="Mendukbangga"),
    _Ministry(title="Pelindungan Pekerja Migran Indonesia", short="Men P2MI"),
    _Ministry(title="Koordinator Bidang Politik, Hukum, dan Keamanan", short="Menko Polhukam"),
    _Ministry(title="Koordinator Bidang Politik dan Keamanan", short="Menko Polkam"),
    _Ministry(title="Koordinator Bidang Perekonomian", short="Menko Perekonomian"),
    _Ministry(title="Koordinator Bidang Pembangunan Manusia dan Kebudayaan", short="Menko PMK"),
    _Ministry(title="Koordinator Bidang Kemaritiman dan Investasi", short="Menko Marves"),
)

_RENAMED: tuple[tuple[tuple[str, int], ...], ...] = (
    # One ministry under successive names, each with the year it took the name. Authors cite
    # "Permenpan 35/2012" for what was by then PermenPAN-RB 35/2012, so a citation gets the
    # name in force in its year; in the year of a rename either name stands as written.
    (("MenPAN", 0), ("MenPAN-RB", 2009)),
    (("Mendikbud", 0), ("Mendiknas", 1999), ("Mendikbud", 2011), ("Mendikbudristek", 2021)),
    (("Menaker", 0), ("Menakertrans", 2000), ("Menaker", 2014)),
    (("Men PU", 0), ("Men PUPR", 2014), ("Men PU", 2024)),
    (("Menkominfo", 0), ("Menkomdigi", 2024)),
    (("Menkumham", 0), ("Menkum", 2024)),
    (("Mendes PDTT", 0), ("Mendes PDT", 2024)),
)


@dataclass(frozen=True, kw_only=True)
class _Agency:
    """A body outside the ministries whose regulations are cited: BKN, LAN, BPS..."""

    name: str
    short: str
    names: tuple[str, ...] = ()
    """Other ways of writing `name`."""
    headed: bool = True
    """Led by a Kepala, who signs Peraturan Kepala (``Perka BKN``) and Keputusan Kepala."""


_AGENCIES: tuple[_Agency, ...] = (
    _Agency(name="Badan Kepegawaian Negara", short="BKN"),
    _Agency(name="Lembaga Administrasi Negara", short="LAN"),
    _Agency(name="Badan Pusat Statistik", short="BPS"),
    _Agency(name="Badan Nasional Penanggulangan Bencana", short="BNPB"),
    _Agency(name="Badan Pengawasan Keuangan dan Pembangunan", short="BPKP"),
    _Agency(name="Badan Pengawas Obat dan Makanan", short="BPOM"),
    _Agency(name="Badan Narkotika Nasional", short="BNN"),
    _Agency(name="Badan Siber dan Sandi Negara", short="BSSN"),
    _Agency(name="Badan Riset dan Inovasi Nasional", short="BRIN"),
    _Agency(name="Badan Meteorologi, Klimatologi, dan Geofisika", short="BMKG"),
    _Agency(name="Badan Pertanahan Nasional", short="BPN"),
    _Agency(name="Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah", short="LKPP"),
    _Agency(name="Arsip Nasional Republik Indonesia", short="ANRI", names=("Arsip Nasional",)),
    _Agency(name="Badan Kependudukan dan Keluarga Berencana Nasional", short="BKKBN"),
    _Agency(name="Badan Informasi Geospasial", short="BIG"),
    _Agency(name="Badan Standardisasi Nasional", short="BSN"),
    _Agency(name="Badan Koordinasi Penanaman Modal", short="BKPM"),
    _Agency(name="Komisi Aparatur Sipil Negara", short="KASN", headed=False),
    _Agency(name="Komisi Informasi", short="KI", names=("Komisi Informasi Pusat",), headed=False),
    _Agency(name="Komisi Pemilihan Umum", short="KPU", headed=False),
    _Agency(name="Badan Pengawas Pemilihan Umum", short="Bawaslu", headed=False),
    _Agency(name="Ombudsman Republik Indonesia", short="ORI", names=("Ombudsman",), headed=False),
    _Agency(name="Badan Pemeriksa Keuangan", short="BPK", headed=False),
    _Agency(
        name="Direktur Jenderal Kependudukan dan Pencatatan Sipil",
        short="Dirjen Dukcapil",
        names=("Direktur Jenderal Dukcapil", "Dirjen Kependudukan dan Pencatatan Sipil"),
        headed=False,
    ),
)

_ALSO: dict[str, tuple[str, ...]] = {
    # Established abbreviations that no rule above builds, by the singkatan they stand for.
    "Perka BPN": ("Perkaban",),
    "Peraturan KPU": ("PKPU",),
    "Peraturan Bawaslu": ("Perbawaslu",),
    "Peraturan KI": ("Perki",),
}

_PROVINCES: tuple[tuple[str, ...], ...] = (
    # (canonical name, other spellings); a Perda of one of these is a Perda Provinsi.
    ("Aceh", "Nanggroe Aceh Darussalam", "NAD"),
    ("Sumatera Utara", "Sumut"),
    ("Sumatera Barat", "Sumbar"),
    ("Riau",),
    ("Kepulauan Riau", "Kepri"),
    ("Jambi",),
    ("Sumatera Selatan", "Sumsel"),
    ("Kepulauan Bangka Belitung", "Bangka Belitung", "Babel"),
    ("Bengkulu",),
    ("Lampung",),
    ("DKI Jakarta", "Daerah Khusus Ibukota Jakarta", "Daerah Khusus Jakarta", "Jakarta", "DKI"),
    ("Jawa Barat", "Jabar"),
    ("Banten",),
    ("Jawa Tengah", "Jateng"),
    ("Daerah Istimewa Yogyakarta", "DI Yogyakarta", "DIY"),
    ("Jawa Timur", "Jatim"),
    ("Bali",),
    ("Nusa Tenggara Barat", "NTB"),
    ("Nusa Tenggara Timur", "NTT"),
    ("Kalimantan Barat", "Kalbar"),
    ("Kalimantan Tengah", "Kalteng"),
    ("Kalimantan Selatan", "Kalsel"),
    ("Kalimantan Timur", "Kaltim"),
    ("Kalimantan Utara", "Kaltara"),
    ("Sulawesi Utara", "Sulut"),
    ("Gorontalo",),
    ("Sulawesi Tengah", "Sulteng"),
    ("Sulawesi Barat", "Sulbar"),
    ("Sulawesi Selatan", "Sulsel"),
    ("Sulawesi Tenggara", "Sultra"),
    ("Maluku",),
    ("Maluku Utara", "Malut"),
    ("Papua",),
    ("Papua Barat", "Pabar"),
    ("Papua Barat Daya",),
    ("Papua Selatan",),
    ("Papua Tengah",),
    ("Papua Pegunungan",),
)

_LEVEL_WORDS = {
    "provinsi": "Provinsi",
    "propinsi": "Provinsi",
    "prov": "Provinsi",
    "prop": "Provinsi",
    "kabupaten": "Kabupaten",
    "kab": "Kabupaten",
    "kota": "Kota",
    "kotamadya": "Kota",
}
