"""``sopdocs new``: a new SOP that already passes ``sopdocs check``, explained box by box."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sopdocs.adapters import cli
from sopdocs.authoring.fmt import format_text
from sopdocs.reading.loader import load_sop_file
from sopdocs.reading.schema import schema_text
from support import UNIT, write_files

NEW = ["new", "--unit", "dinas", "--nama", "Pelayanan Surat Keterangan", "--nomor", "001/SOP/2024"]
CREATED = Path("sops/dinas/pelayanan-surat-keterangan.yaml")


@pytest.fixture
def catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A catalogue with one unit whose _unit.yaml gives instansi and disahkan_oleh."""
    write_files(tmp_path, {"sops/dinas/_unit.yaml": UNIT, "sops/polos/.keep": ""})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli.main, list(args), input=stdin)


def test_the_new_sop_passes_check(catalogue: Path):
    assert run(*NEW).exit_code == 0
    sop, issues = load_sop_file(CREATED)
    assert sop is not None
    assert [str(i) for i in issues if i.is_error] == []
    assert run("check", "sops").exit_code == 0


def test_a_unit_without_defaults_gets_every_header_key_written_and_still_passes(catalogue: Path):
    result = run("new", "--unit", "polos", "--nama", "Contoh", "--nomor", "002/SOP/2024")
    assert result.exit_code == 0, result.output
    text = Path("sops/polos/contoh.yaml").read_text(encoding="utf-8")
    assert "\ninstansi:\n" in text
    assert "\ndisahkan_oleh:\n" in text
    assert run("check", "sops").exit_code == 0


def test_keys_from_the_unit_are_not_repeated_but_named_in_a_comment(catalogue: Path):
    run(*NEW)
    lines = CREATED.read_text(encoding="utf-8").splitlines()
    assert not any(line.startswith(("instansi:", "disahkan_oleh:")) for line in lines)
    assert "# instansi: diambil dari sops/dinas/_unit.yaml" in lines
    assert "# disahkan_oleh: diambil dari sops/dinas/_unit.yaml" in lines


def test_every_box_of_the_form_is_explained_in_a_comment(catalogue: Path):
    run("new", "--unit", "polos", "--nama", "Contoh", "--nomor", "002/SOP/2024")
    lines = Path("sops/polos/contoh.yaml").read_text(encoding="utf-8").splitlines()
    comments = [line.strip().lstrip("# ") for line in lines if line.strip().startswith("#")]
    boxes = ["Dasar Hukum", "Kualifikasi Pelaksana", "Keterkaitan", "Peralatan", "Peringatan"]
    boxes += ["Pencatatan", "Pelaksana", "Prosedur", "Keputusan"]
    assert [box for box in boxes if not any(c.startswith(box) for c in comments)] == []
    flow_keys = ["keputusan: {", "lanjut: ", "selesai: true"]
    assert [key for key in flow_keys if not any(key in c for c in comments)] == []


def test_the_file_name_is_the_slug_of_the_name(catalogue: Path):
    run("new", "--unit", "dinas", "--nama", "Pelayanan Akta (Anak) — Éra Baru", "--nomor", "3")
    assert Path("sops/dinas/pelayanan-akta-anak-era-baru.yaml").is_file()


def test_the_first_line_points_the_editor_to_the_schema_beside_sops(catalogue: Path):
    run(*NEW)
    first = CREATED.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../sop.schema.json"
    assert (CREATED.parent / "../../sop.schema.json").resolve() == (catalogue / "sop.schema.json")


def test_the_schema_file_is_created_when_the_catalogue_has_none(catalogue: Path):
    result = run(*NEW)
    assert "dibuat: sop.schema.json" in result.output
    assert Path("sop.schema.json").read_text(encoding="utf-8") == schema_text()


def test_an_existing_schema_file_is_left_alone(catalogue: Path):
    Path("sop.schema.json").write_text("{}", encoding="utf-8")
    result = run(*NEW)
    assert "sop.schema.json" not in result.output
    assert Path("sop.schema.json").read_text(encoding="utf-8") == "{}"


def test_the_new_file_is_already_formatted(catalogue: Path):
    run(*NEW)
    text = CREATED.read_text(encoding="utf-8")
    assert format_text(text) == (text, [])


def test_a_name_that_needs_quotes_is_written_safely(catalogue: Path):
    nama = "Layanan: {{ 7*7 }} #1 'khusus'"
    run("new", "--unit", "dinas", "--nama", nama, "--nomor", "065")
    sop, _ = load_sop_file(Path("sops/dinas/layanan-7-7-1-khusus.yaml"))
    assert sop is not None
    assert (sop.nama, sop.nomor) == (nama, "065")


def test_an_existing_sop_is_never_overwritten(catalogue: Path):
    CREATED.write_text("# milik orang lain\n", encoding="utf-8")
    result = run(*NEW)
    assert result.exit_code == 1
    assert "sudah ada" in result.output
    assert CREATED.read_text(encoding="utf-8") == "# milik orang lain\n"


def test_an_unknown_unit_is_an_error_that_lists_the_units(catalogue: Path):
    result = run("new", "--unit", "dinsa", "--nama", "Contoh", "--nomor", "1")
    assert result.exit_code == 1
    assert "unit 'dinsa' tidak ada di sops; unit: dinas, polos" in result.output


def test_without_a_terminal_a_missing_option_is_a_usage_error(catalogue: Path):
    result = run("new", "--unit", "dinas", "--nomor", "1")
    assert result.exit_code == 2
    assert "--nama wajib diisi" in result.output
    assert not CREATED.exists()


def test_on_a_terminal_missing_options_are_asked_for(
    catalogue: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(cli, "_stdin_is_terminal", lambda: True)
    result = run("new", stdin="dinas\nPelayanan Surat Keterangan\n001/SOP/2024\n")
    assert result.exit_code == 0, result.output
    assert "Unit (dinas, polos):" in result.output
    assert CREATED.is_file()
