"""Where each comment and blank line of a file is, and which key or list item it belongs to.

Why our own scan: ruamel stores a comment line on the node *before* it (a note about
``pelaksana:`` lives on the last item of ``dasar_hukum``), so sorting keys with its round-trip
objects would carry notes to the wrong key. Here comments are found in the text by skipping
what the loader's scalars cover, and each is attached to the entry it introduces (a comment
line) or ends (an end-of-line comment), so it moves with that entry when keys are reordered.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sopdocs.authoring.fmt.nodes import NULL, scalars, tag_of

BREAKS = re.compile("[\x85\u2028\u2029]")
"""Line breaks of YAML 1.1 besides LF and CR, which libyaml honours."""
BREAK_OR_NEWLINE = re.compile("[\n\x85\u2028\u2029]")
"""Any line break libyaml honours, LF included (CR is gone before scanning)."""


@dataclass(frozen=True, slots=True)
class Line:
    """A comment (``# ...``) or a blank line ("") outside any scalar, where it was written."""

    index: int
    line: int
    text: str
    trailing: bool
    """Written after content on its line: an end-of-line comment."""


@dataclass(frozen=True, slots=True)
class _Entry:
    """A key with its value, or a list item: what a comment can belong to."""

    node_id: int
    start: int
    first_line: int
    last_line: int
    """The last line written by the entry itself: its key line when a block follows."""
    depth: int


def comment_lines(text: str, root: Node | None) -> list[Line]:
    """Every comment and blank line, found by skipping the text that scalars cover (an empty
    document, ``root`` None, has no scalars)."""
    spans = sorted(span(text, s) for s in scalars(root))
    starts = [start for start, _ in spans]

    def inside(index: int) -> bool:
        i = bisect.bisect_right(starts, index) - 1
        return i >= 0 and spans[i][0] <= index < spans[i][1]

    found = []
    offset = 0
    for number, line in enumerate(text.split("\n")):
        if not line.strip() and not inside(offset):
            found.append(Line(offset, number, "", trailing=False))
        # YAML 1.1 (libyaml) also ends a line at NEL, LS and PS: each part may hold a comment.
        start = 0
        for part in BREAKS.split(line):
            comment = _comment_in(part, offset + start, inside)
            if comment is not None:
                within = comment - offset - start
                trailing = start == 0 and bool(part[:within].strip())
                found.append(Line(comment, number, part[within:].rstrip(), trailing))
            start += len(part) + 1
        offset += len(line) + 1
    return found


def _comment_in(part: str, offset: int, inside: Callable[[int], bool]) -> int | None:
    """Where the comment in one line's ``part`` starts, if it holds one: outside scalars a
    ``#`` can only start a comment (``{a: 1}# x`` is one too)."""
    for match in re.finditer("#", part):
        if not inside(offset + match.start()):
            return offset + match.start()
    return None


def span(text: str, node: ScalarNode) -> tuple[int, int]:
    """Where a scalar's text is, as a range of indices into ``text``.

    A block scalar's text starts below its ``|`` line (a comment may end that line) and ends
    with its last line; blank lines after it are the author's spacing, not text, unless
    ``|+`` keeps them.
    """
    start, end = node.start_mark.index, node.end_mark.index
    if node.style not in ("|", ">"):
        return start, end
    header_end = BREAK_OR_NEWLINE.search(text, start)
    start = header_end.end() if header_end else end
    last = start + len(text[start:end].rstrip())
    kept = max(0, len(node.value) - len(node.value.rstrip("\n")) - 1)
    for _ in range(kept + 1):
        last = text.find("\n", last) + 1 or len(text)
    return start, min(max(last, start), end)


class Comments:
    """One document's comments and blank lines, each attached to where it will be written:
    above an entry, at the end of its line, above everything (``head``) or below (``tail``)."""

    def __init__(self, text: str, root: Node) -> None:
        # Lines are counted here, not taken from the parser's marks: libyaml also breaks
        # lines at U+0085 and U+2028, which text pasted from documents may hold.
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self._lines = comment_lines(text, root)
        self._comment_indices = sorted(c.index for c in self._lines if c.text)
        self._leading: dict[int, list[str]] = {}
        self._eol: dict[int, list[str]] = {}
        self.head: list[str] = []
        self.tail: list[str] = []
        self._attach(self._entries(root))

    def of(self, node: Node) -> tuple[list[str], str | None]:
        """Comment lines above an entry and its end-of-line comment (extras go above)."""
        lead = self._leading.get(id(node), [])
        eol = self._eol.get(id(node), [])
        return [*lead, *eol[1:]], (eol[0] if eol else None)

    def share_line(self, first: Node, eol: str | None) -> list[str]:
        """A list item written with its first entry on the ``-`` line: the entry's comment
        lines go above the dash, and the item's end-of-line comment ends that line, as it was
        written (the entry's own, if both have one, goes above). The lines for above the dash."""
        lead, first_eol = self.of(first)
        eols = [c for c in (eol, first_eol) if c]
        self._leading[id(first)] = []
        self._eol[id(first)] = eols[:1]
        return [*lead, *eols[1:]]

    def keeps_flow(self, node: Node) -> bool:
        """A ``[...]``/``{...}`` stays one when it holds no comment and no empty value."""
        if not isinstance(node, (MappingNode, SequenceNode)) or not node.flow_style:
            return False
        i = bisect.bisect_right(self._comment_indices, node.start_mark.index)
        if i < len(self._comment_indices) and self._comment_indices[i] < node.end_mark.index:
            return False
        return all(
            not (tag_of(s) == NULL and s.value == "") and "\n" not in s.value for s in scalars(node)
        )

    def _entries(self, root: Node) -> list[_Entry]:
        entries: list[_Entry] = []

        def walk(node: Node, depth: int) -> None:
            if self.keeps_flow(node):
                return
            if isinstance(node, MappingNode):
                for key, value in node.value:
                    entries.append(self._entry(key, key, value, depth))
                    walk(value, depth + 1)
            elif isinstance(node, SequenceNode):
                for item in node.value:
                    entries.append(self._entry(item, item, item, depth))
                    walk(item, depth + 1)

        walk(root, 0)
        return sorted(entries, key=lambda e: (e.start, e.depth))

    def _entry(self, owner: Node, start: Node, value: Node, depth: int) -> _Entry:
        block = isinstance(value, (MappingNode, SequenceNode)) and not self.keeps_flow(value)
        first_line = self._line_of(start.start_mark.index)
        # A scalar's or [...]'s last character (a block scalar's end is the next line's start).
        end = max(value.start_mark.index, value.end_mark.index - 1)
        return _Entry(
            node_id=id(owner),
            start=start.start_mark.index,
            first_line=first_line,
            last_line=first_line if block else self._line_of(end),
            depth=depth,
        )

    def _line_of(self, index: int) -> int:
        return bisect.bisect_right(self._line_starts, index) - 1

    def _attach(self, entries: list[_Entry]) -> None:
        starts = [e.start for e in entries]
        first = entries[0].start if entries else math.inf
        for line in self._lines:
            owner = _line_owner(line, entries) if line.trailing else None
            if owner is not None:
                self._eol.setdefault(owner, []).append(line.text)
            elif line.index < first:
                self.head.append(line.text)
            else:
                i = bisect.bisect_right(starts, line.index)
                if i < len(entries):
                    self._leading.setdefault(entries[i].node_id, []).append(line.text)
                else:
                    self.tail.append(line.text)


def _line_owner(line: Line, entries: list[_Entry]) -> int | None:
    """The innermost entry written on the comment's line, before the comment."""
    owners = [
        e for e in entries if e.first_line <= line.line <= e.last_line and e.start < line.index
    ]
    return max(owners, key=lambda e: (e.depth, e.start)).node_id if owners else None
