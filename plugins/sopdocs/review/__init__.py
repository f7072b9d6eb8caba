"""Reviewing a change: two states of a catalogue compared in the form's own terms.

``states`` reads a catalogue from a git revision or a folder, ``changes`` compares two of
them, ``present`` writes the result for a terminal, a pull request or a program, and
``history`` walks the git history once for the site's "Riwayat Perubahan".
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sopdocs.review.changes import Report, compare
from sopdocs.review.states import State, StateError, default_base, read_folder, read_revision
from sopdocs.review.states import working_tree as _working_tree

__all__ = ["Report", "StateError", "diff"]


def _side(argument: str, sops_dir: Path) -> State:
    """A folder when ``argument`` names one (its ``sops/`` if it has one), else a revision."""
    folder = Path(argument)
    if folder.is_dir():
        inner = folder / "sops"
        return read_folder(inner if inner.is_dir() else folder, label=argument)
    return read_revision(sops_dir, argument)


def diff(base: str | None, head: str | None, sops_dir: Path) -> Report:
    """What changed from ``base`` to ``head`` (revisions or folders).

    ``base`` defaults to where the current branch left the default branch, ``head`` to the
    working tree's ``sops_dir``. Raises StateError when a side cannot be read at all.
    """
    head_state = _side(head, sops_dir) if head else _working_tree(sops_dir)
    base_state = _side(base, sops_dir) if base else _merge_base(sops_dir)
    return compare(base_state, head_state)


def _merge_base(sops_dir: Path) -> State:
    state = read_revision(sops_dir, default_base(sops_dir))
    return dataclasses.replace(state, label=f"titik cabang ({state.label})")
