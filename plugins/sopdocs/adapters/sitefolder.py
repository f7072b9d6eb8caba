"""The site folder rewritten in place (:mod:`sopdocs.site.inplace`), step by step with the
build. A plugin of its own, added by the sopdocs plugin, so that each step can come before or
after every other plugin's: the old entries return before any plugin's files are listed, and
the files the build did not write again are gone before any plugin's ``post_build`` reads
the folder."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from sopdocs.site.inplace import SiteInPlace

FOLDER_NAME = "sopdocs/site-folder"


class _NoOptions(Config):
    """The sopdocs plugin sets this one up (:meth:`SiteFolder.use`)."""


class SiteFolder(BasePlugin[_NoOptions]):
    """Puts a full build's old site aside while MkDocs empties the folder, back before the
    first write, and deletes what the build did not write again once it has written its
    pages (the top-level entries in ``leave`` are settled by their own writer)."""

    def __init__(self) -> None:
        self._folder = SiteInPlace()
        self._active = False
        self._leave: frozenset[str] = frozenset()
        self.load_config({})

    def use(self, *, active: bool, leave: Collection[str] = ()) -> None:
        """Whether the coming build rewrites the folder in place: only a full build that
        MkDocs would empty the folder for, and not ``serve`` (its folder is temporary)."""
        self._active, self._leave = active, frozenset(leave)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._folder.end()  # the last build's state, if it ended without a word
        if self._active:
            self._folder.set_aside(Path(config.site_dir))

    @event_priority(100)  # first: before any plugin lists or writes files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._folder.put_back()
        return files

    @event_priority(-100)  # last: every plugin's files are known
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        site_dir = Path(config.site_dir)
        self._folder.clear_the_way(
            [Path(file.abs_dest_path) for file in files]
            + [site_dir / name for name in config.theme.static_templates]
        )
        return env

    @event_priority(100)  # first: every later step sees only this build's files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._folder.sweep(leave=self._leave)

    def on_build_error(self, *, error: Exception) -> None:
        self._folder.end(failed=True)

    def on_shutdown(self) -> None:
        self._folder.end()
