"""The command line given hostile names and impossible paths: plain messages and check's exit
codes, never a traceback, and author text printed as written (never as Rich markup)."""

from __future__ import annotations

from click.testing import CliRunner
from sopdocs.adapters.cli import main
from support import SOP, write_files

MARKUP = "Pelayanan [/] [link=http://jahat.example]klik[/link] [bold red]:smile:"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_graph_prints_an_sop_name_full_of_rich_markup_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_files(tmp_path, {"sops/a.yaml": SOP.replace("Pelayanan Contoh", f'"{MARKUP}"')})
    result = run("graph", "sops/a.yaml", "-o", "a.svg")
    assert result.exception is None, result.output
    assert result.output == f"a.svg: diagram alir '{MARKUP}'\n"
    assert (tmp_path / "a.svg").read_bytes().startswith(b"<?xml")


def test_graph_into_a_missing_folder_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_files(tmp_path, {"sops/a.yaml": SOP})
    result = run("graph", "sops/a.yaml", "-o", "tidak-ada/a.pdf")
    assert result.exit_code == 1
    assert result.output == "Error: tidak-ada/a.pdf tidak dapat ditulis: folder tidak ada\n"


def test_export_into_a_missing_folder_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_files(tmp_path, {"sops/a.yaml": SOP})
    result = run("export", "tidak-ada/katalog.json")
    assert result.exit_code == 1
    assert result.output == (
        "Error: tidak-ada/katalog.json tidak dapat ditulis: No such file or directory\n"
    )


def test_new_with_a_very_long_name_writes_a_file_with_a_bounded_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sops" / "u").mkdir(parents=True)
    result = run("new", "--unit", "u", "--nama", "Pelayanan " * 30, "--nomor", "1/SOP/2024")
    assert result.exit_code == 0, result.output
    [created] = (tmp_path / "sops" / "u").iterdir()
    assert len(created.name) <= 85
