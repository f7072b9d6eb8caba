"""Folders are units: `_unit.yaml` gives names and defaults; the catalogue is checked whole."""

from __future__ import annotations

from sopdocs.cache import Cache
from sopdocs.catalogue.index import analyse
from sopdocs.reading.loader import load_catalogue
from sopdocs.site.views import sop_rows, subunit_rows
from support import SOP, UNIT, write_files

WITHOUT_HEADER = (
    "\n".join(
        line
        for line in SOP.replace("  - Pemerintah Kabupaten Contoh\n", "")
        .replace("disahkan_oleh:\n  jabatan: Kepala Dinas Contoh\n  nama: Budi Santoso\n", "")
        .splitlines()
        if not line.startswith(("instansi:", "  nip:"))
    )
    + "\n"
)


def test_an_sop_inherits_header_keys_from_its_unit(tmp_path):
    write_files(tmp_path, {"sops/dinas/_unit.yaml": UNIT, "sops/dinas/a.yaml": WITHOUT_HEADER})
    result = load_catalogue(tmp_path / "sops")
    assert result.issues == []
    (sop,) = result.catalogue.sops
    assert sop.instansi == ("Pemerintah Kabupaten Contoh", "Dinas Contoh")
    assert sop.disahkan_oleh.nama == "Budi Santoso, S.H."


def test_the_nearest_unit_and_the_sop_itself_override(tmp_path):
    write_files(
        tmp_path,
        {
            "sops/dinas/_unit.yaml": UNIT,
            "sops/dinas/bidang/_unit.yaml": (
                "nama: Bidang X\ninstansi: [Pemerintah, Dinas, Bidang X]\n"
            ),
            "sops/dinas/bidang/a.yaml": WITHOUT_HEADER,
            "sops/dinas/bidang/b.yaml": WITHOUT_HEADER.replace("001/SOP", "002/SOP")
            + "instansi: [Sendiri]\n",
        },
    )
    result = load_catalogue(tmp_path / "sops")
    assert result.issues == []
    a, b = result.catalogue.sops
    assert a.instansi == ("Pemerintah", "Dinas", "Bidang X")
    assert a.disahkan_oleh.jabatan == "Kepala Dinas Contoh"  # from the outer unit
    assert b.instansi == ("Sendiri",)
    assert [u.nama for u in result.catalogue.units] == ["Katalog SOP", "Dinas Contoh", "Bidang X"]


def test_a_missing_inherited_key_says_it_may_go_in_unit_yaml(tmp_path):
    write_files(tmp_path, {"sops/a.yaml": WITHOUT_HEADER})
    issues = load_catalogue(tmp_path / "sops").issues
    missing = [i for i in issues if i.code == "key.missing"]
    assert {i.message.split("'")[1] for i in missing} == {"instansi", "disahkan_oleh"}
    assert all("_unit.yaml" in i.hint for i in missing)


def test_an_inherited_value_is_reported_where_it_was_written(tmp_path):
    unit = UNIT.replace("19760130 199503 1 001", "123")
    write_files(tmp_path, {"sops/dinas/_unit.yaml": unit, "sops/dinas/a.yaml": WITHOUT_HEADER})
    (issue,) = load_catalogue(tmp_path / "sops").issues
    assert issue.code == "nip.invalid"
    assert issue.location.path.endswith("sops/dinas/_unit.yaml")
    assert issue.location.line == 8


def test_sop_ids_are_paths_under_sops_in_natural_order(tmp_path):
    files = {f"sops/dinas/sop-{n}.yaml": SOP.replace("001/SOP", f"{n}/SOP") for n in (10, 2, 1)}
    write_files(tmp_path, files)
    ids = [s.id for s in load_catalogue(tmp_path / "sops").catalogue.sops]
    assert ids == ["dinas/sop-1", "dinas/sop-2", "dinas/sop-10"]


def test_every_file_and_every_problem_is_reported_in_one_run(tmp_path):
    write_files(
        tmp_path,
        {
            "sops/kosong.yaml": "",
            "sops/latin1.yaml": "nama: caf\xe9\n".encode("latin-1"),
            "sops/daftar.yaml": "- a\n",
            "sops/baik.yaml": SOP,
            "sops/salah.yaml": SOP.replace("001/SOP", "002/SOP").replace(
                "2024-01-03", "2024-02-30"
            ),
        },
    )
    result = load_catalogue(tmp_path / "sops")
    found = {(i.location.path.rsplit("/", 1)[-1], i.code) for i in result.issues}
    assert found == {
        ("kosong.yaml", "file.empty"),
        ("latin1.yaml", "file.encoding"),
        ("daftar.yaml", "yaml.top"),
        ("salah.yaml", "date.invalid"),
    }
    assert [s.id for s in result.catalogue.sops] == ["baik"]


