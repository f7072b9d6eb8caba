"""The PDFs of a benchmark catalogue (issue 13): cold, warm, and against a build without them.

Generates the catalogue of ``generate.py`` (1,000 SOPs by default), then times, each
``mkdocs build`` in its own process on the same cache folder:

1. the site without PDFs, warm (its load cache filled by an untimed build first);
2. the site with ``pdf: true`` and no PDF in the cache (cold: every SOP printed, every book
   bound);
3. the same again (warm: every PDF from the cache);
4. the same after one SOP changed (its PDF and its units' books are made again).

    .venv/bin/python bench/pdf.py [--size 1000] [--out bench/out]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import ENV, site_config, snapshot  # noqa: E402

REPO = HERE.parent


def write_configs(root: Path) -> tuple[Path, Path]:
    """``mkdocs.yml`` without and with PDFs; Pagefind off in both, so PDFs are the difference."""
    paths = []
    for name, pdf in (("tanpa-pdf.yml", False), ("dengan-pdf.yml", True)):
        config = site_config(REPO / "mkdocs.yml", plugin=True)
        config["plugins"] = [
            {"sopdocs": {"cache_dir": ".cache/sopdocs", "search": False, "pdf": pdf}}
        ]
        (root / name).write_text(yaml.safe_dump(config), encoding="utf-8")
        paths.append(root / name)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs/index.md").write_text("# Tolok ukur PDF\n", encoding="utf-8")
    return paths[0], paths[1]


def build(config: Path, log: Path) -> float:
    """Seconds one ``mkdocs build`` takes, in its own process; its log appended to ``log``."""
    start = time.perf_counter()
    with log.open("a", encoding="utf-8") as out:
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", "site"],
            cwd=config.parent,
            env=ENV,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=True,
        )
    return time.perf_counter() - start


def touch_one_sop(root: Path) -> str:
    """Change one step's text in the first SOP file: the SOP and its units' books change."""
    first = sorted((root / "sops").rglob("*.yaml"))
    sop = next(p for p in first if p.name != "_unit.yaml")
    text = sop.read_text(encoding="utf-8")
    sop.write_text(text.replace("kegiatan: ", "kegiatan: (diubah) ", 1), encoding="utf-8")
    return sop.relative_to(root).as_posix()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    root = args.out / f"pdf-{args.size}"
    shutil.rmtree(root, ignore_errors=True)
    revision = snapshot(args.out)  # the code is frozen for the run: edits do not reach it
    counts = generate(root, args.size, args.seed)
    plain, with_pdf = write_configs(root)
    log = root / "build.log"
    build(plain, log)  # fills the load cache
    rows = [("tanpa PDF, hangat", build(plain, log))]
    rows.append(("dengan PDF, dingin", build(with_pdf, log)))
    rows.append(("dengan PDF, hangat", build(with_pdf, log)))
    changed = touch_one_sop(root)
    rows.append((f"dengan PDF, satu SOP diubah ({changed})", build(with_pdf, log)))
    pdfs = list((root / "site").rglob("*.pdf"))
    made = [line for line in log.read_text().splitlines() if "sopdocs: PDF:" in line]
    print(f"{revision}; katalog: {counts}; {len(pdfs)} PDF di situs; {os.cpu_count()} inti")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.1f} s |")
    print("\n".join(made))


if __name__ == "__main__":
    main()
