"""What ``fmt`` refuses to rewrite, and the check that its rewrite lost nothing.

Why a separate guard: a formatter that drops one comment or turns ``'065'`` into ``65`` costs
authors more than it saves, so the emitter is never trusted on its own. Files using YAML the
emitter does not write (anchors and aliases, tags, keys that are not plain text) are refused
before it starts; and nothing is written unless the new text, parsed again, holds the same
data (every scalar with its YAML type) and the same comments as the old. ruamel's round-trip
scanner, which finds comments its own way, is the second opinion on the comments.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Hashable

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sopdocs.authoring.fmt.comments import BREAK_OR_NEWLINE, comment_lines, span
from sopdocs.authoring.fmt.nodes import MAP, SEQ, STR, compose, scalars, tag_of
from sopdocs.authoring.fmt.quoting import implicit_tag


class Unsupported(Exception):
    """A YAML feature the emitter does not write (aliases, tags, complex keys)."""

    def __init__(self, message: str, node: Node) -> None:
        super().__init__(message)
        self.node = node


def check_supported(node: Node, seen: set[int] | None = None) -> None:
    """Raise :class:`Unsupported` at the first node the emitter could not write back as is."""
    seen = set() if seen is None else seen
    if id(node) in seen:  # the parser hands out one node for an anchor and its aliases
        raise Unsupported("anchor dan alias YAML (&nama, *nama)", node)
    seen.add(id(node))
    tag = tag_of(node)
    if isinstance(node, MappingNode):
        if tag != MAP:
            raise Unsupported(f"tag YAML {tag}", node)
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or (tag_of(key) != STR and key.value == ""):
                raise Unsupported("kunci yang bukan teks biasa", key)
            check_supported(key, seen)
            check_supported(value, seen)
    elif isinstance(node, SequenceNode):
        if tag != SEQ:
            raise Unsupported(f"tag YAML {tag}", node)
        for item in node.value:
            check_supported(item, seen)
    elif isinstance(node, ScalarNode) and tag != implicit_tag(node):
        raise Unsupported(f"tag YAML {tag}", node)


SCANNER_FAILURES = (YAMLError, AssertionError)
"""How ruamel's round-trip scanner fails: a YAML error, or one of its own internal checks
(``assert`` in its comment handling, e.g. a folded scalar's ``>`` after blank lines with a
tab and a comment behind it, which the loader reads). Either way its second opinion on the
comments is missing, never a traceback for the author."""


def difference(old: str, new: str) -> str | None:
    """What formatting ``old`` into ``new`` would lose, in words; None when nothing."""
    try:
        old_node, new_node = compose(old), compose(new)
        after = _comment_texts(_untabbed(new, new_node))
    except SCANNER_FAILURES:
        return "tidak dapat dibaca lagi sebagai YAML"
    if _data(old_node) != _data(new_node):
        return "mengubah sebuah nilai"
    ours = Counter(c.text.strip() for c in comment_lines(old, old_node) if c.text)
    try:
        before = _comment_texts(_untabbed(old, old_node))
    except SCANNER_FAILURES:  # YAML the loader reads and ruamel's scanner does not: ours alone
        before = ours
    if old_node is None:
        ours = before
    if before != after or ours != before:
        return "kehilangan atau menggandakan sebuah komentar"
    return None


def _data(node: Node | None) -> Hashable:
    """The document as plain values; a scalar is ``(YAML type, text)`` so '065' ≠ 065.

    Mappings become sets of pairs (key order is what formatting changes), lists tuples.
    """
    if isinstance(node, MappingNode):
        return frozenset((_data(key), _data(value)) for key, value in node.value)
    if isinstance(node, SequenceNode):
        return tuple(_data(item) for item in node.value)
    if isinstance(node, ScalarNode):
        return (tag_of(node), node.value)
    return None


def _comment_texts(text: str) -> Counter[str]:
    """Comments as ruamel's round-trip scanner sees them: a second opinion on ours."""
    found: Counter[str] = Counter()

    def collect(item: object) -> None:
        if isinstance(item, list):
            for part in item:
                collect(part)
        elif item is not None:
            raw = item if isinstance(item, str) else getattr(item, "value", "")
            for line in BREAK_OR_NEWLINE.split(str(raw)):
                if line.strip().startswith("#"):
                    found[line.strip()] += 1

    for token in YAML(typ="rt").scan(text):
        collect(getattr(token, "_comment", None))
    return found


def _untabbed(text: str, root: Node | None) -> str:
    """``text`` for ruamel's scanner, which refuses tabs that the loader's parser (and so
    ``check``) accepts: between tokens and inside plain text. Those become spaces, which
    changes no token; tabs in a comment (what is compared) or in a ``|`` text (where a space
    could change the indentation) are kept."""
    if root is None or "\t" not in text:
        return text
    kept = [span(text, s) for s in scalars(root) if s.style in ("|", ">")]
    for comment in comment_lines(text, root):
        if comment.text:
            kept.append((comment.index, comment.index + len(comment.text)))
    kept.sort()
    starts = [start for start, _ in kept]
    chars = list(text)
    for index in (i for i, char in enumerate(chars) if char == "\t"):
        k = bisect.bisect_right(starts, index) - 1
        if not (k >= 0 and kept[k][0] <= index < kept[k][1]):
            chars[index] = " "
    return "".join(chars)