def test_a_bad_byte_is_reported_at_its_line_and_column(tmp_path):
    write_files(tmp_path, {"sops/a.yaml": b"nomor: 1\nnama: caf\xe9\n"})
    (issue,) = load_catalogue(tmp_path / "sops").issues
    assert (issue.code, issue.location.line, issue.location.col) == ("file.encoding", 2, 10)


def test_a_nomor_used_twice_is_an_error_at_the_second(tmp_path):
    write_files(tmp_path, {"sops/a.yaml": SOP, "sops/b.yaml": SOP})
    (issue,) = load_catalogue(tmp_path / "sops").issues
    assert issue.code == "nomor.duplicate"
    assert issue.location.path.endswith("b.yaml")
    assert issue.location.line == 1
    assert "a.yaml" in issue.message


def test_the_schema_comment_line_is_accepted(tmp_path):
    text = "# yaml-language-server: $schema=../schema/sop.schema.json\n" + SOP
    write_files(tmp_path, {"sops/a.yaml": text})
    assert load_catalogue(tmp_path / "sops").issues == []


KETERKAITAN = {
    "sops/a.yaml": SOP,
    "sops/b.yaml": SOP.replace("001/SOP", "002/SOP").replace("Pelayanan Contoh", "Pelayanan Lain")
    + "keterkaitan:\n  - sop pelayanan  CONTOH\n  - 001/sop/dc/2024\n"
    + "  - {sop: a}\n  - SOP Di Luar\n",
}


def test_keterkaitan_resolves_by_name_or_nomor_and_makes_backlinks(tmp_path):
    write_files(tmp_path, KETERKAITAN)
    result = analyse(tmp_path / "sops")
    refs = result.index.references["b"]
    assert [r.target.id if r.target else None for r in refs] == ["a", "a", "a", None]
    assert [s.id for s in result.index.backlinks["a"]] == ["b"]


def test_an_outside_keterkaitan_is_a_warning_and_an_unresolved_sop_ref_an_error(tmp_path):
    files = dict(KETERKAITAN)
    files["sops/b.yaml"] += "  - {sop: tidak-ada}\n"
    write_files(tmp_path, files)
    issues = analyse(tmp_path / "sops").issues
    lines = files["sops/b.yaml"].splitlines()
    assert [(i.code, i.severity.value, i.location.line) for i in issues] == [
        ("reference.outside", "warning", lines.index("  - SOP Di Luar") + 1),
        ("reference.unresolved", "error", lines.index("  - {sop: tidak-ada}") + 1),
    ]


OUTSIDE = (
    "keterkaitan:\n"
    "  - {luar: SOP Pengaduan SP4N-LAPOR!, url: 'https://www.lapor.go.id/'}\n"
    "  - {luar: SOP Pelayanan Contoh}\n"
)


def test_a_declared_outside_sop_stays_outside_with_its_url_and_no_warning(tmp_path):
    write_files(
        tmp_path, {"sops/a.yaml": SOP, "sops/b.yaml": SOP.replace("001/SOP", "002/SOP") + OUTSIDE}
    )
    result = analyse(tmp_path / "sops")
    assert result.issues == []
    refs = result.index.references["b"]
    # Declared outside on purpose: even a name this catalogue also has is not linked to it.
    assert [(r.reference.text, r.reference.outside, r.reference.url, r.target) for r in refs] == [
        ("SOP Pengaduan SP4N-LAPOR!", True, "https://www.lapor.go.id/", None),
        ("SOP Pelayanan Contoh", True, None, None),
    ]
    assert "a" not in result.index.backlinks


def test_an_outside_url_that_is_not_a_web_address_is_an_error_at_the_url(tmp_path):
    text = SOP + "keterkaitan:\n  - {luar: SOP X, url: 'javascript:alert(1)'}\n"
    write_files(tmp_path, {"sops/a.yaml": text})
    result = analyse(tmp_path / "sops")
    line = text.splitlines().index("  - {luar: SOP X, url: 'javascript:alert(1)'}") + 1
    assert [(i.code, i.severity.value, i.location.line, i.location.col) for i in result.issues] == [
        ("reference.url", "error", line, len("  - {luar: SOP X, url: ") + 1)
    ]


def test_the_load_cache_gives_the_same_catalogue_and_follows_unit_edits(tmp_path):
    write_files(tmp_path, {"sops/dinas/_unit.yaml": UNIT, "sops/dinas/a.yaml": WITHOUT_HEADER})
    cache = tmp_path / ".cache"
    cold = load_catalogue(tmp_path / "sops", cache=Cache.open(cache))
    warm = load_catalogue(tmp_path / "sops", cache=Cache.open(cache))
    assert (cache / "load.jsonl").is_file()
    assert warm.catalogue.sops[0].instansi == cold.catalogue.sops[0].instansi
    assert warm.issues == cold.issues == []
    # The SOP file is unchanged, but its unit is not: its cached result must not be reused.
    write_files(tmp_path, {"sops/dinas/_unit.yaml": UNIT.replace("Dinas Contoh\n", "Dinas Baru\n")})
    edited = load_catalogue(tmp_path / "sops", cache=Cache.open(cache))
    assert edited.catalogue.sops[0].instansi == ("Pemerintah Kabupaten Contoh", "Dinas Baru")


