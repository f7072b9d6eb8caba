"""Built pages as trees the site tests can question: Beautiful Soup, with three helpers.

Tests ask a page for elements by tag, class and attributes (``find``, ``find_all``), for the
text a reader sees (``text``) and for where its links go (``links``). Attribute values stay
the strings the page wrote (``class="a b"``, not a list), as the assertions compare them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, NavigableString, Tag


@dataclass(frozen=True, slots=True)
class Node:
    """One element of a parsed page."""

    element: Tag

    @property
    def tag(self) -> str:
        return self.element.name

    @property
    def attrs(self) -> dict[str, str]:
        return {name: str(value) for name, value in self.element.attrs.items()}

    def iter(self) -> Iterator[Node]:
        """This element and every element inside it, in document order."""
        yield self
        yield from (Node(e) for e in self.element.find_all(True))

    def find_all(
        self, tag: str | None = None, *, cls: str | None = None, **attrs: str
    ) -> list[Node]:
        """Elements inside (or this one) with the tag, the class among theirs, and ``attrs``
        (``data_filter="unit"`` is ``data-filter``; a trailing ``_`` avoids Python words)."""
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag)
            and (cls is None or cls in node.attrs.get("class", "").split())
            and all(node.attrs.get(name) == value for name, value in wanted.items())
        ]

    def find(self, tag: str | None = None, *, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls=cls, **attrs)
        if not found:
            raise AssertionError(f"no <{tag or '*'}> with class={cls} {attrs}")
        return found[0]

    @property
    def text(self) -> str:
        """Text as a reader sees it: inline elements join without a space, ``<br>`` is one."""
        return " ".join(_text(self.element).split())

    def links(self) -> list[str]:
        return [a.attrs.get("href", "") for a in self.find_all("a")]


def _text(element: Tag) -> str:
    parts = []
    for child in element.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            parts.append(str(child))
        elif isinstance(child, Tag):
            parts.append(" " if child.name == "br" else _text(child))
    return "".join(parts)


def parse_html(text: str) -> Node:
    """The whole document; ``multi_valued_attributes=None`` keeps ``class`` a string."""
    soup = BeautifulSoup(text, "html.parser", multi_valued_attributes=None)
    return Node(soup)
