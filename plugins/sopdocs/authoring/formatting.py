"""``sopdocs fmt``: rewrite SOP files into one canonical layout, never losing a value or comment.

Why a small emitter of our own instead of dumping ruamel's round-trip objects: ruamel stores
a comment line on the node *before* it (a note about ``pelaksana:`` lives on the last item of
``dasar_hukum``), so sorting keys would carry notes to the wrong key, and its emitter keeps
each comment's old column. Here the loader's own parser composes the nodes, with their
styles and positions; each comment is attached to the key or list item it introduces (a
comment line) or ends (an end-of-line comment); then the nodes are written in the form's
order.

Nothing is written unless the new text, parsed again, holds the same data (every scalar with
its YAML type) and the same comments as the old one; ruamel's round-trip scanner, which
finds comments its own way, is the second opinion on the comments.
"""

from __future__ import annotations

import bisect
import difflib
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from sopdocs.issues import Issue, Location, error, warning
from sopdocs.reading.loader import SOP_SUFFIXES
from sopdocs.reading.schema import load_schema
from sopdocs.reading.tree import walk
from sopdocs.reading.yamlsource import UNREADABLE, decode, parse, read_bytes
from sopdocs.text import display_path

Place = tuple[str, ...]
"""Where in a file, as keys from the top, ``*`` standing for any list item."""


def _key_orders(schema: dict[str, Any], place: Place, found: dict[Place, list[str]]) -> None:
    """Each object's properties in the schema's order, by place: the schema lists them in the
    order of the SOP AP form and a step's in the order of the procedure table's columns."""
    properties = schema.get("properties")
    if isinstance(properties, dict):
        keys = found.setdefault(place, [])
        keys.extend(key for key in properties if key not in keys)
        for key, inner in properties.items():
            _key_orders(inner, (*place, key), found)
    if isinstance(schema.get("items"), dict):
        _key_orders(schema["items"], (*place, "*"), found)
    for alternatives in ("oneOf", "anyOf", "allOf"):
        for alternative in schema.get(alternatives, []):
            _key_orders(alternative, place, found)


def _schema_key_orders() -> dict[Place, tuple[str, ...]]:
    found: dict[Place, list[str]] = {}
    _key_orders(load_schema(), (), found)
    return {place: tuple(keys) for place, keys in found.items()}


KEY_ORDERS = _schema_key_orders()
"""Where in the file (list positions as ``*``) which key order applies; other keys follow.
Read from the JSON Schema, so a key added there takes its place in ``fmt`` too."""
SOP_KEYS = KEY_ORDERS[()]
"""Top-level keys in the order of the SOP AP form (``_unit.yaml`` keys are a subset)."""

INDENT = 2
"""Indentation of a mapping, and of a list's dash under its key (``key:\\n  - item``)."""

FLOW_WIDTH = 100
"""A ``[...]`` or ``{...}`` written longer than this becomes a block list or mapping."""

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_NULL = "tag:yaml.org,2002:null"

_NON_PRINTABLE = re.compile(
    "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
"""Characters written only as escapes: control characters, and the line breaks of YAML 1.1."""
_SIMPLE_PLAIN = re.compile(r"[^\W_][\w .,/()-]*[\w.)]|[^\W_]", re.UNICODE)
"""Text that is plainly safe unquoted in a block (still checked against the resolvers)."""
_BREAKS = re.compile("[\x85\u2028\u2029]")
_BREAK_OR_NEWLINE = re.compile("[\n\x85\u2028\u2029]")
"""Line breaks of YAML 1.1 besides LF and CR, which libyaml honours."""


_RESOLVERS = (VersionedResolver(version=(1, 2)), VersionedResolver(version=(1, 1)))
"""Unquoted text must read as text under YAML 1.2 and 1.1: ``yes`` is a boolean to some tools."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FormatResult:
    """One file's canonical text, or the issues that kept the file as it was."""

    path: Path
    original: str | None
    """None when the file could not be read."""
    formatted: str | None
    """None when the file is left as it is (see ``issues``)."""
    issues: tuple[Issue, ...] = ()

    @property
    def changed(self) -> bool:
        return self.formatted is not None and self.formatted != self.original

    @property
    def failed(self) -> bool:
        return any(i.is_error for i in self.issues)

    def write(self) -> None:
        """Replace the file with its canonical text (LF line ends, UTF-8 without BOM)."""
        if self.changed and self.formatted is not None:
            self.path.write_bytes(self.formatted.encode("utf-8"))

    def diff(self) -> str:
        """The change as a unified diff, as a reviewer reads it."""
        if not self.changed or self.original is None or self.formatted is None:
            return ""
        name = self.path.as_posix()
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                self.formatted.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )


