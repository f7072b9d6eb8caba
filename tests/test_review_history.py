"""Each SOP page's "Riwayat Perubahan": its revisions from git, in the terms of `sopdocs diff`.

The repositories are real, made with real git commands; each test asserts the complete list
of revisions, newest first, as (status, commit message, old id, changes).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import build_site, write_site
from gitrepo import GitRepo
from sopdocs.cache import Cache, seal, unseal
from sopdocs.review.history import SHALLOW_WARNING, History, read_history
from support import SOP, UNIT, UNIT_SOP

HOSTILE = "<script>alert(1)</script> {{ 7*7 }} *tebal* [x](http://jahat) # judul"


def revisions(history: History, sop_id: str) -> list[tuple]:
    return [
        (
            r.status,
            r.commit.message,
            r.old_id,
            [(c.kind, c.label, c.old, c.new, c.step, c.old_step) for c in r.changes],
        )
        for r in history.of(sop_id)
    ]


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """A unit with two SOPs, then a commit of each kind a page's history must tell."""
    repo = GitRepo(tmp_path / "katalog")
    lain = UNIT_SOP.replace("001/SOP", "002/SOP").replace("Pelayanan Contoh", "Pelayanan Lain")
    repo.commit(
        "Katalog awal",
        {
            "sops/dinas/_unit.yaml": UNIT,
            "sops/dinas/contoh.yaml": UNIT_SOP,
            "sops/dinas/lain.yaml": lain,
        },
    )
    repo.commit(
        "Waktu penyerahan dua hari", {"sops/dinas/contoh.yaml": UNIT_SOP.replace("1 jam", "2 hari")}
    )
    repo.git("mv", "sops/dinas/contoh.yaml", "sops/dinas/pelayanan.yaml")
    repo.commit("Nama berkas sesuai nama SOP")
    repo.commit(
        "Kepala dinas baru",
        {"sops/dinas/_unit.yaml": UNIT.replace("Budi Santoso, S.H.", "Siti Aminah, S.Sos.")},
    )
    repo.commit(
        "Komentar sumber",
        {
            "sops/dinas/pelayanan.yaml": "# Dari dokumen 2024.\n"
            + UNIT_SOP.replace("1 jam", "2 hari")
        },
    )
    repo.commit("Hapus SOP lain", {"sops/dinas/lain.yaml": None})
    return repo


def test_every_revision_of_an_sop_newest_first_followed_across_a_rename(repo, tmp_path):
    history = read_history(repo.root / "sops", Cache.open(tmp_path / "cache"))
    assert history.warning is None
    assert revisions(history, "dinas/pelayanan") == [
        ("format", "Komentar sumber", None, []),
        (
            "changed",
            "Kepala dinas baru",
            None,
            [
                (
                    "field",
                    "Disahkan oleh: Nama",
                    "Budi Santoso, S.H.",
                    "Siti Aminah, S.Sos.",
                    None,
                    None,
                )
            ],
        ),
        ("moved", "Nama berkas sesuai nama SOP", "dinas/contoh", []),
        (
            "changed",
            "Waktu penyerahan dua hari",
            None,
            [("step-edited", "Mutu Baku: Waktu", "1 jam", "2 hari", 3, 3)],
        ),
        ("added", "Katalog awal", None, []),
    ]
    assert set(history.revisions) == {"dinas/pelayanan"}  # the deleted SOP has no page


def test_a_revision_carries_its_commit_date(repo):
    (first, *_) = read_history(repo.root / "sops").of("dinas/pelayanan")
    assert (first.commit.date.iso(), len(first.commit.id)) == ("2024-05-06", 40)


def test_what_a_revision_changed_is_kept_as_json_and_read_back(repo, tmp_path):
    cache = tmp_path / "cache"
    read_history(repo.root / "sops", Cache.open(cache))
    header, *lines = (cache / "history.jsonl").read_bytes().split(b"\n")
    assert len(lines) == 4  # every revision but the first, compared once
    # Prove the cache is read back: plant a marker, sealed as the cache seals its entries.
    entries = [unseal(line).split(b" ", 1) for line in lines]
    planted = [
        seal(key + b" " + value.replace(b'"2 hari"', b'"2 hari (dari tembolok)"'))
        for key, value in entries
    ]
    (cache / "history.jsonl").write_bytes(b"\n".join([header, *planted]))
    history = read_history(repo.root / "sops", Cache.open(cache))
    assert revisions(history, "dinas/pelayanan")[3][3] == [
        ("step-edited", "Mutu Baku: Waktu", "1 jam", "2 hari (dari tembolok)", 3, 3)
    ]


