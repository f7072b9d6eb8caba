"""Read an author's YAML file into plain values that remember where each one was written.

ruamel.yaml *parses* the text into events (its C parser when ``ruamel.yaml.clib`` is
installed) and we build the values from them ourselves, without recursion, so that:

- every mapping key, mapping value and list item keeps its ``Location``, with line numbers
  counted as editors count them (YAML also breaks lines at U+0085 and U+2028, editors do not);
- dates stay text (``2019-02-30`` must become our message, not a constructor traceback);
- duplicate keys, aliases to themselves and unknown tags become issues, never exceptions;
- no file can exhaust the machine: its size, its nesting depth and the values its aliases
  stand for are limited, each limit reported where it is crossed (a 300-byte "billion
  laughs" file would otherwise stand for millions of values, and 30,000 nested ``[``
  crash the C composer).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.nodes import ScalarNode

from sopdocs.issues import Issue, Location, error

YamlValue = Union["YamlMap", "YamlList", str, int, float, bool, None]

MAX_FILE_BYTES = 1_000_000
"""A long SOP of 350 steps is about 40 kB; a file 25 times that is a mistake or an attack."""
MAX_DEPTH = 64
"""Nesting levels at most; an SOP needs five (prosedur → step → keputusan → ...)."""
MAX_VALUES = 100_000
"""Values in one file at most, each alias counted as the values it stands for."""
UNREADABLE = frozenset(
    {
        "file.character",
        "file.too-large",
        "yaml.aliases",
        "yaml.depth",
        "yaml.duplicate-key",
        "yaml.syntax",
    }
)
"""Issue codes after which the file's YAML must not be read again by any other tool."""
_TEXT_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null")}
ImplicitResolvers = dict[str | None, list[tuple[str, Any]]]
"""ruamel's table for one YAML version: a plain scalar's first character → its candidate
(tag, pattern) pairs, the patterns being ruamel's lazily compiled regular expressions."""
_COLLECTION_TAGS = {
    MappingStartEvent: "tag:yaml.org,2002:map",
    SequenceStartEvent: "tag:yaml.org,2002:seq",
}
_FORBIDDEN = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""What YAML does not allow in a file (control characters such as NUL, form feed, ESC)."""
_LINE_BREAK = re.compile("\r\n|\r|\n")


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


def read_bytes(path: Path, source: str) -> bytes | Issue:
    """The file's bytes, never more than :data:`MAX_FILE_BYTES` read."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return error(
            "file.read", f"berkas tidak dapat dibaca: {exc.strerror}", Location(path=source)
        )
    if len(data) > MAX_FILE_BYTES:
        return error(
            "file.too-large",
            f"berkas lebih besar dari {MAX_FILE_BYTES // 1000} kB: bukan berkas SOP yang wajar",
            Location(path=source),
            "satu SOP per berkas; pecah prosedur yang sangat panjang menjadi beberapa SOP",
        )
    return data


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


def _parser() -> YAML:
    # pure=False picks the C parser when ruamel.yaml.clib is there, pure Python otherwise.
    return YAML(typ="safe", pure=False)


def parse(text: str, source: str) -> tuple[YamlValue, list[Issue]]:
    """Parse one YAML document; returns ``(None, issues)`` when it cannot be read at all."""
    lines = Lines(text, source)
    bad = _FORBIDDEN.search(text)
    if bad is not None:
        return None, [_forbidden_character(bad.group(), lines.at(bad.start()))]
    yaml = _parser()
    builder = _Builder(lines, yaml.resolver)
    try:
        return builder.build(yaml.parse(text)), builder.issues
    except _Stop as stop:
        return None, [*builder.issues, stop.issue]
    except MarkedYAMLError as exc:
        return None, [_syntax_issue(exc, lines)]
    except YAMLError as exc:  # no mark to point at: the whole file is the place
        return None, [
            error("yaml.syntax", f"YAML tidak dapat dibaca: {exc}", Location(path=source))
        ]


class Lines:
    """Line and column of a character, counting lines as editors do (``\\n``, ``\\r\\n``,
    ``\\r``), whatever else YAML takes for a line break."""

    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.starts = [0, *(match.end() for match in _LINE_BREAK.finditer(text))]

    def at(self, index: int) -> Location:
        line = bisect_right(self.starts, index)
        return Location(path=self.source, line=line, col=index - self.starts[line - 1] + 1)


