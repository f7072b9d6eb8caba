"""Recognise the regulation cited in a Dasar Hukum item, whatever the spelling.

Authors cite one regulation many ways (``UU No. 24 Tahun 2013``, ``Undang-Undang Nomor 24 Tahun
2013``, ``UU 24/2013``); the site must show them as one regulation. So every citation is reduced
to a `Regulation` whose `key` is the same for every spelling of it.

What we know lives in tables: the types of regulation (`_NATIONAL`, `_REGIONAL`, `_GENERIC`),
the ministries and agencies whose types are generated from them (`_MINISTRIES`, `_AGENCIES`),
ministry renames (`_RENAMED`) and provinces (`_PROVINCES`). One grammar reads a citation:

    [list marker] JENIS [region | issuer] [Nomor] NUMBER [Tahun YEAR] [date] [LN note] [tentang]
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator
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


@dataclass(frozen=True, kw_only=True)
class Regulation:
    """One regulation, however it was cited: two spellings of it have the same `key`."""

    jenis: str
    """Canonical type, the issuing ministry folded in: ``Peraturan Menteri Dalam Negeri``."""
    singkatan: str
    """Canonical short type: ``UU``, ``Permendagri``, ``PermenPAN-RB``, ``Perda``."""
    nomor: str
    """A string, as ``17/PMK.09/2019`` and ``5A`` are real numbers; empty only for UUD 1945."""
    tahun: int | None
    wilayah: str | None = None
    """The region of a regional regulation, without its prefix word: ``Padang Pariaman``."""
    tentang: str | None = None
    """The subject as written; an amendment's subject names what it amends."""
    amends: Regulation | None = None
    """The regulation this one amends ("... tentang Perubahan atas <amends>")."""

    @property
    def key(self) -> str:
        """Stable URL-safe slug: ``uu-24-2013``, ``perbup-padang-pariaman-55-2016``."""
        return _slug(self.nama_pendek)

    @property
    def judul(self) -> str:
        """Canonical title: ``Undang-Undang Nomor 24 Tahun 2013 tentang ...``."""
        title = f"{self._full_name} {self._numbers[-1]}"
        return f"{title} tentang {self.tentang}" if self.tentang else title

    @property
    def nama_pendek(self) -> str:
        """Short name: ``UU 24/2013``, ``Perbup Padang Pariaman 55/2016``, ``UUD 1945``."""
        return f"{self._label} {self._numbers[0]}"

    @property
    def short_forms(self) -> tuple[str, ...]:
        """Search aliases: every short or full name with every way of writing the number."""
        names = (self._label, self._full_name)
        return tuple(
            dict.fromkeys(f"{name} {number}" for name in names for number in self._numbers)
        )

    @property
    def rank(self) -> int:
        """Position of its group in `HIERARCHY`, for ordering the index."""
        return HIERARCHY.index(group_of(self))

    @property
    def _label(self) -> str:
        """Short type and region: ``Perda Kabupaten Padang Pariaman``, ``Pergub Sumatera Barat``."""
        level = self.jenis.rpartition(" ")[2]
        words = [self.singkatan]
        if level in _LEVELS and level not in self.singkatan:
            words.append(level)
        if self.wilayah:
            words.append(self.wilayah)
        return " ".join(words)

    @property
    def _full_name(self) -> str:
        return f"{self.jenis} {self.wilayah}" if self.wilayah else self.jenis

    @property
    def _numbers(self) -> tuple[str, ...]:
        """Ways of writing the number and year: the shortest first, the formal one last."""
        nomor, tahun = self.nomor, self.tahun
        if not nomor:
            return (f"{tahun}", f"Tahun {tahun}")
        if tahun is None or re.search(rf"\D{tahun}$", nomor):
            # "17/PMK.09/2019" already carries its year; official titles do not repeat it.
            return (nomor, f"No. {nomor}", f"Nomor {nomor}")
        return (
            f"{nomor}/{tahun}",
            f"{nomor} {tahun}",
            f"No. {nomor} Tahun {tahun}",
            f"Nomor {nomor} Tahun {tahun}",
        )


