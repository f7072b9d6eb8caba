"""The ``sops/`` tree as a careless or hostile author leaves it: units misnamed, names that
break URLs or collide, symbolic links out of the tree or in a loop. Each is one located
message; nothing outside the tree is read.
"""

from __future__ import annotations

from sopdocs.catalogue.index import analyse
from support import SOP, UNIT, write_files


def other(number: int) -> str:
    """The valid SOP under another nomor, so that several can sit side by side."""
    return SOP.replace("001/SOP", f"{number:03}/SOP")


def test_unit_yml_is_refused_with_the_name_to_use(tmp_path):
    root = write_files(tmp_path / "sops", {"u/_unit.yml": UNIT, "u/a.yaml": SOP})
    result = analyse(root)
    assert [(i.code, i.hint) for i in result.issues] == [
        ("file.name", "ganti nama berkas menjadi _unit.yaml")
    ]
    assert result.issues[0].location.path.endswith("sops/u/_unit.yml")


def test_a_typo_in_a_unit_file_is_reported_once_however_many_sops_are_beneath(tmp_path):
    files = {"u/_unit.yaml": UNIT + "instansii: [x]\n"}
    files |= {f"u/s{n}.yaml": other(n) for n in range(1, 4)}
    issues = analyse(write_files(tmp_path / "sops", files)).issues
    assert [(i.code, i.location.line) for i in issues] == [("key.unknown", 9)]


def test_two_files_of_one_page_are_an_error_naming_both(tmp_path):
    root = write_files(tmp_path / "sops", {"dup.yaml": SOP, "dup.yml": other(2)})
    result = analyse(root)
    assert [i.code for i in result.issues] == ["file.duplicate"]
    assert "'dup.yml' dan 'dup.yaml'" in result.issues[0].message
    assert [sop.id for sop in result.index.sops] == ["dup"]


def test_names_differing_only_in_case_collide(tmp_path):
    root = write_files(tmp_path / "sops", {"Akta.yaml": SOP, "akta.yaml": other(2)})
    assert [i.code for i in analyse(root).issues] == ["file.duplicate"]


def test_folders_differing_only_in_case_collide(tmp_path):
    root = write_files(tmp_path / "sops", {"Unit/a.yaml": SOP, "unit/b.yaml": other(2)})
    assert [i.code for i in analyse(root).issues] == ["file.duplicate"]


def test_names_that_break_urls_are_refused_with_a_name_to_use(tmp_path):
    names = {"a#b.yaml": "a-b.yaml", "Tanya?.yaml": "tanya.yaml", "100%.yml": "100.yml"}
    names |= {"tab\there.yaml": "tab-here.yaml", "baris\nbaru.yaml": "baris-baru.yaml"}
    root = write_files(tmp_path / "sops", {name: other(n) for n, name in enumerate(names, start=1)})
    result = analyse(root)
    assert sorted(i.hint for i in result.issues) == sorted(
        f"ganti nama menjadi {name}" for name in names.values()
    )
    assert {i.code for i in result.issues} == {"file.name"}
    assert all("\n" not in str(i) and "\t" not in str(i) for i in result.issues)
    assert result.index.sops == ()


def test_an_upper_case_suffix_is_refused_not_ignored(tmp_path):
    root = write_files(tmp_path / "sops", {"a.YAML": SOP})
    assert [(i.code, i.hint) for i in analyse(root).issues] == [
        ("file.name", "ganti nama menjadi a.yaml")
    ]


def test_a_link_loop_is_reported_once_and_not_walked(tmp_path):
    root = write_files(tmp_path / "sops", {"u/a.yaml": SOP})
    (root / "u" / "loop").symlink_to("..")
    result = analyse(root)
    assert [i.code for i in result.issues] == ["file.symlink"]
    assert [sop.id for sop in result.index.sops] == ["u/a"]


def test_a_link_out_of_the_tree_is_never_read(tmp_path):
    secret = tmp_path / "rahasia.yaml"
    secret.write_text("kata_sandi: RAHASIA-123\n", encoding="utf-8")
    root = write_files(tmp_path / "sops", {"a.yaml": SOP})
    (root / "b.yaml").symlink_to(secret)
    (root / "passwd.yaml").symlink_to("/etc/passwd")
    (root / "_unit.yaml").symlink_to(secret)
    result = analyse(root)
    assert [i.code for i in result.issues] == ["file.symlink"] * 3
    assert not any("RAHASIA" in str(i) or "root:" in str(i) for i in result.issues)


def test_a_broken_link_is_reported(tmp_path):
    root = write_files(tmp_path / "sops", {"a.yaml": SOP})
    (root / "hilang.yaml").symlink_to("tidak-ada.yaml")
    issues = analyse(root).issues
    assert [(i.code, i.location.path.endswith("sops/hilang.yaml")) for i in issues] == [
        ("file.symlink", True)
    ]


def test_a_link_to_a_file_inside_the_tree_is_read(tmp_path):
    root = write_files(tmp_path / "sops", {"asli/a.yaml": SOP})
    (root / "b.yaml").symlink_to("asli/a.yaml")
    result = analyse(root)
    assert sorted(sop.id for sop in result.index.sops) == ["asli/a", "b"]
    assert [i.code for i in result.issues] == ["nomor.duplicate"]