class _Unsupported(Exception):
    """A YAML feature the emitter does not write (aliases, tags, complex keys)."""

    def __init__(self, message: str, node: Node) -> None:
        super().__init__(message)
        self.node = node


def format_file(path: Path) -> FormatResult:
    """Format one file on disk without writing it."""
    source = display_path(path)
    data = read_bytes(path, source)
    text = data if isinstance(data, Issue) else decode(data, source)
    if isinstance(text, Issue):
        return FormatResult(path=path, original=None, formatted=None, issues=(text,))
    formatted, issues = format_text(text, source)
    return FormatResult(path=path, original=text, formatted=formatted, issues=tuple(issues))


def format_text(text: str, source: str = "<teks>") -> tuple[str | None, list[Issue]]:
    """The canonical form of ``text``, or ``(None, issues)`` when it must be left as it is."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # YAML reads all three alike
    _, problems = parse(text, source)
    blocking = [i for i in problems if i.code in UNREADABLE]
    if blocking:
        return None, blocking
    node = _compose(text)  # the parser that just read it: cannot fail now
    if node is None:
        return text, []  # empty or comments only: nothing to order
    try:
        formatted = _Emitter(text, node).document()
    except _Unsupported as exc:
        mark = exc.node.start_mark
        where = Location(path=source, line=mark.line + 1, col=mark.column + 1)
        return None, [
            warning("fmt.unsupported", f"berkas tidak dirapikan: {exc}", where, _UNSUPPORTED_HINT)
        ]
    problem = difference(text, formatted) if formatted != text else None
    if problem:
        return None, [
            error(
                "fmt.unsafe",
                f"berkas tidak dirapikan: hasilnya {problem}",
                Location(path=source),
                "berkas dibiarkan apa adanya; laporkan isi berkas ini kepada pengelola sopdocs",
            )
        ]
    return formatted, []


_UNSUPPORTED_HINT = "tulis nilainya langsung, tanpa &anchor/*alias atau !tag, lalu jalankan lagi"


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """SOP and ``_unit.yaml`` files named in ``paths`` or under them, as the loader finds them."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_files_under(path))
        elif path.suffix in SOP_SUFFIXES:
            found.append(path)
    return list(dict.fromkeys(found))


def _files_under(folder: Path) -> Iterator[Path]:
    # The loader's own walk: no link out of the tree or into a loop is followed.
    for unit in walk(folder, []):
        if unit.unit_file is not None:
            yield unit.unit_file
        yield from unit.sops


# --- reading ------------------------------------------------------------------------------


def _compose(text: str) -> Node | None:
    # The loader's own parser (libyaml when available): the values it sees are the truth.
    # (ruamel's round-trip parser marks folds in ``>`` text with BEL characters.)
    node: Node | None = YAML(typ="safe", pure=False).compose(text)
    return node


def _tag(node: Node) -> str:
    # ruamel has typed node tags as ``str`` and as ``Tag`` objects across versions.
    return str(getattr(node.tag, "value", node.tag))


@dataclass(frozen=True, slots=True)
class _Line:
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


def _scalars(node: Node) -> Iterator[ScalarNode]:
    if isinstance(node, ScalarNode):
        yield node
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _scalars(key)
            yield from _scalars(value)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _scalars(item)


