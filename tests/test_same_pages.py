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
from sopdocs.site.frames import Frames
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


def _results(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[object]:
    """Every result but None that ``owner.name`` gives from now on."""
    results: list[object] = []
    original = getattr(owner, name)

    def recorded(*args: object) -> object:
        result = original(*args)
        results.extend([result] if result is not None else [])
        return result

    monkeypatch.setattr(owner, name, recorded)
    return results


def _built_with_and_without(
    root: Path, build_site: Callable[..., BuiltSite], switch_off: Callable[[], None]
) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The site's files built as it is, then (from an empty cache) once ``switch_off()``
    took a shortcut away."""
    used = build_site(root, site_dir=root / "dengan").outputs()
    switch_off()
    shutil.rmtree(root / ".cache")
    return used, build_site(root, site_dir=root / "tanpa").outputs()


def test_sop_pages_spliced_from_their_shape_are_the_pages_converted_whole(
    tmp_path: Path, build_site: Callable[..., BuiltSite], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _one_unit(tmp_path, TITLES, NO_SEARCH_YML)
    spliced = _results(monkeypatch, shapes, "splice")
    with_shapes, whole = _built_with_and_without(
        root, build_site, lambda: monkeypatch.setattr(shapes, "title_and_shape", lambda _: None)
    )
    assert len(spliced) >= len(TITLES) - 2
    assert with_shapes == whole


PLAIN_TITLES = ["Akta Kelahiran", "Kartu Keluarga", "Surat Pindah", "Akta Kematian"]
FRAMED_YML = NO_SEARCH_YML.replace(
    "site_name: Katalog Uji\n", "site_name: Katalog Uji\nsite_url: https://contoh.id/katalog/\n"
)


def test_sop_pages_filled_into_their_frame_are_the_pages_finished_whole(
    tmp_path: Path, build_site: Callable[..., BuiltSite], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _one_unit(tmp_path, PLAIN_TITLES + TITLES, FRAMED_YML)
    filled = _results(monkeypatch, Frames, "filled")
    with_frames, whole = _built_with_and_without(
        root, build_site, lambda: monkeypatch.setattr(finishing, "_known_theme", lambda _: False)
    )
    assert len(filled) >= len(PLAIN_TITLES) - 2
    assert with_frames == whole


def test_a_theme_that_writes_each_page_s_own_link_of_its_own_gets_no_frame(
    tmp_path: Path, build_site: Callable[..., BuiltSite], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Material's "view source" button writes the edit link changed (``edit`` → ``raw``),
    which no frame holds as a slot: no page is filled, and every page is as finished whole."""
    viewing = FRAMED_YML.replace(
        "content.action.edit]", "content.action.edit, content.action.view]"
    )
    root = _one_unit(tmp_path, PLAIN_TITLES, viewing)
    filled = _results(monkeypatch, Frames, "filled")
    with_frames, whole = _built_with_and_without(
        root, build_site, lambda: monkeypatch.setattr(finishing, "_known_theme", lambda _: False)
    )
    assert "content.action.view" in viewing
    assert filled == []
    assert with_frames == whole
