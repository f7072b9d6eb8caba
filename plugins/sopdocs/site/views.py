"""What list templates are given: rows worked out from the index before any template runs.

Templates decide how a page looks and never query the catalogue index: the units, regulations
and pelaksana a row of an SOP list is filtered by, or how many SOPs a sub-unit holds, are
answers the index gives here, once, as small frozen values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sopdocs.catalogue.index import CatalogueIndex
from sopdocs.model import Sop, Unit


@dataclass(frozen=True, slots=True, kw_only=True)
class SopRow:
    """One row of an SOP list (a unit's page, the catalogue), with the filter's tokens."""

    sop: Sop
    units: tuple[str, ...]
    """Paths of the units holding the SOP, outermost first."""
    regulations: tuple[str, ...]
    """Keys of the regulations it cites."""
    roles: tuple[str, ...]
    """Anchors of its pelaksana on the pelaksana page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SubunitRow:
    """One sub-unit listed on its parent's page."""

    unit: Unit
    count: int
    """SOPs in the sub-unit and every unit below it."""


def sop_rows(index: CatalogueIndex, sops: Iterable[Sop]) -> tuple[SopRow, ...]:
    return tuple(
        SopRow(
            sop=sop,
            units=tuple(unit.path for unit in index.unit_chain(sop)),
            regulations=tuple(entry.key for entry in index.regulations_of(sop)),
            roles=index.role_slugs_of(sop),
        )
        for sop in sops
    )


def subunit_rows(index: CatalogueIndex, unit: Unit) -> tuple[SubunitRow, ...]:
    return tuple(
        SubunitRow(unit=sub, count=len(index.sops_in_unit(sub.path, nested=True)))
        for sub in index.units
        if sub.path and sub.parent_path == unit.path
    )
