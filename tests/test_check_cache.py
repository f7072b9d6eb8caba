"""``sopdocs check`` served from the load cache: fast when few files changed, never wrong.

The cache is the one the plugin keeps (``.cache/sopdocs``). What loading a file produced is
reused only when the file's bytes, its ``_unit.yaml`` files' bytes and the version of
sopdocs (its code and schemas) are all the same.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from sopdocs.adapters.cli import main
from sopdocs.cache import seal, unseal
from support import UNIT, UNIT_SOP, write_files

LOAD = "load.jsonl"


def _check(root: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["check", str(root / "sops"), "--cache", str(root / "cache"), *extra]
    )
    return result.exit_code, result.output


def _catalogue(tmp_path: Path) -> Path:
    return write_files(
        tmp_path, {"sops/dinas/_unit.yaml": UNIT, "sops/dinas/layanan.yaml": UNIT_SOP}
    )


def test_a_second_check_reads_the_cache_and_says_the_same(tmp_path: Path) -> None:
    root = _catalogue(tmp_path)
    first = _check(root)
    lines = (root / "cache" / LOAD).read_bytes().split(b"\n")
    assert len(lines) == 2  # the header and one entry per SOP file
    assert _check(root) == first
    assert first[0] == 0


def test_a_changed_unit_yaml_is_seen_by_the_sops_it_gives_their_kop(tmp_path: Path) -> None:
    root = _catalogue(tmp_path)
    assert _check(root)[0] == 0
    without_kop = UNIT.split("disahkan_oleh:")[0]
    write_files(root, {"sops/dinas/_unit.yaml": without_kop})
    code, output = _check(root)
    assert code == 1
    assert "disahkan_oleh" in output
    assert (code, output) == _check(root, "--no-cache")


def _entries(root: Path) -> tuple[bytes, dict[bytes, bytes]]:
    header, *lines = (root / "cache" / LOAD).read_bytes().split(b"\n")
    payloads = [unseal(line) for line in lines]
    return header, dict(p.split(b" ", 1) for p in payloads if p is not None)


def _forge(root: Path, header: bytes, key: bytes, value: bytes) -> None:
    (root / "cache" / LOAD).write_bytes(header + b"\n" + seal(key + b" " + value))


def test_an_entry_written_by_another_sopdocs_version_is_never_used(tmp_path: Path) -> None:
    root = _catalogue(tmp_path)
    _check(root)
    _, clean = _entries(root)
    broken = UNIT_SOP.replace("nomor: 001/SOP/DC/2024\n", "")
    write_files(root, {"sops/dinas/layanan.yaml": broken})
    expected = _check(root)
    assert expected[0] == 1
    header, now = _entries(root)
    [broken_key] = now
    [clean_value] = clean.values()
    # The entry of the clean file, filed under the broken file's key: with this version's
    # header it would be believed (the control), with another version's it must not be.
    _forge(root, header, broken_key, clean_value)
    assert _check(root)[0] == 0
    other_version = header.rsplit(b" ", 1)[0] + b" " + b"0" * 64
    _forge(root, other_version, broken_key, clean_value)
    assert _check(root) == expected
