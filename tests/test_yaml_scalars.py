"""Plain scalars are typed from ruamel's resolver table directly, exactly as its resolver does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.nodes import ScalarNode
from sopdocs.reading.yamlsource import _parser, _plain_value, _typed, parse

# What YAML's bools, nulls, numbers and timestamps are made of, so that most examples come
# close to one (and many are one); plain text of any kind is drawn too.
_YAMLISH = "0123456789._-+:eExXoObBaAcdfFiInNlLrRsStTuUyY~ \t"
_SCALARS = (
    st.text(alphabet=_YAMLISH, max_size=12)
    | st.text(max_size=12)
    | st.sampled_from(
        [
            "~",
            "null",
            "Null",
            "NULL",
            "true",
            "False",
            "yes",
            "0x1F",
            "0o17",
            "017",
            "1_000",
            "1e3",
            "1.5e-3",
            ".inf",
            "-.Inf",
            ".nan",
            ".5",
            "+12",
            "-0",
            "2024-02-30",
            "<<",
            "=",
        ]
    )
)


def _resolved_by_ruamel(text: str) -> object:
    """The value the reader made before it read the table itself: via ``Resolver.resolve``."""
    resolver = _parser().resolver
    return _typed(text, str(resolver.resolve(ScalarNode, text, (True, False))))


@settings(max_examples=3000, deadline=None)
@given(_SCALARS)
def test_a_plain_scalar_is_typed_as_ruamels_resolver_types_it(text):
    table = _parser().resolver.versioned_resolver
    expected = _resolved_by_ruamel(text)
    got = _plain_value(text, table)
    assert (type(got), repr(got)) == (type(expected), repr(expected))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_YAMLISH.replace(":", "").replace("\t", "").strip(), min_size=1))
def test_a_plain_value_in_a_file_is_read_as_ruamel_types_it(text):
    text = text.strip()
    value, issues = parse(f"k: {text}\n", "f.yaml")
    if issues or not isinstance(value, dict) or "k" not in value:
        return  # not a plain scalar in YAML (a comment, a list item, an alias ...)
    expected = _resolved_by_ruamel(text)
    assert (type(value["k"]), repr(value["k"])) == (type(expected), repr(expected))
