"""The core is usable without MkDocs: MkDocs 1.x is unmaintained, the core must outlive it."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest
import sopdocs

PACKAGE = Path(sopdocs.__file__).parent
ADAPTERS = "sopdocs.adapters"
CORE = sorted(
    "sopdocs." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
    for path in PACKAGE.rglob("*.py")
    if path.parent.name != "adapters" and path.name != "__main__.py"
)


def test_every_module_outside_the_adapters_is_checked():
    assert "sopdocs.reading.loader" in CORE
    assert not [m for m in CORE if m.startswith(ADAPTERS)]


_PROBE = """
import importlib, json, sys
pulled_in = {}
for module in sys.argv[1:]:
    before = set(sys.modules)
    importlib.import_module(module)
    new = {m.split(".")[0] for m in set(sys.modules) - before}
    pulled_in[module] = sorted(new & {"mkdocs", "click"})
print(json.dumps(pulled_in))
"""


@pytest.fixture(scope="session")
def frameworks_pulled_in() -> dict[str, list[str]]:
    """For each core module, MkDocs or click if importing it brought them into the process.

    One fresh interpreter imports the modules one after another (one each would start some
    seventy). A module that needs either, directly or through another module, is then the
    first to bring it in, so some module always shows it: the check fails exactly when one
    interpreter a module each would have failed."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *CORE], capture_output=True, text=True, check=True
    )
    found: dict[str, list[str]] = json.loads(result.stdout)
    return found


@pytest.mark.parametrize("module", CORE)
def test_the_core_never_imports_mkdocs_or_click(
    module: str, frameworks_pulled_in: dict[str, list[str]]
) -> None:
    assert frameworks_pulled_in[module] == []


def test_the_public_names_are_exactly_the_ones_listed():
    exported = {
        name
        for name, value in vars(sopdocs).items()
        if not name.startswith("_") and not inspect.ismodule(value) and name != "annotations"
    }
    assert exported == set(sopdocs.__all__)
