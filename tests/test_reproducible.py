"""The same sources give the same site, byte for byte.

A catalogue's site is reviewed in pull requests and published from CI; a build that differs
from run to run (dict or set order, timestamps, random ids in the SVG, absolute paths)
makes every deploy look like a change and hides the real ones. Each build runs in its own
process, from its own copy of the sources in a differently named folder, with a different
``PYTHONHASHSEED``, so that order of sets, working directories and absolute paths would all
show up as differences.
"""

from __future__ import annotations

import difflib
import gzip
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from support import REPO

pytestmark = pytest.mark.slow

NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".cache", "site", "out", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache",
    ".hypothesis", ".benchmarks", "*.egg-info", ".mypy_cache", "build", "dist",
)  # fmt: skip

_LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def _without_lastmod(data: bytes) -> bytes:
    return _LASTMOD.sub(b"<lastmod/>", data)


STAMPED_BY_MKDOCS: dict[str, Callable[[bytes], bytes]] = {
    # MkDocs dates every page with the day of the build (SOURCE_DATE_EPOCH aside), so two
    # builds either side of midnight differ here; nothing of ours is in these two files.
    "sitemap.xml": _without_lastmod,
    # The same dates, plus the gzip header's mtime, which MkDocs sets from the same date.
    "sitemap.xml.gz": lambda data: _without_lastmod(gzip.decompress(data)),
}
"""The only files allowed to differ, and how to compare them anyway."""

UNORDERED_BY_PAGEFIND = re.compile(r"pagefind/(filter/.*|pagefind-entry\.json|.*\.pf_meta)")
"""Pagefind writes each filter's values in an order it does not fix, and names the chunk by
a hash of it (its metadata and entry files list those names). Its word index and page
fragments, made from the same HTML, are compared like every other file."""


def copy_sources(destination: Path) -> Path:
    shutil.copytree(REPO, destination, ignore=NOT_SOURCES)
    return destination


def build(project: Path, site: Path, hash_seed: str) -> Path:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", str(site)],
        cwd=project,
        env=env,
        check=True,
    )
    return site


def differences(one: Path, other: Path) -> list[str]:
    """Every file present in only one site or differing in content, explained briefly."""
    files = {p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file()}
    others = {p.relative_to(other).as_posix() for p in other.rglob("*") if p.is_file()}
    files, others = (
        {name for name in names if not UNORDERED_BY_PAGEFIND.fullmatch(name)}
        for names in (files, others)
    )
    found = [f"only in one build: {name}" for name in sorted(files ^ others)]
    for name in sorted(files & others):
        a, b = (one / name).read_bytes(), (other / name).read_bytes()
        normalise = STAMPED_BY_MKDOCS.get(name)
        if normalise is not None:
            a, b = normalise(a), normalise(b)
        if a != b:
            found.append(f"{name} differs:\n{_excerpt(a, b)}")
    return found


def _excerpt(a: bytes, b: bytes) -> str:
    """The first lines of a diff, enough to see what varies (an id, an order, a path)."""
    lines = difflib.unified_diff(
        a.decode("utf-8", "replace").splitlines(),
        b.decode("utf-8", "replace").splitlines(),
        lineterm="",
        n=0,
    )
    return "\n".join(line[:200] for _, line in zip(range(12), lines, strict=False))


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example catalogue built once from a fresh copy (cold cache): project and site."""
    root = tmp_path_factory.mktemp("pertama")
    project = copy_sources(root / "katalog-satu")
    return project, build(project, root / "situs", hash_seed="1")


def test_two_builds_of_the_same_sources_are_byte_identical(
    first_build: tuple[Path, Path], tmp_path: Path
) -> None:
    _, first = first_build
    project = copy_sources(tmp_path / "katalog-dua")
    second = build(project, tmp_path / "situs", hash_seed="2")
    assert differences(first, second) == []


def test_a_build_from_a_warm_cache_equals_the_cold_build(
    first_build: tuple[Path, Path], tmp_path: Path
) -> None:
    project, first = first_build
    assert (project / ".cache").is_dir(), "the first build left no cache to start warm from"
    rebuilt = build(project, tmp_path / "situs", hash_seed="3")
    assert differences(first, rebuilt) == []
