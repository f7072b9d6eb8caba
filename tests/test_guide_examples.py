"""Every YAML example in the authors' guide does what the guide says it does.

Authors copy examples, so a stale one costs a failed pull request. The guide marks each
```yaml block with an HTML comment on the line above it:

- no mark: a complete SOP, which loads with no error;
- ``<!-- fragment -->``: part of a file, which parses; a list of steps, one step, or a mapping
  of SOP keys also loads with no error once spliced into a valid SOP;
- ``<!-- salah: CODE -->``: a mistake, reported with exactly that issue code.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

import pytest
from sopdocs.authoring.fmt import SOP_KEYS, yaml_scalar
from sopdocs.issues import ISSUE_CODES, Issue
from sopdocs.reading.loader import load_sop_text
from sopdocs.reading.yamlsource import YamlList, YamlMap, YamlValue, parse
from support import REPO

DOCS = REPO / "docs"
GUIDE = [*sorted((DOCS / "panduan").glob("*.md")), *DOCS.glob("glosarium.md")]

FENCE = re.compile(
    r"(?:^[ \t]*<!--\s*(?P<mark>[^>]*?)\s*-->[ \t]*\n)?"
    r"^(?P<indent>[ \t]*)```yaml[ \t]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)

BASE = {
    "nomor": "nomor: 999/SOP/UJI/2024\n",
    "nama": "nama: SOP Uji\n",
    "instansi": "instansi:\n  - Pemerintah Kabupaten Contoh\n",
    "tanggal_pembuatan": "tanggal_pembuatan: 2024-01-03\n",
    "tanggal_efektif": "tanggal_efektif: 2024-02-01\n",
    "disahkan_oleh": (
        "disahkan_oleh:\n  jabatan: Kepala Dinas\n  nama: Budi\n  nip: 19760130 199503 1 001\n"
    ),
    "dasar_hukum": "dasar_hukum:\n  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\n",
    "pelaksana": "pelaksana:\n  - Petugas\n",
    "prosedur": "prosedur:\n  - kegiatan: Melayani\n    pelaksana: Petugas\n",
}
"""A valid SOP, key by key, that fragments are spliced into."""


@dataclass(frozen=True, slots=True)
class Example:
    where: str
    mark: str
    text: str

    @property
    def mistake(self) -> str | None:
        kind, _, code = self.mark.partition(":")
        return code.strip() if kind.strip() == "salah" else None


def examples() -> list[Example]:
    found = []
    for path in GUIDE:
        source = path.read_text(encoding="utf-8")
        for match in FENCE.finditer(source):
            line = source.count("\n", 0, match.start("indent")) + 1
            body = textwrap.dedent(match["body"])
            found.append(Example(f"{path.name}:{line}", match["mark"] or "", body))
    return found


EXAMPLES = examples()


def kind(mark: str) -> list[Example]:
    """Examples with one mark: "", "fragment", or "salah" (whatever the code)."""
    if mark == "salah":
        return [e for e in EXAMPLES if e.mistake is not None]
    return [e for e in EXAMPLES if e.mark == mark]


def ids(chosen: list[Example]) -> list[str]:
    return [e.where for e in chosen]


def _steps(value: YamlValue) -> YamlList | None:
    """The steps an example shows: a list of them, or one."""
    if isinstance(value, YamlList) and value and all(isinstance(s, YamlMap) for s in value):
        return value if all("kegiatan" in s for s in value if isinstance(s, YamlMap)) else None
    if isinstance(value, YamlMap) and "kegiatan" in value:
        wrapped = YamlList(value.location)
        wrapped.append(value)
        return wrapped
    return None


def spliced(text: str, value: YamlValue, *, any_mapping: bool) -> str | None:
    """The example inside a valid SOP, or None when it is not part of an SOP."""
    steps = _steps(value)
    if steps is not None:
        lanes: dict[str, None] = {}
        for step in steps:
            assert isinstance(step, YamlMap)
            names = step.get("pelaksana")
            for name in names if isinstance(names, list) else [names]:
                if isinstance(name, str):
                    lanes[name] = None
        if isinstance(value, YamlMap):  # one step: make it a list item
            first, *rest = text.splitlines()
            text = "\n".join([f"- {first}", *(f"  {line}" for line in rest)]) + "\n"
        head = "".join(block for key, block in BASE.items() if key not in ("pelaksana", "prosedur"))
        lines = "".join(f"  - {yaml_scalar(lane)}\n" for lane in lanes or ["Petugas"])
        return f"{head}pelaksana:\n{lines}prosedur:\n{textwrap.indent(text, '  ')}"
    if isinstance(value, YamlMap) and (any_mapping or set(value) <= set(SOP_KEYS)):
        base = dict(BASE)
        lanes = value.get("pelaksana")
        if isinstance(lanes, list) and lanes and "prosedur" not in value:
            # The base procedure must stay in the example's own lanes.
            base["prosedur"] = f"prosedur:\n  - kegiatan: Melayani\n    pelaksana: {lanes[0]}\n"
        return "".join(block for key, block in base.items() if key not in value) + text
    return None


def errors(issues: list[Issue]) -> list[str]:
    return [str(i) for i in issues if i.is_error]


def test_the_guide_has_examples_of_every_kind():
    assert len(kind("")) >= 1 and len(kind("fragment")) >= 10 and len(kind("salah")) >= 8


def test_every_mark_is_known():
    marks = {e.mark for e in EXAMPLES} - {"", "fragment"}
    assert [m for m in marks if m.partition(":")[0] != "salah"] == []
    assert [e.mistake for e in kind("salah") if e.mistake not in ISSUE_CODES] == []


def test_every_issue_code_is_explained_to_reviewers():
    table = (DOCS / "panduan" / "meninjau-sop.md").read_text(encoding="utf-8")
    assert [code for code in ISSUE_CODES if f"| `{code}` |" not in table] == []


def test_the_spliced_base_is_a_valid_sop():
    sop, issues = load_sop_text("".join(BASE.values()))
    assert sop is not None and errors(issues) == []


@pytest.mark.parametrize("example", kind(""), ids=ids(kind("")))
def test_a_complete_example_loads_without_errors(example: Example):
    sop, issues = load_sop_text(example.text, f"docs/{example.where}")
    assert sop is not None, errors(issues)
    assert errors(issues) == []


@pytest.mark.parametrize("example", kind("fragment"), ids=ids(kind("fragment")))
def test_a_fragment_parses_and_fits_into_a_valid_sop(example: Example):
    value, issues = parse(example.text, example.where)
    assert errors(issues) == []
    text = spliced(example.text, value, any_mapping=False)
    if text is not None:
        _, issues = load_sop_text(text)
        assert errors(issues) == [], text


@pytest.mark.parametrize("example", kind("salah"), ids=ids(kind("salah")))
def test_a_mistake_is_reported_with_its_code(example: Example):
    value, _ = parse(example.text, example.where)
    complete = isinstance(value, YamlMap) and {"nomor", "prosedur"} <= set(value)
    unreadable = value is None
    text = None if unreadable or complete else spliced(example.text, value, any_mapping=True)
    _, issues = load_sop_text(text or example.text)
    # The example shows one mistake: no other error may distract the reader.
    shown = {i.code for i in issues if i.is_error or i.code == example.mistake}
    assert shown == {example.mistake}, [str(i) for i in issues]
