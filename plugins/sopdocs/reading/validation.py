"""Structural checks: the JSON Schema, with its errors retold for SOP authors.

jsonschema's own messages ("'x' is not valid under any of the given schemas") speak to
programmers; here each error becomes one Indonesian sentence at the exact line and column,
with the key that was probably meant when a key is unknown.

Most files of a catalogue are valid, and jsonschema took 0.7 ms to say so of each SOP
(2.1 s of CPU for 3,000). jsonschema-rs, the same standard compiled, says it in a
hundredth of that; only the files it refuses go to jsonschema for the errors and where
they are. Both read the same schema; where their regular expressions differ (Python's
``$`` also matches before a final newline, its digit class any script's digits), jsonschema-rs
is the stricter, so a file it passes jsonschema passes too (``tests/test_validation_agrees``).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from sopdocs.issues import Issue, Location, error
from sopdocs.reading.schema import SOP_SCHEMA, load_schema
from sopdocs.reading.yamlsource import YamlList, YamlMap, YamlValue

_TYPE_NAMES = {
    "string": "teks",
    "array": "daftar (butir-butir '- ...')",
    "object": "pemetaan (kunci: nilai)",
    "integer": "bilangan bulat",
    "number": "angka",
    "boolean": "true atau false",
    "null": "kosong",
}

_DATE_KEYS = frozenset({"tanggal_pembuatan", "tanggal_efektif", "tanggal_revisi"})


@cache
def _validator(schema_name: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(schema_name))


@cache
def _compiled(schema_name: str) -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(load_schema(schema_name))


def surely_valid(data: YamlValue, schema_name: str = SOP_SCHEMA) -> bool:
    """Whether the compiled validator passes ``data``; False also when it cannot take a
    value (an integer beyond 64 bits), which jsonschema then judges."""
    try:
        return _compiled(schema_name).is_valid(data)
    except (ValueError, TypeError, OverflowError):
        return False


def structural_issues(data: YamlMap, schema_name: str = SOP_SCHEMA) -> list[Issue]:
    """Every place where ``data`` does not have the shape the schema describes."""
    if surely_valid(data, schema_name):
        return []
    issues: list[Issue] = []
    for err in _validator(schema_name).iter_errors(data):
        issues.extend(_translate(err, data))
    return issues


def _suggestion(key: str, allowed: list[str]) -> str | None:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return close[0] if close else None


_JSON_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),  # before int: True is an int to Python
    (int, "integer"),
    (float, "number"),
    (str, "string"),
    (list, "array"),
    (dict, "object"),
)


def _type_of(value: object) -> str:
    return next((name for tp, name in _JSON_TYPES if isinstance(value, tp)), "null")


def _walk(data: YamlMap, path: Sequence[Any]) -> tuple[YamlValue, Location, Location]:
    """Follow ``path`` into ``data``: the value, its location, and its key's location."""
    value: YamlValue = data
    location = key_location = data.location
    for step in path:
        if isinstance(value, YamlMap) and isinstance(step, str) and step in value:
            location = value.where(step)
            key_location = value.key_locations.get(step, location)
            value = value[step]
        elif isinstance(value, YamlList) and isinstance(step, int) and step < len(value):
            location = key_location = value.where(step)
            value = value[step]
        else:
            break
    return value, location, key_location


def describe_path(path: Sequence[Any]) -> str:
    """``['prosedur', 2, 'pelaksana']`` → ``prosedur langkah 3: pelaksana``."""
    text = ""
    parent: Any = None
    for step in path:
        if isinstance(step, int):
            text += f" langkah {step + 1}" if parent == "prosedur" else f" butir {step + 1}"
        else:
            text += f": {step}" if text else str(step)
        parent = step
    return text or "berkas"


def _expected(schema: Mapping[str, Any]) -> list[str]:
    kinds = schema.get("type")
    if kinds is None and "oneOf" in schema:
        return [k for branch in schema["oneOf"] for k in _expected(branch)]
    if isinstance(kinds, str):
        return [kinds]
    return list(kinds or [])


def _type_message(label: str, value: object, expected: Iterable[str]) -> str:
    names = " atau ".join(dict.fromkeys(_TYPE_NAMES[k] for k in expected))
    found = _TYPE_NAMES[_type_of(value)]
    return f"{label} harus berupa {names}, bukan {found}"


@dataclass(frozen=True, slots=True, kw_only=True)
class _Failure:
    """One schema error with where it points in the author's file."""

    err: ValidationError
    root: YamlMap
    path: list[Any]
    value: YamlValue
    location: Location
    label: str

    @property
    def schema(self) -> Mapping[str, Any]:
        """The failing (sub)schema; boolean schemas have no keywords to read."""
        return self.err.schema if isinstance(self.err.schema, Mapping) else {}

    @property
    def allowed_keys(self) -> list[str]:
        return list(self.schema.get("properties", {}))


