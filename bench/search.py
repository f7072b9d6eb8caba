"""Measure search at catalogue scale: a query's time and bytes on a phone, and build time.

Two measurements, each a script run by hand (figures depend on the machine; nothing here
is a test):

- ``query``: for each size, a catalogue from ``generate.py`` is built with the sopdocs plugin
  (Pagefind), served on 127.0.0.1, and real headless Chromium types queries into the header
  box under the phone profile of issue 14: 9 Mbit/s down, 40 ms latency, CPU slowed 4x
  (DevTools: ``Network.emulateNetworkConditions``, ``Emulation.setCPUThrottlingRate``),
  cache off. Each query runs in a fresh browser context, so its figures include loading the
  search engine: time from the query reaching the box to the first result on screen, and
  bytes transferred from focusing the box until the results are shown. Twice per query:
  entered the moment the box is focused (the engine loads after the query: the worst case),
  and entered one second after (a person focusing, then typing: the engine loads meanwhile).
  The server counts the bytes it sends (headers included), so a worker's requests count too.
  Each query runs twice over: files sent as they are, as the most pessimistic host would,
  then gzipped as GitHub Pages sends HTML, JavaScript and JSON (Pagefind compresses its index
  chunks and WebAssembly itself; its JavaScript it does not).
  It also checks that ``UU 24/2013`` lists the regulation page first, then only SOPs
  citing it.
- ``build``: for each size, two warm builds of the same catalogue in one run: Material's
  search (``plugins: [search, {sopdocs: {search: false}}]``) and Pagefind (``plugins:
  [sopdocs]``), interleaved, each with its own cache, medians over ``--repeat``; ratio
  Pagefind/Material, in wall seconds and in CPU seconds (the build and what it runs). The
  pages do not change between warm builds, so the Pagefind build copies its kept index back
  (sopdocs.site.searchbundle); a third build per round removes the kept index first, so
  Pagefind runs, as after an edited page (``pagefind-run``).

    python bench/search.py query --sizes 3000,10000
    python bench/search.py build --sizes 1000,3000 --repeat 3
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402 (bench/ is scripts, not a package)

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE = {
    "offline": False,
    "latency": 40,
    "downloadThroughput": 9e6 / 8,
    "uploadThroughput": 2e6 / 8,
}
"""9 Mbit/s down (2 up), 40 ms latency: issue 14's phone."""
CPU_SLOWDOWN = 4
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
TARGET_SECONDS = 1.0
TARGET_BYTES = 200_000


def catalogue(out: Path, size: int, seed: int) -> Path:
    """``out/katalog-SIZE`` with its SOPs (generated once) and the example site's theme."""
    root = out / f"katalog-{size}"
    if not (root / "sops").is_dir():
        generate(root, size, seed)
    (root / "docs").mkdir(exist_ok=True)
    home = root / "docs" / "index.md"
    if not home.exists():
        home.write_text("# Katalog SOP\n\nTolok ukur pencarian.\n", encoding="utf-8")
    return root


def write_config(root: Path, name: str, *, pagefind: bool) -> Path:
    """A ``mkdocs.yml`` like the example site's; Pagefind, or Material's search."""
    base = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    # A cache per configuration: a full build prunes the entries it did not use, so two
    # configurations sharing one would each find the other's build had emptied it.
    plugin: dict[str, object] = {"cache_dir": f".cache/sopdocs-{name}"}
    if not pagefind:
        plugin["search"] = False
    config = {
        "site_name": "Tolok ukur pencarian",
        "theme": base["theme"],
        "markdown_extensions": base.get("markdown_extensions", []),
        "docs_dir": "docs",
        "site_dir": f"site-{name}",
        "plugins": ([] if pagefind else ["search"]) + [{"sopdocs": plugin}],
    }
    path = root / f"mkdocs-{name}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def build(config: Path) -> float:
    """One ``mkdocs build`` in its own process; its wall-clock seconds."""
    return timed_build(config)[0]


