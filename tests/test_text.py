"""The shared text rules: how names compare, sort, and become URL parts."""

from __future__ import annotations

from pathlib import Path

from sopdocs.text import display_path, fold, natural_key, slugify


def test_names_compare_without_case_or_extra_spaces():
    assert fold("  Kepala   SEKSI\tPelayanan ") == "kepala seksi pelayanan"
    assert fold("Kepala Seksi") == fold("kepala  seksi")


def test_numbers_in_names_sort_by_value():
    names = ["sop-10", "SOP-2", "sop-1a", "sop-1"]
    assert sorted(names, key=natural_key) == ["sop-1", "sop-1a", "SOP-2", "sop-10"]


def test_a_slug_keeps_letters_and_digits_joined_by_hyphens():
    assert slugify("Kepala Seksi (PIAK) / Dukcapil") == "kepala-seksi-piak-dukcapil"
    assert slugify("UU 24/2013") == "uu-24-2013"


def test_a_slug_of_nothing_usable_is_the_fallback():
    assert slugify("—!—") == "x"
    assert slugify("", empty="") == ""


def test_a_path_inside_the_working_directory_is_shown_relative(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "sops" / "a.yaml") == str(Path("sops/a.yaml"))
    assert display_path(tmp_path.parent / "b.yaml") == str(Path("../b.yaml"))


def test_names_with_digits_int_cannot_read_still_sort():
    names = ["²", "2", "١٠", "1"]  # a lane named superscript two; Arabic-Indic ten
    assert sorted(names, key=natural_key) == ["1", "2", "١٠", "²"]