def _translate(err: ValidationError, root: YamlMap) -> list[Issue]:
    path = list(err.absolute_path)
    value, location, _ = _walk(root, path)
    failure = _Failure(
        err=err, root=root, path=path, value=value, location=location, label=describe_path(path)
    )
    return _RETELLERS.get(str(err.validator), _as_is)(failure)


def _unknown_keys(f: _Failure) -> list[Issue]:
    if not isinstance(f.value, dict):
        return _as_is(f)
    allowed = f.allowed_keys
    issues = []
    for key in f.value:
        if key in allowed:
            continue
        close = _suggestion(key, allowed)
        hint = f"maksud Anda '{close}'?" if close else "kunci yang dikenal: " + ", ".join(allowed)
        where = (
            f.value.key_locations.get(key, f.location)
            if isinstance(f.value, YamlMap)
            else f.location
        )
        issues.append(error("key.unknown", f"kunci '{key}' tidak dikenal", where, hint))
    return issues


def _missing_key(f: _Failure) -> list[Issue]:
    message = f.err.message
    missing = message.split("'")[1] if "'" in message else str(f.err.validator_value)
    allowed = f.allowed_keys
    if isinstance(f.value, dict) and any(
        _suggestion(key, allowed) == missing for key in f.value if key not in allowed
    ):
        return []  # `nomer:` is one mistake, reported as the typo it is
    hint = f"tambahkan `{missing}: ...`"
    if not f.path and missing in ("instansi", "disahkan_oleh"):
        hint += " (atau tuliskan sekali di _unit.yaml folder ini)"
    at = "" if not f.path else f" pada {f.label}"
    return [error("key.missing", f"kunci wajib '{missing}' tidak ada{at}", f.location, hint)]


def _wrong_type(f: _Failure) -> list[Issue]:
    return [error("type", _type_message(f.label, f.value, _expected(f.schema)), f.location)]


def _bad_pattern(f: _Failure) -> list[Issue]:
    if f.path and f.path[0] in _DATE_KEYS:
        return []  # the builder parses dates and says exactly what is wrong with them
    if f.path and f.path[-1] == "id":
        hint = "id diawali huruf, lalu huruf, angka, '-' atau '_' (misalnya cek-berkas)"
        return [error("type", f"{f.label} '{f.value}' tidak sah", f.location, hint)]
    return _as_is(f)


def _empty(f: _Failure) -> list[Issue]:
    return [error("type", f"{f.label} tidak boleh kosong", f.location)]


def _out_of_bounds(f: _Failure) -> list[Issue]:
    return [error("type", f"{f.label}: nilai {f.value} di luar batas", f.location)]


def _as_is(f: _Failure) -> list[Issue]:
    return [error("type", f"{f.label}: {f.err.message}", f.location)]


def _too_many_items(f: _Failure) -> list[Issue]:
    limit = f.err.validator_value
    if not isinstance(limit, int):
        return _as_is(f)  # our schemas give maxItems a number; jsonschema types it loosely
    return [_too_many(f.root, f.path, f.label, limit)]


def _one_of(f: _Failure) -> list[Issue]:
    return _translate_one_of(f.err, f.root, f.label, f.value, f.location)


_RETELLERS: dict[str, Callable[[_Failure], list[Issue]]] = {
    "additionalProperties": _unknown_keys,
    "required": _missing_key,
    "oneOf": _one_of,
    "type": _wrong_type,
    "pattern": _bad_pattern,
    "minLength": _empty,
    "minItems": _empty,
    "minProperties": _empty,
    "maxItems": _too_many_items,
    "minimum": _out_of_bounds,
    "maximum": _out_of_bounds,
}


def _too_many(root: YamlMap, path: list[Any], label: str, limit: int) -> Issue:
    """A list longer than the form can hold, reported at its first item too many."""
    _, where, _ = _walk(root, [*path, limit])
    return error(
        "limit.items",
        f"{label} lebih dari {limit} butir",
        where,
        "pecah SOP sepanjang ini menjadi beberapa SOP yang saling terkait (keterkaitan)",
    )


def _translate_one_of(
    err: ValidationError, root: YamlMap, label: str, value: object, location: Location
) -> list[Issue]:
    """Report the errors of the alternative whose type matches, or a type message."""
    branches: dict[int, list[ValidationError]] = {}
    for sub in err.context or []:
        branches.setdefault(int(sub.schema_path[0]), []).append(sub)
    matching = [
        subs
        for subs in branches.values()
        if not any(s.validator == "type" and not s.relative_path for s in subs)
    ]
    if len(matching) == 1:
        return [issue for sub in matching[0] for issue in _translate(sub, root)]
    schema = err.schema if isinstance(err.schema, Mapping) else {}
    return [error("type", _type_message(label, value, _expected(schema)), location)]
