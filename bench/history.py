"""Measure the "Riwayat Perubahan" pass over git history on a large catalogue.

Generates a catalogue (``bench/generate.py``), commits it into a fresh git repository, then
makes a few commits of the kinds a catalogue sees (steps edited in many SOPs, a unit's kop
changed, files moved, a regulation respelt), and times :func:`read_history` cold (empty
cache) and warm (the cache of the cold run), each repeated.

    python bench/history.py bench/out/history-3000 --size 3000
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

from sopdocs.review.history import read_history

HERE = Path(__file__).parent


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(
        repo,
        "-c",
        "user.name=Bench",
        "-c",
        "user.email=bench@example.org",
        "commit",
        "-qm",
        message,
    )


def edit(paths: list[Path], old: str, new: str) -> int:
    changed = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
            changed += 1
    return changed


def make_repo(out: Path, size: int) -> Path:
    if out.exists():
        shutil.rmtree(out)
    subprocess.run(
        [sys.executable, str(HERE / "generate.py"), str(out), "--size", str(size)], check=True
    )
    git(out, "init", "-q", "-b", "main")
    commit(out, "Katalog awal")
    sops = sorted((out / "sops").rglob("*.yaml"))
    files = [p for p in sops if p.name != "_unit.yaml"]
    units = [p for p in sops if p.name == "_unit.yaml"]
    print(f"{len(files)} SOP, {len(units)} _unit.yaml")
    n = edit(files[::20], "waktu: ", "waktu: 2 x ")
    commit(out, "Waktu langkah disesuaikan")
    print(f"commit 2: waktu edited in {n} SOPs")
    n = edit(units[:3], "nama:", "nama: Unit")
    commit(out, "Kop unit")
    print(f"commit 3: {n} _unit.yaml changed")
    for path in files[1::50]:
        git(out, "mv", str(path), str(path.with_name("x-" + path.name)))
    commit(out, "Berkas dipindah")
    print(f"commit 4: {len(files[1::50])} SOPs renamed")
    n = edit(files[5::30], "Undang-Undang Nomor", "UU No.")
    commit(out, "Ejaan dasar hukum")
    print(f"commit 5: dasar hukum respelt in {n} SOPs")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    repo = make_repo(args.out, args.size)
    cache = repo / ".cache" / "sopdocs"
    for run in range(args.repeat):
        shutil.rmtree(cache, ignore_errors=True)
        start = time.perf_counter()
        history = read_history(repo / "sops", cache)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        read_history(repo / "sops", cache)
        warm = time.perf_counter() - start
        revisions = sum(len(r) for r in history.revisions.values())
        print(f"run {run + 1}: cold {cold:.2f} s, warm {warm:.2f} s ({revisions} revisions)")


if __name__ == "__main__":
    main()