def group_of(reg: Regulation) -> str:
    """The `HIERARCHY` label of `reg`, read from the start of its jenis (unknown ones go last)."""
    return next((group for start, group in _GROUPS if reg.jenis.startswith(start)), HIERARCHY[-1])


UUD_1945 = Regulation(
    jenis="Undang-Undang Dasar Negara Republik Indonesia", singkatan="UUD", nomor="", tahun=1945
)


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


# --- Expanding the tables ---------------------------------------------------------------


def _ministerial(ministry: _Ministry) -> Iterator[tuple[_Kind, _Jenis]]:
    """Its Peraturan, Keputusan, Instruksi and Surat Edaran, with every spelling of each."""
    titles = (ministry.title, *ministry.titles)
    # "Men dagri" rather than "Mendagri": matches "Mendagri", "Men. Dagri" and "Men Dagri".
    shorts = [f"Men {s[3:].lstrip()}" for s in (ministry.short, *ministry.shorts)]
    overrides = {"Peraturan": ministry.permen, "Keputusan": ministry.kepmen}
    for kind in _KINDS:
        spellings = [kind.abbreviate(s.lower()) for s in shorts]
        for word in kind.words:
            spellings += [f"{word} Menteri {t}" for t in titles]
            spellings += [f"{word} {s}" for s in shorts]
            spellings += [f"{word} Menteri {s[4:]}" for s in shorts]  # Peraturan Menteri PANRB
        abbreviation = kind.abbreviate(ministry.short)
        jenis = _Jenis(
            nama=f"{kind.word} Menteri {ministry.title}",
            singkatan=overrides.get(kind.word) or abbreviation,
            aliases=(abbreviation, *spellings),
        )
        yield kind, jenis


def _agency_types(agency: _Agency) -> Iterator[_Jenis]:
    """Its Peraturan (and Peraturan Kepala), Keputusan and Surat Edaran."""
    names = (agency.name, agency.short, *agency.names)
    yield _Jenis(
        nama=f"Peraturan {agency.name}",
        singkatan=f"Peraturan {agency.short}",
        aliases=tuple(f"Peraturan {n}" for n in names),
    )
    if agency.headed:
        yield _Jenis(
            nama=f"Peraturan Kepala {agency.name}",
            singkatan=f"Perka {agency.short}",
            aliases=tuple(f"{w} {n}" for w in ("Peraturan Kepala", "Perka") for n in names),
        )
    head = "Kepala " if agency.headed else ""
    heads = dict.fromkeys((head, ""))  # "Keputusan Kepala BKN" and "Keputusan BKN"
    for kind, short_word in ((_KIND["Keputusan"], "Keputusan"), (_KIND["Surat Edaran"], "SE")):
        yield _Jenis(
            nama=f"{kind.word} {head}{agency.name}",
            singkatan=f"{short_word} {head}{agency.short}",
            aliases=tuple(f"{w} {h}{n}" for w in kind.words for h in heads for n in names),
        )


def _norm(spelling: str) -> str:
    """What two spellings of one name share: ``Permen-Dagri`` is ``permendagri``.

    "Menteri Negara X" was the title of some ministers until 2014 (Menteri Negara PAN, BUMN);
    it names the ministry of "Menteri X", so "Negara" after "Menteri" is dropped.
    """
    return re.sub(r"[^a-z0-9]", "", spelling.lower()).replace("menterinegara", "menteri")


_MINISTERIAL = {(kind.word, m.short): jenis for m in _MINISTRIES for kind, jenis in _ministerial(m)}
_SPECIFIC = (*_NATIONAL, *_MINISTERIAL.values(), *(j for a in _AGENCIES for j in _agency_types(a)))
_ROWS = (*_SPECIFIC, *_REGIONAL, *_GENERIC)
_BY_SPELLING = {_norm(s): row for row in _ROWS for s in row.spellings}


