"""Measure what the sopdocs plugin costs on top of MkDocs itself, at catalogue scale.

For each size the runner generates a catalogue (``generate.py``), then times three builds,
each one ``mkdocs build`` in its own process, with search or (``--no-search``) without:

- **plain** (a): MkDocs + Material building the Markdown that ``sopdocs generate`` writes for
  the same catalogue, without the plugin: what the pages cost MkDocs anyway;
- **warm** (b): the plugin build with its cache (parsed SOPs, rendered SOP pages) kept from
  the previous build: an author's rebuild, or CI with a restored cache;
- **cold** (c): the plugin build with the cache deleted: every SOP read and rendered.

This machine is shared and noisy, so the builds are interleaved within each repetition (the
order rotates) and every figure is a median over repetitions; ratios are taken within one
repetition, then their median is reported, so a slow minute hits both sides of a ratio.

    python bench/run.py --sizes 100,1000,3000 --repeat 3 --readme
"""

from __future__ import annotations

import argparse
import importlib.metadata
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402 (bench/ is scripts, not a package)

TARGETS = {"warm/plain": 0.2, "cold/plain": 0.3, "growth": 3.3, "peak_mib": 1024}
VARIANTS = ("plain", "warm", "cold")
SEARCH = {"on": True}
"""With search (the default): plain MkDocs with Material's search plugin, the plugin with
its Pagefind index; ``--no-search`` measures both without any search index."""
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
"""Every measured process's environment: without Material's banner about MkDocs 2, which
would fill the log, and with the code snapshot first on the path (see ``snapshot``)."""
RESULTS_START = "<!-- results:start -->"
RESULTS_END = "<!-- results:end -->"


@dataclass
class Run:
    seconds: float
    max_rss_mib: float
    """Largest resident set of the build process or of any process it waited for (dot)."""


@dataclass
class SizeResult:
    size: int
    units: int = 0
    unique_diagrams: int = 0
    runs: dict[str, list[Run]] = field(default_factory=lambda: {v: [] for v in VARIANTS})
    check: list[Run] = field(default_factory=list)

    def median(self, variant: str) -> float:
        return statistics.median(r.seconds for r in self.runs[variant])

    def ratio(self, numerator: str, denominator: str) -> float:
        """Median of the ratios within each repetition: both builds saw the same minute."""
        pairs = zip(self.runs[numerator], self.runs[denominator], strict=True)
        return statistics.median(n.seconds / d.seconds for n, d in pairs)

    def peak_mib(self) -> float:
        return max(r.max_rss_mib for v in ("warm", "cold") for r in self.runs[v])


def measured(command: list[str], cwd: Path, log: Path) -> Run:
    """Run ``command`` to completion; wall time and peak memory of that process tree.

    ``os.wait4`` returns the rusage of this one child, including the children it waited
    for, so a concurrent build or browser on this shared machine does not leak into it.
    """
    with log.open("ab") as out:
        out.write(f"$ {' '.join(command)}\n".encode())
        out.flush()
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=ENV)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}); see {log}")
    return Run(seconds=seconds, max_rss_mib=usage.ru_maxrss / 1024)


def site_config(repo_config: Path, *, plugin: bool) -> dict[str, object]:
    """The example site's theme and Markdown setup, with or without the sopdocs plugin."""
    base = yaml.safe_load(repo_config.read_text(encoding="utf-8"))
    config: dict[str, object] = {
        "site_name": f"Tolok ukur sopdocs ({'plugin' if plugin else 'polos'})",
        "site_url": base.get("site_url"),
        "theme": base["theme"],
        "markdown_extensions": base.get("markdown_extensions", []),
        "docs_dir": "docs",
        "plugins": ["search"] if SEARCH["on"] else [],
    }
    if plugin:
        sopdocs = {"cache_dir": ".cache/sopdocs", "search": SEARCH["on"]}
        config["plugins"] = [*config["plugins"], {"sopdocs": sopdocs}]  # type: ignore[misc]
    return config


def snapshot(out: Path) -> str:
    """Freeze sopdocs' code for this run in ``out/code``; returns the revision it came from.

    The repository is being worked on while the bench runs for many minutes, and the parsed-SOP
    cache is keyed by a fingerprint of the code: a file saved mid-run would turn every warm
    build into a cold one. Builds import this copy instead (``PYTHONPATH`` comes before the
    editable install's finder), with the templates where the installed package has them.
    """
    code = out / "code"
    shutil.rmtree(code, ignore_errors=True)
    junk = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "plugins" / "sopdocs", code / "sopdocs", ignore=junk)
    shutil.copytree(REPO / "templates", code / "sopdocs" / "templates", ignore=junk)
    ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), os.environ.get("PYTHONPATH")]))
    sys.path.insert(0, str(code))
    where = subprocess.run(
        [sys.executable, "-c", "import sopdocs.templates as t; print(t.__file__)"],
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if not where.startswith(str(code)):
        raise SystemExit(f"the code snapshot is not the one imported: {where}")
    described = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=REPO, capture_output=True, text=True
    )
    return described.stdout.strip() or "?"


