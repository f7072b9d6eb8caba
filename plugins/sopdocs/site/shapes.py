"""Markdown skeletons that differ only in their title line, converted once per shape.

Why: after the handover (:mod:`sopdocs.site.handover`) every SOP page leaves Markdown the
same skeleton (the form's fixed headings and placeholders) under its own ``# nama`` line,
and converting it was most of a cold build's Markdown time: about a millisecond a page,
nearly all of it Python-Markdown's fixed cost per heading, the same for every page. A
heading line is a Markdown block of its own, so a page converts to its title line's
conversion followed by what its shape (the skeleton under a placeholder title) converts to
after that title. :class:`TitledShapes` converts the title line alone and splices it in,
and keeps on the safe side of every way the two could differ:

- a shape is used only after a page of it was converted whole, and splicing that page's
  title into the shape gave the very same result (content, table of contents, title,
  anchors, links);
- a shape whose page warned or links to another page is not used (warnings and links
  belong to each page: a page that warned is converted whole, so nothing is said twice);
- a title with an anchor of the shape's (the table of contents would number a heading
  below it differently) is converted with its whole page.

Pure: the conversion itself is a callable (MkDocs' page render, in the adapter).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

MARKER = "sopdocsjudulhalaman"
"""The title a shape is converted with: one word, its own anchor, in no real skeleton."""
THIS_PAGE = ""
"""Where :attr:`Converted.links` lists the links to the page's own anchors (each heading's
permalink): they are the same wherever the page is."""
_HEADING = re.compile(r"(#{1,6})[ \t]")


@dataclass(frozen=True, slots=True)
class Converted:
    """What converting Markdown gives a page (what MkDocs' ``Page.render`` sets)."""

    content: str
    toc: tuple[Mapping[str, Any], ...]
    """Table-of-contents tokens: ``level``, ``id``, ``name``, ``children``."""
    title: str | None
    anchors: frozenset[str]
    links: Mapping[str, Mapping[str, str]]
    """Linked page (source URI, :data:`THIS_PAGE` for the page itself) → anchor → the
    link as written."""
    warned: bool = False
    """The conversion logged a warning."""


Render = Callable[[str], Converted]


@dataclass(slots=True)
class TitledShapes:
    """One process's shapes in one build: shape text → its conversion once trusted,
    ``False`` once refused, ``True`` while one page of it has been seen."""

    _shapes: dict[str, Converted | bool] = field(default_factory=dict)
    spliced: int = 0
    """Pages converted by their title line alone."""

    def convert(self, skeleton: str, render: Render) -> Converted:
        """``skeleton`` converted by ``render``: whole, or its title line alone spliced
        into its shape's conversion."""
        parts = title_and_shape(skeleton)
        if parts is None:
            return render(skeleton)
        title_line, shape = parts
        known = self._shapes.get(shape)
        if isinstance(known, Converted):
            spliced = splice(known, render(title_line))
            if spliced is not None:
                self.spliced += 1
                return spliced
            return render(skeleton)
        whole = render(skeleton)
        if known is None:
            self._shapes[shape] = True
        elif known is True:
            self._shapes[shape] = self._checked(shape, title_line, whole, render)
        return whole

    @staticmethod
    def _checked(shape: str, title_line: str, whole: Converted, render: Render) -> Converted | bool:
        """The shape's conversion if splicing this page's title into it gives ``whole``.
        The page converted whole without a warning, so neither part of it warns: nothing
        is logged twice."""
        if whole.warned or set(whole.links) - {THIS_PAGE}:
            return False
        converted = render(shape)
        return converted if splice(converted, render(title_line)) == whole else False


def title_and_shape(skeleton: str) -> tuple[str, str] | None:
    """The skeleton's first line, a heading, and the skeleton with :data:`MARKER` as that
    heading's text; None when it does not start with a heading."""
    text = skeleton.lstrip("\n")
    first, newline, rest = text.partition("\n")
    found = _HEADING.match(first)
    if found is None or MARKER in rest.lower():  # a heading below could take its anchor
        return None
    return first + "\n", f"{found.group(1)} {MARKER}{newline}{rest}"


def splice(shape: Converted, title: Converted) -> Converted | None:
    """The page whose title line converted to ``title`` and whose shape converted to
    ``shape``; None when they do not fit together as Markdown would convert them."""
    if shape.warned or len(title.toc) != 1 or not shape.toc:
        return None
    head, top = title.toc[0], shape.toc[0]
    if top["id"] != MARKER or shape.title != MARKER or top["level"] != head["level"]:
        return None
    close = f"</h{head['level']}>"
    title_end, shape_end = title.content.find(close), shape.content.find(close)
    opening = f"<h{head['level']}"
    if not title.content.startswith(opening) or not shape.content.startswith(opening):
        return None
    if title_end < 0 or shape_end < 0 or MARKER not in shape.content[:shape_end]:
        return None
    below = shape.anchors - {MARKER}
    if title.anchors & below or MARKER in title.content or set(shape.links) - {THIS_PAGE}:
        return None
    own = {
        **title.links.get(THIS_PAGE, {}),
        **{a: link for a, link in shape.links.get(THIS_PAGE, {}).items() if a != MARKER},
    }
    return Converted(
        content=title.content[: title_end + len(close)] + shape.content[shape_end + len(close) :],
        toc=({**head, "children": top["children"]}, *shape.toc[1:]),
        title=title.title,
        anchors=below | title.anchors,
        links={**title.links, **({THIS_PAGE: own} if own else {})},
        warned=title.warned,
    )
