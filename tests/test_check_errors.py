"""Every class of mistake in the contract's "What is an error" list, reported at its place.

Each case changes one thing in a valid SOP and expects exactly one issue of one code, at the
line and column where the author wrote the offending text.
"""

from __future__ import annotations

import pytest
from sopdocs.issues import Severity
from sopdocs.reading.loader import load_sop_text
from support import SOP, dedent


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first ``needle`` in ``text``."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def only_issue(text: str):
    sop, issues = load_sop_text(text, "sops/contoh.yaml")
    assert len(issues) == 1, [str(i) for i in issues]
    return sop, issues[0]


def test_the_valid_fixture_has_no_issue():
    sop, issues = load_sop_text(SOP)
    assert issues == []
    assert sop is not None
    assert [s.number for s in sop.steps] == [1, 2, 3]


CASES = {
    # id: (replace this, with this, code, where the issue points)
    "unknown key (a typo)": ("nama: Pelayanan", "nmaa: Pelayanan", "key.unknown", "nmaa"),
    "wrong type": ("tanggal_efektif: 2024-02", "tanggal_efektif: [2024]", "type", "[2024]"),
    "impossible date": ("2024-01-03", "2024-02-30", "date.invalid", "2024-02-30"),
    "date in the wrong format": ("2024-01-03", "03/01/2024", "date.invalid", "03/01/2024"),
    "nip that is not 18 digits": (
        "'197601301995031001'",
        "'19760130199503100'",
        "nip.invalid",
        "'19760130199503100'",
    ),
    "duplicate lane": (
        "  - Kepala Seksi\nprosedur",
        "  - Kepala Seksi\n  - Petugas Loket\nprosedur",
        "lane.duplicate",
        "Petugas Loket\nprosedur",
    ),
    "step lane that is not a lane": (
        "pelaksana: Kepala Seksi\n    keputusan",
        "pelaksana: Kepala Seksie\n    keputusan",
        "step.lane",
        "Kepala Seksie",
    ),
    "target that names no step": ("{tidak: 1}", "{tidak: 9}", "step.target", "9}"),
    "target id that names no step": (
        "waktu: 1 jam",
        "waktu: 1 jam\n    lanjut: periksaa",
        "step.target",
        "periksaa",
    ),
    "decision with both branches to one step": (
        "{tidak: 1}",
        "{ya: 3, tidak: 3}",
        "step.decision-same",
        "{ya: 3",
    ),
    "no: out of order": (
        "  - kegiatan: Menerima berkas",
        "  - no: 2\n    kegiatan: Menerima berkas",
        "step.no",
        "2\n    kegiatan: Menerima",
    ),
    "flow that never ends": (
        "waktu: 1 jam",
        "waktu: 1 jam\n    lanjut: 1",
        "flow.no-end",
        "kegiatan: Menerima",
    ),
    "duplicate key": (
        "tanggal_efektif: 2024-02",
        "tanggal_efektif: 2024-02\nnama: X",
        "yaml.duplicate-key",
        "nama: X",
    ),
    "conflicting flow keys": (
        "waktu: 1 jam",
        "waktu: 1 jam\n    selesai: true\n    lanjut: 2",
        "step.flow-conflict",
        "true\n    lanjut",
    ),
}


@pytest.mark.parametrize(("old", "new", "code", "at"), CASES.values(), ids=CASES.keys())
def test_each_mistake_is_reported_once_at_its_place(old, new, code, at):
    assert old in SOP
    text = SOP.replace(old, new, 1)
    sop, issue = only_issue(text)
    assert issue.code == code
    assert issue.severity is Severity.ERROR
    assert (issue.location.line, issue.location.col) == position(text, at)
    assert sop is None, "an SOP with an error is not built"


def test_a_missing_key_is_reported_at_the_top_with_what_to_add():
    _, issue = only_issue(SOP.replace("nama: Pelayanan Contoh\n", ""))
    assert issue.code == "key.missing"
    assert "'nama'" in issue.message
    assert issue.hint == "tambahkan `nama: ...`"
    assert (issue.location.line, issue.location.col) == (1, 1)


def test_an_unknown_key_suggests_the_key_that_was_meant():
    _, issue = only_issue(SOP.replace("nomor:", "nomer:"))
    assert issue.hint == "maksud Anda 'nomor'?"


def test_a_wrong_lane_suggests_the_closest_lane():
    _, issue = only_issue(SOP.replace("pelaksana: Kepala Seksi\n", "pelaksana: Kepala Seksie\n"))
    assert issue.hint == "maksud Anda 'Kepala Seksi'?"


