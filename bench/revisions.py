"""Compare sopdocs revisions building the same catalogue, cold and warm, interleaved.

Did a change make the build slower? Figures from different days on this shared machine
cannot say: the load differs by a factor of ten. This script builds ONE generated catalogue
with the plugin code of each revision (``git archive`` of ``plugins/sopdocs`` and
``templates/``, imported first on ``PYTHONPATH``, as ``run.py``'s snapshot), each revision
in its own site folder with its own cache, every build ``mkdocs build -q`` without search in
its own process. Each repetition runs every (revision, cold|warm) build in a rotating order,
so a slow minute hits all of them; a ratio is taken within one repetition and the median
over repetitions is reported, for wall time and for CPU time (the build's and the processes
it waited for, such as Graphviz's ``dot``). The load average is recorded around each build.

    python bench/revisions.py --size 3000 --repeat 3 85fa5af main
    python bench/revisions.py --size 1000 main main@diagram   # an option's cost

``REV@OPTION`` builds ``REV`` with the plugin's boolean ``OPTION`` set to true.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402 (bench/ is scripts, not a package)

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
VARIANTS = ("cold", "warm")


@dataclass
class Build:
    revision: str
    variant: str
    wall: float
    cpu: float
    peak_mib: float
    load: float
    """The one-minute load average when the build ended."""


def code_of(revision: str, out: Path) -> Path:
    """``revision``'s plugin code and templates, laid out as an importable ``sopdocs``."""
    code = out / f"code-{revision}"
    shutil.rmtree(code, ignore_errors=True)
    code.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", revision, "plugins/sopdocs", "templates"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout
    staging = code / "tree"
    with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tar:
        tar.extractall(staging, filter="data")
    (staging / "plugins" / "sopdocs").rename(code / "sopdocs")
    (staging / "templates").rename(code / "sopdocs" / "templates")
    shutil.rmtree(staging)
    return code


def site_of(revision: str, code: Path, catalogue: Path, out: Path) -> Path:
    """A site folder for ``revision`` (``REV@OPTION``: with that plugin option on): its own
    copy of the SOPs, its own cache; its config."""
    root = out / f"site-{revision.replace('@', '-')}"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(catalogue, root / "sops")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Katalog SOP sintetis\n", encoding="utf-8")
    base = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    options: dict[str, object] = {"cache_dir": ".cache/sopdocs"}
    option = revision.partition("@")[2]
    if option:
        options[option] = True
    plugin_source = (code / "sopdocs" / "adapters" / "plugin.py").read_text(encoding="utf-8")
    if "search = opt." in plugin_source:  # revisions before Pagefind had no such option
        options["search"] = False
    config = {
        "site_name": f"Tolok ukur sopdocs {revision}",
        "theme": base["theme"],
        "markdown_extensions": base.get("markdown_extensions", []),
        "docs_dir": "docs",
        "plugins": [{"sopdocs": options}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root


def build(revision: str, variant: str, root: Path, code: Path, log: Path) -> Build:
    """One ``mkdocs build`` of ``root`` with ``code``; the cache deleted first when cold."""
    if variant == "cold":
        shutil.rmtree(root / ".cache", ignore_errors=True)
    env = {**ENV, "PYTHONPATH": str(code)}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "site"]
    with log.open("ab") as sink:
        sink.write(f"$ [{revision} {variant}] {' '.join(command)}\n".encode())
        sink.flush()
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=root, stdout=sink, stderr=sink, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{revision} {variant} build failed; see {log}")
    return Build(
        revision=revision,
        variant=variant,
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_mib=usage.ru_maxrss / 1024,
        load=os.getloadavg()[0],
    )


def check_imports(code: Path) -> None:
    """Fail early if the snapshot is not what a build would import."""
    env = {**ENV, "PYTHONPATH": str(code)}
    where = subprocess.run(
        [sys.executable, "-c", "import sopdocs.templates as t; print(t.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if not where.startswith(str(code)):
        raise SystemExit(f"the code of {code.name} is not the one imported: {where}")


def ratios(builds: list[Build], revisions: list[str], repeat: int) -> dict[str, float]:
    """Per variant and measure, the median over repetitions of each revision / the first."""
    found: dict[str, float] = {}
    by = {(b.revision, b.variant, i): b for i, b in _numbered(builds)}
    base = revisions[0]
    for revision in revisions[1:]:
        for variant in VARIANTS:
            for measure in ("wall", "cpu"):
                values = [
                    getattr(by[revision, variant, rep], measure)
                    / getattr(by[base, variant, rep], measure)
                    for rep in range(repeat)
                ]
                found[f"{revision}/{base} {variant} {measure}"] = statistics.median(values)
    return found


def _numbered(builds: list[Build]) -> list[tuple[int, Build]]:
    """Each build with its repetition number (its rank among builds of its kind)."""
    seen: dict[tuple[str, str], int] = {}
    numbered = []
    for item in builds:
        key = (item.revision, item.variant)
        numbered.append((seen.get(key, 0), item))
        seen[key] = seen.get(key, 0) + 1
    return numbered


def table(builds: list[Build], revisions: list[str]) -> str:
    lines = [
        "| revision | build | wall s (median) | CPU s (median) | peak MiB | load average |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    for revision in revisions:
        for variant in VARIANTS:
            mine = [b for b in builds if b.revision == revision and b.variant == variant]
            loads = [b.load for b in mine]
            lines.append(
                f"| `{revision}` | {variant} | {statistics.median(b.wall for b in mine):.1f} | "
                f"{statistics.median(b.cpu for b in mine):.1f} | "
                f"{max(b.peak_mib for b in mine):.0f} | {min(loads):.1f}–{max(loads):.1f} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revisions", nargs="+", help="git revisions; ratios are to the first")
    parser.add_argument("--size", type=int, default=3000, help="SOPs in the catalogue")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "revisions")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    log = out / "build.log"
    log.write_text("")
    catalogue = out / "katalog"
    shutil.rmtree(catalogue, ignore_errors=True)
    counts = generate(catalogue, args.size, args.seed)
    print(f"{args.size} SOP: {counts}", flush=True)
    revisions: list[str] = args.revisions
    codes = {rev: code_of(rev.partition("@")[0], out) for rev in revisions}
    roots = {}
    for rev in revisions:
        check_imports(codes[rev])
        roots[rev] = site_of(rev, codes[rev], catalogue / "sops", out)
        build(rev, "cold", roots[rev], codes[rev], log)  # warm-up: OS file cache, .pyc
    order = [(rev, variant) for variant in VARIANTS for rev in revisions]
    builds: list[Build] = []
    for rep in range(args.repeat):
        shift = rep % len(order)
        for rev, variant in order[shift:] + order[:shift]:
            done = build(rev, variant, roots[rev], codes[rev], log)
            builds.append(done)
            print(
                f"rep {rep + 1} {rev:>10} {variant:<5} wall {done.wall:6.1f} s "
                f"cpu {done.cpu:6.1f} s load {done.load:.1f}",
                flush=True,
            )
        (out / "results.json").write_text(json.dumps([asdict(b) for b in builds], indent=2))
    print(table(builds, revisions))
    for name, value in ratios(builds, revisions, args.repeat).items():
        print(f"{name}: {value:.2f}")


if __name__ == "__main__":
    main()
