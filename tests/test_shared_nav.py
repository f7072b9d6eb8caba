"""The theme's navigation made once per shared folder: every page is byte for byte the page
Material writes when each page renders its own navigation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BuiltSite
from sopdocs.urls import shared_folder
from support import CATALOGUE, NO_SEARCH_YML, write_files

Build = Callable[..., BuiltSite]
NO_SEARCH = NO_SEARCH_YML
OWN_NAV_HOOK = """\
from sopdocs.adapters.sharednav import NAV_TEMPLATES


def on_config(config):
    config.theme.dirs.remove(str(NAV_TEMPLATES))
    return config
"""
"""A hook that takes sopdocs' nav partial out: each page renders Material's nav itself."""


@pytest.mark.parametrize(
    ("url", "targets", "folder"),
    [
        ("sop/dinas/a/", ["", "sop/", "unit/dinas/"], "sop/dinas/ folders"),
        ("sop/dinas/b/", ["", "sop/", "unit/dinas/"], "sop/dinas/ folders"),
        ("regulasi/uu-24-2013/", ["regulasi/"], "regulasi/ folders"),
        ("top/", [""], "/ folders"),
        ("sop/dinas/a/", ["sop/dinas/a/lampiran/"], None),
        ("sop/dinas/a.html", ["sop/dinas/a/x.html"], "sop/dinas/ files"),
        ("index.html", [], "/ files"),
    ],
)
def test_pages_share_a_folder_when_their_relative_links_read_alike(
    url: str, targets: list[str], folder: str | None
) -> None:
    assert shared_folder(url, targets) == folder


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_page_is_the_one_material_writes_with_its_own_navigation(
    tmp_path: Path, build_site: Build, directory_urls: bool
) -> None:
    yml = NO_SEARCH + f"use_directory_urls: {str(directory_urls).lower()}\n"
    shared = write_files(tmp_path / "shared", {**CATALOGUE, "mkdocs.yml": yml})
    own = write_files(
        tmp_path / "own",
        {
            **CATALOGUE,
            "mkdocs.yml": yml + "hooks: [own_nav.py]\n",
            "own_nav.py": OWN_NAV_HOOK,
        },
    )
    built = build_site(shared).outputs()
    assert built == build_site(own).outputs()
    assert len([path for path in built if path.endswith(".html")]) > 10
