"""The package's layout is documented where a newcomer looks first, and stays so."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
import sopdocs
from support import REPO

PACKAGE = Path(sopdocs.__file__).parent
README = REPO / "README.md"
ROW = re.compile(r"^\| `([^`]+)` \| (.+) \|$")


def _table_rows() -> dict[str, str]:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| module (`plugins/sopdocs/`)") :].split("\n\n", 1)[0]
    return {m[1]: m[2] for line in table.splitlines() if (m := ROW.match(line))}


def _modules() -> set[str]:
    """Every module as the table names it: a sub-package by its folder (``reading/``)."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if path.name == "__init__.py" and relative.parent != Path():
            found.add(relative.parent.as_posix() + "/")
        else:
            found.add(relative.as_posix())
    return found


def test_the_readme_module_table_lists_exactly_the_modules_of_the_package():
    listed = _table_rows()
    assert sorted(set(listed) - _modules()) == [], "listed, but not in plugins/sopdocs/"
    assert sorted(_modules() - set(listed)) == [], "in plugins/sopdocs/, but not in README"


def test_every_module_in_the_table_says_its_job():
    assert [name for name, job in _table_rows().items() if len(job.split()) < 3] == []


@pytest.mark.parametrize("package", sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py")))
def test_every_sub_package_says_why_it_exists(package):
    docstring = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text()))
    assert docstring, f"{package}/__init__.py has no docstring"


def test_no_tracked_file_holds_a_merge_conflict():
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.split(b"\0")
    marker = re.compile(rb"^(<{7}|>{7}) ", re.MULTILINE)
    conflicted = [
        name.decode()
        for name in tracked
        if name
        and (REPO / name.decode()).is_file()
        and marker.search((REPO / name.decode()).read_bytes())
    ]
    assert conflicted == []


def test_ruff_lints_the_site_package_and_skips_only_the_built_site():
    listed = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--show-files", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "plugins/sopdocs/site/pages.py" in listed
