"""The site a reader gets stays the same page for page while the build changes underneath.

Each generated page of the standard catalogue is reduced to what a reader and a search
engine get from it: the article's elements with their attributes and text (whitespace
between tags aside), the table of contents (anchors and titles) and the page title. The
golden files were written by the build that still handed MkDocs the whole form as Markdown
(``md_in_html``); the build that hands it over as HTML must give the same outlines.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from conftest import BuiltSite, Golden, write_site
from sopdocs.adapters import finishing
from sopdocs.site import shapes
from sopdocs.site.frames import Frames, Slots
from sopdocs.site.shapes import Converted, splice
from support import NO_SEARCH_YML, SOP, SOP_HEADER, UNIT, sop_text


def outline(html: str) -> str:
    """The page as lines: title, table of contents, then the article's tree."""
    soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text() if soup.title else ""
    lines = [f"title: {title}"]
    for link in soup.select("nav.md-nav--secondary a.md-nav__link"):
        lines.append(f"toc: {link.get('href')} {' '.join(link.get_text().split())}")
    article = soup.find("article")
    assert isinstance(article, Tag)
    _walk(article, 0, lines)
    return "\n".join(lines) + "\n"


def _walk(element: Tag, depth: int, lines: list[str]) -> None:
    for child in element.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            text = " ".join(child.split())
            if text:
                lines.append(f"{'  ' * depth}{text!r}")
        elif isinstance(child, Tag):
            attrs = " ".join(_attribute(name, value) for name, value in sorted(child.attrs.items()))
            lines.append(f"{'  ' * depth}<{child.name}{' ' + attrs if attrs else ''}>")
            _walk(child, depth + 1, lines)


def _attribute(name: str, value: str | list[str]) -> str:
    """``name=value``; a present-or-absent attribute (``data-pagefind-ignore``, written
    bare or as ``="data-pagefind-ignore"``, which HTML reads alike) as its name."""
    text = " ".join(value) if isinstance(value, list) else str(value)
    return name if text in ("", name) else f"{name}={text}"


def _generated_pages(site: BuiltSite) -> dict[str, str]:
    pages = {}
    for path in sorted(site.site_dir.rglob("index.html")):
        url = path.parent.relative_to(site.site_dir).as_posix()
        if url.startswith(("sop", "unit", "regulasi", "pelaksana")):
            pages[url.replace("/", "__") + ".txt"] = outline(path.read_text(encoding="utf-8"))
    return pages


def test_every_generated_page_has_the_same_text_structure_toc_and_anchors(
    site: BuiltSite, golden: Golden
) -> None:
    pages = _generated_pages(site)
    assert any(name.startswith("sop__") for name in pages)
    golden.check_all("site", pages)


TITLES = [
    "Akta Kelahiran",
    "Kartu *Keluarga* <b>baru</b>",
    "Identitas",
    "Prosedur { #lain } [tautan](http://contoh.id) &amp; `kode`",
    "{{ 7*7 }} {% raw %} # ## ---",
]
"""SOP names that Markdown, HTML, attribute lists or a heading of the form's own could
read as something else."""


def _one_unit(root: Path, titles: list[str], mkdocs_yml: str) -> Path:
    """A site of one unit whose SOPs bear ``titles``."""
    files = {
        f"sops/u/sop-{n}.yaml": sop_text(
            SOP.removeprefix(SOP_HEADER), nama=json.dumps(title), nomor=f"00{n}/X"
        )
        for n, title in enumerate(titles)
    }
    site_files = {**files, "sops/u/_unit.yaml": UNIT, "docs/index.md": "# Katalog"}
    return write_site(root, site_files, mkdocs_yml)


def test_sop_pages_spliced_from_their_shape_are_the_pages_converted_whole(
    tmp_path: Path, build_site: Callable[..., BuiltSite], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _one_unit(tmp_path, TITLES, NO_SEARCH_YML)
    spliced: list[Converted] = []

    def counted(shape: Converted, title: Converted) -> Converted | None:
        page = splice(shape, title)
        spliced.extend([page] if page is not None else [])
        return page

    monkeypatch.setattr(shapes, "splice", counted)
    with_shapes = build_site(root, site_dir=tmp_path / "shapes").outputs()
    assert len(spliced) >= len(TITLES) - 2
    monkeypatch.setattr(shapes, "title_and_shape", lambda skeleton: None)
    shutil.rmtree(root / ".cache")
    whole = build_site(root, site_dir=tmp_path / "whole").outputs()
    assert with_shapes == whole


PLAIN_TITLES = ["Akta Kelahiran", "Kartu Keluarga", "Surat Pindah", "Akta Kematian"]
FRAMED_YML = NO_SEARCH_YML.replace(
    "site_name: Katalog Uji\n", "site_name: Katalog Uji\nsite_url: https://contoh.id/katalog/\n"
)


def test_sop_pages_filled_into_their_frame_are_the_pages_finished_whole(
    tmp_path: Path, build_site: Callable[..., BuiltSite], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _one_unit(tmp_path, PLAIN_TITLES + TITLES, FRAMED_YML)
    filled: list[str] = []

    fill = Frames.filled

    def counted(self: Frames, key: str, slots: Slots) -> str | None:
        output = fill(self, key, slots)
        filled.extend([slots.title] if output is not None else [])
        return output

    monkeypatch.setattr(Frames, "filled", counted)
    with_frames = build_site(root, site_dir=tmp_path / "frames").outputs()
    assert len(filled) >= len(PLAIN_TITLES) - 2
    monkeypatch.setattr(finishing, "_known_theme", lambda config: False)
    shutil.rmtree(root / ".cache")
    whole = build_site(root, site_dir=tmp_path / "whole").outputs()
    assert with_frames == whole
