"""Hand-written pages take the order their folder's ``.pages`` file gives; the guide reads
Menulis SOP, Meninjau, Menerbitkan, Editor."""

from __future__ import annotations

from sopdocs.site.docnav import ordered_pages
from support import REPO, write_files

PAGES = ["index.md", "panduan/index.md", "panduan/a.md", "panduan/b.md", "panduan/c.md"]


def test_without_an_order_file_index_comes_first_then_names(tmp_path):
    assert ordered_pages(list(reversed(PAGES)), tmp_path) == PAGES


def test_an_order_file_puts_named_pages_after_the_index_in_its_order(tmp_path):
    write_files(tmp_path, {"panduan/.pages": "nav:\n  - c.md\n  - a\n"})
    assert ordered_pages(PAGES, tmp_path) == [
        "index.md",
        "panduan/index.md",
        "panduan/c.md",
        "panduan/a.md",
        "panduan/b.md",
    ]


def test_a_broken_order_file_leaves_the_usual_order(tmp_path):
    write_files(tmp_path, {"panduan/.pages": "nav: [c.md\n"})
    assert ordered_pages(PAGES, tmp_path) == PAGES


def test_folders_follow_the_order_of_their_parent(tmp_path):
    write_files(tmp_path, {".pages": "nav:\n  - z\n  - index.md\n"})
    pages = ["index.md", "a/x.md", "z/y.md"]
    assert ordered_pages(pages, tmp_path) == ["index.md", "z/y.md", "a/x.md"]


def test_the_guide_reads_in_the_order_it_is_written_for():
    guide = [p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs/panduan").glob("*.md")]
    assert ordered_pages(guide, REPO / "docs") == [
        "panduan/menulis-sop.md",
        "panduan/meninjau-sop.md",
        "panduan/menerbitkan.md",
        "panduan/editor.md",
    ]
