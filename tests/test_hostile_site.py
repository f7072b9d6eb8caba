"""Author text that is hostile to a site's output stays text wherever the build puts it.

Each test builds a real MkDocs-Material site from SOPs whose fields or file names carry
payloads, and reads what a browser would get: the search index, the "edit this page" link,
the pages' front matter. (What a real browser does with them is ``test_hostile_browser.py``.)
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse
from pathlib import Path

import pytest
import yaml
from conftest import BuiltSite, build_site, parse_html, write_site
from sopdocs.site.templating import front_matter
from sopdocs.text import SLUG_LENGTH, distinct, slugify
from sopdocs.urls import edit_uri
from support import MKDOCS_YML, SOP, UNIT

IMG = "<img src=x onerror=alert(document.domain)>"

CITATIONS = f"""\
dasar_hukum:
  - 'Undang-Undang Nomor 25 Tahun 2009 tentang {IMG}'
  - jenis: Peraturan Bupati
    nomor: 12
    tahun: 2021
    wilayah: '{IMG}'
    tentang: '{IMG}'
"""


def _sop(nomor: str) -> str:
    head, _, tail = SOP.partition("dasar_hukum:\n  - Undang-Undang Nomor 25 Tahun 2009 tentang")
    tail = tail.partition("\n")[2]
    return head.replace("nomor: 001/SOP/DC/2024", f"nomor: '{nomor}'") + CITATIONS + tail


EDIT_ATTRIBUTE = 'x" onmouseover="alert(1)" y'
EDIT_ELEMENT = '"><img src=x onerror=alert(2)>'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("hostile")
    files = {
        "sops/u/_unit.yaml": UNIT,
        "sops/u/nomor.yaml": _sop(f"{IMG} 001"),
        "sops/u/bintang.yaml": _sop("002/😀/𝐀𝐁"),
        f"sops/u/{EDIT_ATTRIBUTE}.yaml": _sop("003"),
        f"sops/u/{EDIT_ELEMENT}.yaml": _sop("004"),
        "sops/u/jalur.yaml": LANES,
        "sops/u/panjang.yaml": LONG,
        "docs/index.md": "# Beranda\n",
    }
    # Material's own search (sopdocs' "search: false"), whose index these tests read; what
    # Pagefind is given is checked in test_site_build.py and test_browser.py.
    return build_site(write_site(root, files, MKDOCS_YML + "      search: false\n"))


LANES = (
    SOP.replace("nama: Pelayanan Contoh", "nama: Pelaksana 1")
    .replace("Petugas Loket", "Kepala-Dinas")
    .replace("Kepala Seksi", "Kepala/Dinas")
)
"""Two lanes that slugify alike, in an SOP whose name slugifies like a flowchart id."""

LONG_WILAYAH = "Padang " * 45
LONG_NOMOR = "1" * 300
LONG = SOP.replace(
    "  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    f"""  - Peraturan Bupati {LONG_WILAYAH}Nomor 7 Tahun 2020
  - Peraturan Bupati {LONG_WILAYAH}Nomor 8 Tahun 2020
  - Undang-Undang Nomor {LONG_NOMOR} Tahun 2020
  - jenis: Peraturan Bupati
    nomor: 9
    tahun: 2021
    wilayah: '{LONG_WILAYAH}'""",
).replace("nomor: 001/SOP/DC/2024", f"nomor: '{LONG_NOMOR}'")
"""Regulations whose short names run to hundreds of characters."""


def _search_docs(site: BuiltSite) -> list[dict]:
    index = json.loads((site.site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    return index["docs"]


def _tags(site: BuiltSite, location: str) -> list[str]:
    """The tags of the page at ``location`` in the search index (its first section's)."""
    return next(d["tags"] for d in _search_docs(site) if d["location"] == location)


def test_every_search_tag_is_html_text(hostile_site: BuiltSite) -> None:
    tagged = [d for d in _search_docs(hostile_site) if "tags" in d]
    assert tagged
    for doc in tagged:
        for tag in doc["tags"]:
            assert "<" not in tag and ">" not in tag, (doc["location"], tag)


def test_nomor_reaches_search_tags_escaped_and_whole(hostile_site: BuiltSite) -> None:
    tags = _tags(hostile_site, "sop/u/nomor/")
    assert tags[0] == html.escape(f"{IMG} 001")


def test_citation_tentang_reaches_regulation_tags_escaped(hostile_site: BuiltSite) -> None:
    tags = _tags(hostile_site, "regulasi/uu-25-2009/")
    assert html.escape(f"Undang-Undang Nomor 25 Tahun 2009 tentang {IMG}") in tags


def test_mapping_wilayah_and_tentang_reach_tags_escaped(hostile_site: BuiltSite) -> None:
    docs = [
        d for d in _search_docs(hostile_site) if d["location"].startswith("regulasi/perbup-img")
    ]
    tags = docs[0]["tags"]
    assert any(tag.endswith(f"tentang {html.escape(IMG)}") for tag in tags), tags
    assert all("&lt;" in tag for tag in tags)


def test_astral_characters_keep_the_front_matter(hostile_site: BuiltSite) -> None:
    assert _tags(hostile_site, "sop/u/bintang/")[0] == "002/😀/𝐀𝐁"
    article = hostile_site.content("sop/u/bintang")
    assert "tags:" not in article.text
    assert hostile_site.page("sop/u/bintang").find("title").text.startswith("Pelayanan Contoh")


@pytest.mark.parametrize("name", [EDIT_ATTRIBUTE, EDIT_ELEMENT])
def test_edit_link_is_one_percent_encoded_href(hostile_site: BuiltSite, name: str) -> None:
    page = (hostile_site.site_dir / "sop/u" / name / "index.html").read_text(encoding="utf-8")
    edits = [a for a in parse_html(page).find_all("a") if a.attrs.get("rel") == "edit"]
    assert len(edits) == 1
    assert set(edits[0].attrs) == {"href", "title", "class", "rel"}
    quoted = name.replace('"', "%22").replace(" ", "%20").replace("=", "%3D")
    quoted = quoted.replace("(", "%28").replace(")", "%29").replace("<", "%3C")
    quoted = quoted.replace(">", "%3E")
    assert edits[0].attrs["href"] == (
        f"https://github.com/contoh/katalog-uji/edit/main/sops/u/{quoted}.yaml"
    )
    assert not [img for img in parse_html(page).find_all("img") if img.attrs.get("src") == "x"]


@pytest.mark.parametrize(
    "text",
    [
        "😀 𝐀 plain",
        'quote " and \\ backslash',
        "control \x00 \x1b \x0c \t new\nline \x85 \u2028 \u2029 \ufeff end",
        ": # - [x] {y} &a *b !tag | > % @ `",
        IMG,
    ],
)
def test_front_matter_values_load_back_as_written(text: str) -> None:
    assert yaml.safe_load(f"v: {front_matter(text)}") == {"v": text}
    assert yaml.safe_load(f"v: {front_matter([text, 'b'])}") == {"v": [text, "b"]}


def test_front_matter_keeps_astral_characters_unescaped() -> None:
    assert str(front_matter("😀")) == '"😀"'


def test_front_matter_turns_a_lone_surrogate_into_a_replacement_character() -> None:
    assert yaml.safe_load(str(front_matter("a\ud83db"))) == "a\ufffdb"


def test_edit_uri_keeps_the_path_and_encodes_the_name(tmp_path: Path) -> None:
    source = tmp_path / "sops" / "u" / "a #?%&'.yaml"
    assert edit_uri(str(source), str(tmp_path / "docs")) == "../sops/u/a%20%23%3F%25%26%27.yaml"


def _ids(page: str) -> list[str]:
    return [node.attrs["id"] for node in parse_html(page).iter() if "id" in node.attrs]


def test_no_page_repeats_an_id(hostile_site: BuiltSite) -> None:
    pages = sorted(hostile_site.site_dir.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        ids = _ids(path.read_text(encoding="utf-8"))
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        assert repeated == [], path


def test_lanes_that_slugify_alike_link_to_their_own_anchors(hostile_site: BuiltSite) -> None:
    lanes = hostile_site.content("sop/u/jalur").find_all("th", cls="sopdocs-lane-name")
    targets = [th.find("a").attrs["href"] for th in lanes]
    assert targets[0] != targets[1]
    anchors = set(_ids(hostile_site.html("pelaksana")))
    for target in targets:
        assert target.startswith("../../../pelaksana/#")
        assert target.partition("#")[2] in anchors


def test_long_regulation_names_get_bounded_distinct_pages(hostile_site: BuiltSite) -> None:
    links = [
        a.attrs["href"]
        for a in hostile_site.content("sop/u/panjang").find_all("a")
        if "/regulasi/" in a.attrs.get("href", "")
    ]
    assert len(links) == 4
    assert len(set(links)) == 4
    for link in links:
        folder = link.rstrip("/").rpartition("/")[2]
        assert len(folder) <= SLUG_LENGTH
        assert (hostile_site.site_dir / "regulasi" / folder / "index.html").is_file()


def test_a_short_slug_is_kept_as_it_is() -> None:
    assert slugify("Perbup Padang Pariaman 55/2016") == "perbup-padang-pariaman-55-2016"


def test_a_long_slug_is_cut_with_a_hash_of_the_whole() -> None:
    first, second = slugify("A " * 100 + "1"), slugify("A " * 100 + "2")
    assert len(first) == len(second) == SLUG_LENGTH
    assert first.startswith("a-a-") and first[-9] == "-"
    assert first != second
    assert slugify("A " * 100 + "1") == first


def test_distinct_keeps_the_first_slug_and_hashes_the_next() -> None:
    taken: set[str] = set()
    assert distinct("kepala-dinas", "kepala-dinas", taken) == "kepala-dinas"
    other = distinct("kepala-dinas", "kepala/dinas", taken)
    assert other.startswith("kepala-dinas-") and len(other) == len("kepala-dinas-") + 8
    assert taken == {"kepala-dinas", other}


def test_hand_written_files_are_kept_and_named_beside_what_sopdocs_made(tmp_path: Path) -> None:
    files = {
        "sops/u/_unit.yaml": UNIT,
        "sops/u/a.yaml": SOP,
        "docs/index.md": "# Beranda\n",
        "docs/sop/u/a/index.md": "# Tulisan tangan SOP\n",
        "docs/unit/u/index.md": "# Tulisan tangan unit\n",
        "docs/katalog.json": '{"tulisan": "tangan"}\n',
    }
    site = build_site(write_site(tmp_path, files))
    warnings = [m for m in site.messages() if "tulisan tangan" in m]
    assert warnings == [
        "docs/sop/u/a/index.md: berkas tulisan tangan ini dipakai, bukan halaman dari"
        " sops/u/a.yaml yang dibuat sopdocs di tempat yang sama (hapus atau pindahkan berkas"
        " ini bila yang dibuat sopdocs yang harus tampil)",
        "docs/unit/u/index.md: berkas tulisan tangan ini dipakai, bukan halaman Dinas Contoh"
        " yang dibuat sopdocs di tempat yang sama (hapus atau pindahkan berkas ini bila yang"
        " dibuat sopdocs yang harus tampil)",
        "docs/katalog.json: berkas tulisan tangan ini dipakai, bukan katalog SOP (data"
        " terbuka) yang dibuat sopdocs di tempat yang sama (hapus atau pindahkan berkas ini"
        " bila yang dibuat sopdocs yang harus tampil)",
    ]
    assert site.content("sop/u/a").find("h1").text.startswith("Tulisan tangan SOP")
    assert json.loads((site.site_dir / "katalog.json").read_text()) == {"tulisan": "tangan"}


SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def test_no_folder_name_becomes_a_link_scheme(tmp_path: Path) -> None:
    """A folder ``javascript:alert(1)+`` holding ``x.yaml`` once made the catalogue link
    ``javascript:alert(1)+/x/``: a script run by a click."""
    files = {
        "sops/javascript:alert(1)+/_unit.yaml": UNIT,
        "sops/javascript:alert(1)+/x.yaml": SOP,
        "sops/u/_unit.yaml": UNIT,
        "sops/u/a (b) 'c'.yaml": SOP.replace("001/SOP", "002/SOP"),
        "docs/index.md": "# Beranda\n",
    }
    site = build_site(write_site(tmp_path, files))
    for url in (
        "sop/",
        "unit/javascript:alert(1)+/",
        "unit/u/",
        "pelaksana/",
        "regulasi/uu-25-2009/",
    ):
        hrefs = site.content(url).links()
        assert hrefs
        for href in hrefs:
            assert not SCHEME.match(href), (url, href)
            path = urllib.parse.unquote(href.partition("#")[0])
            target = (site.site_dir / url / path).resolve()
            assert (target / "index.html").is_file() or target.is_file(), (url, href)
