"""The core is usable without MkDocs: MkDocs 1.x is unmaintained, the core must outlive it."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest
import sopdocs

CORE = [
    "sopdocs",
    "sopdocs.catalogue",
    "sopdocs.cli",
    "sopdocs.export",
    "sopdocs.flowchart",
    "sopdocs.formatting",
    "sopdocs.loader",
    "sopdocs.pages",
    "sopdocs.regulations",
    "sopdocs.render",
    "sopdocs.scaffold",
]


@pytest.mark.parametrize("module", CORE)
def test_the_core_never_imports_mkdocs(module):
    code = f"import sys, {module}; print(any(m.split('.')[0] == 'mkdocs' for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_the_public_names_are_exactly_the_ones_listed():
    exported = {
        name
        for name, value in vars(sopdocs).items()
        if not name.startswith("_") and not inspect.ismodule(value) and name != "annotations"
    }
    assert exported == set(sopdocs.__all__)
