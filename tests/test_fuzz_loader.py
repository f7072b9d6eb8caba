"""Whatever an author types, the loader answers with a clean report, never a traceback."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sopdocs.catalogue.index import analyse
from sopdocs.issues import ISSUE_CODES
from sopdocs.reading.loader import load_sop_text
from support import SOP, write_files

REPORT_LINE = re.compile(r"^sops/f\.yaml:\d+:\d+: (error|warning): .+ \[[a-z.-]+\]$", re.DOTALL)

YAML_BITS = st.sampled_from(
    [
        ":",
        "- ",
        "  ",
        "\t",
        "\n",
        "'",
        '"',
        "{",
        "}",
        "[",
        "]",
        "&a ",
        "*a",
        "!!int ",
        "? ",
        "|",
        ">",
        "#",
        "%",
        "@",
        "`",
        ",",
        "2024-02-30",
        "null",
        "~",
        "true",
        "0x1F",
        "1e3",
        "prosedur:",
        "pelaksana:",
        "keputusan: {ya: 9}",
        "lanjut: x",
        "no: 0",
        "\ufeff",
        "\x00",
    ]
)


def _assert_clean(text: str) -> None:
    sop, issues = load_sop_text(text, "sops/f.yaml")
    for issue in issues:
        assert REPORT_LINE.match(str(issue)), str(issue)
        assert issue.code in ISSUE_CODES
    # Built exactly when nothing is wrong: a file that is not built always says why.
    assert (sop is not None) == (not any(i.is_error for i in issues)), [str(i) for i in issues]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_text_gives_a_clean_report(text):
    _assert_clean(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(YAML_BITS | st.text(max_size=8), max_size=40))
def test_yaml_shaped_noise_gives_a_clean_report(bits):
    _assert_clean("".join(bits))


@settings(max_examples=400, deadline=None)
@given(
    st.integers(min_value=0, max_value=len(SOP)),
    st.integers(min_value=0, max_value=40),
    st.one_of(YAML_BITS, st.text(max_size=10)),
)
def test_a_mutated_valid_sop_gives_a_clean_report(start, length, insert):
    _assert_clean(SOP[:start] + insert + SOP[start + length :])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=200))
def test_random_bytes_in_a_catalogue_give_a_clean_report(tmp_path, data):
    write_files(tmp_path, {"sops/f.yaml": data, "sops/ok.yaml": SOP})
    result = analyse(tmp_path / "sops")
    assert all(i.code in ISSUE_CODES for i in result.issues)
    loaded = [sop.id for sop in result.index.sops]
    broken = [i for i in result.issues if i.is_error and i.location.path.endswith("f.yaml")]
    # The good file always loads; the noise either loads too or says why it did not.
    assert "ok" in loaded
    assert ("f" in loaded) != bool(broken), [str(i) for i in result.issues]
