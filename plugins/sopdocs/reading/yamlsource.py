"""Read an author's YAML file into plain values that remember where each one was written.

We let ruamel.yaml *compose* the node tree (its C parser when ``ruamel.yaml.clib`` is
installed: ~1 ms per SOP instead of ~9 ms) and construct the values ourselves, so that:

- every mapping key, mapping value and list item keeps its ``Location``;
- dates stay text (``2019-02-30`` must become our message, not a constructor traceback);
- duplicate keys, alias loops and unknown tags become issues, never exceptions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Union

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sopdocs.issues import Issue, Location, error

YamlValue = Union["YamlMap", "YamlList", str, int, float, bool, None]

_MAX_DEPTH = 64
"""Deeper than any SOP; stops recursive aliases (``&a [*a]``) from recursing forever."""


class YamlMap(dict[str, "YamlValue"]):
    """A mapping whose keys and values know their location."""

    __slots__ = ("key_locations", "location", "value_locations")

    def __init__(self, location: Location) -> None:
        super().__init__()
        self.location = location
        self.key_locations: dict[str, Location] = {}
        self.value_locations: dict[str, Location] = {}

    def where(self, key: str) -> Location:
        """Location of the value of ``key``, or of the mapping itself when the key is absent."""
        return self.value_locations.get(key, self.location)


class YamlList(list["YamlValue"]):
    """A sequence whose items know their location."""

    __slots__ = ("item_locations", "location")

    def __init__(self, location: Location) -> None:
        super().__init__()
        self.location = location
        self.item_locations: list[Location] = []

    def where(self, index: int) -> Location:
        return self.item_locations[index] if index < len(self.item_locations) else self.location


def _composer() -> YAML:
    # pure=False picks the C parser when ruamel.yaml.clib is there, pure Python otherwise.
    return YAML(typ="safe", pure=False)


def read_bytes(path: Path, source: str) -> bytes | Issue:
    try:
        return path.read_bytes()
    except OSError as exc:
        return error(
            "file.read", f"berkas tidak dapat dibaca: {exc.strerror}", Location(path=source)
        )


def decode(data: bytes, source: str) -> str | Issue:
    """Decode a file as UTF-8; a bad byte becomes an issue at its line and column."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        line = good.count("\n") + 1
        col = len(good) - (good.rfind("\n") + 1) + 1
        return error(
            "file.encoding",
            f"berkas bukan UTF-8 (byte 0x{data[exc.start]:02x} tidak sah)",
            Location(path=source, line=line, col=col),
            "simpan ulang berkas dengan encoding UTF-8 (di editor: Save with Encoding → UTF-8)",
        )


def parse(text: str, source: str) -> tuple[YamlValue, list[Issue]]:
    """Parse one YAML document; returns ``(None, issues)`` when it cannot be read at all."""
    try:
        node = _composer().compose(text)
    except MarkedYAMLError as exc:
        return None, [_syntax_issue(exc, source)]
    except YAMLError as exc:  # no mark to point at: the whole file is the place
        return None, [
            error("yaml.syntax", f"YAML tidak dapat dibaca: {exc}", Location(path=source))
        ]
    if node is None:
        return None, []
    issues: list[Issue] = []
    return _construct(node, source, issues, 0), issues


def _location(node: Node, source: str) -> Location:
    mark = node.start_mark
    return Location(path=source, line=mark.line + 1, col=mark.column + 1)


_SYNTAX_HINTS = (
    ("\\t", "YAML tidak menerima tab untuk indentasi: ganti tab dengan spasi"),
    ("tab", "YAML tidak menerima tab untuk indentasi: ganti tab dengan spasi"),
    (
        "mapping values are not allowed",
        "ada ':' di tempat yang tidak semestinya; bila teks memuat ': ', apit dengan tanda kutip",
    ),
    ("could not find expected ':'", "setiap baris kunci ditulis `kunci: nilai`"),
    (
        "did not find expected key",
        "periksa indentasi: kunci yang sejajar harus mulai di kolom yang sama",
    ),
    ("did not find expected '-'", "periksa indentasi butir daftar ('- ...')"),
    ("found unexpected end of stream", "ada tanda kutip atau kurung yang tidak ditutup"),
    ("while scanning a quoted scalar", "ada tanda kutip yang tidak ditutup"),
    ("found character '%' that cannot start", "apit teks yang diawali '%' dengan tanda kutip"),
    ("found character '@' that cannot start", "apit teks yang diawali '@' dengan tanda kutip"),
    ("found character '`' that cannot start", "apit teks yang diawali '`' dengan tanda kutip"),
    (
        "found undefined alias",
        "'*' di awal teks dibaca sebagai alias YAML: apit teks dengan tanda kutip",
    ),
    (
        "found duplicate anchor",
        "'&' di awal teks dibaca sebagai anchor YAML: apit dengan tanda kutip",
    ),
)


def _syntax_issue(exc: MarkedYAMLError, source: str) -> Issue:
    mark = exc.problem_mark or exc.context_mark
    problem = str(exc.problem or exc.context or "kesalahan sintaks").strip()
    location = (
        Location(path=source, line=mark.line + 1, col=mark.column + 1)
        if mark is not None
        else Location(path=source)
    )
    hint = next((h for needle, h in _SYNTAX_HINTS if needle in problem), None)
    return error("yaml.syntax", f"YAML tidak dapat dibaca: {problem}", location, hint)


def _construct(node: Node, source: str, issues: list[Issue], depth: int) -> YamlValue:
    if depth > _MAX_DEPTH:
        issues.append(
            error(
                "yaml.syntax",
                "struktur YAML terlalu dalam (alias berulang?)",
                _location(node, source),
            )
        )
        return None
    if isinstance(node, MappingNode):
        return _construct_map(node, source, issues, depth)
    if isinstance(node, SequenceNode):
        seq = YamlList(_location(node, source))
        for item in node.value:
            seq.append(_construct(item, source, issues, depth + 1))
            seq.item_locations.append(_location(item, source))
        return seq
    return _scalar(node)


def _construct_map(node: MappingNode, source: str, issues: list[Issue], depth: int) -> YamlMap:
    mapping = YamlMap(_location(node, source))
    for key_node, value_node in node.value:
        key_location = _location(key_node, source)
        if not isinstance(key_node, ScalarNode):
            issues.append(error("type", "kunci harus berupa teks biasa", key_location))
            continue
        key = str(key_node.value)
        if key in mapping:
            first = mapping.key_locations[key]
            issues.append(
                error(
                    "yaml.duplicate-key",
                    f"kunci '{key}' ditulis dua kali (pertama di baris {first.line})",
                    key_location,
                    "hapus salah satunya",
                )
            )
            continue
        mapping[key] = _construct(value_node, source, issues, depth + 1)
        mapping.key_locations[key] = key_location
        mapping.value_locations[key] = _location(value_node, source)
    return mapping


def _scalar(node: Node) -> YamlValue:
    text = str(node.value)
    tag = node.tag or ""
    # Quoted scalars are always text; the resolver has already typed plain ones.
    if isinstance(node, ScalarNode) and node.style in ("'", '"', "|", ">"):
        return text
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return text.lower() in ("true", "yes", "on")
    if tag.endswith(":int"):
        try:
            return int(text.replace("_", ""), 0)
        except ValueError:
            return text
    if tag.endswith(":float"):
        try:
            return float(text.replace("_", ""))
        except ValueError:
            return text
    return text
