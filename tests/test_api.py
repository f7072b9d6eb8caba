"""The core is usable without MkDocs: MkDocs 1.x is unmaintained, the core must outlive it."""

from __future__ import annotations

import inspect
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


@pytest.mark.parametrize("module", CORE)
def test_the_core_never_imports_mkdocs_or_click(module):
    code = (
        f"import sys, {module}; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'mkdocs', 'click'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


def test_the_public_names_are_exactly_the_ones_listed():
    exported = {
        name
        for name, value in vars(sopdocs).items()
        if not name.startswith("_") and not inspect.ismodule(value) and name != "annotations"
    }
    assert exported == set(sopdocs.__all__)
