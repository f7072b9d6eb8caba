"""`sopdocs check`, `schema` and `export` as an author and a CI job use them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sopdocs.adapters.cli import main
from support import SOP, write_files


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def catalogue(tmp_path, monkeypatch):
    """A catalogue with one clean SOP, one with an error and one with a warning."""
    monkeypatch.chdir(tmp_path)
    write_files(
        tmp_path,
        {
            "sops/baik.yaml": SOP,
            "sops/salah.yaml": SOP.replace("001/SOP", "002/SOP").replace(
                "pelaksana: Kepala Seksi\n", "pelaksana: Kepala Seksie\n"
            ),
            "sops/ragu.yaml": SOP.replace("001/SOP", "003/SOP").replace(
                "waktu: 15 menit", "waktu: secepatnya"
            ),
        },
    )
    return tmp_path


def test_a_clean_catalogue_exits_0(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_files(tmp_path, {"sops/baik.yaml": SOP})
    result = run("check")
    assert result.exit_code == 0
    assert "1 SOP diperiksa: 0 galat, 0 peringatan" in result.output


def test_errors_exit_1_and_each_is_a_path_line_col_line(catalogue):
    result = run("check", "sops")
    assert result.exit_code == 1
    assert "sops/salah.yaml:22:16: galat: langkah 2: pelaksana 'Kepala Seksie'" in result.output
    assert "maksud Anda 'Kepala Seksi'?" in result.output
    assert "sops/ragu.yaml:19:12: peringatan:" in result.output
    assert "3 SOP diperiksa: 1 galat, 1 peringatan" in result.output


def test_warnings_alone_exit_0_unless_strict(catalogue):
    (catalogue / "sops/salah.yaml").unlink()
    assert run("check").exit_code == 0
    strict = run("check", "--strict")
    assert strict.exit_code == 1
    assert "sops/ragu.yaml:19:12: galat:" in strict.output


def test_github_format_annotates_the_changed_lines(catalogue):
    result = run("check", "--format", "github")
    warning, error, summary = result.output.splitlines()
    assert warning.startswith("::warning file=sops/ragu.yaml,line=19,col=12,")
    assert error.startswith("::error file=sops/salah.yaml,line=22,col=16,title=sopdocs step.lane::")
    assert summary == "3 SOP diperiksa: 1 galat, 1 peringatan"


def test_json_format_is_machine_readable(catalogue):
    payload = json.loads(run("check", "--format", "json").output)
    assert [(i["path"], i["line"], i["code"]) for i in payload["issues"]] == [
        ("sops/ragu.yaml", 19, "waktu.unparsed"),
        ("sops/salah.yaml", 22, "step.lane"),
    ]


def test_output_is_plain_without_a_terminal(catalogue):
    assert "\x1b[" not in run("check").output


@pytest.mark.parametrize("args", [["check", "--format", "xml"], ["check", "tidak-ada"], ["nope"]])
def test_wrong_usage_exits_2(catalogue, args):
    assert run(*args).exit_code == 2


def test_schema_prints_the_json_schema():
    schema = json.loads(run("schema").output)
    assert schema["properties"]["nomor"]["title"] == "Nomor SOP"


def test_export_writes_katalog_json_as_the_contract_describes(catalogue):
    (catalogue / "sops/salah.yaml").unlink()
    assert run("export", "katalog.json").exit_code == 0
    data = json.loads((catalogue / "katalog.json").read_text())
    assert data["versi"] == 1
    sop = next(s for s in data["sop"] if s["id"] == "baik")
    assert sop["url"] == "sop/baik/"
    assert sop["dasar_hukum"] == [
        {
            "teks": "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
            "regulasi": "uu-25-2009",
        }
    ]
    (reg,) = data["regulasi"]
    assert reg["key"] == "uu-25-2009"
    assert (reg["jenis"], reg["singkatan"], reg["nomor"], reg["tahun"]) == (
        "Undang-Undang",
        "UU",
        "25",
        2009,
    )
    assert reg["url"] == "regulasi/uu-25-2009/"
    assert reg["sop"] == ["baik", "ragu"]
