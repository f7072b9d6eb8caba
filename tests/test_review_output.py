"""`sopdocs diff` as a reviewer and a CI job see it: the terminal, the pull-request comment
(Markdown), JSON; exit codes; author text that must stay text in every one of them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from typing import get_args

import pytest
from click.testing import CliRunner
from gitrepo import GitRepo
from markdown_it import MarkdownIt
from rich.console import Console
from ruamel.yaml import YAML
from sopdocs import review
from sopdocs.adapters.cli import main
from sopdocs.review.changes import ChangeKind
from sopdocs.review.present import render, report_record
from support import SOP, UNIT, UNIT_SOP, write_files

GOLDEN = Path(__file__).parent / "golden"


LAMA = {
    "sops/dinas/_unit.yaml": UNIT,
    "sops/dinas/contoh.yaml": UNIT_SOP,
    "sops/dinas/arsip.yaml": UNIT_SOP.replace("001/SOP", "002/SOP").replace(
        "Pelayanan Contoh", "Pengarsipan Dokumen"
    ),
    "sops/dinas/legalisasi.yaml": UNIT_SOP.replace("001/SOP", "003/SOP").replace(
        "Pelayanan Contoh", "Legalisasi Dokumen"
    ),
    "sops/dinas/surat.yaml": UNIT_SOP.replace("001/SOP", "004/SOP").replace(
        "Pelayanan Contoh", "Penerbitan Surat Keterangan"
    ),
    "sops/dinas/rusak.yaml": UNIT_SOP.replace("001/SOP", "005/SOP").replace(
        "Pelayanan Contoh", "Pelayanan Rusak"
    ),
}
"""The old catalogue of the representative change set."""

BARU = {
    **LAMA,
    # Kop: a new head of office for the whole unit.
    "sops/dinas/_unit.yaml": UNIT.replace("Budi Santoso, S.H.", "Siti Aminah, S.Sos."),
    # One SOP: a regulation respelt and one added, a step inserted, a time and a branch edited.
    "sops/dinas/contoh.yaml": UNIT_SOP.replace(
        "  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\n",
        "  - UU No. 25 Thn 2009 tentang Pelayanan Publik\n  - Permendagri Nomor 108 Tahun 2019\n",
    )
    .replace(
        "    waktu: 15 menit\n",
        "    waktu: 15 menit\n  - kegiatan: Mencatat berkas di buku register\n"
        "    pelaksana: Petugas Loket\n    waktu: 5 menit\n",
    )
    .replace("waktu: 1 jam", "waktu: 2 hari")
    .replace("keputusan: {tidak: 1}", "keputusan: {tidak: 2}"),
    # Removed, added, moved, format only, broken.
    "sops/dinas/arsip.yaml": None,
    "sops/dinas/baru.yaml": UNIT_SOP.replace("001/SOP", "006/SOP").replace(
        "Pelayanan Contoh", "Pelayanan Baru"
    ),
    "sops/dinas/legalisasi.yaml": None,
    "sops/bidang/legalisasi.yaml": LAMA["sops/dinas/legalisasi.yaml"],
    "sops/dinas/surat.yaml": "# Ditinjau 2024.\n" + LAMA["sops/dinas/surat.yaml"],
    "sops/dinas/rusak.yaml": LAMA["sops/dinas/rusak.yaml"].replace(
        "pelaksana: Kepala Seksi\n    keputusan", "pelaksana: Kepala Seksie\n    keputusan"
    ),
}
"""The new one."""


def folders(root: Path) -> None:
    write_files(root / "lama", {k: v for k, v in LAMA.items() if v is not None})
    write_files(root / "baru", {k: v for k, v in BARU.items() if v is not None})
    # The moved SOP finds the kop it had in its new folder.
    write_files(root / "baru", {"sops/bidang/_unit.yaml": UNIT})


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def golden(name: str, actual: str) -> None:
    """Compare with ``tests/golden/NAME``; ``SOPDOCS_UPDATE_GOLDEN=1`` rewrites it."""
    path = GOLDEN / name
    if os.environ.get("SOPDOCS_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture
def change_set(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folders(tmp_path)
    return tmp_path


def test_the_terminal_report_of_a_representative_change_set(change_set):
    result = run("diff", "lama", "baru")
    assert result.exit_code == 0
    golden("diff.txt", result.output)


def test_the_markdown_report_of_a_representative_change_set(change_set):
    result = run("diff", "lama", "baru", "--format", "markdown")
    assert result.exit_code == 0
    golden("diff.md", result.output)


def test_the_json_report_has_the_documented_shape(change_set):
    result = run("diff", "lama", "baru", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert list(data) == ["version", "base", "head", "summary", "sops", "units", "unreadable"]
    assert data["summary"] == {"removed": 1, "changed": 1, "added": 1, "moved": 1, "format": 1}
    assert [(s["status"], s["id"], s["old_id"]) for s in data["sops"]] == [
        ("removed", "dinas/arsip", None),
        ("changed", "dinas/contoh", None),
        ("added", "dinas/baru", None),
        ("moved", "bidang/legalisasi", "dinas/legalisasi"),
        ("format", "dinas/surat", None),
    ]
    assert data["sops"][1]["changes"][0] == {
        "kind": "respelled",
        "field": "dasar_hukum",
        "label": "Dasar Hukum",
        "old": "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
        "new": "UU No. 25 Thn 2009 tentang Pelayanan Publik",
        "step": None,
        "old_step": None,
    }
    assert [(u["unit"], [s["id"] for s in u["sops"]]) for u in data["units"]] == [
        ("dinas", ["dinas/contoh", "dinas/surat"])
    ]
    assert data["unreadable"] == [
        {
            "side": "head",
            "id": "dinas/rusak",
            "issues": [
                {
                    "path": "baru/sops/dinas/rusak.yaml",
                    "line": 16,
                    "col": 16,
                    "code": "step.lane",
                    "message": "langkah 2: pelaksana 'Kepala Seksie' tidak ada di daftar "
                    "pelaksana SOP ini",
                    "hint": "maksud Anda 'Kepala Seksi'?",
                }
            ],
        }
    ]


# --- Exit codes and defaults --------------------------------------------------------------


def test_a_revision_that_does_not_exist_exits_2(tmp_path, monkeypatch):
    repo = GitRepo(tmp_path)
    repo.commit("Awal", {"sops/contoh.yaml": SOP})
    monkeypatch.chdir(tmp_path)
    result = run("diff", "tidak-ada", "HEAD")
    assert result.exit_code == 2
    assert "revisi 'tidak-ada' tidak dapat dibaca" in result.output


def test_outside_git_without_folders_exits_2(tmp_path, monkeypatch):
    write_files(tmp_path, {"sops/contoh.yaml": SOP})
    monkeypatch.chdir(tmp_path)
    result = run("diff")
    assert result.exit_code == 2
    assert "tidak dapat menentukan BASE" in result.output


def test_broken_sops_still_exit_0(change_set):
    assert run("diff", "lama", "baru", "--format", "json").exit_code == 0


def test_by_default_the_branch_is_compared_from_where_it_left_main_to_the_working_tree(
    tmp_path, monkeypatch
):
    repo = GitRepo(tmp_path)
    repo.commit("Awal", {"sops/contoh.yaml": SOP})
    repo.git("checkout", "-q", "-b", "usulan")
    repo.commit("Langkah 3 dua hari", {"sops/contoh.yaml": SOP.replace("1 jam", "2 hari")})
    repo.git("checkout", "-q", "main")
    repo.commit("Di main sesudahnya", {"sops/lain.yaml": SOP.replace("001/SOP", "002/SOP")})
    repo.git("checkout", "-q", "usulan")
    repo.write({"sops/contoh.yaml": SOP.replace("1 jam", "3 hari")})  # not committed yet
    monkeypatch.chdir(tmp_path)
    data = json.loads(run("diff", "--format", "json").output)
    assert data["base"].startswith("titik cabang (")
    assert data["head"] == "pohon kerja"
    assert [(s["id"], [(c["old"], c["new"]) for c in s["changes"]]) for s in data["sops"]] == [
        ("contoh", [("1 jam", "3 hari")])
    ]


# --- Hostile author text ------------------------------------------------------------------

HOSTILE = (
    "</title><script>alert(1)</script> {{ 7*7 }} {% if %} *tebal* [x](http://jahat) # judul "
    "[bold red]merah[/] :warning: ~~coret~~ $x$ | a | <!-- c --> `kode` \\"
)


@pytest.fixture
def hostile_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    quoted = json.dumps(HOSTILE)
    write_files(tmp_path, {"lama/sops/x.yaml": SOP})
    changed = (
        SOP.replace("nama: Pelayanan Contoh", f"nama: {quoted}")
        .replace("  - Undang-Undang Nomor 25", f"  - {quoted}\n  - Undang-Undang Nomor 25")
        .replace("kegiatan: Menyerahkan dokumen", f"kegiatan: {quoted}")
        .replace("waktu: 1 jam", f"waktu: {quoted}")
    )
    write_files(tmp_path, {"baru/sops/x.yaml": changed})
    return review.diff("lama", "baru", tmp_path / "sops")


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.tags.add("!--")


def test_hostile_text_stays_text_in_the_pull_request_comment(hostile_report):
    html = (
        MarkdownIt("commonmark")
        .enable(["table", "strikethrough"])
        .render(render(hostile_report, "markdown"))
    )
    parsed = _Elements()
    parsed.feed(html)
    assert parsed.tags <= {"h3", "h4", "p", "ul", "li", "strong", "em"}
    text = "".join(parsed.text)
    # Nama (heading and change), Dasar Hukum, kegiatan and waktu of a step: verbatim.
    assert text.count(HOSTILE) == 5


def test_hostile_text_stays_text_on_the_terminal(hostile_report):
    console = Console(file=StringIO(), force_terminal=True, color_system="truecolor", width=400)
    console.print(render(hostile_report, "text"), emoji=False, soft_wrap=True)
    shown = re.sub(r"\x1b\[[0-9;]*m", "", console.file.getvalue())
    assert shown.count(HOSTILE) == 5


def test_hostile_text_stays_data_in_json(hostile_report):
    data = json.loads(render(hostile_report, "json"))
    assert data == json.loads(json.dumps(report_record(hostile_report)))
    assert data["sops"][0]["nama"] == HOSTILE


def test_every_kind_of_change_is_explained_in_the_guide():
    guide = (Path(__file__).parents[1] / "docs/panduan/meninjau-sop.md").read_text("utf-8")
    table = guide[guide.index("### Bentuk JSON") :]
    kinds = [k for k in get_args(ChangeKind) if f"`{k}`" not in table]
    assert kinds == []


# --- The pull-request recipe, run as GitHub runs it (without GitHub) ----------------------


def _workflow_step(name: str) -> str:
    workflow = YAML(typ="safe").load(
        (Path(__file__).parents[1] / ".github/workflows/sop.yml").read_text(encoding="utf-8")
    )
    return next(s["run"] for s in workflow["jobs"]["tinjau"]["steps"] if s.get("name") == name)


def _run_step(script: str, repo: GitRepo, base: str) -> tuple[str, str]:
    summary = repo.root / "summary.md"
    bin_dir = str(Path(sys.executable).parent)
    subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=repo.root,
        check=True,
        env={
            **os.environ,
            "BASE": base,
            "GITHUB_STEP_SUMMARY": str(summary),
            "PATH": f"{bin_dir}:{os.environ['PATH']}",
        },
    )
    comment = (repo.root / "komentar.md").read_text(encoding="utf-8")
    return summary.read_text(encoding="utf-8"), comment


def test_the_workflow_step_writes_the_job_summary_and_the_marked_comment(tmp_path):
    repo = GitRepo(tmp_path / "katalog")
    repo.commit("Awal", {"sops/contoh.yaml": SOP})
    repo.git("checkout", "-q", "-b", "usulan")
    repo.commit("Dua hari", {"sops/contoh.yaml": SOP.replace("1 jam", "2 hari")})
    summary, comment = _run_step(_workflow_step("sopdocs diff"), repo, "main")
    assert comment == summary
    assert comment.startswith("<!-- sopdocs-diff -->\n### Perubahan SOP: main \\(")
    assert "- **Langkah 3**, Mutu Baku\\: Waktu: 1 jam → 2 hari\n" in comment


def test_a_summary_too_long_for_a_comment_is_cut_at_a_line_with_a_note(tmp_path):
    repo = GitRepo(tmp_path / "katalog")
    many = {f"sops/sop-{i}.yaml": SOP.replace("001/SOP", f"{i:03d}/SOP") for i in range(1, 80)}
    repo.commit("Awal", many)
    repo.git("checkout", "-q", "-b", "usulan")
    long_name = "Pelayanan " + "sangat panjang " * 60
    repo.commit(
        "Nama panjang",
        {path: text.replace("Pelayanan Contoh", long_name) for path, text in many.items()},
    )
    summary, comment = _run_step(_workflow_step("sopdocs diff"), repo, "main")
    assert len(summary) > 60000 >= len(comment)
    assert summary.startswith(comment.rpartition("\n\n_Ringkasan dipotong")[0])
    assert comment.endswith(
        "\n\n_Ringkasan dipotong; selengkapnya di ringkasan job (tab Checks)._\n"
    )
