"""The site folder rewritten in place (:mod:`sopdocs.site.inplace`), step by step with the
build. A plugin of its own, added by the sopdocs plugin, so that each step can come before or
after every other plugin's: the old entries return before any plugin's files are listed, and
the files the build did not write again are gone before any plugin's ``post_build`` reads
the folder.

While the build writes its pages, MkDocs' ``utils.write_file`` (which writes every page and
the theme's templates) writes over the old file (:func:`~sopdocs.site.inplace.overwrite`)
instead of emptying it first: the same files, 0.4 s less of a 3,000-SOP build. The swap
lasts from ``on_env`` to ``post_build`` (or the build's failure) and puts back whatever it
replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

import mkdocs.utils
from jinja2 import Environment
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from sopdocs.site.inplace import SiteInPlace, overwrite

FOLDER_NAME = "sopdocs/site-folder"


class _NoOptions(Config):
    """The sopdocs plugin sets this one up (:meth:`SiteFolder.use`)."""


def write_file(content: bytes, output_path: str) -> None:
    """MkDocs' ``utils.write_file``, writing over the old file: its parent folders made,
    then the file written as :func:`overwrite` does."""
    Path(output_path).parent.mkdir(parents=True, exist_ok=True)
    overwrite(output_path, content)


class _WritingOver:
    """MkDocs' ``utils.write_file`` swapped for :func:`write_file` between :meth:`start` and
    :meth:`stop` (each may come twice)."""

    def __init__(self) -> None:
        self._replaced: Callable[[bytes, str], None] | None = None

    def start(self) -> None:
        if self._replaced is None:
            self._replaced = mkdocs.utils.write_file
            mkdocs.utils.write_file = write_file

    def stop(self) -> None:
        replaced, self._replaced = self._replaced, None
        if replaced is not None and mkdocs.utils.write_file is write_file:
            # What was there may be another plugin's wrapper, typed as a plain callable.
            mkdocs.utils.write_file = replaced  # type: ignore[assignment]


class SiteFolder(BasePlugin[_NoOptions]):
    """Puts a full build's old site aside while MkDocs empties the folder, back before the
    first write, and deletes what the build did not write again once it has written its
    pages (the top-level entries in ``leave`` are settled by their own writer)."""

    def __init__(self) -> None:
        self._folder = SiteInPlace()
        self._writing = _WritingOver()
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
        self._writing.start()
        return env

    @event_priority(100)  # first: every later step sees only this build's files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._writing.stop()
        self._folder.sweep(leave=self._leave)

    def on_build_error(self, *, error: Exception) -> None:
        self._writing.stop()
        self._folder.end(failed=True)

    def on_shutdown(self) -> None:
        self._writing.stop()
        self._folder.end()
