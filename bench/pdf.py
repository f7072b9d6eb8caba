"""The PDFs of a benchmark catalogue (issue 13): cold, warm, and against a build without them.

Generates the catalogue of ``generate.py`` (1,000 SOPs by default), then times ``mkdocs
build``s, each in its own process. The site without PDFs and the site with ``pdf: true``
each have their own cache folder and their own site folder, so that neither build undoes the
other's (a build after the other configuration would pay for pages cached for the other, and
MkDocs would delete the other's PDFs from a shared site folder):

1. the site without PDFs, once untimed to fill its caches;
2. the site with PDFs, its cache a copy of the first one's, so no PDF in it (cold: every SOP
   printed, every book bound);
3. ``--rounds`` pairs, interleaved: without PDFs warm, then with PDFs warm (every PDF from
   the cache); the load of a shared machine shifts both builds of a pair alike, so the
   pairs' differences are the figure, their median reported;
4. with PDFs after one SOP changed (its PDF and its units' books are made again).

    .venv/bin/python bench/pdf.py [--size 1000] [--rounds 3] [--out bench/out]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
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
    """``mkdocs.yml`` without and with PDFs, each with its own cache and site folder; Pagefind
    off in both, so PDFs are the difference."""
    paths = []
    for name, pdf in (("tanpa-pdf", False), ("dengan-pdf", True)):
        config = site_config(REPO / "mkdocs.yml", plugin=True)
        config["site_dir"] = f"site-{name}"
        config["plugins"] = [
            {"sopdocs": {"cache_dir": f".cache/{name}", "search": False, "pdf": pdf}}
        ]
        (root / f"{name}.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        paths.append(root / f"{name}.yml")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs/index.md").write_text("# Tolok ukur PDF\n", encoding="utf-8")
    return paths[0], paths[1]


def build(config: Path, log: Path) -> float:
    """Seconds one ``mkdocs build`` takes, in its own process; its log appended to ``log``."""
    start = time.perf_counter()
    with log.open("a", encoding="utf-8") as out:
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
            cwd=config.parent,
            env=ENV,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=True,
        )
    return time.perf_counter() - start


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


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
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    root = args.out / f"pdf-{args.size}"
    shutil.rmtree(root, ignore_errors=True)
    revision = snapshot(args.out)  # the code is frozen for the run: edits do not reach it
    counts = generate(root, args.size, args.seed)
    plain, with_pdf = write_configs(root)
    log = root / "build.log"
    print(f"{revision}; katalog: {counts}; {os.cpu_count()} inti; beban awal {load()}")
    build(plain, log)  # fills the caches of the site without PDFs
    # The cold build starts from those caches (parsed SOPs, drawn flowcharts): only the PDFs
    # and what pdf: true changes on the pages are made anew, not the whole catalogue.
    shutil.copytree(root / ".cache/tanpa-pdf", root / ".cache/dengan-pdf")
    cold = build(with_pdf, log)
    pairs = [(build(plain, log), build(with_pdf, log)) for _ in range(args.rounds)]
    changed = touch_one_sop(root)
    one = build(with_pdf, log)
    pdfs = list((root / "site-dengan-pdf").rglob("*.pdf"))
    made = [line for line in log.read_text().splitlines() if "sopdocs: PDF:" in line]
    without = statistics.median(a for a, _ in pairs)
    print(f"{len(pdfs)} PDF di situs; beban akhir {load()}")
    print(f"| dengan PDF, dingin | {cold:.1f} s (PDF: +{cold - without:.1f} s) |")
    for n, (a, b) in enumerate(pairs, start=1):
        print(f"| putaran {n}: tanpa PDF / dengan PDF, hangat | {a:.1f} s / {b:.1f} s |")
    print(
        f"| hangat, median | {without:.1f} s / {statistics.median(b for _, b in pairs):.1f} s;"
        f" selisih median {statistics.median(b - a for a, b in pairs):+.1f} s |"
    )
    print(f"| dengan PDF, satu SOP diubah ({changed}) | {one:.1f} s |")
    print("\n".join(made))


if __name__ == "__main__":
    main()
