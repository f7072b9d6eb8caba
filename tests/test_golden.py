"""Golden files: the text outputs other people rely on, kept whole in ``tests/golden/``.

``sopdocs generate`` writes Markdown that other site generators build, and ``sopdocs fmt``
rewrites authors' files; a change to either is a change of contract, so the expected texts
live in the repository, where a reviewer reads the change in the pull request's diff.

When a change is intended, rewrite the files and review them with git::

    .venv/bin/python -m pytest tests/test_golden.py --update-golden
    git diff tests/golden/

Inline SVG diagrams are replaced by ``<svg>…</svg>`` in the generate files: their drawing is
Graphviz's, specified in ``test_flowchart_render.py``, not part of the Markdown contract.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import GOLDEN, Golden
from sopdocs.adapters.cli import main
from support import CATALOGUE, write_files

_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


def _markdown_files(out: Path) -> dict[str, str]:
    return {
        path.relative_to(out).as_posix(): _SVG.sub("<svg>…</svg>", path.read_text("utf-8"))
        for path in sorted(out.rglob("*.md"))
    }


def test_generate_writes_the_golden_markdown(tmp_path: Path, golden: Golden) -> None:
    sops = {path: text for path, text in CATALOGUE.items() if path.startswith("sops/")}
    root = write_files(tmp_path / "katalog", sops)
    out = tmp_path / "keluaran"
    result = CliRunner().invoke(main, ["generate", str(out), "--sops", str(root / "sops")])
    assert result.exit_code == 0, result.output
    golden.check_all("generate", _markdown_files(out))


@pytest.fixture
def fmt_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of ``golden/fmt/input`` as ``sops/``, worked on from its parent folder."""
    shutil.copytree(GOLDEN / "fmt" / "input", tmp_path / "sops")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "sops"


def test_fmt_writes_the_golden_files_and_report(fmt_inputs: Path, golden: Golden) -> None:
    result = CliRunner().invoke(main, ["fmt"])
    assert result.exit_code == 1, result.output  # rusak.yaml cannot be read
    outputs = {p.name: p.read_text("utf-8") for p in sorted(fmt_inputs.iterdir())}
    golden.check_all("fmt/output", outputs)
    golden.check("fmt/report.txt", result.output)


def test_fmt_diff_shows_the_golden_changes_and_writes_nothing(
    fmt_inputs: Path, golden: Golden
) -> None:
    before = {p.name: p.read_bytes() for p in fmt_inputs.iterdir()}
    result = CliRunner().invoke(main, ["fmt", "--diff"])
    assert result.exit_code == 1, result.output
    assert {p.name: p.read_bytes() for p in fmt_inputs.iterdir()} == before
    golden.check("fmt/diff.txt", result.output)