def prepare(size: int, out: Path, seed: int) -> tuple[dict[str, Path], dict[str, int]]:
    """Generate the catalogue; write the plugin site and the plain sites beside it.

    Returns the ``mkdocs.yml`` of each variant, and the catalogue's counts.
    """
    root = out / f"katalog-{size}"
    counts = generate(root, size, seed)
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Katalog SOP sintetis\n", encoding="utf-8")
    plugin_yml = root / "mkdocs.yml"
    plugin_yml.write_text(yaml.safe_dump(site_config(REPO / "mkdocs.yml", plugin=True)))

    plain = root / "polos"
    if plain.exists():
        shutil.rmtree(plain)
    plain.mkdir()
    generated = plain / "docs"
    subprocess.run(
        [sys.executable, "-m", "sopdocs", "generate", str(generated), "--sops", "sops"],
        check=True,
        cwd=root,
        env=ENV,
        stdout=subprocess.DEVNULL,
    )
    (generated / "index.md").write_text("# Katalog SOP sintetis\n", encoding="utf-8")
    plain_config = {**site_config(REPO / "mkdocs.yml", plugin=False), **_plugin_adds(root)}
    plain_yml = plain / "mkdocs.yml"
    plain_yml.write_text(yaml.safe_dump(plain_config))

    configs = {"plain": plain_yml}
    return {**configs, "warm": plugin_yml, "cold": plugin_yml}, counts


def _plugin_adds(root: Path) -> dict[str, object]:
    """What the plugin adds to a site's config, for the plain site to have it too.

    The nav above all: units and indexes, not every SOP page. Without it MkDocs would put all
    pages in the nav, and Material renders the nav on every page: quadratic, and unfair.
    The assets are those ``sopdocs generate`` copies beside the pages, in the plugin's order.
    """
    # The snapshot's modules, importable once ``snapshot`` put it on the path.
    from sopdocs.catalogue.index import analyse
    from sopdocs.site.pages import ASSETS_DIR, SCRIPTS, STYLESHEETS, catalogue_nav

    return {
        "nav": ["index.md", *catalogue_nav(analyse(root / "sops").index)],
        "extra_css": [f"{ASSETS_DIR}/{path.name}" for path in STYLESHEETS],
        "extra_javascript": [f"{ASSETS_DIR}/{path.name}" for path in SCRIPTS],
    }


def build(config: Path, log: Path, profile: Path | None = None) -> Run:
    site = config.parent / "site"
    python = [sys.executable, *(["-m", "cProfile", "-o", str(profile)] if profile else [])]
    return measured(
        [*python, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        config.parent,
        log,
    )


def profile_warm(config: Path, out: Path, log: Path) -> str:
    """One warm plugin build under cProfile: where the plugin's own time goes, by function."""
    path = out / f"profile-{config.parent.name}-warm.prof"
    build(config, log, profile=path)
    text = io.StringIO()
    stats = pstats.Stats(str(path), stream=text)
    stats.sort_stats("cumulative").print_stats(r"sopdocs/(?!templates)", 25)
    return text.getvalue()


def bench(sizes: list[int], repeat: int, out: Path, seed: int) -> list[SizeResult]:
    log = out / "build.log"
    log.write_text("")
    configs: dict[int, dict[str, Path]] = {}
    results: dict[int, SizeResult] = {}
    for size in sizes:
        configs[size], counts = prepare(size, out, seed)
        results[size] = SizeResult(size, counts["unit"], counts["diagram_unik"])
        _say(f"{size} SOP: {counts}; warm-up builds")
        shutil.rmtree(configs[size]["cold"].parent / ".cache", ignore_errors=True)
        for config in dict.fromkeys(configs[size].values()):  # caches, and the OS file cache
            build(config, log)
    for rep in range(repeat):
        for size in sizes:
            shift = rep % len(VARIANTS)
            for variant in VARIANTS[shift:] + VARIANTS[:shift]:
                config = configs[size][variant]
                if variant == "cold":
                    shutil.rmtree(config.parent / ".cache", ignore_errors=True)
                run = build(config, log)
                results[size].runs[variant].append(run)
                _say(f"  rep {rep + 1} {size:>5} {variant:<5} {run.seconds:7.2f} s")
            check = [sys.executable, "-m", "sopdocs", "check", "sops"]
            results[size].check.append(measured(check, configs[size]["warm"].parent, log))
        # Every repetition's figures on disk at once: a run killed at minute 40 keeps them.
        _save(out, {"repeat_done": rep + 1, "results": [asdict(r) for r in results.values()]})
    return [results[size] for size in sizes]


def _save(out: Path, raw: dict[str, object]) -> None:
    (out / "results.json").write_text(json.dumps(raw, indent=2), encoding="utf-8")


def machine() -> dict[str, str]:
    """What the figures were measured on: they mean little without it."""
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    mem_kib = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line), "?")
    dot = subprocess.run(["dot", "-V"], capture_output=True, text=True, check=False)
    return {
        "nproc": str(os.cpu_count()),
        "RAM": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "CPU": model,
        "Python": platform.python_version(),
        "MkDocs": importlib.metadata.version("mkdocs"),
        "Material": importlib.metadata.version("mkdocs-material"),
        "Graphviz": dot.stderr.strip().removeprefix("dot - graphviz version "),
    }


