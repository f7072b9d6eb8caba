"""The site folder emptied beside the build: the entries MkDocs would delete leave the folder
at once and are gone when the build ends; hidden entries stay, as MkDocs keeps them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import BuiltSite
from sopdocs.site.clearing import BackgroundClearing
from support import CATALOGUE, MKDOCS_YML, write_files

Build = Callable[..., BuiltSite]


def _old_site(folder: Path) -> Path:
    return write_files(
        folder / "site",
        {
            "index.html": "lama",
            "sop/a/index.html": "lama",
            ".nojekyll": "",
            ".git/HEAD": "ref: refs/heads/gh-pages\n",
        },
    )


def _tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_the_entries_leave_the_site_folder_at_once_and_hidden_ones_stay(tmp_path: Path) -> None:
    site = _old_site(tmp_path)
    clearing = BackgroundClearing()
    clearing.start(site)
    assert _tree(site) == [".git", ".git/HEAD", ".nojekyll"]
    clearing.wait()
    assert _tree(tmp_path) == ["site", "site/.git", "site/.git/HEAD", "site/.nojekyll"]


def test_a_folder_left_by_a_killed_build_is_deleted_by_the_next(tmp_path: Path) -> None:
    site = _old_site(tmp_path)
    write_files(tmp_path, {".site.sopdocs-lama-0123/sop/b/index.html": "lama"})
    clearing = BackgroundClearing()
    clearing.start(site)
    clearing.wait()
    assert _tree(tmp_path) == ["site", "site/.git", "site/.git/HEAD", "site/.nojekyll"]


def test_a_missing_site_folder_is_left_to_mkdocs(tmp_path: Path) -> None:
    clearing = BackgroundClearing()
    clearing.start(tmp_path / "site")
    clearing.wait()
    assert _tree(tmp_path) == []


def test_a_build_leaves_no_old_page_and_nothing_beside_the_site(
    tmp_path: Path, build_site: Build
) -> None:
    root = write_files(tmp_path / "katalog", {**CATALOGUE, "mkdocs.yml": MKDOCS_YML})
    _old_site(root)
    (root / "site" / "sop" / "a" / "index.html").rename(root / "site" / "basi.html")
    built = build_site(root)
    assert not (built.site_dir / "basi.html").exists()
    assert (built.site_dir / ".git" / "HEAD").exists()
    assert (built.site_dir / "sop" / "dinas-contoh" / "pendaftaran" / "index.html").exists()
    assert [p.name for p in root.iterdir() if ".sopdocs-lama-" in p.name] == []


def test_a_dirty_build_keeps_what_it_does_not_write(tmp_path: Path, build_site: Build) -> None:
    root = write_files(tmp_path / "katalog", {**CATALOGUE, "mkdocs.yml": MKDOCS_YML})
    _old_site(root)
    built = build_site(root, serving="dirty")
    assert (built.site_dir / "sop" / "a" / "index.html").read_text() == "lama"
