"""The theme's templates compiled once per ``mkdocs serve``: never an old template's code.

MkDocs makes its theme's Jinja environment anew every build; ``CompiledTemplates`` keeps
the compiled code between them. An edited template must be compiled again, and two
environments whose settings compile differently must not share code.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from sopdocs.site.templating import CompiledTemplates


def _render(compiled: CompiledTemplates, folder: Path, **settings: bool) -> str:
    env = Environment(loader=FileSystemLoader(str(folder)), **settings)
    compiled.attach(env)
    return env.get_template("page.html").render(name="<b>")


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    compiled = CompiledTemplates()
    (tmp_path / "page.html").write_text("Halo {{ name }}", encoding="utf-8")
    assert _render(compiled, tmp_path) == "Halo <b>"
    (tmp_path / "page.html").write_text("Selamat datang {{ name }}", encoding="utf-8")
    assert _render(compiled, tmp_path) == "Selamat datang <b>"


def test_environments_that_escape_differently_do_not_share_compiled_code(tmp_path: Path) -> None:
    compiled = CompiledTemplates()
    (tmp_path / "page.html").write_text("Halo {{ name }}", encoding="utf-8")
    assert _render(compiled, tmp_path, autoescape=False) == "Halo <b>"
    assert _render(compiled, tmp_path, autoescape=True) == "Halo &lt;b&gt;"
