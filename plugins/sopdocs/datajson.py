"""Values of a declared type to JSON and back: the load cache's format, safe to read.

The load cache keeps the model between builds, and caches are shared between branches in
CI, so what is read back cannot be trusted. Pickle would run any code a file names; this
codec reads plain JSON and makes from it only what the declared type allows: the frozen
dataclasses named in it (found through their type hints), tuples, lists, dicts with string
keys, enums, literals and the JSON scalars, each checked against its field's type. Anything else in
the payload raises ``ValueError``, and the cache makes the entry again.

A dataclass is written as the list of its field values in declaration order: no names, so
the files stay small and reading them builds no dictionaries. The reader of each class is
written out as Python text, as ``dataclasses`` writes ``__init__``: a warm build makes
tens of thousands of instances, and a generic loop over fields costs twice as much.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from collections.abc import Callable
from typing import Any

Reader = Callable[[Any], Any]
_SCALARS = (str, int, float, bool)


class DataCodec:
    """``encode``/``decode`` values of type ``root``, e.g. ``tuple[Sop | None, list[Issue]]``."""

    def __init__(self, root: object) -> None:
        self._readers: dict[type, Reader] = {}
        self._read = self._reader(root)

    def encode(self, value: object) -> str:
        return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"))

    def decode(self, text: str) -> Any:
        try:
            return self._read(json.loads(text))
        except (ValueError, TypeError, IndexError, KeyError, RecursionError) as error:
            raise ValueError(f"not a cached value: {error}") from error

    def _reader(self, tp: object) -> Reader:
        """A function turning plain JSON data into a value of type ``tp``, or raising."""
        origin = typing.get_origin(tp)
        if origin is None:
            return self._plain_reader(tp)
        return self._generic_reader(origin, typing.get_args(tp))

    def _generic_reader(self, origin: object, args: tuple[Any, ...]) -> Reader:
        """The reader of a parametrised type: ``X | None``, a literal, a tuple, list or dict."""
        if origin in (typing.Union, types.UnionType):
            return self._optional(args)
        if origin is typing.Literal:
            allowed = frozenset(args)
            return lambda v: v if v.__class__ in _SCALARS and v in allowed else _refuse(v)
        if origin is tuple:
            return self._tuple(args)
        if origin is list:
            item = self._reader(args[0])
            return lambda v: list(map(item, _check(v, list)))
        if origin is dict and args[0] is str:
            value = self._reader(args[1])
            return lambda v: {
                k: value(x) for k, x in _check(v, dict).items() if k.__class__ is str or _refuse(k)
            }
        raise TypeError(f"{origin!r}{list(args)} cannot be read from a cache")

    def _plain_reader(self, tp: object) -> Reader:
        """The reader of a class: a JSON scalar, an enum or a dataclass."""
        if tp in _SCALARS:
            return _scalar(typing.cast(type, tp))
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return lambda v: tp(v)
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return self._dataclass(tp)
        raise TypeError(f"{tp!r} cannot be read from a cache")

    def _optional(self, args: tuple[object, ...]) -> Reader:
        others = [a for a in args if a is not type(None)]
        if len(others) != 1 or len(args) != 2:
            raise TypeError(f"only 'X | None' unions can be read from a cache, not {args}")
        item = self._reader(others[0])
        return lambda v: None if v is None else item(v)

    def _tuple(self, args: tuple[object, ...]) -> Reader:
        if len(args) == 2 and args[1] is Ellipsis:
            item = self._reader(args[0])
            return lambda v: tuple(map(item, _check(v, list)))
        items = [self._reader(a) for a in args]

        def read(v: Any) -> tuple[Any, ...]:
            if len(_check(v, list)) != len(items):
                raise ValueError(f"expected {len(items)} items")
            return tuple(f(x) for f, x in zip(items, v, strict=True))

        return read

    def _dataclass(self, cls: type) -> Reader:
        if cls in self._readers:
            return self._readers[cls]
        # Recursive classes (an amendment's Regulation) look themselves up when called.
        self._readers[cls] = lambda v: self._readers[cls](v)
        hints = typing.get_type_hints(cls)
        scope: dict[str, Any] = {"new": object.__new__, "cls": cls, "setter": object.__setattr__}
        fields = dataclasses.fields(cls)
        slotted = "__slots__" in cls.__dict__
        lines = [
            "def read(v):",
            f"    if v.__class__ is not list or len(v) != {len(fields)}:",
            f"        raise ValueError('not a {cls.__name__}')",
            "    o = new(cls)",
            "    d = o" if slotted else "    d = o.__dict__",
        ]
        for i, f in enumerate(fields):
            test = _scalar_test(hints[f.name])
            if test is None:
                scope[f"read_{f.name}"] = self._reader(hints[f.name])
            lines += _field_lines(i, f.name, test, slotted=slotted)
        lines.append("    return o")
        exec("\n".join(lines), scope)
        self._readers[cls] = scope["read"]
        return self._readers[cls]


def _field_lines(i: int, name: str, scalar_test: str | None, *, slotted: bool) -> list[str]:
    """Code reading field ``i``: scalars checked inline, anything else through ``read_<name>``."""
    if not name.isidentifier():
        raise TypeError(f"field {name!r} cannot be read from a cache")
    store = f"    setter(d, {name!r}, x)" if slotted else f"    d[{name!r}] = x"
    if scalar_test is not None:
        return [
            f"    x = v[{i}]",
            f"    if not ({scalar_test}):",
            "        raise ValueError(x)",
            store,
        ]
    return [f"    x = read_{name}(v[{i}])", store]


def _scalar_test(tp: object) -> str | None:
    """A Python test that ``x`` is of the scalar type ``tp`` (or ``tp | None``), if it is one."""
    args = typing.get_args(tp) if typing.get_origin(tp) in (typing.Union, types.UnionType) else ()
    optional = len(args) == 2 and type(None) in args
    base = next((a for a in args if a is not type(None)), None) if optional else tp
    if base not in _SCALARS:
        return None
    test = "x.__class__ in (int, float)" if base is float else f"x.__class__ is {base.__name__}"
    return f"x is None or {test}" if optional else test


def _scalar(tp: type) -> Reader:
    if tp is float:
        return lambda v: float(v) if v.__class__ in (int, float) else _refuse(v)
    return lambda v: v if v.__class__ is tp else _refuse(v)


def _check(value: Any, tp: type) -> Any:
    return value if value.__class__ is tp else _refuse(value)


def _refuse(value: object) -> typing.NoReturn:
    raise ValueError(f"unexpected {type(value).__name__}")


def _plain(value: object) -> object:
    """``value`` as JSON data: dataclasses as lists of their fields' values."""
    if value is None or isinstance(value, _SCALARS):
        return value
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [_plain(getattr(value, f.name)) for f in dataclasses.fields(value)]
    raise TypeError(f"{type(value).__name__} cannot be cached")