def _comment_lines(text: str, root: Node) -> list[_Line]:
    """Every comment and blank line, found by skipping the text that scalars cover."""
    spans = sorted(_span(text, s) for s in _scalars(root))
    starts = [start for start, _ in spans]

    def inside(index: int) -> bool:
        i = bisect.bisect_right(starts, index) - 1
        return i >= 0 and spans[i][0] <= index < spans[i][1]

    found = []
    offset = 0
    for number, line in enumerate(text.split("\n")):
        if not line.strip() and not inside(offset):
            found.append(_Line(offset, number, "", trailing=False))
        # YAML 1.1 (libyaml) also ends a line at NEL, LS and PS: each part may hold a comment.
        start = 0
        for part in _BREAKS.split(line):
            comment = _comment_in(part, offset + start, inside)
            if comment is not None:
                within = comment - offset - start
                trailing = start == 0 and bool(part[:within].strip())
                found.append(_Line(comment, number, part[within:].rstrip(), trailing))
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


def _span(text: str, node: ScalarNode) -> tuple[int, int]:
    """Where a scalar's text is, as a range of indices into ``text``.

    A block scalar's text starts below its ``|`` line (a comment may end that line) and ends
    with its last line; blank lines after it are the author's spacing, not text, unless
    ``|+`` keeps them.
    """
    start, end = node.start_mark.index, node.end_mark.index
    if node.style not in ("|", ">"):
        return start, end
    header_end = _BREAK_OR_NEWLINE.search(text, start)
    start = header_end.end() if header_end else end
    last = start + len(text[start:end].rstrip())
    kept = max(0, len(node.value) - len(node.value.rstrip("\n")) - 1)
    for _ in range(kept + 1):
        last = text.find("\n", last) + 1 or len(text)
    return start, min(max(last, start), end)


# --- writing ------------------------------------------------------------------------------