def timed_build(config: Path) -> tuple[float, float]:
    """One ``mkdocs build`` in its own process: wall-clock seconds, and CPU seconds (user and
    system) of the build and what it ran, Pagefind included; on a shared machine the CPU
    figure moves much less with the load than the wall clock."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config.name],
        cwd=config.parent,
        env=ENV,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{config} failed:\n{done.stderr[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


# --- query ------------------------------------------------------------------------------


COMPRESSED = (".html", ".js", ".json", ".css", ".svg", "/")
"""What a host such as GitHub Pages sends gzipped; Pagefind's chunks and WebAssembly are
compressed inside their files and go as they are."""


class _Counter:
    """The socket's writer, counting every byte sent (headers and body) per request path."""

    def __init__(self, wfile: Any, handler: _Handler) -> None:
        self.wfile, self.handler = wfile, handler

    def write(self, data: bytes) -> int:
        sent = self.handler.server.sent  # type: ignore[attr-defined]
        path = getattr(self.handler, "path", "?")
        sent[path] = sent.get(path, 0) + len(data)
        return self.wfile.write(data)

    def flush(self) -> None:
        self.wfile.flush()

    @property
    def closed(self) -> bool:
        return bool(self.wfile.closed)

    def close(self) -> None:
        self.wfile.close()


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site, as it is or gzipped like a common host, and counts what it sends: a
    count that sees the requests of Pagefind's worker, which the browser's events may miss."""

    def setup(self) -> None:
        super().setup()
        self.wfile = _Counter(self.wfile, self)  # type: ignore[assignment]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.server.gzip and wants and path.endswith(COMPRESSED)):  # type: ignore[attr-defined]
            super().do_GET()
            return
        file = Path(self.translate_path(path))
        file = file / "index.html" if file.is_dir() else file
        if not file.is_file():
            super().do_GET()
            return
        body = gzip.compress(file.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serving(folder: Path, *, gzipped: bool) -> Iterator[tuple[str, dict[str, int]]]:
    """``folder`` on 127.0.0.1: its address, and the bytes sent per path (reset by callers)."""
    handler = functools.partial(_Handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.sent = {}  # type: ignore[attr-defined]
    server.gzip = gzipped  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", server.sent  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()


ANSWERED = """([query, started]) => new Promise(resolve => {
  const list = document.querySelector('#sopdocs-hasil');
  const check = () => {
    if (list.dataset.query === query && list.children.length) {
      resolve({ms: performance.now() - started, hrefs: [...list.querySelectorAll('li > a')]
        .map(a => a.getAttribute('href')), shown: list.children.length});
      return true;
    }
    return false;
  };
  if (!check()) new MutationObserver((_, o) => { if (check()) o.disconnect(); })
    .observe(list, {childList: true, attributes: true, subtree: true});
})"""

FOCUS = "() => document.querySelector('input.md-search__input').focus()"

TYPE = """query => { const box = document.querySelector('input.md-search__input');
  const started = performance.now(); box.value = query;
  box.dispatchEvent(new Event('input', {bubbles: true})); return started; }"""


def one_query(
    browser: Any, base_url: str, sent: dict[str, int], query: str, *, think: float
) -> dict[str, Any]:
    """``query`` entered at once into a fresh phone's box, ``think`` seconds after the box was
    focused (0: the engine starts loading with the query): seconds to the first results on
    screen, bytes the server sent from the focus on (the page's requests and any worker's)."""
    context = browser.new_context(viewport={"width": 412, "height": 915}, locale="id-ID")
    tab = context.new_page()
    cdp = context.new_cdp_session(tab)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", PHONE)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    tab.goto(base_url, wait_until="load", timeout=300_000)
    tab.wait_for_load_state("networkidle", timeout=300_000)
    sent.clear()
    tab.evaluate(FOCUS)
    if think:
        tab.wait_for_timeout(think * 1000)
    started = tab.evaluate(TYPE, query)
    answer = tab.evaluate(ANSWERED, [query, started])
    tab.wait_for_load_state("networkidle", timeout=300_000)
    context.close()
    fetched = dict(sent)
    return {
        "query": query,
        "think_s": think,
        "seconds": round(answer["ms"] / 1000, 3),
        "bytes": sum(fetched.values()),
        "requests": len(fetched),
        "parts": by_kind(fetched),
        "shown": answer["shown"],
        "first": answer["hrefs"][:10],
    }


def by_kind(fetched: dict[str, int]) -> dict[str, list[int]]:
    """Requests and bytes per kind of file (``pf_index``, ``pf_fragment``, ``js``...): where
    a query's bytes go."""
    kinds: dict[str, list[int]] = {}
    for url, size in fetched.items():
        name = url.split("?")[0].rsplit("/", 1)[-1]
        kind = name.rsplit(".", 1)[-1] if "." in name else name
        entry = kinds.setdefault(kind, [0, 0])
        entry[0] += 1
        entry[1] += size
    return dict(sorted(kinds.items()))


