"""Which documents a path on the command line asks for: an SOP, a unit's book, or all books.

``sopdocs pdf`` takes what an author points at: one SOP file gives its document, a unit
folder gives the unit's book, and the catalogue folder gives one book per top unit, each its
own file, as a bureau collecting its units' documents files them (a unit signs, sends and
revises its own; one file of every unit would be reprinted whole for one unit's change).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sopdocs.catalogue.index import CatalogueIndex
from sopdocs.model import Sop, Unit


@dataclass(frozen=True, slots=True, kw_only=True)
class Selection:
    """What to print: one SOP, or the books of some units (``many`` when a folder of them)."""

    sop: Sop | None = None
    units: tuple[Unit, ...] = ()
    many: bool = False


class NotInCatalogue(ValueError):
    """The path names no SOP file or unit folder of the catalogue: said, not a traceback."""


def select(index: CatalogueIndex, sops_root: Path, path: Path) -> Selection:
    """The documents ``path`` asks for, in the catalogue read from ``sops_root``."""
    wanted = path.resolve()
    root = sops_root.resolve()
    if wanted.is_file():
        for sop in index.sops:
            if Path(sop.source).resolve() == wanted:
                return Selection(sop=sop)
        raise NotInCatalogue(f"{path}: bukan berkas SOP di katalog {sops_root}")
    if wanted == root:
        tops = [u for u in index.units if u.depth == 1 and index.sops_in_unit(u.path, nested=True)]
        loose = index.catalogue.unit("")
        if index.sops_in_unit("") and loose is not None:
            tops.insert(0, loose)
        return Selection(units=tuple(tops), many=True)
    try:
        unit_path = wanted.relative_to(root).as_posix()
    except ValueError:
        raise NotInCatalogue(f"{path}: tidak berada di folder SOP {sops_root}") from None
    unit = index.catalogue.unit(unit_path)
    if unit is None or not index.sops_in_unit(unit_path, nested=True):
        raise NotInCatalogue(f"{path}: bukan folder unit yang berisi SOP di {sops_root}")
    return Selection(units=(unit,))
