"""`sopdocs diff`: what changed in an SOP between two commits, in the form's own terms.

Every test makes one kind of change in a real git repository and asserts the complete list
of what the review reports, as (kind, label, old, new, new step, old step).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gitrepo import GitRepo
from sopdocs import review
from sopdocs.review.changes import Change, Report
from support import SOP, UNIT, UNIT_SOP

ARCHIVE = "  - kegiatan: Mengarsipkan berkas\n    pelaksana: Petugas Loket\n"
"""A fourth step to add to the standard SOP."""


def rows(changes: tuple[Change, ...] | list[Change]) -> list[tuple]:
    return [(c.kind, c.label, c.old, c.new, c.step, c.old_step) for c in changes]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """A catalogue of one SOP, committed; the tests run at its root, as an author would."""
    repo = GitRepo(tmp_path / "katalog")
    monkeypatch.chdir(repo.root)
    repo.commit("Katalog awal", {"sops/dinas/contoh.yaml": SOP})
    return repo


def diff_after(repo: GitRepo, files: dict[str, str | None]) -> Report:
    repo.commit("Perubahan", files)
    return review.diff("HEAD~1", "HEAD", repo.root / "sops")


def edited(repo: GitRepo, old: str, new: str, count: int = 1) -> Report:
    text = SOP
    assert text.count(old) >= count, old
    return diff_after(repo, {"sops/dinas/contoh.yaml": text.replace(old, new, count)})


def only_sop(report: Report) -> list[tuple]:
    assert [(s.status, s.id) for s in report.sops] == [("changed", "dinas/contoh")]
    return rows(report.sops[0].changes)


# --- Steps --------------------------------------------------------------------------------


def test_an_inserted_step_is_one_new_step_not_every_later_step_changed(repo):
    report = edited(
        repo,
        "  - id: periksa\n",
        "  - kegiatan: Mencatat berkas di buku register\n"
        "    pelaksana: Petugas Loket\n"
        "  - id: periksa\n",
    )
    assert only_sop(report) == [
        ("step-added", "Langkah", None, "Mencatat berkas di buku register", 2, None)
    ]


def test_a_step_inserted_first_shows_the_numbered_branch_now_naming_the_new_step(repo):
    # "tidak: 1" still says 1, which is now the inserted step: the reviewer must see it.
    report = edited(
        repo,
        "prosedur:\n",
        "prosedur:\n  - kegiatan: Mengambil nomor antrean\n    pelaksana: Petugas Loket\n",
    )
    assert only_sop(report) == [
        ("step-added", "Langkah", None, "Mengambil nomor antrean", 1, None),
        (
            "flow",
            "cabang Tidak",
            "kembali ke langkah 1 (Menerima berkas)",
            "kembali ke langkah 1 (Mengambil nomor antrean)",
            3,
            2,
        ),
    ]


def test_a_branch_naming_its_target_by_id_follows_the_step_when_one_is_inserted(repo):
    by_id = SOP.replace(
        "  - kegiatan: Menerima berkas\n", "  - id: terima\n    kegiatan: Menerima berkas\n"
    )
    by_id = by_id.replace("keputusan: {tidak: 1}", "keputusan: {tidak: terima}")
    repo.commit("Tujuan dengan id", {"sops/dinas/contoh.yaml": by_id})
    inserted = by_id.replace(
        "prosedur:\n",
        "prosedur:\n  - kegiatan: Mengambil nomor antrean\n    pelaksana: Petugas Loket\n",
    )
    report = diff_after(repo, {"sops/dinas/contoh.yaml": inserted})
    assert only_sop(report) == [("step-added", "Langkah", None, "Mengambil nomor antrean", 1, None)]


def test_a_removed_step_is_named_with_its_old_number(repo):
    repo.commit("Empat langkah", {"sops/dinas/contoh.yaml": SOP + ARCHIVE})
    report = diff_after(repo, {"sops/dinas/contoh.yaml": SOP})
    assert only_sop(report) == [("step-removed", "Langkah", "Mengarsipkan berkas", None, None, 4)]


def test_an_edited_step_says_which_field_changed_from_what_to_what(repo):
    report = edited(repo, "waktu: 1 jam", "waktu: 2 hari")
    assert only_sop(report) == [("step-edited", "Mutu Baku: Waktu", "1 jam", "2 hari", 3, 3)]


def test_a_step_whose_kegiatan_is_reworded_stays_the_same_step(repo):
    report = edited(repo, "Memeriksa kelengkapan berkas", "Memeriksa kelengkapan dokumen")
    assert only_sop(report) == [
        (
            "step-edited",
            "Kegiatan",
            "Memeriksa kelengkapan berkas",
            "Memeriksa kelengkapan dokumen",
            2,
            2,
        )
    ]


def test_a_step_gaining_a_pelaksana_and_an_output(repo):
    report = edited(
        repo,
        "  - kegiatan: Menerima berkas\n    pelaksana: Petugas Loket\n",
        "  - kegiatan: Menerima berkas\n    pelaksana: [Petugas Loket, Kepala Seksi]\n"
        "    output: Tanda terima\n",
    )
    assert only_sop(report) == [
        ("step-edited", "Pelaksana", "Petugas Loket", "Petugas Loket, Kepala Seksi", 1, 1),
        ("step-edited", "Mutu Baku: Output", None, "Tanda terima", 1, 1),
    ]


def test_swapped_steps_are_one_move_and_the_decision_now_leading_elsewhere(repo):
    sop = SOP.replace(
        "  - kegiatan: Menyerahkan dokumen\n    pelaksana: [Petugas Loket, Kepala Seksi]\n"
        "    waktu: 1 jam\n",
        "  - kegiatan: Menyerahkan dokumen\n    pelaksana: [Petugas Loket, Kepala Seksi]\n"
        "    waktu: 1 jam\n  - kegiatan: Mengarsipkan berkas\n    pelaksana: Petugas Loket\n",
    )
    repo.commit("Empat langkah", {"sops/dinas/contoh.yaml": sop})
    swapped = sop.replace(
        "  - kegiatan: Menyerahkan dokumen\n    pelaksana: [Petugas Loket, Kepala Seksi]\n"
        "    waktu: 1 jam\n  - kegiatan: Mengarsipkan berkas\n    pelaksana: Petugas Loket\n",
        "  - kegiatan: Mengarsipkan berkas\n    pelaksana: Petugas Loket\n"
        "  - kegiatan: Menyerahkan dokumen\n    pelaksana: [Petugas Loket, Kepala Seksi]\n"
        "    waktu: 1 jam\n",
    )
    report = diff_after(repo, {"sops/dinas/contoh.yaml": swapped})
    assert only_sop(report) == [
        (
            "flow",
            "cabang Ya",
            "ke langkah 3 (Menyerahkan dokumen)",
            "ke langkah 3 (Mengarsipkan berkas)",
            2,
            2,
        ),
        ("step-moved", "Langkah", None, "Mengarsipkan berkas", 3, 4),
    ]


# --- Flow ---------------------------------------------------------------------------------


def test_writing_out_the_branch_a_decision_already_took_is_format_only(repo):
    report = edited(repo, "keputusan: {tidak: 1}", "keputusan: {ya: 3, tidak: 1}")
    assert [(s.status, s.changes) for s in report.sops] == [("format", ())]


def test_a_branch_target_and_a_new_loop(repo):
    sop = SOP.replace(
        "  - kegiatan: Menyerahkan dokumen\n",
        "  - kegiatan: Mencetak dokumen\n    pelaksana: Kepala Seksi\n"
        "  - kegiatan: Menyerahkan dokumen\n",
    )
    repo.commit("Empat langkah", {"sops/dinas/contoh.yaml": sop})
    changed = sop.replace("keputusan: {tidak: 1}", "keputusan: {tidak: 4}").replace(
        "    pelaksana: Kepala Seksi\n  - kegiatan: Menyerahkan",
        "    pelaksana: Kepala Seksi\n    lanjut: 1\n  - kegiatan: Menyerahkan",
    )
    report = diff_after(repo, {"sops/dinas/contoh.yaml": changed})
    assert only_sop(report) == [
        (
            "flow",
            "cabang Tidak",
            "kembali ke langkah 1 (Menerima berkas)",
            "ke langkah 4 (Menyerahkan dokumen)",
            2,
            2,
        ),
        (
            "flow",
            "alur",
            "ke langkah 4 (Menyerahkan dokumen)",
            "kembali ke langkah 1 (Menerima berkas)",
            3,
            3,
        ),
    ]


def test_a_step_that_now_ends_the_procedure(repo):
    repo.commit("Empat langkah", {"sops/dinas/contoh.yaml": SOP + ARCHIVE})
    ends = SOP.replace("    waktu: 1 jam\n", "    waktu: 1 jam\n    selesai: true\n")
    report = diff_after(
        repo, {"sops/dinas/contoh.yaml": ends.replace("{tidak: 1}", "{tidak: 4}") + ARCHIVE}
    )
    assert only_sop(report) == [
        (
            "flow",
            "cabang Tidak",
            "kembali ke langkah 1 (Menerima berkas)",
            "ke langkah 4 (Mengarsipkan berkas)",
            2,
            2,
        ),
        ("flow", "alur", "ke langkah 4 (Mengarsipkan berkas)", "selesai", 3, 3),
    ]


# --- Boxes and pelaksana ------------------------------------------------------------------


def test_a_regulation_spelt_anew_is_spelling_only_and_others_added_or_removed(repo):
    old = "  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\n"
    report = edited(
        repo,
        old,
        "  - UU No. 25 Thn 2009\n"
        "  - Permendagri Nomor 108 Tahun 2019 tentang Peraturan Pelaksanaan Perpres 96/2018\n",
    )
    assert only_sop(report) == [
        (
            "respelled",
            "Dasar Hukum",
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
            "UU No. 25 Thn 2009",
            None,
            None,
        ),
        (
            "added",
            "Dasar Hukum",
            None,
            "Permendagri Nomor 108 Tahun 2019 tentang Peraturan Pelaksanaan Perpres 96/2018",
            None,
            None,
        ),
    ]


def test_a_regulation_replaced_by_another_is_one_removed_and_one_added(repo):
    report = edited(
        repo,
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
    )
    assert only_sop(report) == [
        (
            "removed",
            "Dasar Hukum",
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
            None,
            None,
            None,
        ),
        (
            "added",
            "Dasar Hukum",
            None,
            "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
            None,
            None,
        ),
    ]


def test_items_added_to_and_removed_from_every_other_box(repo):
    boxes = (
        "kualifikasi_pelaksana: [Memahami tata naskah dinas]\n"
        "keterkaitan: [SOP Pengarsipan]\n"
        "peralatan: [Komputer, Printer]\n"
        "peringatan: Berkas tidak lengkap dikembalikan.\n"
        "pencatatan: Buku register.\n"
    )
    repo.commit(
        "Kotak", {"sops/dinas/contoh.yaml": SOP.replace("pelaksana:\n", boxes + "pelaksana:\n", 1)}
    )
    after = (
        "kualifikasi_pelaksana: [Memahami tata naskah dinas, Mampu mengoperasikan komputer]\n"
        "keterkaitan: [Pengarsipan, SOP Pengaduan]\n"
        "peralatan: [Komputer]\n"
        "peringatan: [Berkas tidak lengkap dikembalikan., Berkas palsu dilaporkan.]\n"
        "pencatatan: Aplikasi SIAK.\n"
    )
    report = diff_after(
        repo, {"sops/dinas/contoh.yaml": SOP.replace("pelaksana:\n", after + "pelaksana:\n", 1)}
    )
    assert only_sop(report) == [
        ("added", "Kualifikasi Pelaksana", None, "Mampu mengoperasikan komputer", None, None),
        ("respelled", "Keterkaitan", "SOP Pengarsipan", "Pengarsipan", None, None),
        ("added", "Keterkaitan", None, "SOP Pengaduan", None, None),
        ("removed", "Peralatan", "Printer", None, None, None),
        ("added", "Peringatan", None, "Berkas palsu dilaporkan.", None, None),
        ("removed", "Pencatatan", "Buku register.", None, None, None),
        ("added", "Pencatatan", None, "Aplikasi SIAK.", None, None),
    ]


def test_pelaksana_added_removed_and_reordered(repo):
    report = edited(
        repo,
        "pelaksana:\n  - Petugas Loket\n  - Kepala Seksi\n",
        "pelaksana:\n  - Kepala Seksi\n  - Petugas Loket\n  - Kepala Dinas\n",
    )
    assert only_sop(report) == [
        ("added", "Pelaksana", None, "Kepala Dinas", None, None),
        (
            "reordered",
            "Pelaksana",
            "Petugas Loket, Kepala Seksi",
            "Kepala Seksi, Petugas Loket, Kepala Dinas",
            None,
            None,
        ),
        (
            "step-edited",
            "Pelaksana",
            "Petugas Loket, Kepala Seksi",
            "Kepala Seksi, Petugas Loket",
            3,
            3,
        ),
    ]


def test_a_removed_pelaksana(repo):
    sop = SOP.replace(
        "  - Kepala Seksi\nprosedur:", "  - Kepala Seksi\n  - Kepala Dinas\nprosedur:"
    )
    repo.commit("Tiga pelaksana", {"sops/dinas/contoh.yaml": sop})
    report = diff_after(repo, {"sops/dinas/contoh.yaml": SOP})
    assert only_sop(report) == [("removed", "Pelaksana", "Kepala Dinas", None, None, None)]


# --- Identity -----------------------------------------------------------------------------


def test_identity_fields_old_to_new(repo):
    sop = (
        SOP.replace("nomor: 001/SOP/DC/2024", "nomor: 001/SOP/DC/2025")
        .replace("nama: Pelayanan Contoh", "nama: Pelayanan Contoh Terpadu")
        .replace(
            "tanggal_efektif: 2024-02", "tanggal_revisi: 2025-01-06\ntanggal_efektif: 2025-02-01"
        )
        .replace("  nama: Budi Santoso\n", "  nama: Siti Aminah, S.Sos.\n")
        .replace("'197601301995031001'", "19760130 199503 1 001")  # spacing only: not a change
    )
    report = diff_after(repo, {"sops/dinas/contoh.yaml": sop})
    assert only_sop(report) == [
        ("field", "Nomor SOP", "001/SOP/DC/2024", "001/SOP/DC/2025", None, None),
        ("field", "Nama SOP", "Pelayanan Contoh", "Pelayanan Contoh Terpadu", None, None),
        ("field", "Tanggal Revisi", "-", "6 Januari 2025", None, None),
        ("field", "Tanggal Efektif", "Februari 2024", "1 Februari 2025", None, None),
        ("field", "Disahkan oleh: Nama", "Budi Santoso", "Siti Aminah, S.Sos.", None, None),
    ]


# --- Whole SOPs ---------------------------------------------------------------------------


def test_added_removed_and_moved_sops(repo):
    other = SOP.replace("001/SOP", "002/SOP").replace("Pelayanan Contoh", "Pelayanan Lain")
    third = SOP.replace("001/SOP", "003/SOP").replace("Pelayanan Contoh", "Pelayanan Ketiga")
    repo.commit("Tiga SOP", {"sops/dinas/lain.yaml": other, "sops/dinas/ketiga.yaml": third})
    (repo.root / "sops/bidang").mkdir()
    repo.git("mv", "sops/dinas/lain.yaml", "sops/bidang/lain-lain.yaml")
    new = SOP.replace("001/SOP", "004/SOP").replace("Pelayanan Contoh", "Pelayanan Baru")
    report = diff_after(repo, {"sops/dinas/ketiga.yaml": None, "sops/dinas/baru.yaml": new})
    assert [(s.status, s.id, s.old_id, s.nomor, s.changes) for s in report.sops] == [
        ("removed", "dinas/ketiga", None, "003/SOP/DC/2024", ()),
        ("added", "dinas/baru", None, "004/SOP/DC/2024", ()),
        ("moved", "bidang/lain-lain", "dinas/lain", "002/SOP/DC/2024", ()),
    ]


def test_a_renamed_file_with_a_new_nomor_and_a_longer_nama_is_still_the_same_sop(repo):
    repo.git("mv", "sops/dinas/contoh.yaml", "sops/dinas/contoh-baru.yaml")
    sop = SOP.replace("001/SOP", "009/SOP").replace("Pelayanan Contoh", "Pelayanan Contoh Terpadu")
    report = diff_after(repo, {"sops/dinas/contoh-baru.yaml": sop})
    assert [(s.status, s.id, s.old_id) for s in report.sops] == [
        ("changed", "dinas/contoh-baru", "dinas/contoh")
    ]
    assert rows(report.sops[0].changes) == [
        ("field", "Nomor SOP", "001/SOP/DC/2024", "009/SOP/DC/2024", None, None),
        ("field", "Nama SOP", "Pelayanan Contoh", "Pelayanan Contoh Terpadu", None, None),
    ]


def test_a_new_sop_copied_from_a_removed_one_is_not_taken_for_it(repo):
    other = SOP.replace("001/SOP", "002/SOP").replace("Pelayanan Contoh", "Penerbitan Surat")
    report = diff_after(repo, {"sops/dinas/contoh.yaml": None, "sops/dinas/surat.yaml": other})
    assert [(s.status, s.id) for s in report.sops] == [
        ("removed", "dinas/contoh"),
        ("added", "dinas/surat"),
    ]


def test_key_order_quoting_and_comments_are_format_only(repo):
    sop = "# Disalin dari dokumen asli.\n" + SOP.replace(
        "nomor: 001/SOP/DC/2024\nnama: Pelayanan Contoh\n",
        "nama: 'Pelayanan Contoh'\nnomor: \"001/SOP/DC/2024\"  # sesuai surat\n",
    )
    report = diff_after(repo, {"sops/dinas/contoh.yaml": sop})
    assert [(s.status, s.id, s.changes) for s in report.sops] == [("format", "dinas/contoh", ())]


def test_an_untouched_catalogue_reports_nothing(repo):
    report = diff_after(repo, {"README.md": "Katalog\n"})
    assert report.empty


# --- Units --------------------------------------------------------------------------------


def test_a_unit_default_change_is_reported_once_with_the_sops_it_affects(tmp_path):
    repo = GitRepo(tmp_path / "katalog")
    own = SOP.replace("001/SOP", "003/SOP").replace("Pelayanan Contoh", "Pelayanan Sendiri")
    repo.commit(
        "Unit",
        {
            "sops/dinas/_unit.yaml": UNIT,
            "sops/dinas/a.yaml": UNIT_SOP,
            "sops/dinas/b.yaml": UNIT_SOP.replace("001/SOP", "002/SOP").replace(
                "Pelayanan Contoh", "Pelayanan Kedua"
            ),
            "sops/dinas/sendiri.yaml": own,  # writes its own kop: not affected
        },
    )
    repo.commit(
        "Kepala dinas baru",
        {
            "sops/dinas/_unit.yaml": UNIT.replace(
                "Budi Santoso, S.H.", "Siti Aminah, S.Sos."
            ).replace("19760130 199503 1 001", "19800101 200501 2 003")
        },
    )
    report = review.diff("HEAD~1", "HEAD", repo.root / "sops")
    assert report.sops == ()
    assert [(u.unit, u.nama, rows(u.changes), [s.id for s in u.sops]) for u in report.units] == [
        (
            "dinas",
            "Dinas Contoh",
            [
                (
                    "field",
                    "Disahkan oleh: Nama",
                    "Budi Santoso, S.H.",
                    "Siti Aminah, S.Sos.",
                    None,
                    None,
                ),
                (
                    "field",
                    "Disahkan oleh: NIP",
                    "19760130 199503 1 001",
                    "19800101 200501 2 003",
                    None,
                    None,
                ),
            ],
            ["dinas/a", "dinas/b"],
        )
    ]


# --- Files that do not load ---------------------------------------------------------------


def test_a_file_that_does_not_load_is_reported_and_the_rest_still_compared(repo):
    other = SOP.replace("001/SOP", "002/SOP").replace("Pelayanan Contoh", "Pelayanan Lain")
    repo.commit("Dua SOP", {"sops/dinas/lain.yaml": other})
    report = diff_after(
        repo,
        {
            "sops/dinas/lain.yaml": other.replace(
                "tanggal_efektif: 2024-02", "tanggal_efektif: 2024-02-30"
            ),
            "sops/dinas/contoh.yaml": SOP.replace("waktu: 1 jam", "waktu: 2 jam"),
        },
    )
    assert [(s.status, s.id) for s in report.sops] == [("changed", "dinas/contoh")]
    assert [(u.side, u.id, [str(i.location) for i in u.issues]) for u in report.unreadable] == [
        ("head", "dinas/lain", ["sops/dinas/lain.yaml:6:18"])
    ]


def test_unit_changes_inherited_by_different_sops_are_told_apart(tmp_path):
    repo = GitRepo(tmp_path / "katalog")
    own_instansi = UNIT_SOP.replace("001/SOP", "002/SOP").replace(
        "tanggal_pembuatan:", "instansi: [Pemerintah Kota Lain]\ntanggal_pembuatan:"
    )
    repo.commit(
        "Unit",
        {"sops/_unit.yaml": UNIT, "sops/a.yaml": UNIT_SOP, "sops/b.yaml": own_instansi},
    )
    repo.commit(
        "Kop baru",
        {
            "sops/_unit.yaml": UNIT.replace("Budi Santoso, S.H.", "Siti Aminah").replace(
                "  - Dinas Contoh\n", "  - Dinas Contoh Baru\n"
            )
        },
    )
    report = review.diff("HEAD~1", "HEAD", repo.root / "sops")
    assert [(u.unit, rows(u.changes), [s.id for s in u.sops]) for u in report.units] == [
        (
            "",
            [
                (
                    "field",
                    "Instansi",
                    "Pemerintah Kabupaten Contoh / Dinas Contoh",
                    "Pemerintah Kabupaten Contoh / Dinas Contoh Baru",
                    None,
                    None,
                ),
            ],
            ["a"],
        ),
        (
            "",
            [("field", "Disahkan oleh: Nama", "Budi Santoso, S.H.", "Siti Aminah", None, None)],
            ["a", "b"],
        ),
    ]
