"""Skeletons that differ only in their title line: a page of a known shape is its title
line's conversion spliced into the shape's, and always exactly what converting it whole
gives (sopdocs.site.shapes). Conversions here are Python-Markdown's own, with the table of
contents and permalinks as MkDocs sites use them."""

from __future__ import annotations

from dataclasses import replace

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from sopdocs.site.shapes import MARKER, THIS_PAGE, Converted, TitledShapes, title_and_shape
from sopdocs.site.templating import escape_markdown

FORM = """
<!--sopdocs-fragment:0-->

## Identitas { data-pagefind-ignore="" }

<!--sopdocs-fragment:1-->

## Prosedur

<!--sopdocs-fragment:2-->
"""


def skeleton(title: str) -> str:
    return f"\n# {escape_markdown(title)} {{ #nama-sop }}\n{FORM}"


class Renders:
    """Python-Markdown's conversion as a page gets it, counting what it is asked for."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, text: str) -> Converted:
        self.texts.append(text)
        md = markdown.Markdown(
            extensions=["attr_list", "md_in_html", "toc"],
            extension_configs={"toc": {"permalink": True}},
        )
        content = md.convert(text)
        tokens = tuple(_tokens(md.toc_tokens))  # type: ignore[attr-defined]
        first = tokens[0] if tokens and content.startswith("<h1") else None
        anchors = frozenset(_ids(tokens))
        return Converted(
            content=content,
            toc=tokens,
            title=first["name"] if first else None,
            anchors=anchors,
            links={THIS_PAGE: {a: f"#{a}" for a in _ids(tokens)}} if anchors else {},
        )


def _tokens(tokens: list[dict[str, object]]) -> list[dict[str, object]]:
    return [
        {
            "level": t["level"],
            "id": t["id"],
            "name": t["name"],
            "children": _tokens(t["children"]),  # type: ignore[arg-type]
        }
        for t in tokens
    ]


def _ids(tokens: tuple[dict[str, object], ...] | list[dict[str, object]]) -> list[str]:
    ids: list[str] = []
    for token in tokens:
        ids.append(str(token["id"]))
        ids.extend(_ids(token["children"]))  # type: ignore[arg-type]
    return ids


def convert_all(titles: list[str]) -> tuple[list[Converted], Renders, TitledShapes]:
    renders, shapes = Renders(), TitledShapes()
    return [shapes.convert(skeleton(t), renders) for t in titles], renders, shapes


def test_a_page_of_a_known_shape_converts_only_its_title_line():
    pages, renders, shapes = convert_all(["Akta Kelahiran", "Kartu Keluarga", "KTP Elektronik"])
    assert renders.texts[-1] == "# KTP Elektronik { #nama-sop }\n"
    assert shapes.spliced == 1
    assert pages[2] == Renders()(skeleton("KTP Elektronik"))


def test_a_shape_is_used_only_after_a_page_of_it_converted_whole_the_same():
    pages, renders, shapes = convert_all(["Akta Kelahiran", "Kartu Keluarga"])
    assert renders.texts == [
        skeleton("Akta Kelahiran"),
        skeleton("Kartu Keluarga"),
        title_and_shape(skeleton("Kartu Keluarga"))[1],  # type: ignore[index]
        "# Kartu Keluarga { #nama-sop }\n",
    ]
    assert shapes.spliced == 0
    assert pages == [Renders()(skeleton(t)) for t in ("Akta Kelahiran", "Kartu Keluarga")]


def test_the_shape_is_the_skeleton_under_a_marker_title():
    assert title_and_shape(skeleton("Akta")) == (
        "# Akta { #nama-sop }\n",
        f"# {MARKER}\n{FORM}",
    )


def test_a_skeleton_that_does_not_start_with_a_heading_has_no_shape():
    assert title_and_shape("<!--sopdocs-fragment:0-->\n\n## Identitas\n") is None


def test_a_skeleton_holding_the_marker_below_its_title_has_no_shape():
    assert title_and_shape(f"# Akta\n\n## {MARKER.upper()}\n") is None


def test_a_title_whose_anchor_a_heading_below_has_converts_whole():
    """Without its own id, a title "Prosedur" takes the anchor ``prosedur``, and the
    heading below becomes ``prosedur_1``: no splice could give that."""
    renders, shapes = Renders(), TitledShapes()
    for title in ("A", "B"):
        shapes.convert(skeleton(title), renders)
    page = shapes.convert(f"\n# Prosedur\n{FORM}", renders)
    assert page == Renders()(f"\n# Prosedur\n{FORM}")
    assert "prosedur_1" in page.anchors
    assert shapes.spliced == 0


def test_a_shape_whose_page_links_to_another_page_is_never_used():
    def linking(text: str) -> Converted:
        return replace(Renders()(text), links={"lain.md": {"x": "lain.md#x"}})

    shapes = TitledShapes()
    for title in ("A", "B", "C", "D"):
        shapes.convert(skeleton(title), linking)
    assert shapes.spliced == 0


def test_a_shape_whose_page_warned_is_never_used():
    def warning(text: str) -> Converted:
        return replace(Renders()(text), warned=True)

    renders_after: list[str] = []
    shapes = TitledShapes()
    for title in ("A", "B"):
        shapes.convert(skeleton(title), warning)

    def counting(text: str) -> Converted:
        renders_after.append(text)
        return Renders()(text)

    shapes.convert(skeleton("C"), counting)
    assert renders_after == [skeleton("C")]
    assert shapes.spliced == 0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=40), min_size=3, max_size=6))
def test_any_author_title_gives_the_page_converting_it_whole_gives(titles: list[str]):
    """Titles with Markdown, HTML, attribute-list and entity characters, escaped as the
    SOP template escapes them: every page, spliced or not, is the whole conversion."""
    titles = ["Akta Kelahiran", "Kartu Keluarga", *titles]
    pages, _, _ = convert_all(titles)
    assert pages == [Renders()(skeleton(t)) for t in titles]
