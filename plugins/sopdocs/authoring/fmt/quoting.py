"""How one scalar is written so that it reads back as the same value: plain, quoted or ``|``.

Why a module of its own: whether a text may go unquoted is a question about every YAML reader
an SOP file may meet, not about layout. ``yes`` is a boolean to YAML 1.1 tools, ``#`` or
``: `` may end a plain text early, and control characters must be escaped; so a text is left
plain only when both YAML versions' resolvers and a trial parse agree it stays the same text.
Numbers, booleans, dates and null are written exactly as the author wrote them.
"""

from __future__ import annotations

import json
import re
from functools import cache

from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from sopdocs.authoring.fmt.nodes import STR, compose, tag_of

_NON_PRINTABLE = re.compile(
    "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
"""Characters written only as escapes: control characters, and the line breaks of YAML 1.1."""
_SIMPLE_PLAIN = re.compile(r"[^\W_][\w .,/()-]*[\w.)]|[^\W_]", re.UNICODE)
"""Text that is plainly safe unquoted in a block (still checked against the resolvers)."""

_RESOLVERS = (VersionedResolver(version=(1, 2)), VersionedResolver(version=(1, 1)))
"""Unquoted text must read as text under YAML 1.2 and 1.1: ``yes`` is a boolean to some tools."""


def implicit_tag(node: ScalarNode) -> str:
    """The tag the scalar has without an explicit one: what its style and text make it."""
    if node.style:  # any quoting or block style
        return STR
    return str(_RESOLVERS[0].resolve(ScalarNode, node.value, (True, False)))


def yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar that reads back as the same text: unquoted when that is safe."""
    return value if "\n" not in value and _plain_ok(value, False) else _quoted(value)


def single_line(node: ScalarNode, *, flow: bool) -> str | None:
    """The scalar on one line, or None when it reads better as a ``|`` block."""
    value: str = node.value
    if tag_of(node) != STR:
        return value  # numbers, booleans, dates, null: exactly as the author wrote them
    if "\n" not in value and _plain_ok(value, flow):
        return value
    if "\n" in value and not flow and _block_ok(value):
        return None
    return _quoted(value)


def key_text(node: ScalarNode, flow: bool = False) -> str:
    """A mapping key as written before its colon."""
    value: str = node.value
    if tag_of(node) != STR:
        return value
    return value if "\n" not in value and _plain_ok(value, flow, key=True) else _quoted(value)


def block_scalar(node: ScalarNode, indent: int, step: int) -> tuple[str, list[str]]:
    """``|`` (or ``>`` for a one-line folded text) with chomping kept: a header and its lines,
    the lines at ``indent``, which is ``step`` deeper than the header's line."""
    value: str = node.value
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    lines = body.split("\n")
    marker = ">" if node.style == ">" and len(lines) == 1 else "|"
    # A first line that starts with white space would be taken for the block's indentation.
    first = next(line for line in lines if line)
    indicator = str(step) if first[0] in " \t" else ""
    text = [" " * indent + line if line else "" for line in lines]
    return marker + indicator + chomp, text + [""] * (trailing - 1)


def _quoted(value: str) -> str:
    if "\n" in value or "\r" in value or _NON_PRINTABLE.search(value):
        # Only double quotes can escape these. JSON's escapes are YAML's too, but JSON writes
        # a character beyond U+FFFF as a surrogate pair, which YAML reads as two broken
        # characters: what JSON leaves unescaped is escaped one code point at a time.
        return _NON_PRINTABLE.sub(_escape, json.dumps(value, ensure_ascii=False))
    if "'" in value and '"' not in value and "\\" not in value:
        return f'"{value}"'  # 'Jum''at' reads worse than "Jum'at"
    return "'" + value.replace("'", "''") + "'"


def _escape(match: re.Match[str]) -> str:
    point = ord(match.group())
    return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"


@cache
def _plain_ok(value: str, flow: bool, key: bool = False) -> bool:
    """May ``value`` be written unquoted, and read back as the same text everywhere?

    Keys are read by sopdocs only, under YAML 1.2: the format's own ``no:`` stays unquoted.
    """
    if not value or value != value.strip() or _NON_PRINTABLE.search(value) or "\t" in value:
        return False
    resolvers = _RESOLVERS[:1] if key else _RESOLVERS
    if any(r.resolve(ScalarNode, value, (True, False)) != STR for r in resolvers):
        return False
    if _SIMPLE_PLAIN.fullmatch(value) and not (flow and "," in value):
        return True
    samples = [f"[{value}]"] if flow else [f"k: {value}", f"- {value}", f"{value}: k"]
    return all(_reads_as(sample, value) for sample in samples)


def _reads_as(sample: str, value: str) -> bool:
    try:
        node = compose(sample)
    except YAMLError:
        return False
    if isinstance(node, MappingNode) and len(node.value) == 1:
        key, item = node.value[0]
        scalar = item if key.value == "k" else key
    elif isinstance(node, SequenceNode) and len(node.value) == 1:
        scalar = node.value[0]
    else:
        return False
    return isinstance(scalar, ScalarNode) and not scalar.style and scalar.value == value


def _block_ok(value: str) -> bool:
    """May ``value`` be a ``|`` block? Text with something on it and nothing to escape.

    Indented lines (a numbered list inside a cell) are fine: the block's indentation is
    then stated in its header (:func:`block_scalar`). A line of white space alone is not:
    YAML may read it as a blank line.
    """
    body = value.rstrip("\n")
    return (
        bool(body.strip())
        and not _NON_PRINTABLE.search(value)
        and all(line.strip() or not line for line in body.split("\n"))
    )
