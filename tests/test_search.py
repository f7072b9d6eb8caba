"""What each page tells the search index, and how a typed citation meets it.

Pure core: no MkDocs, no browser. The browser side of the same contract (the JavaScript
``searchKey`` and the header box) is in test_browser.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sopdocs.catalogue.index import CatalogueIndex, analyse
from sopdocs.site.pages import SiteOptions, catalogue_pages
from sopdocs.site.search import (
    ALIAS_SHARDS,
    REGULATION_WEIGHT,
    SOP_WEIGHT,
    alias_files,
    alias_shard,
    alias_table,
    regulation_search_data,
    regulation_token,
    search_key,
    sop_search_data,
)
from sopdocs.site.searchindex import SearchIndexError, build_index
from sopdocs.site.templating import Templates
from support import KEY_CASES, SOP, UNIT, sopdocs_only_yml, write_files


@pytest.mark.parametrize(("text", "key"), KEY_CASES)
def test_search_key_ignores_case_punctuation_spacing_and_filler_words(text: str, key: str):
    assert search_key(text) == key


def test_a_regulation_token_is_one_word_of_letters_and_digits():
    assert regulation_token("uu-24-2013") == "sopdocsreguux24x2013"
    assert regulation_token("perbup-padang-pariaman-55-2016") == (
        "sopdocsregperbupxpadangxpariamanx55x2016"
    )


def test_the_token_keeps_number_and_year_apart():
    assert regulation_token("uu-24-2013") != regulation_token("uu-2-42013")


SECOND = (
    SOP.replace("001/SOP/DC/2024", "002/SOP/DC/2024")
    .replace("Pelayanan Contoh", "Pengaduan Contoh")
    .replace(
        "  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\n",
        "  - UU 25/2009\n  - Permendagri No. 108 Thn 2019\n  - Perbup Padang Pariaman 5/2019\n",
    )
)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> CatalogueIndex:
    root = tmp_path_factory.mktemp("katalog")
    write_files(
        root,
        {
            "sops/dinas/_unit.yaml": UNIT,
            "sops/dinas/layanan.yaml": SOP,
            "sops/dinas/bidang/_unit.yaml": "nama: Bidang Pengaduan\n",
            "sops/dinas/bidang/pengaduan.yaml": SECOND,
        },
    )
    return analyse(root / "sops").index


def test_an_sop_is_filtered_by_its_units_regulation_types_regulations_and_lanes(index):
    sop = index.catalogue.sop("dinas/bidang/pengaduan")
    assert sop_search_data(sop, index).filters == (
        ("unit", "Dinas Contoh"),
        ("unit", "Bidang Pengaduan"),
        ("jenis", "Undang-Undang"),
        ("jenis", "Peraturan Menteri"),
        ("jenis", "Peraturan Bupati/Walikota"),
        ("regulasi", "UU 25/2009"),
        ("regulasi", "Permendagri 108/2019"),
        ("regulasi", "Perbup Padang Pariaman 5/2019"),
        ("pelaksana", "Petugas Loket"),
        ("pelaksana", "Kepala Seksi"),
    )


def test_an_sop_result_shows_its_nomor_and_nearest_unit(index):
    sop = index.catalogue.sop("dinas/bidang/pengaduan")
    assert sop_search_data(sop, index).meta == (
        ("nomor", "002/SOP/DC/2024"),
        ("unit", "Bidang Pengaduan"),
    )


def test_an_sop_is_found_first_by_its_nomor_and_the_regulations_it_cites(index):
    data = sop_search_data(index.catalogue.sop("dinas/layanan"), index)
    assert data.terms == ("001/SOP/DC/2024", "sopdocsreguux25x2009", "UU 25/2009")
    assert data.weight == SOP_WEIGHT


def test_a_regulation_page_outranks_the_sops_citing_it(index):
    data = regulation_search_data(index.regulation("uu-25-2009"))
    assert data.terms == ("sopdocsreguux25x2009", "UU 25/2009", "Undang-Undang Nomor 25 Tahun 2009")
    assert data.filters == (("jenis", "Undang-Undang"), ("regulasi", "UU 25/2009"))
    assert data.weight > SOP_WEIGHT
    assert data.weight == REGULATION_WEIGHT


def test_the_alias_table_maps_every_short_and_formal_name_to_the_token(index):
    table = alias_table(index)
    assert table == {
        "uu252009": "sopdocsreguux25x2009",
        "undangundang252009": "sopdocsreguux25x2009",
        "permendagri1082019": "sopdocsregpermendagrix108x2019",
        "peraturanmenteridalamnegeri1082019": "sopdocsregpermendagrix108x2019",
        "perbuppadangpariaman52019": "sopdocsregperbupxpadangxpariamanx5x2019",
        "peraturanbupatipadangpariaman52019": "sopdocsregperbupxpadangxpariamanx5x2019",
        "perbup52019": "sopdocsregperbupxpadangxpariamanx5x2019",
        "peraturanbupati52019": "sopdocsregperbupxpadangxpariamanx5x2019",
    }


@pytest.mark.parametrize(
    ("key", "shard"),
    [("uu242013", "34"), ("242013", "34"), ("2013", "32"), ("perbup52019", "27"), ("uu", None)],
)
def test_a_key_is_in_the_file_of_the_digits_it_ends_in(key: str, shard: str | None):
    assert alias_shard(key) == shard


def test_the_alias_table_is_published_in_every_file_each_key_in_its_own(index):
    files = alias_files(index)
    names = [f"assets/sopdocs/cari-regulasi/{n:02d}.json" for n in range(ALIAS_SHARDS)]
    assert sorted(files) == names
    published = {}
    for path, text in files.items():
        table = json.loads(text)
        assert all(f"/{alias_shard(key)}.json" in path for key in table), path
        published.update(table)
    assert published == alias_table(index)


def test_a_regional_name_without_its_region_is_dropped_when_two_regions_share_it(tmp_path):
    two = SECOND.replace("Perbup Padang Pariaman 5/2019", "Perbup Agam 5/2019")
    write_files(
        tmp_path,
        {
            "sops/a.yaml": SECOND.replace("002/SOP", "003/SOP"),
            "sops/b.yaml": two.replace("002/SOP", "004/SOP"),
        },
    )
    table = alias_table(analyse(tmp_path / "sops").index)
    assert "perbup52019" not in table
    assert table["perbuppadangpariaman52019"] != table["perbupagam52019"]


def test_indexing_a_folder_without_pages_is_an_error_that_says_so(tmp_path: Path):
    with pytest.raises(SearchIndexError, match="tidak menemukan halaman HTML"):
        build_index(tmp_path)


def test_indexing_writes_the_pagefind_bundle_inside_the_site(tmp_path: Path):
    page = '<!doctype html><html lang="id"><body><main><h1>Akta</h1><p>Kelahiran</p></main>'
    write_files(tmp_path, {"a/index.html": page + "</body></html>"})
    report = build_index(tmp_path)
    assert report.pages == 1
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    assert (tmp_path / "pagefind" / "wasm.id.pagefind").is_file()  # indexed as Indonesian


def test_tags_are_written_for_materials_search_only(index: CatalogueIndex):
    """Pagefind reads the page, not its front matter: a site it searches carries no tags,
    whose parsing MkDocs would repeat every build; one searched by Material keeps them."""

    def front_matters(tags: bool) -> dict[str, str]:
        pages = catalogue_pages(index, templates=Templates(), options=SiteOptions(tags=tags))
        return {p.path: p.markdown.split("\n---\n", 1)[0] for p in pages}

    with_tags, without = front_matters(True), front_matters(False)
    assert sorted(path for path, head in with_tags.items() if "\ntags:" in head) == [
        "regulasi/perbup-padang-pariaman-5-2019/index.md",
        "regulasi/permendagri-108-2019/index.md",
        "regulasi/uu-25-2009/index.md",
        "sop/dinas/bidang/pengaduan/index.md",
        "sop/dinas/layanan/index.md",
    ]
    assert not [path for path, head in without.items() if "\ntags:" in head]


TAGS_SEEN_HOOK = """
from pathlib import Path

