"""The compiled validator (jsonschema-rs) only ever saves jsonschema's time, never an error.

``structural_issues`` asks jsonschema for the errors only of documents jsonschema-rs
refuses; that is right as long as every document jsonschema-rs passes, jsonschema passes
too. These are that promise's checks, on every SOP and unit the repository holds and on
documents changed at random.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from sopdocs.reading.schema import SOP_SCHEMA, UNIT_SCHEMA, load_schema
from sopdocs.reading.validation import structural_issues, surely_valid
from sopdocs.reading.yamlsource import YamlMap, parse
from support import CATALOGUE, SOP

REPO = Path(__file__).resolve().parent.parent


def _valid_by_jsonschema(data: object, schema_name: str) -> bool:
    return Draft202012Validator(load_schema(schema_name)).is_valid(data)


def _documents() -> list[tuple[str, Any, str]]:
    texts = {str(p.relative_to(REPO)): p.read_text("utf-8") for p in REPO.glob("sops/**/*.yaml")}
    texts.update({f"support:{k}": v for k, v in CATALOGUE.items() if k.endswith(".yaml")})
    found = []
    for name, text in sorted(texts.items()):
        value, _ = parse(text, name)
        schema = UNIT_SCHEMA if name.endswith("_unit.yaml") else SOP_SCHEMA
        found.append((name, value, schema))
    return found


@pytest.mark.parametrize(("name", "value", "schema"), _documents(), ids=lambda x: str(x)[:60])
def test_both_validators_judge_every_document_of_the_repository_alike(
    name: str, value: Any, schema: str
) -> None:
    assert surely_valid(value, schema) == _valid_by_jsonschema(value, schema)


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=st.sampled_from("aZ09-_ \n\t:٢٠١٩{}[]<>&é"), max_size=12),
    st.sampled_from(["2019-02", "2019-02-30", "2019-02\n", "٢٠١٩-٠٢", "x", "", "  "]),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["nama", "x", "pelaksana", "ya", "tidak"]), inner)
    ),
    max_leaves=6,
)


def _replace(document: Any, path: list[int], value: Any) -> Any:
    """``document`` with the value found by walking ``path`` (indices taken modulo each
    container's size) replaced by ``value``."""
    if not path or not isinstance(document, (dict, list)) or not document:
        return value
    if isinstance(document, dict):
        key = sorted(document)[path[0] % len(document)]
        return {**document, key: _replace(document[key], path[1:], value)}
    index = path[0] % len(document)
    return [*document[:index], _replace(document[index], path[1:], value), *document[index + 1 :]]


_BASE, _ = parse(SOP, "sops/uji.yaml")


def test_the_changed_document_starts_valid() -> None:
    assert surely_valid(_BASE)
    assert _valid_by_jsonschema(_BASE, SOP_SCHEMA)


@settings(max_examples=300, deadline=None)
@given(path=st.lists(st.integers(min_value=0, max_value=50), max_size=5), value=_VALUES)
def test_a_document_the_compiled_validator_passes_jsonschema_passes_too(
    path: list[int], value: Any
) -> None:
    changed = _replace(_BASE, path, value)
    if surely_valid(changed):
        assert _valid_by_jsonschema(changed, SOP_SCHEMA)


@pytest.mark.parametrize("date", [r'"2024-01\n"', "٢٠٢٤-٠١"])
def test_where_the_regular_expressions_differ_jsonschema_has_the_last_word(date: str) -> None:
    text = SOP.replace("tanggal_pembuatan: 2024-01-03", f"tanggal_pembuatan: {date}")
    document, _ = parse(text, "sops/uji.yaml")
    assert isinstance(document, YamlMap)
    assert not surely_valid(document)
    assert _valid_by_jsonschema(document, SOP_SCHEMA)
    assert structural_issues(document) == []