def test_a_cache_file_from_another_version_or_damaged_is_ignored(repo, tmp_path):
    cache = tmp_path / "cache"
    read_history(repo.root / "sops", Cache.open(cache))
    stored = (cache / "history.jsonl").read_bytes()
    (cache / "history.jsonl").write_bytes(stored.replace(b"sopdocs-cache 1 ", b"sopdocs-cache 1 x"))
    assert len(read_history(repo.root / "sops", Cache.open(cache)).of("dinas/pelayanan")) == 5
    (cache / "history.jsonl").write_bytes(stored.replace(b"1 jam", b"1 JAM"))  # seals broken
    history = read_history(repo.root / "sops", Cache.open(cache))
    assert revisions(history, "dinas/pelayanan")[3][3] == [
        ("step-edited", "Mutu Baku: Waktu", "1 jam", "2 hari", 3, 3)
    ]
    (cache / "history.jsonl").write_bytes(b"\x80 bukan json")
    assert len(read_history(repo.root / "sops", Cache.open(cache)).of("dinas/pelayanan")) == 5


def test_a_shallow_clone_has_no_history_and_one_warning(repo, tmp_path):
    clone = tmp_path / "dangkal"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone))
    history = read_history(clone / "sops")
    assert (history.revisions, history.warning) == ({}, SHALLOW_WARNING)


def test_a_catalogue_outside_git_has_no_history(tmp_path):
    (tmp_path / "sops").mkdir()
    history = read_history(tmp_path / "sops")
    assert (history.revisions, history.warning) == ({}, None)


# --- On the site --------------------------------------------------------------------------


def test_the_sop_page_lists_its_revisions_with_links_to_their_commits(tmp_path):
    repo = GitRepo(tmp_path / "situs")
    write_site(repo.root, {"docs/index.md": "# Katalog\n"})
    repo.commit("Katalog awal", {"sops/contoh.yaml": SOP})
    commit = repo.commit(
        f"Waktu {HOSTILE}", {"sops/contoh.yaml": SOP.replace("1 jam", json.dumps(HOSTILE))}
    )
    site = build_site(repo.root)
    section = site.content("sop/contoh/").find("ol", cls="sopdocs-riwayat")
    newest = section.find("li")
    assert [a.attrs["href"] for a in section.find_all("a")] == [
        f"https://github.com/contoh/katalog-uji/commit/{commit}",
        f"https://github.com/contoh/katalog-uji/commit/{repo.git('rev-parse', 'HEAD~1').strip()}",
    ]
    assert newest.find("p").text == f"6 Mei 2024 · {commit[:7]} · Waktu {HOSTILE}"
    assert [li.text for li in newest.find("ul").find_all("li")] == [
        f"Langkah 3, Mutu Baku: Waktu: 1 jam → {HOSTILE}"
    ]
    assert "<script>alert" not in site.html("sop/contoh/")


def test_a_shallow_clone_builds_with_one_warning_and_no_section(tmp_path):
    repo = GitRepo(tmp_path / "asal")
    write_site(repo.root, {"docs/index.md": "# Katalog\n"})
    repo.commit("Katalog awal", {"sops/contoh.yaml": SOP})
    clone = tmp_path / "dangkal"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone))
    site = build_site(clone)
    assert [m for m in site.messages() if "riwayat" in m] == [f"sopdocs: {SHALLOW_WARNING}"]
    assert "Riwayat Perubahan" not in site.html("sop/contoh/")


def test_a_merged_pull_request_is_one_revision_named_by_its_title(tmp_path):
    repo = GitRepo(tmp_path / "katalog")
    repo.commit("Katalog awal", {"sops/contoh.yaml": SOP})
    repo.git("checkout", "-q", "-b", "usulan")
    repo.commit("wip", {"sops/contoh.yaml": SOP.replace("1 jam", "3 jam")})
    repo.commit("perbaiki", {"sops/contoh.yaml": SOP.replace("1 jam", "2 hari")})
    repo.git("checkout", "-q", "main")
    repo.git(
        "merge",
        "-q",
        "--no-ff",
        "usulan",
        "-m",
        "Merge pull request #7 from dinas/usulan",
        "-m",
        "Waktu penyerahan dua hari",
    )
    history = read_history(repo.root / "sops")
    assert revisions(history, "contoh") == [
        (
            "changed",
            "Waktu penyerahan dua hari",
            None,
            [("step-edited", "Mutu Baku: Waktu", "1 jam", "2 hari", 3, 3)],
        ),
        ("added", "Katalog awal", None, []),
    ]


def test_a_version_that_does_not_load_is_a_revision_that_cannot_be_compared(tmp_path):
    repo = GitRepo(tmp_path / "katalog")
    repo.commit("Katalog awal", {"sops/contoh.yaml": SOP})
    repo.commit("Tanggal salah", {"sops/contoh.yaml": SOP.replace("2024-02", "2024-02-30")})
    repo.commit("Tanggal benar", {"sops/contoh.yaml": SOP.replace("2024-02", "2024-02-29")})
    history = read_history(repo.root / "sops")
    assert revisions(history, "contoh") == [
        ("unreadable", "Tanggal benar", None, []),
        ("unreadable", "Tanggal salah", None, []),
        ("added", "Katalog awal", None, []),
    ]
