"""Where a ``mkdocs serve --dirty`` rebuild after one saved SOP spends its time.

Runs what ``mkdocs serve --dirty`` runs, in this process and without the HTTP server: the
first build, then, for each repetition, one SOP file saved with a changed name and the
rebuild MkDocs makes of it (a fresh configuration, the same plugin instance), timed; the
last rebuild under cProfile. The catalogue is ``editloop.py``'s (``--out``), made first
when missing. The wall times are the server's share of the author's wait; the browser's
share (the livereload poll, loading the page) is ``editloop.py``'s to measure.

    python bench/serveprofile.py --size 1000 --repeat 5 --top 30
"""

from __future__ import annotations

import argparse
import cProfile
import io
import logging
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from editloop import prepare, sop_files  # noqa: E402 (bench/ is scripts, not a package)
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402


def rebuild(config_file: Path, site_dir: str, serve_url: str) -> tuple[float, float]:
    """Seconds of (wall, CPU) time: the configuration read again and the dirty build."""
    started, cpu = time.perf_counter(), time.process_time()
    config = load_config(config_file=str(config_file), site_dir=site_dir)
    config.site_url = serve_url
    build(config, serve_url=serve_url, dirty=True)
    return time.perf_counter() - started, time.process_time() - cpu


def changed(text: str, edit: str, n: int) -> str:
    """The SOP's text with one edit, ``n`` making each repetition's different."""
    field = "nama: " if edit == "name" else "- kegiatan: "
    return text.replace(field, f"{field}Diubah {n} ", 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--edit", choices=("text", "name"), default="text")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    root = (args.out / f"serve-{args.size}").resolve()
    prepare(root, args.size, args.seed, search=False)
    os.chdir(root)
    logging.basicConfig(level=logging.INFO, filename=str(root / "serveprofile.log"), filemode="w")
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    config_file = root / "mkdocs.yml"
    serve_url = "http://127.0.0.1:8000/katalog-sop/"
    with tempfile.TemporaryDirectory(prefix="mkdocs_") as site_dir:
        config = load_config(config_file=str(config_file), site_dir=site_dir)
        config.plugins.on_startup(command="serve", dirty=True)
        config.site_url = serve_url
        started = time.perf_counter()
        build(config, serve_url=serve_url, dirty=True)
        print(f"{args.size} SOPs: first build {time.perf_counter() - started:.2f} s")
        files = sop_files(root)
        edited = files[len(files) // 3]
        original = edited.read_text(encoding="utf-8")
        times: list[tuple[float, float]] = []
        profile = cProfile.Profile()
        try:
            for n in range(args.repeat):
                edited.write_text(changed(original, args.edit, n), encoding="utf-8")
                if n == args.repeat - 1:
                    profile.enable()
                times.append(rebuild(config_file, site_dir, serve_url))
                profile.disable()
                print(f"  rebuild {n + 1}: {times[-1][0]:.2f} s ({times[-1][1]:.2f} s CPU)")
        finally:
            edited.write_text(original, encoding="utf-8")
            config.plugins.on_shutdown()
    wall = statistics.median(t[0] for t in times[:-1] or times)
    cpu = statistics.median(t[1] for t in times[:-1] or times)
    print(f"median rebuild after one saved SOP (unprofiled): {wall:.2f} s, {cpu:.2f} s CPU")
    profile.dump_stats(str(args.out / "serveprofile.prof"))
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(order).print_stats(args.top)
        print(out.getvalue())


if __name__ == "__main__":
    main()