class _Emitter:
    """Writes one composed document in canonical layout with its comments re-attached."""

    def __init__(self, text: str, root: Node) -> None:
        self.root = root
        # Lines are counted here, not taken from the parser's marks: libyaml also breaks
        # lines at U+0085 and U+2028, which text pasted from documents may hold.
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.lines = _comment_lines(text, root)
        self.comment_indices = sorted(c.index for c in self.lines if c.text)
        self.leading: dict[int, list[str]] = {}
        self.eol: dict[int, list[str]] = {}
        self.head: list[str] = []
        self.tail: list[str] = []
        self._check_supported(root, set())
        self._attach(self._entries(root))

    # Attaching comments to entries.

    def _entries(self, root: Node) -> list[_Entry]:
        entries: list[_Entry] = []

        def walk(node: Node, depth: int) -> None:
            if self._keeps_flow(node):
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
        block = isinstance(value, (MappingNode, SequenceNode)) and not self._keeps_flow(value)
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
        return bisect.bisect_right(self.line_starts, index) - 1

    def _attach(self, entries: list[_Entry]) -> None:
        starts = [e.start for e in entries]
        first = entries[0].start if entries else math.inf
        for line in self.lines:
            owner = self._line_owner(line, entries) if line.trailing else None
            if owner is not None:
                self.eol.setdefault(owner, []).append(line.text)
            elif line.index < first:
                self.head.append(line.text)
            else:
                i = bisect.bisect_right(starts, line.index)
                if i < len(entries):
                    self.leading.setdefault(entries[i].node_id, []).append(line.text)
                else:
                    self.tail.append(line.text)

    @staticmethod
    def _line_owner(line: _Line, entries: list[_Entry]) -> int | None:
        """The innermost entry written on the comment's line, before the comment."""
        owners = [
            e for e in entries if e.first_line <= line.line <= e.last_line and e.start < line.index
        ]
        return max(owners, key=lambda e: (e.depth, e.start)).node_id if owners else None

    def _keeps_flow(self, node: Node) -> bool:
        """A ``[...]``/``{...}`` stays one when it holds no comment and no empty value."""
        if not isinstance(node, (MappingNode, SequenceNode)) or not node.flow_style:
            return False
        i = bisect.bisect_right(self.comment_indices, node.start_mark.index)
        if i < len(self.comment_indices) and self.comment_indices[i] < node.end_mark.index:
            return False
        return all(
            not (_tag(s) == _NULL and s.value == "") and "\n" not in s.value for s in _scalars(node)
        )

    def _check_supported(self, node: Node, seen: set[int]) -> None:
        if id(node) in seen:  # the parser hands out one node for an anchor and its aliases
            raise _Unsupported("anchor dan alias YAML (&nama, *nama)", node)
        seen.add(id(node))
        tag = _tag(node)
        if isinstance(node, MappingNode):
            if tag != _MAP:
                raise _Unsupported(f"tag YAML {tag}", node)
            for key, value in node.value:
                if not isinstance(key, ScalarNode) or (_tag(key) != _STR and key.value == ""):
                    raise _Unsupported("kunci yang bukan teks biasa", key)
                self._check_supported(key, seen)
                self._check_supported(value, seen)
        elif isinstance(node, SequenceNode):
            if tag != _SEQ:
                raise _Unsupported(f"tag YAML {tag}", node)
            for item in node.value:
                self._check_supported(item, seen)
        elif tag != _implicit_tag(node):
            raise _Unsupported(f"tag YAML {tag}", node)

    # Emitting.

    def document(self) -> str:
        head = _collapse_blank(self.head)
        if isinstance(self.root, ScalarNode):
            body = [_single_line(self.root, flow=False) or json.dumps(self.root.value)]
        else:
            body = self._block(self.root, 0, ())
        tail = _collapse_blank(self.tail)
        while tail and not tail[-1]:
            tail.pop()
        if head and not head[-1] and body and not body[0]:
            body = body[1:]
        # Blank lines inside a ``|`` text are its content: only comment lines are tidied.
        out = [*head, *body, *tail]
        while out and not out[0]:
            out.pop(0)
        return "\n".join(out) + "\n"

    def _block(self, node: Node, indent: int, path: tuple[str | int, ...]) -> list[str]:
        """The lines of a block mapping or list whose entries start at ``indent``."""
        out: list[str] = []
        if isinstance(node, MappingNode):
            for key, value in _ordered(node, path):
                lead, eol = self._comments(key)
                out.extend(_indented(lead, indent))
                head = " " * indent + _key_text(key) + ":"
                out.extend(self._value(head, value, indent, (*path, str(key.value)), eol))
        else:
            for number, item in enumerate(node.value):
                lead, eol = self._comments(item)
                out.extend(_indented(lead, indent))
                out.extend(self._value(" " * indent + "-", item, indent, (*path, number), eol))
        return out

    def _value(
        self, head: str, node: Node, indent: int, path: tuple[str | int, ...], eol: str | None
    ) -> list[str]:
        """``head`` (``key:`` or ``-``) followed by ``node`` inline or on the lines below."""
        if isinstance(node, ScalarNode):
            text = _single_line(node, flow=False)
            if text is None:
                header, body = _block_scalar(node, indent + INDENT)
                return [_with_eol(f"{head} {header}", eol), *body]
            return [_with_eol(f"{head} {text}" if text else head, eol)]
        flow = self._flow_text(node, path) if self._keeps_flow(node) else None
        if not node.value:
            flow = "{}" if isinstance(node, MappingNode) else "[]"
        if flow is not None and (len(head) + 1 + len(flow) <= FLOW_WIDTH or not node.value):
            return [_with_eol(f"{head} {flow}", eol)]
        if isinstance(path[-1], int):
            return self._item_block(head, node, indent, path, eol)
        return [_with_eol(head, eol), *self._block(node, indent + INDENT, path)]

    def _item_block(
        self, head: str, node: Node, indent: int, path: tuple[str | int, ...], eol: str | None
    ) -> list[str]:
        """A list item holding a block collection: its first entry shares the ``- `` line."""
        first = _first_entry(node, path)
        lead, first_eol = self._comments(first)
        # Comments above the first entry go above the dash; the item's own end-of-line
        # comment goes where the first entry's line ends, as it was written.
        eols = [c for c in (eol, first_eol) if c]
        self.leading[id(first)] = []
        self.eol[id(first)] = eols[:1]
        extra = eols[1:]
        body = self._block(node, indent + INDENT, path)
        body[0] = head + " " + body[0][indent + INDENT :]
        return [*_indented([*lead, *extra], indent), *body]

    def _comments(self, node: Node) -> tuple[list[str], str | None]:
        """Comment lines above an entry and its end-of-line comment (extras go above)."""
        lead = self.leading.get(id(node), [])
        eol = self.eol.get(id(node), [])
        return [*lead, *eol[1:]], (eol[0] if eol else None)

    def _flow_text(self, node: Node, path: tuple[str | int, ...]) -> str | None:
        if isinstance(node, ScalarNode):
            return _single_line(node, flow=True)
        if isinstance(node, MappingNode):
            parts = []
            for key, value in _ordered(node, path):
                text = self._flow_text(value, (*path, str(key.value)))
                if text is None:
                    return None
                parts.append(f"{_key_text(key, flow=True)}: {text}")
            return "{" + ", ".join(parts) + "}"
        items = [self._flow_text(item, (*path, i)) for i, item in enumerate(node.value)]
        if any(text is None for text in items):
            return None
        return "[" + ", ".join(t for t in items if t is not None) + "]"


