"""The YAML nodes ``fmt`` works on, composed by the loader's own parser.

Why one module: the comment scanner, the quoting rules, the emitter and the safety check must
all see the nodes ``check`` sees (libyaml when available; ruamel's round-trip parser would mark
the folds in ``>`` text with BEL characters), and read a node's tag one way whatever ruamel's
version; a second composer anywhere would let ``fmt`` and ``check`` disagree about a value.
"""

from __future__ import annotations

from collections.abc import Iterator

from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

STR = "tag:yaml.org,2002:str"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
NULL = "tag:yaml.org,2002:null"


def compose(text: str) -> Node | None:
    """The document's root node (None for an empty one), as the loader's parser reads it."""
    node: Node | None = YAML(typ="safe", pure=False).compose(text)
    return node


def tag_of(node: Node) -> str:
    """The node's tag as text: ruamel has typed it as ``str`` and as ``Tag`` across versions."""
    return str(getattr(node.tag, "value", node.tag))


def scalars(node: Node | None) -> Iterator[ScalarNode]:
    """Every scalar under ``node``, keys included, in document order (none for None)."""
    if isinstance(node, ScalarNode):
        yield node
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from scalars(key)
            yield from scalars(value)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from scalars(item)