def _forbidden_character(character: str, where: Location) -> Issue:
    return error(
        "file.character",
        f"karakter kendali U+{ord(character):04X} tidak boleh ada di berkas YAML",
        where,
        "hapus karakter tak terlihat itu (sering terbawa saat menyalin dari Word atau PDF)",
    )


class _Stop(Exception):
    """A limit was crossed: the rest of the file is not read."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue


@dataclass(slots=True)
class _Open:
    """A mapping or list being built, with what its next event means."""

    value: YamlMap | YamlList
    anchor: str | None
    values_before: int
    """Values counted when it opened: the difference at its end is what an alias costs."""
    key: str | None = None
    key_location: Location | None = None
    awaiting_value: bool = False


class _Builder:
    """Values from parser events, with no recursion and within the limits."""

    def __init__(self, lines: Lines, resolver: Any) -> None:
        self.lines = lines
        self.resolver = resolver
        self.issues: list[Issue] = []
        self.open: list[_Open] = []
        self.anchors: dict[str, tuple[YamlValue, int]] = {}
        self.values = 0
        self.documents = 0
        self.root: YamlValue = None
        self.implicit: ImplicitResolvers | None = None
        """ruamel's resolver table for the document being read; None: ask the resolver."""
        self.handlers: dict[type, Callable[[Any], None]] = {
            ScalarEvent: self._scalar,
            MappingStartEvent: self._start,
            SequenceStartEvent: self._start,
            MappingEndEvent: self._end_event,
            SequenceEndEvent: self._end_event,
            AliasEvent: self._alias,
            DocumentStartEvent: self._document,
        }
        """What each common event means, looked up by its exact type: a chain of isinstance
        tests per event cost more than building the value (500,000 events in 3,000 SOPs)."""

    def build(self, events: Iterable[Any]) -> YamlValue:
        handlers = self.handlers
        for event in events:
            handler = handlers.get(type(event))
            if handler is not None:
                handler(event)
            else:
                self._other(event)
        return self.root

    def _other(self, event: Any) -> None:
        """An event of a type not in :attr:`handlers` (a stream's or document's end)."""
        if isinstance(event, CollectionStartEvent):
            self._start(event)
        elif isinstance(event, ScalarEvent):
            self._scalar(event)
        elif isinstance(event, AliasEvent):
            self._alias(event)
        elif isinstance(event, DocumentStartEvent):
            self._document(event)
        elif self.open and not hasattr(event, "value"):  # a mapping's or list's end
            self._end()

    def _where(self, event: Any) -> Location:
        return self.lines.at(event.start_mark.index)

    def _count(self, values: int, event: Any) -> None:
        self.values += values
        if self.values > MAX_VALUES:
            alias = isinstance(event, AliasEvent)
            raise _Stop(
                error(
                    "yaml.aliases" if alias else "yaml.depth",
                    f"berkas memuat lebih dari {MAX_VALUES:,} nilai".replace(",", ".")
                    + (" karena alias '*' yang berlipat ganda" if alias else ""),
                    self._where(event),
                    "tulis setiap nilai langsung, tanpa &anchor/*alias",
                )
            )

    def _document(self, event: Any) -> None:
        self.documents += 1
        # Read here, once the document's directives are known, as ruamel reads it per scalar.
        self.implicit = (
            None if self.resolver.yaml_path_resolvers else self.resolver.versioned_resolver
        )
        if self.documents > 1:
            raise _Stop(
                error(
                    "yaml.syntax",
                    "berkas memuat lebih dari satu dokumen YAML",
                    self._where(event),
                    "satu SOP per berkas: hapus baris '---' dan isi sesudahnya",
                )
            )

    def _start(self, event: Any) -> None:
        if len(self.open) >= MAX_DEPTH:
            raise _Stop(
                error(
                    "yaml.depth",
                    f"nilai bersarang lebih dari {MAX_DEPTH} tingkat",
                    self._where(event),
                    "SOP tidak memerlukan sedalam itu: periksa '[' atau '{' yang tidak ditutup",
                )
            )
        self._check_tag(event, _COLLECTION_TAGS[type(event)])
        where = self._where(event)
        value: YamlMap | YamlList = (
            YamlMap(where) if isinstance(event, MappingStartEvent) else YamlList(where)
        )
        self._count(1, event)
        self.open.append(_Open(value=value, anchor=event.anchor, values_before=self.values))

    def _end_event(self, event: Any) -> None:
        if self.open:
            self._end()

    def _end(self) -> None:
        done = self.open.pop()
        if done.anchor is not None:
            self.anchors[done.anchor] = (done.value, self.values - done.values_before + 1)
        self._add(done.value, done.value.location, None)

    def _scalar(self, event: Any) -> None:
        if event.tag is not None:
            self._check_tag(event, None)
        self._count(1, event)
        value = _scalar_value(event, self.resolver, self.implicit)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self._add(value, self._where(event), str(event.value))

    def _alias(self, event: Any) -> None:
        where = self._where(event)
        if event.anchor not in self.anchors:
            raise _Stop(
                error(
                    "yaml.syntax",
                    f"alias '*{event.anchor}' tidak merujuk anchor '&{event.anchor}' "
                    "yang sudah selesai ditulis di atasnya",
                    where,
                    "'*' di awal teks dibaca sebagai alias YAML: apit teks dengan tanda kutip",
                )
            )
        value, size = self.anchors[event.anchor]
        self._count(size, event)
        self._add(value, where, value if isinstance(value, str) else None)

    def _check_tag(self, event: Any, collection_tag: str | None) -> None:
        tag = event.tag
        if tag is None or tag == "!" or tag == collection_tag:
            return
        if collection_tag is None and tag in _TEXT_TAGS:
            return
        self.issues.append(
            error(
                "yaml.tag",
                f"tag YAML '{tag.replace('tag:yaml.org,2002:', '!!')}' tidak dikenal",
                self._where(event),
                "hapus tag itu; tulis nilainya sebagai teks biasa",
            )
        )

    def _add(self, value: YamlValue, where: Location, key_text: str | None) -> None:
        if not self.open:
            self.root = value
            return
        top = self.open[-1]
        if isinstance(top.value, YamlList):
            top.value.append(value)
            top.value.item_locations.append(where)
        elif top.awaiting_value:
            top.awaiting_value = False
            if top.key is not None and top.key_location is not None:
                top.value[top.key] = value
                top.value.key_locations[top.key] = top.key_location
                top.value.value_locations[top.key] = where
        else:
            top.awaiting_value = True
            top.key = self._key(top.value, key_text, where)
            top.key_location = where

    def _key(self, mapping: YamlMap, key_text: str | None, where: Location) -> str | None:
        """The key to store the next value under; None (and an issue) when it must be dropped."""
        if key_text is None:
            self.issues.append(error("type", "kunci harus berupa teks biasa", where))
            return None
        if key_text in mapping:
            first = mapping.key_locations[key_text]
            self.issues.append(
                error(
                    "yaml.duplicate-key",
                    f"kunci '{key_text}' ditulis dua kali (pertama di baris {first.line})",
                    where,
                    "hapus salah satunya",
                )
            )
            return None
        return key_text


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