def _spans() -> dict[str, tuple[tuple[_Jenis, int, int], ...]]:
    """For each type of a renamed ministry: all its names, each with its first and last year."""
    spans_of: dict[str, tuple[tuple[_Jenis, int, int], ...]] = {}
    for names in _RENAMED:
        ends = [start for _, start in names[1:]] + [9999]
        for kind in _KINDS:
            spans = tuple(
                (_MINISTERIAL[kind.word, short], start, end)
                for (short, start), end in zip(names, ends, strict=True)
            )
            spans_of.update((row.nama, spans) for row, _, _ in spans)
    return spans_of


_SPANS = _spans()
_PROVINCE_OF = {_norm(s): names[0] for names in _PROVINCES for s in names}


# --- The grammar ----------------------------------------------------------------------------

_MARKER = r"(?:nomor|nomer|no|nr)(?![a-z])\.?\s*:?\s*"
_YEAR = r"(?:19|20)\d\d(?!\d)"
# A number has a digit near its start (bounded, or long words would make matching quadratic).
_TOKEN = r"(?=[\w./-]{0,40}\d)[a-z0-9](?:[\w./-]*[a-z0-9])?"
_NUMBER = rf"""
    (?: (?P<marker>{_MARKER}) (?P<nomor>(?:[a-z]{{1,3}}\s)?{_TOKEN})  # Nomor 24, Nomor PM 24
      | (?P<bare>{_TOKEN}) )                                           # 24/2013, 24 Tahun 2013
    (?: \s*,?\s* (?:tahun|thn|th)(?![a-z])\.?\s*:?\s* (?P<tahun>{_YEAR}) )?
"""
# What may stand between a national type and its number: "RI", "(Permendagri)", a comma.
_NOISE = r"(?:\s*(?:,|\([^()]*\)|(?:negara\s+)?republik\s+indonesia|n?r\.?i\.?(?![a-z])))*"


def _alternatives(rows: Iterable[_Jenis]) -> str:
    """One regex alternative per spelling, longest first, so the most specific name wins.

    Between words, any punctuation or none, which `_norm` ignores too; a spelling
    must end a word, so ``PP`` is not read in ``PPN``.
    """
    spellings = {_norm(s): s for row in rows for s in row.spellings}
    ordered = sorted(spellings.items(), key=lambda item: -len(item[0]))
    return "(?:" + "|".join(_pattern(s) for _, s in ordered) + ")(?![a-z])"


