"""A plain `pip install .` ships everything a site needs: templates, schema, assets, commands."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from support import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("sopdocs-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_carries_every_template_schema_and_asset(wheel):
    names = set(wheel.namelist())
    templates = {p.name for p in (REPO / "templates").glob("*.j2")}
    assert templates, "templates/ holds the Jinja templates"
    assert {f"sopdocs/templates/{t}" for t in templates} <= names
    assert {
        "sopdocs/reading/schema/sop.schema.json",
        "sopdocs/reading/schema/unit.schema.json",
    } <= names
    assets_dir = REPO / "plugins/sopdocs/site/assets"
    assets = {
        f"sopdocs/site/assets/{p.relative_to(assets_dir).as_posix()}"
        for p in assets_dir.rglob("*")
        if p.is_file()
    }
    assert assets <= names


def test_the_wheel_registers_the_command_and_both_plugin_entry_points(wheel):
    entry_points = next(n for n in wheel.namelist() if n.endswith("entry_points.txt"))
    text = wheel.read(entry_points).decode()
    assert "sopdocs = sopdocs.adapters.cli:main" in text
    assert text.count("sopdocs = sopdocs.adapters.plugin:SopdocsPlugin") == 2
    assert "[mkdocs.plugins]" in text
    assert "[properdocs.plugins]" in text
