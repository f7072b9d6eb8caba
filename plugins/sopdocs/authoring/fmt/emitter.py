"""Writes one composed document in the canonical layout, its comments where they belong.

Why a small emitter of our own instead of dumping ruamel's round-trip objects: ruamel's
emitter keeps each comment's old column and its round-trip objects carry comments on the
wrong node (see ``comments``). Here the nodes the loader's parser composed, with their
styles, are written in the form's key order (``order``) with two-space indentation, each
scalar as ``quoting`` decides, and short ``[...]``/``{...}`` kept on one line.
"""

from __future__ import annotations

import json

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode

from sopdocs.authoring.fmt.comments import Comments
from sopdocs.authoring.fmt.order import Path, ordered
from sopdocs.authoring.fmt.quoting import block_scalar, key_text, single_line

INDENT = 2
"""Indentation of a mapping, and of a list's dash under its key (``key:\\n  - item``)."""

FLOW_WIDTH = 100
"""A ``[...]`` or ``{...}`` written longer than this becomes a block list or mapping."""


def emit(root: Node, comments: Comments) -> str:
    """The document under ``root`` as canonical text, with ``comments`` written back."""
    return _Emitter(root, comments).document()


class _Emitter:
    def __init__(self, root: Node, comments: Comments) -> None:
        self.root = root
        self.comments = comments

    def document(self) -> str:
        head = _collapse_blank(self.comments.head)
        if isinstance(self.root, ScalarNode):
            body = [single_line(self.root, flow=False) or json.dumps(self.root.value)]
        else:
            body = self._block(self.root, 0, ())
        tail = _collapse_blank(self.comments.tail)
        while tail and not tail[-1]:
            tail.pop()
        if head and not head[-1] and body and not body[0]:
            body = body[1:]
        # Blank lines inside a ``|`` text are its content: only comment lines are tidied.
        out = [*head, *body, *tail]
        while out and not out[0]:
            out.pop(0)
        return "\n".join(out) + "\n"

    def _block(self, node: Node, indent: int, path: Path) -> list[str]:
        """The lines of a block mapping or list whose entries start at ``indent``."""
        out: list[str] = []
        if isinstance(node, MappingNode):
            for key, value in ordered(node, path):
                lead, eol = self.comments.of(key)
                out.extend(_indented(lead, indent))
                head = " " * indent + key_text(key) + ":"
                out.extend(self._value(head, value, indent, (*path, str(key.value)), eol))
        else:
            for number, item in enumerate(node.value):
                lead, eol = self.comments.of(item)
                out.extend(_indented(lead, indent))
                out.extend(self._value(" " * indent + "-", item, indent, (*path, number), eol))
        return out

    def _value(self, head: str, node: Node, indent: int, path: Path, eol: str | None) -> list[str]:
        """``head`` (``key:`` or ``-``) followed by ``node`` inline or on the lines below."""
        if isinstance(node, ScalarNode):
            text = single_line(node, flow=False)
            if text is None:
                header, body = block_scalar(node, indent + INDENT, INDENT)
                return [_with_eol(f"{head} {header}", eol), *body]
            return [_with_eol(f"{head} {text}" if text else head, eol)]
        flow = self._flow_text(node, path) if self.comments.keeps_flow(node) else None
        if not node.value:
            flow = "{}" if isinstance(node, MappingNode) else "[]"
        if flow is not None and (len(head) + 1 + len(flow) <= FLOW_WIDTH or not node.value):
            return [_with_eol(f"{head} {flow}", eol)]
        if isinstance(path[-1], int):
            return self._item_block(head, node, indent, path, eol)
        return [_with_eol(head, eol), *self._block(node, indent + INDENT, path)]

    def _item_block(
        self, head: str, node: Node, indent: int, path: Path, eol: str | None
    ) -> list[str]:
        """A list item holding a block collection: its first entry shares the ``- `` line."""
        above = self.comments.share_line(_first_entry(node, path), eol)
        body = self._block(node, indent + INDENT, path)
        body[0] = head + " " + body[0][indent + INDENT :]
        return [*_indented(above, indent), *body]

    def _flow_text(self, node: Node, path: Path) -> str | None:
        if isinstance(node, ScalarNode):
            return single_line(node, flow=True)
        if isinstance(node, MappingNode):
            parts = []
            for key, value in ordered(node, path):
                text = self._flow_text(value, (*path, str(key.value)))
                if text is None:
                    return None
                parts.append(f"{key_text(key, flow=True)}: {text}")
            return "{" + ", ".join(parts) + "}"
        items = [self._flow_text(item, (*path, i)) for i, item in enumerate(node.value)]
        if any(text is None for text in items):
            return None
        return "[" + ", ".join(t for t in items if t is not None) + "]"


def _first_entry(node: Node, path: Path) -> Node:
    if isinstance(node, MappingNode):
        return ordered(node, path)[0][0]
    first: Node = node.value[0]
    return first


def _indented(lines: list[str], indent: int) -> list[str]:
    return [" " * indent + text if text else "" for text in _collapse_blank(lines)]


def _collapse_blank(lines: list[str]) -> list[str]:
    return [text for i, text in enumerate(lines) if text or i == 0 or lines[i - 1]]


def _with_eol(line: str, eol: str | None) -> str:
    return f"{line}  {eol}" if eol else line
