"""Hostile files: each limit of the reader is reported at the place it is crossed, and no
file can make `sopdocs check` slow, greedy or crash.

The bombs are real: `check` runs in a child process whose CPU time and peak memory we read.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sopdocs.authoring.fmt import format_text
from sopdocs.reading.loader import load_sop_text
from sopdocs.reading.yamlsource import MAX_FILE_BYTES
from support import SOP, write_files
from test_check_errors import position


def alias_bomb(levels: int) -> str:
    """``levels`` lists of nine aliases to the list above: 9**levels values in ~40 bytes a line."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{n}: &a{n} [{','.join([f'*a{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def codes_at(text: str) -> list[tuple[str, int, int]]:
    _, issues = load_sop_text(text, "sops/f.yaml")
    return [(i.code, i.location.line, i.location.col) for i in issues]


def test_an_alias_bomb_is_stopped_at_the_alias_that_crosses_the_limit():
    text = alias_bomb(7)
    # a0 to a4 hold 74,732 values; a4 alone 66,430: a5's first alias goes past 100,000.
    assert codes_at(text) == [("yaml.aliases", *position(text, "*a4"))]


def test_a_few_aliases_are_still_read_as_what_they_stand_for():
    text = SOP.replace("pelaksana:\n  - Petugas Loket", "pelaksana:\n  - &loket Petugas Loket")
    text = text.replace(
        "    pelaksana: Petugas Loket\n    waktu: 15", "    pelaksana: *loket\n    waktu: 15"
    )
    sop, issues = load_sop_text(text)
    assert issues == []
    assert sop is not None and sop.steps[0].pelaksana == ("Petugas Loket",)


def test_an_alias_to_its_own_list_is_an_error_at_the_alias():
    assert codes_at("nama: &a [x, *a]\n") == [("yaml.syntax", 1, 14)]


def test_deep_nesting_is_stopped_at_the_level_that_crosses_the_limit():
    text = "nomor: 1\nnama: " + "[" * 30_000 + "\n"
    # The top-level mapping is the first level: the 64th '[' is the 65th.
    assert codes_at(text) == [("yaml.depth", 2, 7 + 63)]


def test_a_file_larger_than_the_limit_is_not_read(tmp_path):
    write_files(tmp_path, {"sops/besar.yaml": "nama: x\n# " + "x" * MAX_FILE_BYTES + "\n"})
    result = check(tmp_path)
    assert "sops/besar.yaml:1:1: galat: berkas lebih besar dari 1000 kB" in result.stdout
    assert "[file.too-large]" in result.stdout


@pytest.mark.parametrize("character", ["\x00", "\x0c", "\x1b"], ids=["NUL", "form feed", "ESC"])
def test_a_control_character_is_reported_at_its_line_and_column(character):
    text = SOP.replace("waktu: 1 jam", f"waktu: 1{character} jam")
    assert codes_at(text) == [("file.character", *position(text, character))]


@pytest.mark.parametrize("separator", ["\u2028", "\u0085", "\u2029"])
def test_unicode_line_separators_do_not_shift_line_numbers(separator):
    text = SOP.replace("nama: Pelayanan Contoh", f"nama: 'Pelayanan{separator}Contoh'")
    text = text.replace("waktu: 1 jam", "waktu: 1 jam\n    lanjut: 9")
    assert codes_at(text) == [("step.target", *position(text, "9\n"))]


@pytest.mark.parametrize(
    ("tagged", "shown"),
    [
        ("!!python/name:os.system Pelayanan", "!!python/name:os.system"),
        ("!custom Pelayanan", "!custom"),
        ("!!binary UGVsYXlhbmFu", "!!binary"),
        ("!!set {Pelayanan}", "!!set"),
        ("!!seq Pelayanan", "!!seq"),
    ],
)
def test_an_unknown_tag_is_an_error_at_the_tag(tagged, shown):
    text = SOP.replace("nama: Pelayanan Contoh", f"nama: {tagged}")
    _, issues = load_sop_text(text)
    tag_issues = [i for i in issues if i.code == "yaml.tag"]
    assert [(i.location.line, i.location.col) for i in tag_issues] == [position(text, tagged)]
    assert f"'{shown}'" in tag_issues[0].message