def _syntax_issue(exc: MarkedYAMLError, lines: Lines) -> Issue:
    mark = exc.problem_mark or exc.context_mark
    problem = str(exc.problem or exc.context or "kesalahan sintaks").strip()
    location = lines.at(mark.index) if mark is not None else Location(path=lines.source)
    hint = next((h for needle, h in _SYNTAX_HINTS if needle in problem), None)
    return error("yaml.syntax", f"YAML tidak dapat dibaca: {problem}", location, hint)


def _scalar_value(event: Any, resolver: Any, implicit: ImplicitResolvers | None) -> YamlValue:
    text = str(event.value)
    # Quoted scalars are always text; plain ones are typed as YAML 1.2 types them.
    if event.style in ("'", '"', "|", ">"):
        return text
    tag = event.tag
    if tag is None and event.implicit[0] and implicit is not None:
        return _plain_value(text, implicit)
    if tag is None or tag == "!":
        tag = resolver.resolve(ScalarNode, text, event.implicit)
    return _typed(text, str(tag))


def _plain_value(text: str, implicit: ImplicitResolvers) -> YamlValue:
    """A plain untagged scalar typed as ``Resolver.resolve`` types it, from the same table by
    the same rules; resolve itself looks its version up and makes a Tag on every call."""
    first = text[0] if text else ""
    for tag, pattern in implicit.get(first, []) + implicit.get(None, []):
        if pattern.match(text):
            return _typed(text, tag)
    return text


def _typed(text: str, tag: str) -> YamlValue:
    """``text`` as a value of the YAML 1.2 type ``tag``; a number that does not read is text."""
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return text.lower() in ("true", "yes", "on")
    if tag.endswith(":int"):
        return _number(text, lambda digits: int(digits, 0))
    if tag.endswith(":float"):
        return _number(text, float)
    return text


def _number(text: str, read: Callable[[str], int | float]) -> int | float | str:
    try:
        return read(text.replace("_", ""))
    except ValueError:
        return text
