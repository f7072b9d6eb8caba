"""Pages the theme finishes alike, but for their own few strings: finished once per frame.

Why: a cold 3,000-SOP build spent 0.9 ms a page in Material's page template, three core
seconds, and for pages outside the navigation (SOP pages) what it writes around the
content is the same for every page of a folder but for the page's title, its canonical URL
and its "edit" link. So a page's output is a *frame* (the theme's text) with the page's
:class:`Slots` put in; :class:`Frames` cuts the frame out of one page's output and fills it
for the next pages of the same frame key, staying on the safe side of every way the two
could differ:

- the frame key (the adapter's) names everything but the slots the theme reads, and what
  the theme asks of them (whether the content has an ``<h1>``, the edit link ``/blob/``);
- a frame is used only after it was filled for a second page, whose strings all differ
  from the first's, and gave that page's whole output, byte for byte;
- only slots every filter leaves as they are go into a frame (:func:`plain`): no markup
  characters, no entity, no space at an end or twice; a page with others is finished whole.

Pure: the adapter (:mod:`sopdocs.adapters.finishing`) says which pages may use frames and
what the keys are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_UNPLAIN = frozenset("&<>\"'")


@dataclass(frozen=True, slots=True)
class Slots:
    """The strings a page's finished output holds of its own (empty: it has none)."""

    content: str
    title: str
    canonical_url: str = ""
    edit_url: str = ""

    def values(self) -> tuple[str, str, str, str]:
        return (self.content, self.title, self.canonical_url, self.edit_url)


def plain(slots: Slots) -> bool:
    """Whether the title and links are written alike by every filter a theme puts them
    through (escaping, striptags, whitespace), so that a frame may hold them; and there are
    a content and a title (a theme writes something of its own for none)."""
    short = (slots.title, slots.canonical_url, slots.edit_url)
    return bool(slots.content and slots.title) and all(
        not (_UNPLAIN & set(text)) and " ".join(text.split()) == text for text in short
    )


@dataclass(frozen=True, slots=True)
class Frame:
    """A finished page cut at its slots: ``texts[0]``, slot ``holes[0]``, ``texts[1]``…"""

    texts: tuple[str, ...]
    holes: tuple[int, ...]
    """Index into :meth:`Slots.values` of each hole."""

    def fill(self, slots: Slots) -> str:
        values = slots.values()
        parts = [self.texts[0]]
        for hole, text in zip(self.holes, self.texts[1:], strict=True):
            parts.append(values[hole])
            parts.append(text)
        return "".join(parts)


def cut(output: str, slots: Slots) -> Frame | None:
    """``output`` cut wherever it holds one of ``slots``' strings, longest first (the
    content, which holds the title, once and only once); None when it cannot be."""
    if not slots.content or output.count(slots.content) != 1:
        return None
    pieces: list[str | int] = [output]
    values = slots.values()
    for hole in sorted(range(len(values)), key=lambda i: -len(values[i])):
        value = values[hole]
        if not value:
            continue
        split: list[str | int] = []
        for piece in pieces:
            if isinstance(piece, int):
                split.append(piece)
                continue
            for n, text in enumerate(piece.split(value)):
                if n:
                    split.append(hole)
                split.append(text)
        pieces = split
    return Frame(
        texts=tuple(p for p in pieces if isinstance(p, str)),
        holes=tuple(p for p in pieces if isinstance(p, int)),
    )


@dataclass(slots=True)
class Frames:
    """One process's frames in one build, by frame key: a page seen (its slots and
    output) until a second page confirms the frame cut from it."""

    trusted: dict[str, Frame] = field(default_factory=dict)
    _seen: dict[str, tuple[Slots, str]] = field(default_factory=dict)

    def filled(self, key: str, slots: Slots) -> str | None:
        """The page's output from its trusted frame, or None: finish it whole, then
        :meth:`learn` from it."""
        frame = self.trusted.get(key)
        if frame is None or not plain(slots):
            return None
        return frame.fill(slots)

    def learn(self, key: str, slots: Slots, output: str) -> None:
        """A page of ``key`` finished whole: confirm the frame of the page seen before it,
        or remember this one."""
        if key in self.trusted or not plain(slots):
            return
        seen = self._seen.pop(key, None)
        if seen is not None and _all_differ(seen[0], slots):
            frame = cut(seen[1], seen[0])
            if frame is not None and frame.fill(slots) == output:
                self.trusted[key] = frame
                return
        self._seen[key] = (slots, output)


def _all_differ(first: Slots, second: Slots) -> bool:
    """Whether every string ``first`` has differs in ``second``: a string both pages share
    could stand in a frame where the theme wrote it of its own (the site's name) and the
    second page would not show it."""
    return all(a != b for a, b in zip(first.values(), second.values(), strict=True) if a)