def on_page_markdown(markdown, page, **kwargs):
    if "tags" in page.meta:
        with Path("tagged.txt").open("a") as out:
            out.write(page.file.src_uri + "\\n")
"""


@pytest.mark.parametrize(
    ("plugin", "tagged"),
    [
        (None, []),
        ("search", ["regulasi/uu-25-2009/index.md", "sop/a/index.md"]),
        ("tags", ["regulasi/uu-25-2009/index.md", "sop/a/index.md"]),
    ],
)
def test_tags_are_written_only_when_a_plugin_reads_them(
    tmp_path: Path, build_site, plugin: str | None, tagged: list[str]
):
    """With Pagefind switched off, only Material's search and tags plugins read the tags;
    a site listing neither would have MkDocs parse them on every page for nothing."""
    yml = sopdocs_only_yml(search=False, history=False) + "hooks: [tags_seen.py]\n"
    if plugin is not None:
        yml = yml.replace("plugins:\n", f"plugins:\n  - {plugin}\n")
    write_files(
        tmp_path,
        {
            "mkdocs.yml": yml,
            "tags_seen.py": TAGS_SEEN_HOOK,
            "sops/a.yaml": SOP,
            "docs/index.md": "# A",
        },
    )
    build_site(tmp_path)
    seen = tmp_path / "tagged.txt"
    assert sorted(seen.read_text().split() if seen.exists() else []) == tagged
