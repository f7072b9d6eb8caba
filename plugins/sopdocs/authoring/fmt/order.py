"""The order ``fmt`` writes keys in, read from the JSON Schema.

Why from the schema: it already lists the top-level properties in the order of the SOP AP form
and a step's in the order of the procedure table's columns, so a key added to the format takes
its place in ``fmt`` without a second list to keep in step. Keys the schema does not know keep
the author's order after the known ones.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode

from sopdocs.reading.schema import load_schema

Place = tuple[str, ...]
"""Where in a file, as keys from the top, ``*`` standing for any list item."""

Path = tuple[str | int, ...]
"""Where the emitter is: keys from the top, and list positions as numbers."""


def _key_orders(schema: dict[str, Any], place: Place, found: dict[Place, list[str]]) -> None:
    """Each object's properties in the schema's order, by place."""
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


def ordered(node: MappingNode, path: Path) -> list[tuple[ScalarNode, Node]]:
    """The pairs of a mapping in the form's order; keys the form does not know keep theirs."""
    # Keys are scalars: safety.check_supported refused any other before emitting began.
    pairs: list[tuple[ScalarNode, Node]] = list(node.value)
    order = KEY_ORDERS.get(tuple("*" if isinstance(p, int) else p for p in path), ())
    rank = {key: i for i, key in enumerate(order)}
    return sorted(pairs, key=lambda pair: rank.get(str(pair[0].value), len(rank)))