def _pattern(spelling: str) -> str:
    """``Permen Dagri`` -> ``permen\\W*dagri``, with "Negara" optional after "Menteri" (`_norm`)."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"\bmenteri\W+negara\b", "menteri", spelling.lower()))
    return r"\W*".join(r"menteri(?:\W*negara)?" if w == "menteri" else re.escape(w) for w in words)


@functools.cache
def _head() -> re.Pattern[str]:
    """The type and what follows it up to the number; compiled on first use (it is large)."""
    pattern = rf"""
        (?P<specific>{_alternatives(_SPECIFIC)}) (?P<noise>{_NOISE})
      | (?P<regional>{_alternatives(_REGIONAL)}) (?P<wilayah>[^\d]*?)
      | (?P<generic>{_alternatives(_GENERIC)})
        \s+ (?!{_MARKER}) (?P<issuer>(?:(?!tentang)[^\d])+?)
    """
    # It must be followed by a number, or be all there is (the jenis of `from_fields`).
    return re.compile(rf"(?:{pattern})(?=\s*,?\s*{_NUMBER}|\s*$)", re.I | re.A | re.X)


_NUMBER_AFTER_HEAD = re.compile(rf"\s*,?\s*{_NUMBER}", re.I | re.A | re.X)
_UUD = re.compile(
    r"(?:uud|undang\W*undang\s*dasar)(?![a-z])\s*(?:negara\s*)?(?:republik\s+indonesia|n?ri)?"
    r"\s*(?:tahun\s*)?(?:1945)?(?!\d)",
    re.I | re.A,
)
_LIST_MARKER = re.compile(
    r"^(?:[-*>\u2022\u00b7\u25aa]+\s*|\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s*|\d{1,3}\s+(?=[a-z]))+",
    re.I | re.A,
)
_N_OF_YEAR = re.compile(rf"(\d+[a-z]?)/({_YEAR})", re.I | re.A)
_YEAR_AT_END = re.compile(rf"\D({_YEAR})$", re.A)
_LEMBARAN = re.compile(
    r"\([^()]*\b(?:lembaran|berita|tambahan)\b[^()]*\)"
    r"|(?:^|,)\s*(?:tambahan\s+)?(?:lembaran|berita)\s+(?:negara|daerah)\b.*$",
    re.I | re.A,
)
_DATE = re.compile(
    r"^[\s,]*(?:tanggal|tgl\.?|tertanggal)\s*\d{1,2}(?:\s+[a-z]+\s+|[-/.]\d{1,2}[-/.])\d{4}",
    re.I | re.A,
)
_TENTANG = re.compile(r"^[\s,.;:-]*(?:(?:tentang|ttg|tntg)(?![a-z])\.?)?", re.I | re.A)
_AMENDMENT = re.compile(
    r"perubahan(?:\s+(?:pertama|ke[a-z]+))?\s+(?:atas\s+)?(?P<of>.+)", re.I | re.A
)
_LEVEL = re.compile(r"(" + "|".join(_LEVEL_WORDS) + r")(?![a-z])\.?\s*", re.I | re.A)
_FOLLOW_NOISE = re.compile(
    r"\([^()]*\)|\b(?:negara\s+)?republik\s+indonesia\b|\bn?r\.?i\b\.?", re.I | re.A
)


# --- Recognising ----------------------------------------------------------------------------

_LONGEST = 2000
"""No citation is longer; the bound keeps matching fast and amendment nesting shallow."""


def recognise(text: str) -> Regulation | None:
    """The regulation cited in `text`, or None when it cites none we can read.

    Never raises: a citation is author input, and an unrecognised one is only a warning.
    """
    if not isinstance(text, str) or len(text) > _LONGEST:
        return None
    text = _LIST_MARKER.sub("", _clean(text), count=1)
    if _UUD.match(text):
        return UUD_1945
    head = _head().match(text)
    number = _NUMBER_AFTER_HEAD.match(text, head.end()) if head else None
    if head is None or number is None:
        return None
    written = number["nomor"] or number["bare"]
    nomor, tahun = _number(written, int(number["tahun"]) if number["tahun"] else None)
    if tahun is None and not number["marker"]:
        return None  # "UU 24" alone is too vague to be a citation
    row, follow = _row(head)
    return _make(row, follow, nomor, tahun, _subject(text[number.end() :]))


def from_fields(
    *,
    jenis: str,
    nomor: str | int,
    tahun: int | None,
    tentang: str | None = None,
    wilayah: str | None = None,
) -> Regulation | str:
    """The regulation of the mapping form ``{jenis, nomor, tahun, tentang, wilayah}``.

    Authors write it when their text is not recognised, so `jenis` may be any spelling that
    `recognise` knows. Returns a message for the author (in Indonesian) when it cannot be used.
    """
    written = _clean(str(jenis))
    if _UUD.fullmatch(written):
        return UUD_1945
    head = _head().fullmatch(written)
    if head is None:
        return _unknown_jenis(written)
    row, follow = _row(head)
    if wilayah and row.follows != "wilayah":
        return f"jenis '{row.nama}' tidak memakai wilayah"
    if tahun is not None and (not isinstance(tahun, int) or not 1800 <= tahun <= 2100):
        return f"tahun '{tahun}' tidak dikenali; tulis tahunnya saja, misalnya 2019"
    number = _clean(str(nomor))
    if not re.search(r"[A-Za-z0-9]", number):
        return f"nomor {row.nama} harus diisi"
    number, tahun = _number(number, tahun)
    subject = _subject(_clean(str(tentang))) if tentang else None
    made = _make(row, f"{follow} {wilayah or ''}", number, tahun, subject)
    return made or f"jenis '{written}' perlu nama penerbitnya"


def _clean(text: str) -> str:
    """One space between words, ASCII hyphens: authors paste from Word and PDF."""
    return " ".join(re.sub(r"[\u2010-\u2015]", "-", text).split())


def _row(head: re.Match[str]) -> tuple[_Jenis, str]:
    """The type a matched head names, and the region or issuer written after it."""
    spelling = head["specific"] or head["regional"] or head["generic"]
    return _BY_SPELLING[_norm(spelling)], head["wilayah"] or head["issuer"] or ""


def _number(nomor: str, tahun: int | None) -> tuple[str, int | None]:
    """Split ``24/2013`` into 24 and 2013; keep ``17/PMK.09/2019`` whole, year read off its end."""
    nomor = nomor.upper()
    if re.fullmatch(r"0+\d+[A-Z]?", nomor):
        nomor = nomor.lstrip("0")  # "Nomor 05" is "Nomor 5"; "Nomor 050-5889" is not "50-5889"
    if (n_of_year := _N_OF_YEAR.fullmatch(nomor)) and tahun in (None, int(n_of_year[2])):
        return n_of_year[1], int(n_of_year[2])
    if tahun is None and (year := _YEAR_AT_END.search(nomor)):
        tahun = int(year[1])
    return nomor, tahun


def _subject(rest: str) -> str | None:
    """The ``tentang`` part of what follows the number, without dates and Lembaran Negara notes."""
    rest = _TENTANG.sub("", _DATE.sub("", _LEMBARAN.sub("", rest)), count=1)
    return " ".join(rest.split()).strip(" .,;:") or None


def _make(
    row: _Jenis, follow: str, nomor: str, tahun: int | None, tentang: str | None
) -> Regulation | None:
    """Fold what was written between type and number into the type (issuer) or `wilayah`."""
    row = _in_force(row, tahun)
    follow = " ".join(_FOLLOW_NOISE.sub(" ", follow).split()).strip(" .,:;")
    jenis, singkatan, wilayah = row.nama, row.singkatan, None
    if row.follows == "penerbit":
        if not follow:
            return None
        jenis, singkatan = f"{jenis} {follow}", f"{singkatan} {follow}"
    elif row.follows == "wilayah":
        jenis, wilayah = _region(row, follow)
    amended = _AMENDMENT.match(tentang or "")
    return Regulation(
        jenis=jenis,
        singkatan=singkatan,
        nomor=nomor,
        tahun=tahun,
        wilayah=wilayah,
        tentang=tentang,
        amends=recognise(amended["of"]) if amended else None,
    )


def _in_force(row: _Jenis, tahun: int | None) -> _Jenis:
    """The type under the name its ministry bore in `tahun` (see `_RENAMED`)."""
    spans = _SPANS.get(row.nama, ())
    if tahun is None or any(r is row and start <= tahun <= end for r, start, end in spans):
        return row
    return next((r for r, start, _ in reversed(spans) if start <= tahun), row)


def _region(row: _Jenis, text: str) -> tuple[str, str | None]:
    """Jenis and wilayah: ``Perda`` + ``Kab. Padang Pariaman`` is a Peraturan Daerah Kabupaten
    of Padang Pariaman; a Perda of a province is a Peraturan Daerah Provinsi."""
    level_word = _LEVEL.match(text)
    name = text[level_word.end() :] if level_word else text
    province = _PROVINCE_OF.get(_norm(name))
    written_level = _LEVEL_WORDS[level_word[1].lower()] if level_word else None
    level = row.level or written_level or ("Provinsi" if province else None)
    name = province if province and level == "Provinsi" else _title(name)
    jenis = f"{row.nama} {level}" if level and not row.level else row.nama
    return jenis, name or None


def _title(name: str) -> str:
    """``PADANG PARIAMAN`` -> ``Padang Pariaman``; ``dan`` stays small."""
    return re.sub(r"[a-z]+", lambda w: w[0] if w[0] == "dan" else w[0].capitalize(), name.lower())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_KNOWN = {s.lower(): s for row in _ROWS for s in (row.nama, row.singkatan)}


def _unknown_jenis(written: str) -> str:
    close = difflib.get_close_matches(written.lower(), _KNOWN, n=1, cutoff=0.6)
    hint = f"; maksud Anda '{_KNOWN[close[0]]}'?" if close else ""
    return f"jenis '{written}' tidak dikenal{hint}"