def test_standard_tags_for_text_and_numbers_are_accepted():
    text = SOP.replace("nomor: 001/SOP/DC/2024", "nomor: !!str 001/SOP/DC/2024")
    assert load_sop_text(text)[1] == []


def test_more_steps_than_the_form_holds_is_an_error_at_the_first_step_too_many():
    steps = "".join(f"  - {{kegiatan: k{n}, pelaksana: Petugas Loket}}\n" for n in range(1, 152))
    text = SOP.split("prosedur:\n")[0] + "prosedur:\n" + steps
    assert codes_at(text) == [("limit.items", *position(text, "{kegiatan: k151"))]


def test_more_lanes_than_the_form_holds_is_an_error_at_the_first_lane_too_many():
    lanes = "".join(f"  - Pelaksana {n}\n" for n in range(1, 22))
    text = SOP.replace("  - Petugas Loket\n  - Kepala Seksi\n", lanes, 1).replace(
        "Kepala Seksi", "Pelaksana 2"
    )
    text = text.replace("Petugas Loket", "Pelaksana 1")
    assert codes_at(text) == [("limit.items", *position(text, "Pelaksana 21"))]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (alias_bomb(7), "yaml.aliases"),
        ("nama: " + "[" * 30_000 + "\n", "yaml.depth"),
        ("nama: a\x1bb\n", "file.character"),
    ],
    ids=["alias bomb", "deep nesting", "control character"],
)
def test_fmt_leaves_a_hostile_file_as_it_is_with_the_readers_message(text, code):
    formatted, issues = format_text(text, "sops/f.yaml")
    assert formatted is None
    assert [i.code for i in issues] == [code]


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return checked(root)[0]


_MEASURED = """
import atexit, runpy, sys
from pathlib import Path

report = Path(sys.argv.pop(1))


def peak() -> None:
    status = Path("/proc/self/status").read_text().splitlines()
    report.write_text(next(line.split()[1] for line in status if line.startswith("VmHWM:")))


atexit.register(peak)
sys.argv[0] = "sopdocs"
runpy.run_module("sopdocs", run_name="__main__", alter_sys=True)
"""
"""Runs ``python -m sopdocs ARGS`` and writes its peak resident memory (KiB) to a file.

The kernel's VmHWM counts this process's own pages only. ``ru_maxrss`` from ``wait4`` would
not do: a child started by (v)fork inherits the peak of the pytest worker that made it, which
grows with whatever tests ran in that worker before."""


def checked(root: Path) -> tuple[subprocess.CompletedProcess[str], float, int]:
    """`sopdocs check` in ``root`` as a child process: result, CPU seconds, peak memory (KiB).

    CPU time, not wall time: a machine busy with other work stretches the second but not
    the first, and the first is what a bomb would blow up."""
    peak = root / "check.peak"
    arguments = [sys.executable, "-c", _MEASURED, str(peak), "check", "sops"]
    out, err = root / "check.out", root / "check.err"
    with out.open("w") as stdout, err.open("w") as stderr:
        child = subprocess.Popen(arguments, cwd=root, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    result = subprocess.CompletedProcess(
        arguments, child.returncode, out.read_text(), err.read_text()
    )
    return result, usage.ru_utime + usage.ru_stime, int(peak.read_text())


def test_bombs_cost_check_little_time_and_memory_and_hide_no_other_problem(tmp_path):
    write_files(
        tmp_path,
        {
            "sops/bom-alias.yaml": alias_bomb(9),
            "sops/bom-dalam.yaml": "nama: " + "[" * 30_000 + "\n",
            "sops/salah.yaml": (wrong := SOP.replace("2024-01-03", "2024-02-30")),
        },
    )
    result, cpu_seconds, peak_kib = checked(tmp_path)
    assert result.returncode == 1, result.stderr
    assert "[yaml.aliases]" in result.stdout
    assert "[yaml.depth]" in result.stdout
    line, col = position(wrong, "2024-02-30")
    assert f"sops/salah.yaml:{line}:{col}: galat:" in result.stdout
    assert cpu_seconds < 10
    assert peak_kib < 150 * 1024  # a small catalogue takes about 50 MiB