def test_lanes_match_whatever_the_case_and_spacing():
    sop, issues = load_sop_text(SOP.replace("[Petugas Loket, Kepala Seksi]", "[petugas  loket]"))
    assert issues == []
    assert sop.steps[2].pelaksana == ("Petugas Loket",)


def test_an_unreachable_step_is_an_error_at_the_step():
    text = SOP.replace("waktu: 15 menit", "waktu: 15 menit\n    lanjut: 3")
    _, issues = load_sop_text(text)
    assert [(i.code, i.location.line) for i in issues] == [
        ("step.unreachable", position(text, "- id: periksa")[0])
    ]


def test_a_step_after_an_early_end_is_unreachable_unless_a_branch_goes_there():
    ended = SOP.replace("waktu: 15 menit", "waktu: 15 menit\n    selesai: true")
    assert {i.code for i in load_sop_text(ended)[1]} == {"step.unreachable"}


def test_a_decision_on_the_last_step_must_name_both_branches():
    text = SOP.replace("waktu: 1 jam", "waktu: 1 jam\n    keputusan: {tidak: 1}")
    _, issue = only_issue(text)
    assert issue.code == "step.target"
    assert "'ya'" in issue.message


@pytest.mark.parametrize(
    ("text", "code", "line", "col"),
    [
        ("nomor: 1\n\tnama: x\n", "yaml.syntax", 2, 1),
        ("nomor: 1\n  nama: x\n", "yaml.syntax", 2, 7),
        ('nama: "tanpa penutup\n', "yaml.syntax", 2, 1),
        ("- nomor: 1\n- nama: x\n", "yaml.top", 1, 1),
        ("hanya teks\n", "yaml.top", 1, 1),
    ],
    ids=["tab", "bad indentation", "unclosed quote", "list at the top", "text at the top"],
)
def test_malformed_yaml_is_one_clear_message(text, code, line, col):
    sop, issues = load_sop_text(text, "sops/rusak.yaml")
    assert sop is None
    assert [(i.code, i.location.line, i.location.col) for i in issues] == [(code, line, col)]
    assert str(issues[0]).startswith(f"sops/rusak.yaml:{line}:{col}: error: ")


def test_a_self_referencing_alias_is_reported_not_followed():
    sop, issues = load_sop_text("nama: &a [*a]\n", "sops/rusak.yaml")
    assert sop is None
    # The alias names a list not yet finished: the file cannot be read past it.
    assert [(i.code, i.location.line, i.location.col) for i in issues] == [("yaml.syntax", 1, 11)]


def test_tabs_get_a_hint_to_use_spaces():
    _, issues = load_sop_text("nomor: 1\n\tnama: x\n")
    assert "spasi" in issues[0].hint


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        (
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
            "Surat dari Pak Camat",
            "citation.unrecognised",
        ),
        ("waktu: 15 menit", "waktu: Sesuai jadwal", "waktu.unparsed"),
    ],
    ids=["unrecognised citation", "waktu not understood"],
)
def test_warnings_do_not_stop_the_sop_from_being_built(old, new, code):
    sop, issues = load_sop_text(SOP.replace(old, new))
    assert [(i.code, i.severity) for i in issues] == [(code, Severity.WARNING)]
    assert sop is not None


def test_all_problems_of_a_file_are_reported_in_one_run():
    text = dedent(
        """
        nomer: 1
        nama: Contoh
        tanggal_pembuatan: 2024-13-01
        tanggal_efektif: 2024-01-01
        dasar_hukum: [UU 25/2009]
        pelaksana: [A, A]
        prosedur:
          - kegiatan: satu
            pelaksana: B
        """
    )
    _, issues = load_sop_text(text)
    codes = {i.code for i in issues}
    assert {"key.unknown", "key.missing", "date.invalid", "lane.duplicate", "step.lane"} <= codes


def test_a_target_written_in_superscript_digits_is_a_missing_step_not_a_crash():
    text = SOP.replace("waktu: 1 jam", "waktu: 1 jam\n    lanjut: '²'")
    assert [(i.code, i.location.line) for i in load_sop_text(text)[1]] == [
        ("step.target", position(text, "'²'")[0])
    ]


def test_a_nip_of_superscript_digits_is_invalid():
    text = SOP.replace("'197601301995031001'", "'" + "²" * 18 + "'")
    assert [i.code for i in load_sop_text(text)[1]] == ["nip.invalid"]
