"""The site folder rewritten in place: a full build over an old site leaves exactly what a
build into an empty folder leaves (hidden entries kept, as MkDocs keeps them), overwriting the
files it writes again instead of deleting and creating them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import mkdocs.utils
import pytest
from conftest import BuiltSite
from mkdocs.exceptions import Abort
from sopdocs.adapters import sitefolder
from sopdocs.site.inplace import SiteInPlace, keep_only, overwrite, write_over
from support import CATALOGUE, MKDOCS_YML, NO_SEARCH_YML, write_files

Build = Callable[..., BuiltSite]
PAGE = "sop/dinas-contoh/pendaftaran/index.html"
OTHER_PAGE = "sop/dinas-contoh/bidang-layanan/penerbitan-surat/index.html"
HIDDEN = {".nojekyll": "", ".git/HEAD": "ref: refs/heads/gh-pages\n"}


def _catalogue(folder: Path, yml: str = NO_SEARCH_YML) -> Path:
    return write_files(folder, {**CATALOGUE, "mkdocs.yml": yml})


def _contents(site: Path) -> dict[str, bytes | None]:
    """Every entry under ``site``: a file's bytes, None for a folder."""
    return {
        p.relative_to(site).as_posix(): None if p.is_dir() else p.read_bytes()
        for p in sorted(site.rglob("*"))
    }


def test_a_build_over_an_old_site_leaves_what_a_build_into_an_empty_folder_leaves(
    tmp_path: Path, build_site: Build
) -> None:
    fresh = build_site(_catalogue(tmp_path / "baru"))
    root = _catalogue(tmp_path / "lama")
    outside = write_files(tmp_path / "luar", {"jangan.html": "tetap"})
    build_site(root)
    site = root / "site"
    (site / "katalog.json").unlink()
    (site / "unit/dinas-contoh/index.html").unlink()
    write_files(
        site,
        {
            **HIDDEN,
            "basi.html": "halaman yang sudah dihapus",
            "sop/dihapus/index.html": "lama",
            "katalog.json/isi.txt": "folder di tempat berkas",
            "unit/dinas-contoh/index.html/x": "folder di tempat halaman",
        },
    )
    (site / "kosong").mkdir()
    (site / "sop" / "tautan").symlink_to(outside, target_is_directory=True)
    (site / PAGE).chmod(0o444)
    (site / OTHER_PAGE).write_bytes((site / OTHER_PAGE).read_bytes() + b"<p>lama</p>" * 9000)
    (site / "assets").rename(tmp_path / "aset")
    (site / "assets").write_text("berkas di tempat folder")

    build_site(root)

    assert _contents(site) == {**_contents(fresh.site_dir), **_hidden_entries()}
    assert _contents(outside) == {"jangan.html": b"tetap"}
    assert [p.name for p in root.iterdir() if ".sopdocs-lama-" in p.name] == []


def _hidden_entries() -> dict[str, bytes | None]:
    return {".git": None, ".git/HEAD": HIDDEN[".git/HEAD"].encode(), ".nojekyll": b""}


def test_a_page_written_again_is_overwritten_not_made_anew(
    tmp_path: Path, build_site: Build
) -> None:
    root = _catalogue(tmp_path)
    build_site(root)
    before = (root / "site" / PAGE).stat().st_ino
    build_site(root)
    assert (root / "site" / PAGE).stat().st_ino == before


WRITER_HOOK = (
    "import mkdocs.utils\n\n"
    "def on_post_page(output, page, config):\n"
    "    with open('penulis.txt', 'a') as record:\n"
    "        record.write(mkdocs.utils.write_file.__module__ + '\\n')\n"
    "    return output\n"
)


def test_pages_are_written_over_by_sopdocs_and_mkdocs_writes_its_own_way_again_after(
    tmp_path: Path, build_site: Build
) -> None:
    mkdocs_writes = mkdocs.utils.write_file
    yml = NO_SEARCH_YML + "hooks:\n  - hooks/penulis.py\n"
    root = write_files(tmp_path, {**CATALOGUE, "mkdocs.yml": yml, "hooks/penulis.py": WRITER_HOOK})
    build_site(root)
    assert set((root / "penulis.txt").read_text().split()) == {sitefolder.__name__}
    assert mkdocs.utils.write_file is mkdocs_writes


def test_mkdocs_writes_its_own_way_again_after_a_failed_build(
    tmp_path: Path, build_site: Build
) -> None:
    mkdocs_writes = mkdocs.utils.write_file
    failing = "def on_post_page(output, page, config):\n    raise RuntimeError('gagal')\n"
    yml = NO_SEARCH_YML + "hooks:\n  - hooks/gagal.py\n"
    root = write_files(tmp_path, {**CATALOGUE, "mkdocs.yml": yml, "hooks/gagal.py": failing})
    with pytest.raises(RuntimeError, match="gagal"):
        build_site(root)
    assert mkdocs.utils.write_file is mkdocs_writes