def queries_for(root: Path) -> list[str]:
    """Queries a citizen or an auditor types, taken from the catalogue itself."""
    from sopdocs.catalogue.index import analyse

    index = analyse(root / "sops").index
    sop = index.sops[len(index.sops) // 2]
    role = max(index.roles, key=lambda r: len(r.duties))
    return ["akta kelahiran", "UU 24/2013", "uu 24 2013", sop.nomor, role.name, "surat pindah"]


def check_ranking(result: dict[str, Any], root: Path) -> str:
    """``UU 24/2013``: the regulation page first, then SOPs citing it."""
    from sopdocs.catalogue.index import analyse

    index = analyse(root / "sops").index
    citing = {f"/sop/{sop.id}/" for sop in index.regulation("uu-24-2013").sops}
    first, rest = result["first"][0], result["first"][1:]
    ok = first == "/regulasi/uu-24-2013/" and all(h in citing for h in rest)
    return "ok" if ok else f"NOT ok: {result['first']}"


def queries_on(
    site: Path, root: Path, queries: list[str], *, gzipped: bool, facts: dict[str, Any]
) -> list[dict[str, Any]]:
    """Every query twice (at focus, a second after) on ``site`` served as is or gzipped."""
    from playwright.sync_api import sync_playwright

    rows = []
    with serving(site, gzipped=gzipped) as (base_url, sent), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for query in queries:
            for think in (0.0, 1.0):
                result = one_query(browser, base_url, sent, query, think=think)
                result.update(facts, gzip=gzipped)
                if query == "UU 24/2013":
                    result["ranking"] = check_ranking(result, root)
                rows.append(result)
                print(json.dumps({k: v for k, v in result.items() if k != "first"}), flush=True)
        browser.close()
    return rows


def run_queries(sizes: list[int], out: Path, seed: int, *, rebuild: bool) -> list[dict[str, Any]]:

    rows = []
    for size in sizes:
        root = catalogue(out, size, seed)
        # Its own copy of the site: a build bench may rebuild site-pagefind meanwhile.
        site, built = root / "site-query", root / "site-pagefind"
        seconds = 0.0
        if rebuild or not (site / "pagefind").is_dir():
            if (built / "pagefind").is_dir() and not rebuild:
                shutil.copytree(built, site)
            else:
                seconds = build(write_config(root, "query", pagefind=True))
        index_bytes = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
        queries = queries_for(root)
        facts = {"size": size, "build_s": round(seconds, 1), "index_bytes": index_bytes}
        for gzipped in (False, True):
            rows += queries_on(site, root, queries, gzipped=gzipped, facts=facts)
    return rows


# --- build ------------------------------------------------------------------------------


def run_builds(sizes: list[int], out: Path, seed: int, repeat: int) -> dict[int, dict[str, Any]]:
    report = {}
    for size in sizes:
        root = catalogue(out, size, seed)
        configs = {
            "material": write_config(root, "material", pagefind=False),
            "pagefind": write_config(root, "pagefind", pagefind=True),
        }
        for config in configs.values():
            build(config)  # fills its sopdocs cache: every timed build is warm
        times: dict[str, list[float]] = {name: [] for name in [*configs, "pagefind-run"]}
        cpus: dict[str, list[float]] = {name: [] for name in times}
        ratios, cpu_ratios = [], []
        for round_ in range(repeat):
            order = list(configs) if round_ % 2 == 0 else list(reversed(configs))
            seconds = {name: timed_build(configs[name]) for name in order}
            # The same warm build made to run Pagefind, as after a changed page.
            shutil.rmtree(root / ".cache/sopdocs-pagefind/pagefind", ignore_errors=True)
            seconds["pagefind-run"] = timed_build(configs["pagefind"])
            for name, (wall, cpu) in seconds.items():
                times[name].append(wall)
                cpus[name].append(cpu)
            ratios.append(seconds["pagefind"][0] / seconds["material"][0])
            cpu_ratios.append(seconds["pagefind"][1] / seconds["material"][1])
            rounded = {k: [round(v, 1) for v in pair] for k, pair in seconds.items()}
            print(json.dumps({"size": size, "wall_cpu": rounded, "load": os.getloadavg()[0]}))
        report[size] = {
            "material_s": round(statistics.median(times["material"]), 1),
            "pagefind_s": round(statistics.median(times["pagefind"]), 1),
            "ratio": round(statistics.median(ratios), 2),
            "material_cpu_s": round(statistics.median(cpus["material"]), 1),
            "pagefind_cpu_s": round(statistics.median(cpus["pagefind"]), 1),
            "cpu_ratio": round(statistics.median(cpu_ratios), 2),
            "pagefind_run_s": round(statistics.median(times["pagefind-run"]), 1),
            "pagefind_run_cpu_s": round(statistics.median(cpus["pagefind-run"]), 1),
            "search_index_mb": round(
                (root / "site-material" / "search" / "search_index.json").stat().st_size / 1e6, 1
            ),
        }
        print(json.dumps({"size": size, **report[size]}), flush=True)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["query", "build"])
    parser.add_argument("--sizes", default="3000", help="comma-separated SOP counts")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=3, help="build: rounds; medians taken")
    parser.add_argument("--rebuild", action="store_true", help="query: build the site again")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    options.out.mkdir(parents=True, exist_ok=True)
    if options.what == "query":
        rows = run_queries(sizes, options.out, options.seed, rebuild=options.rebuild)
        path = options.out / "search-query.json"
        path.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
        worst = max(rows, key=lambda r: r["seconds"])
        heaviest = max(rows, key=lambda r: r["bytes"])
        print(
            f"slowest: {worst['seconds']} s ({worst['query']!r}, {worst['size']} SOPs; "
            f"target {TARGET_SECONDS} s); heaviest: {heaviest['bytes']} bytes "
            f"({heaviest['query']!r}; target {TARGET_BYTES})"
        )
    else:
        report = run_builds(sizes, options.out, options.seed, options.repeat)
        path = options.out / "search-build.json"
        path.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
