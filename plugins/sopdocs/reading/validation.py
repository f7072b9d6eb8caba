"""Structural checks: the JSON Schema, with its errors retold for SOP authors.

jsonschema's own messages ("'x' is not valid under any of the given schemas") speak to
programmers; here each error becomes one Indonesian sentence at the exact line and column,
with the key that was probably meant when a key is unknown.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

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


def structural_issues(data: YamlMap, schema_name: str = SOP_SCHEMA) -> list[Issue]:
    """Every place where ``data`` does not have the shape the schema describes."""
    issues: list[Issue] = []
    for err in _validator(schema_name).iter_errors(data):
        issues.extend(_translate(err, data))
    return issues


def _suggestion(key: str, allowed: list[str]) -> str | None:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _type_of(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


def _walk(data: YamlValue, path: Sequence[Any]) -> tuple[YamlValue, Location, Location]:
    """Follow ``path`` into ``data``: the value, its location, and its key's location."""
    value: YamlValue = data
    assert isinstance(data, YamlMap)  # callers validate mappings only; for the type checker
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


def _expected(schema: dict[str, Any]) -> list[str]:
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


def _translate(err: ValidationError, root: YamlMap) -> list[Issue]:
    path = list(err.absolute_path)
    value, location, _ = _walk(root, path)
    label = describe_path(path)
    kind = err.validator

    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = list(err.schema.get("properties", {}))
        issues = []
        for key in value:
            if key in allowed:
                continue
            close = _suggestion(key, allowed)
            hint = (
                f"maksud Anda '{close}'?" if close else "kunci yang dikenal: " + ", ".join(allowed)
            )
            where = (
                value.key_locations.get(key, location) if isinstance(value, YamlMap) else location
            )
            issues.append(error("key.unknown", f"kunci '{key}' tidak dikenal", where, hint))
        return issues
    if kind == "required":
        missing = err.message.split("'")[1] if "'" in err.message else str(err.validator_value)
        allowed = list(err.schema.get("properties", {}))
        if isinstance(value, dict) and any(
            _suggestion(key, allowed) == missing for key in value if key not in allowed
        ):
            return []  # `nomer:` is one mistake, reported as the typo it is
        hint = f"tambahkan `{missing}: ...`"
        if not path and missing in ("instansi", "disahkan_oleh"):
            hint += " (atau tuliskan sekali di _unit.yaml folder ini)"
        where = "" if not path else f" pada {label}"
        return [error("key.missing", f"kunci wajib '{missing}' tidak ada{where}", location, hint)]
    if kind == "oneOf":
        return _translate_one_of(err, root, label, value, location)
    if kind == "type":
        return [error("type", _type_message(label, value, _expected(err.schema)), location)]
    if kind == "pattern" and path and path[0] in _DATE_KEYS:
        return []  # the builder parses dates and says exactly what is wrong with them
    if kind == "pattern" and path and path[-1] == "id":
        return [
            error(
                "type",
                f"{label} '{value}' tidak sah",
                location,
                "id diawali huruf, lalu huruf, angka, '-' atau '_' (misalnya cek-berkas)",
            )
        ]
    if kind in ("minLength", "minItems", "minProperties"):
        return [error("type", f"{label} tidak boleh kosong", location)]
    if kind == "maxItems":
        return [_too_many(root, path, label, err.validator_value)]
    if kind in ("minimum", "maximum"):
        return [error("type", f"{label}: nilai {value} di luar batas", location)]
    return [error("type", f"{label}: {err.message}", location)]


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
    return [error("type", _type_message(label, value, _expected(err.schema)), location)]