@pytest.mark.parametrize("old", [b"", b"lama", b"isi lama yang lebih panjang dari yang baru"])
def test_overwrite_leaves_exactly_the_new_bytes_in_the_same_file(tmp_path: Path, old: bytes):
    path = tmp_path / "halaman.html"
    path.write_bytes(old)
    inode = path.stat().st_ino
    overwrite(path, b"isi baru")
    assert path.read_bytes() == b"isi baru"
    assert path.stat().st_ino == inode


def test_overwrite_makes_a_missing_file(tmp_path: Path):
    overwrite(tmp_path / "baru.html", b"isi")
    assert (tmp_path / "baru.html").read_bytes() == b"isi"


def test_an_old_search_index_file_the_new_index_lacks_is_gone(
    tmp_path: Path, build_site: Build
) -> None:
    root = _catalogue(tmp_path, MKDOCS_YML)
    build_site(root)
    write_files(root / "site" / "pagefind", {"fragment/basi.pf_fragment": "lama"})
    (root / ".cache" / "pagefind").rename(tmp_path / "indeks-lama")  # Pagefind runs
    built = build_site(root)
    fragments = sorted(p.name for p in (built.site_dir / "pagefind" / "fragment").iterdir())
    assert fragments
    assert "basi.pf_fragment" not in fragments


def test_a_failed_build_leaves_no_old_file_and_nothing_beside_the_site(
    tmp_path: Path, build_site: Build
) -> None:
    root = _catalogue(tmp_path)
    build_site(root)
    write_files(root / "site", HIDDEN)
    write_files(root, {"sops/dinas-contoh/rusak.yaml": "nama: [tidak ditutup\n"})
    with pytest.raises(Abort):
        build_site(root)
    assert _contents(root / "site") == _hidden_entries()
    assert [p.name for p in root.iterdir() if ".sopdocs-lama-" in p.name] == []


def test_a_dirty_build_keeps_what_it_does_not_write(tmp_path: Path, build_site: Build) -> None:
    root = _catalogue(tmp_path)
    write_files(root / "site", {"sop/a/index.html": "lama"})
    built = build_site(root, serving="dirty")
    assert (built.site_dir / "sop" / "a" / "index.html").read_text() == "lama"


def test_a_folder_left_by_a_killed_build_goes_with_the_next(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", {"index.html": "lama"})
    write_files(tmp_path, {".site.sopdocs-lama-0123/sop/b/index.html": "lama"})
    folder = SiteInPlace()
    folder.set_aside(site)
    folder.put_back()
    folder.sweep()
    assert _contents(tmp_path) == {"site": None}


def test_a_file_written_after_it_was_put_back_stays_and_the_others_go(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", {"a.html": "lama", "b/c.html": "lama", "d/e.html": "x"})
    folder = SiteInPlace()
    folder.set_aside(site)
    assert _contents(site) == {}
    folder.put_back()
    write_files(site, {"a.html": "baru", "d/e.html": "x"})
    assert folder.sweep() == 1
    assert _contents(site) == {"a.html": b"baru", "d": None, "d/e.html": b"x"}


def test_keep_only_deletes_unnamed_files_and_the_folders_they_leave_empty(
    tmp_path: Path,
) -> None:
    write_files(tmp_path, {"a.js": "", "fragment/x": "", "fragment/y": "", "index/z": ""})
    keep_only(tmp_path, {"a.js", "fragment/x"})
    assert _contents(tmp_path) == {"a.js": b"", "fragment": None, "fragment/x": b""}


def test_an_old_search_index_with_a_folder_where_a_file_goes_is_written_afresh(
    tmp_path: Path, build_site: Build
) -> None:
    root = _catalogue(tmp_path, MKDOCS_YML)
    build_site(root)
    script = root / "site" / "pagefind" / "pagefind.js"
    script.unlink()
    write_files(script, {"lama.txt": "folder di tempat berkas"})
    (root / ".cache" / "pagefind").rename(tmp_path / "indeks-lama")  # Pagefind runs
    built = build_site(root)
    assert (built.site_dir / "pagefind" / "pagefind.js").is_file()


@pytest.mark.parametrize("path", ["../keluar.js", "/tmp/keluar.js", "", ".", "a/..", "tautan/x.js"])
def test_write_over_refuses_a_path_outside_its_folder_before_writing_anything(
    tmp_path: Path, path: str
) -> None:
    folder, outside = tmp_path / "pagefind", tmp_path / "di-luar"
    write_files(folder, {"lama.js": "lama"})
    outside.mkdir()
    (folder / "tautan").symlink_to(outside)
    with pytest.raises(ValueError) as refused:
        write_over(folder, {"baru.js": b"baru", path: b"alert(1)"})
    assert str(refused.value) == path
    assert _contents(folder) == {"lama.js": b"lama", "tautan": None}
    assert list(outside.iterdir()) == []