def _citing(*citations: str) -> dict[str, str]:
    """One SOP per citation, in folder order, each citing only it."""
    return {
        f"sops/sop-{n}.yaml": SOP.replace("001/SOP", f"00{n}/SOP").replace(
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik", citation
        )
        for n, citation in enumerate(citations, start=1)
    }


def test_numbers_differing_only_in_case_are_one_regulation_written_as_most_sops_write_it(
    tmp_path,
):
    se = "SE Dirjen Dukcapil Nomor 470/837/"
    write_files(tmp_path, _citing(se + "DUKCAPIL", se + "Dukcapil", se + "Dukcapil"))
    index = analyse(tmp_path / "sops").index
    assert [(e.key, e.regulation.nomor, len(e.sops)) for e in index.regulations] == [
        ("se-dirjen-dukcapil-470-837-dukcapil", "470/837/Dukcapil", 3)
    ]


def test_numbers_written_as_often_each_way_are_shown_as_first_written(tmp_path):
    se = "SE Dirjen Dukcapil Nomor 470/837/"
    write_files(tmp_path, _citing(se + "DUKCAPIL", se + "Dukcapil"))
    index = analyse(tmp_path / "sops").index
    assert [e.regulation.nomor for e in index.regulations] == ["470/837/DUKCAPIL"]


def test_a_unit_page_lists_its_subunits_with_every_sop_below_them(tmp_path):
    write_files(
        tmp_path,
        {
            "sops/dinas/_unit.yaml": UNIT,
            "sops/dinas/a.yaml": SOP,
            "sops/dinas/bidang/_unit.yaml": "nama: Bidang\n",
            "sops/dinas/bidang/b.yaml": SOP.replace("001/SOP", "002/SOP"),
            "sops/dinas/bidang/seksi/_unit.yaml": "nama: Seksi\n",
            "sops/dinas/bidang/seksi/c.yaml": SOP.replace("001/SOP", "003/SOP"),
        },
    )
    index = analyse(tmp_path / "sops").index
    dinas = index.catalogue.unit("dinas")
    assert dinas is not None
    assert [(row.unit.nama, row.count) for row in subunit_rows(index, dinas)] == [("Bidang", 2)]
    (row,) = sop_rows(index, index.sops_in_unit("dinas/bidang/seksi"))
    assert (row.units, row.regulations) == (
        ("dinas", "dinas/bidang", "dinas/bidang/seksi"),
        ("uu-25-2009",),
    )
    assert row.roles == ("petugas-loket", "kepala-seksi")


def test_the_sops_of_a_unit_alone_or_with_its_subunits_in_catalogue_order(tmp_path):
    write_files(
        tmp_path,
        {
            "sops/dinas/_unit.yaml": UNIT,
            "sops/dinas/bidang/_unit.yaml": "nama: Bidang\n",
            "sops/dinas/bidang/b.yaml": SOP.replace("001/SOP", "002/SOP"),
            "sops/dinas/bidang/seksi/_unit.yaml": "nama: Seksi\n",
            "sops/dinas/bidang/seksi/c.yaml": SOP.replace("001/SOP", "003/SOP"),
            "sops/dinas/z.yaml": SOP,
            "sops/dinas-lain/_unit.yaml": UNIT,
            "sops/dinas-lain/d.yaml": SOP.replace("001/SOP", "004/SOP"),
        },
    )
    index = analyse(tmp_path / "sops").index
    every = [s.id for s in index.sops]

    def ids(unit: str, nested: bool) -> list[str]:
        return [s.id for s in index.sops_in_unit(unit, nested=nested)]

    assert ids("dinas", False) == ["dinas/z"]
    assert ids("dinas", True) == [i for i in every if i.startswith("dinas/")]
    assert sorted(ids("dinas", True)) == ["dinas/bidang/b", "dinas/bidang/seksi/c", "dinas/z"]
    assert ids("dinas/bidang", False) == ["dinas/bidang/b"]
    assert ids("dinas/bidang", True) == ["dinas/bidang/b", "dinas/bidang/seksi/c"]
    assert ids("dinas/bidang/seksi", True) == ["dinas/bidang/seksi/c"]
    assert ids("dinas-lain", True) == ["dinas-lain/d"]
    assert ids("", True) == every
    assert ids("tidak-ada", True) == ids("tidak-ada", False) == []
