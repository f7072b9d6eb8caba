"""How long a saved SOP takes to reach the browser under ``mkdocs serve``, edit by edit.

Generates a catalogue (``generate.py``; a git repository, as real catalogues are), starts
``mkdocs serve --dirty`` on it, opens pages in real Chromium and, for each kind of edit,
saves a file and times until the page shows the change after MkDocs' livereload: the
author's wait. Each edit is undone before the next, and its page checked again, so every
kind is also a check that the pages showing it were rebuilt, never left stale:

- ``text``: one step's kegiatan of one SOP, seen on that SOP's page;
- ``link``: a keterkaitan added to SOP A naming SOP B, seen as A's backlink on B's page;
- ``add``: a new SOP in a unit, seen on the unit's page;
- ``remove``: that SOP deleted again, gone from the unit's page.

Beside each wait, the CPU time the server process spent in it (``/proc``): on a shared
machine the wait grows with the load average, the CPU time much less.

    python bench/editloop.py --size 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Page, sync_playwright

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402 (bench/ is scripts, not a package)
from run import site_config  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def prepare(root: Path, size: int, seed: int, search: bool) -> None:
    if not (root / "sops").is_dir():
        generate(root, size, seed)
        (root / "docs").mkdir(parents=True, exist_ok=True)
        (root / "docs" / "index.md").write_text("# Katalog SOP sintetis\n", encoding="utf-8")
        git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)
        subprocess.run([*git, "add", "-A"], cwd=root, check=True)
        subprocess.run([*git, "commit", "-qm", "katalog"], cwd=root, check=True)
    config = site_config(REPO / "mkdocs.yml", plugin=True)
    config["plugins"] = [{"sopdocs": {"cache_dir": ".cache/sopdocs", "search": search}}]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")


def serve(root: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        command, cwd=root, env=ENV, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 1800
    while "Serving on" not in log.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"mkdocs serve did not start; see {log}")
        time.sleep(0.5)
    return process


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of process ``pid`` so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for(page: Page, test: Callable[[str], bool], timeout: float = 600) -> float:
    """Seconds until the page's text passes ``test`` (reloads come and go meanwhile)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            if test(page.inner_text("article")):
                return time.perf_counter() - started
        except Exception:  # a reload in progress: ask again
            pass
        time.sleep(0.05)
    raise SystemExit("the page never showed the change")


def sop_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "sops").rglob("*.yaml") if p.name != "_unit.yaml")


def sop_id(root: Path, path: Path) -> str:
    return path.relative_to(root / "sops").with_suffix("").as_posix()


def load(path: Path) -> dict[str, object]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def save(path: Path, data: dict[str, object]) -> float:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return time.perf_counter()


class Edits:
    """The edits, each timed from the save to the change on the page."""

    def __init__(self, root: Path, page: Page, base: str, server: int) -> None:
        self.root, self.page, self.base, self.server = root, page, base, server
        files = sop_files(root)
        self.a, self.b = files[len(files) // 3], files[len(files) // 3 + 7]
        self.cpu: dict[str, list[float]] = {"text": [], "link": [], "add": [], "remove": []}

    def seen(self, kind: str, test: Callable[[str], bool]) -> float:
        """Seconds until the page passes ``test``; the server's CPU time meanwhile is kept."""
        cpu = cpu_seconds(self.server)
        seconds = wait_for(self.page, test)
        self.cpu[kind].append(cpu_seconds(self.server) - cpu)
        return seconds

    def open(self, url: str) -> None:
        self.page.goto(f"{self.base}{url}")
        self.page.wait_for_selector("article")
        time.sleep(1)  # the livereload script connects

    def text(self, n: int) -> float:
        self.open(f"sop/{sop_id(self.root, self.a)}/")
        data = load(self.a)
        original = dict(data)
        marker = f"Kegiatan diubah {n}"
        steps = [dict(s) for s in data["prosedur"]]  # type: ignore[union-attr]
        steps[0]["kegiatan"] = marker
        data["prosedur"] = steps
        save(self.a, data)
        seconds = self.seen("text", lambda text: marker in text)
        save(self.a, original)
        wait_for(self.page, lambda text: marker not in text)
        return seconds

    def link(self, n: int) -> float:
        self.open(f"sop/{sop_id(self.root, self.b)}/")
        data = load(self.a)
        original = dict(data)
        nama = f"SOP yang merujuk {n}"
        data["nama"] = nama
        data["keterkaitan"] = [*data.get("keterkaitan", []), {"sop": sop_id(self.root, self.b)}]
        save(self.a, data)
        seconds = self.seen("link", lambda text: nama in text)
        save(self.a, original)
        wait_for(self.page, lambda text: nama not in text)
        return seconds

    def add_remove(self, n: int) -> tuple[float, float]:
        unit = self.a.parent
        self.open(f"unit/{unit.relative_to(self.root / 'sops').as_posix()}/")
        data = load(self.a)
        nama = f"SOP baru uji {n}"
        data["nama"] = nama
        data["nomor"] = f"999/{n}/SOP/UJI"
        new = unit / f"sop-baru-uji-{n}.yaml"
        save(new, data)
        added = self.seen("add", lambda text: nama in text)
        new.unlink()
        return added, self.seen("remove", lambda text: nama not in text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--search", action="store_true", help="with the Pagefind index")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    root = (args.out / f"serve-{args.size}").resolve()
    prepare(root, args.size, args.seed, args.search)
    log = root / "serve.log"
    started = time.perf_counter()
    process = serve(root, args.port, log)
    print(f"{args.size} SOP: mkdocs serve ready in {time.perf_counter() - started:.1f} s")
    times: dict[str, list[float]] = {"text": [], "link": [], "add": [], "remove": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            mount = urlsplit(str(yaml.safe_load((root / "mkdocs.yml").read_text())["site_url"]))
            base = f"http://127.0.0.1:{args.port}{mount.path}"
            edits = Edits(root, page, base, process.pid)
            for n in range(args.repeat):
                times["text"].append(edits.text(n))
                times["link"].append(edits.link(n))
                added, removed = edits.add_remove(n)
                times["add"].append(added)
                times["remove"].append(removed)
                print(
                    f"  rep {n + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items())
                )
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=60)
    print(f"\n| edit ({args.size} SOPs, median of {args.repeat}) | save → browser | server CPU |")
    print("| --- | ---: | ---: |")
    for kind, values in times.items():
        cpu = statistics.median(edits.cpu[kind])
        print(f"| {kind} | {statistics.median(values):.2f} s | {cpu:.2f} s |")
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