def _first_entry(node: Node, path: tuple[str | int, ...]) -> Node:
    if isinstance(node, MappingNode):
        return _ordered(node, path)[0][0]
    first: Node = node.value[0]
    return first


def _ordered(node: MappingNode, path: tuple[str | int, ...]) -> list[tuple[Node, Node]]:
    """The pairs of a mapping in the form's order; keys the form does not know keep theirs."""
    pairs: list[tuple[Node, Node]] = list(node.value)
    order = KEY_ORDERS.get(tuple("*" if isinstance(p, int) else p for p in path), ())
    rank = {key: i for i, key in enumerate(order)}
    return sorted(pairs, key=lambda pair: rank.get(str(pair[0].value), len(rank)))


def _indented(lines: list[str], indent: int) -> list[str]:
    return [" " * indent + text if text else "" for text in _collapse_blank(lines)]


def _collapse_blank(lines: list[str]) -> list[str]:
    return [text for i, text in enumerate(lines) if text or i == 0 or lines[i - 1]]


def _with_eol(line: str, eol: str | None) -> str:
    return f"{line}  {eol}" if eol else line


# --- scalars ------------------------------------------------------------------------------


def _implicit_tag(node: ScalarNode) -> str:
    if node.style:  # any quoting or block style
        return _STR
    return str(_RESOLVERS[0].resolve(ScalarNode, node.value, (True, False)))


def yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar that reads back as the same text: unquoted when that is safe."""
    return value if "\n" not in value and _plain_ok(value, False) else _quoted(value)


def _single_line(node: ScalarNode, *, flow: bool) -> str | None:
    """The scalar on one line, or None when it reads better as a ``|`` block."""
    value: str = node.value
    if _tag(node) != _STR:
        return value  # numbers, booleans, dates, null: exactly as the author wrote them
    if "\n" not in value and _plain_ok(value, flow):
        return value
    if "\n" in value and not flow and _block_ok(value):
        return None
    return _quoted(value)


def _quoted(value: str) -> str:
    if "\n" in value or "\r" in value or _NON_PRINTABLE.search(value):
        # Only double quotes can escape these; JSON's escapes are YAML's too.
        double = json.dumps(value, ensure_ascii=False)
        return json.dumps(value) if _NON_PRINTABLE.search(double) else double
    if "'" in value and '"' not in value and "\\" not in value:
        return f'"{value}"'  # 'Jum''at' reads worse than "Jum'at"
    return "'" + value.replace("'", "''") + "'"


@cache
def _plain_ok(value: str, flow: bool, key: bool = False) -> bool:
    """May ``value`` be written unquoted, and read back as the same text everywhere?

    Keys are read by sopdocs only, under YAML 1.2: the format's own ``no:`` stays unquoted.
    """
    if not value or value != value.strip() or _NON_PRINTABLE.search(value) or "\t" in value:
        return False
    resolvers = _RESOLVERS[:1] if key else _RESOLVERS
    if any(r.resolve(ScalarNode, value, (True, False)) != _STR for r in resolvers):
        return False
    if _SIMPLE_PLAIN.fullmatch(value) and not (flow and "," in value):
        return True
    samples = [f"[{value}]"] if flow else [f"k: {value}", f"- {value}", f"{value}: k"]
    return all(_reads_as(sample, value) for sample in samples)


def _reads_as(sample: str, value: str) -> bool:
    try:
        node = YAML(typ="safe", pure=False).compose(sample)
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
    then stated in its header (:func:`_block_scalar`). A line of white space alone is not:
    YAML may read it as a blank line.
    """
    body = value.rstrip("\n")
    return (
        bool(body.strip())
        and not _NON_PRINTABLE.search(value)
        and all(line.strip() or not line for line in body.split("\n"))
    )


def _block_scalar(node: ScalarNode, indent: int) -> tuple[str, list[str]]:
    """``|`` (or ``>`` for a one-line folded text) with chomping kept: a header and its lines."""
    value: str = node.value
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    lines = body.split("\n")
    marker = ">" if node.style == ">" and len(lines) == 1 else "|"
    # A first line that starts with white space would be taken for the block's indentation.
    first = next(line for line in lines if line)
    indicator = str(INDENT) if first[0] in " \t" else ""
    text = [" " * indent + line if line else "" for line in lines]
    return marker + indicator + chomp, text + [""] * (trailing - 1)


def _key_text(node: ScalarNode, flow: bool = False) -> str:
    value: str = node.value
    if _tag(node) != _STR:
        return value
    return value if "\n" not in value and _plain_ok(value, flow, key=True) else _quoted(value)


# --- checking the result --------------------------------------------------------------------


def _data(node: Node | None) -> Hashable:
    """The document as plain values; a scalar is ``(YAML type, text)`` so '065' ≠ 065.

    Mappings become sets of pairs (key order is what formatting changes), lists tuples.
    """
    if isinstance(node, MappingNode):
        return frozenset((_data(key), _data(value)) for key, value in node.value)
    if isinstance(node, SequenceNode):
        return tuple(_data(item) for item in node.value)
    if isinstance(node, ScalarNode):
        return (_tag(node), node.value)
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
            for line in _BREAK_OR_NEWLINE.split(str(raw)):
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
    kept = [_span(text, s) for s in _scalars(root) if s.style in ("|", ">")]
    for comment in _comment_lines(text, root):
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


def difference(old: str, new: str) -> str | None:
    """What formatting ``old`` into ``new`` would lose, in words; None when nothing."""
    try:
        old_node, new_node = _compose(old), _compose(new)
        after = _comment_texts(_untabbed(new, new_node))
    except YAMLError:
        return "tidak dapat dibaca lagi sebagai YAML"
    if _data(old_node) != _data(new_node):
        return "mengubah sebuah nilai"
    ours = Counter(c.text.strip() for c in _comment_lines(old, old_node) if c.text)
    try:
        before = _comment_texts(_untabbed(old, old_node))
    except YAMLError:  # YAML the loader reads and ruamel's scanner does not: ours alone
        before = ours
    if old_node is None:
        ours = before
    if before != after or ours != before:
        return "kehilangan atau menggandakan sebuah komentar"
    return None