def verdict(value: float, target: float) -> str:
    return "ya" if value <= target else "**tidak**"


def table(results: list[SizeResult], repeat: int, info: dict[str, str]) -> str:
    """The results as Markdown, for the README and the terminal."""
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')}, {repeat} repetitions, medians. Machine: "
        + ", ".join(f"{k} {v}" for k, v in info.items())
        + ".",
        "",
        f"Search: {'on (plain: Material search; plugin: Pagefind)' if SEARCH['on'] else 'off'}.",
        "",
        "| SOPs | units | plain (a) | warm (b) | cold (c) "
        "| b/a | c/a | `sopdocs check` | peak RSS |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        check = statistics.median(run.seconds for run in r.check)
        times = " | ".join(f"{r.median(v):.1f} s" for v in VARIANTS)
        ratios = " | ".join(f"{r.ratio(b, 'plain'):.2f}" for b in ("warm", "cold"))
        lines.append(
            f"| {r.size:,} | {r.units} | {times} | {ratios} "
            f"| {check:.1f} s | {r.peak_mib():.0f} MiB |"
        )
    lines += ["", "| target | measured | holds |", "| --- | ---: | :---: |"]
    for r in results:
        for b, name in (("warm", "warm/plain"), ("cold", "cold/plain")):
            value = r.ratio(b, "plain")
            lines.append(
                f"| {r.size:,} SOPs: {b}/plain ≤ {TARGETS[name]} | {value:.2f} "
                f"| {verdict(value, TARGETS[name])} |"
            )
    by_size = {r.size: r for r in results}
    if 1000 in by_size and 3000 in by_size:
        small, large = by_size[1000], by_size[3000]
        for variant in VARIANTS:
            growth = large.median(variant) / small.median(variant)
            lines.append(
                f"| growth 1,000 → 3,000 SOPs, {variant} ≤ {TARGETS['growth']}× "
                f"| {growth:.2f}× | {verdict(growth, TARGETS['growth'])} |"
            )
    largest = results[-1]
    lines.append(
        f"| peak RSS of the {largest.size:,}-SOP build < 1 GiB | {largest.peak_mib():.0f} MiB "
        f"| {verdict(largest.peak_mib(), TARGETS['peak_mib'])} |"
    )
    return "\n".join(lines) + "\n"


def update_readme(readme: Path, text: str) -> None:
    current = readme.read_text(encoding="utf-8")
    head, _, rest = current.partition(RESULTS_START)
    _, _, tail = rest.partition(RESULTS_END)
    readme.write_text(f"{head}{RESULTS_START}\n{text}{RESULTS_END}{tail}", encoding="utf-8")


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,3000", help="comma-separated SOP counts")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions (medians are taken)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="work folder")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--readme", action="store_true", help="write the table to README.md")
    parser.add_argument("--no-search", action="store_true", help="build without search")
    parser.add_argument(
        "--profile", action="store_true", help="then profile a warm build of the largest size"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    SEARCH["on"] = not args.no_search
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    revision = snapshot(out)
    results = bench(sizes, args.repeat, out, args.seed)
    info = {**machine(), "sopdocs": revision}
    text = table(results, args.repeat, info)
    print(text)
    _save(out, {"machine": info, "repeat": args.repeat, "results": [asdict(r) for r in results]})
    if args.readme:
        update_readme(HERE / "README.md", text)
    if args.profile:
        print(profile_warm(out / f"katalog-{sizes[-1]}" / "mkdocs.yml", out, out / "build.log"))


if __name__ == "__main__":
    main()
