"""The SOP AP flowchart as resolved values: which symbol, in which lanes, on which row.

This is the notation, decided once, apart from any drawing syntax: a shape here is a
shape, not DOT. The emitter (:mod:`sopdocs.flowchart.dot`) only translates it, so the
rules of the notation can be tested without Graphviz.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from sopdocs.model import Sop, Step

Shape = Literal["start", "end", "process", "decision"]
EdgeKind = Literal["next", "back", "jump"]
BranchLabel = Literal["Ya", "Tidak"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Node:
    """One step's symbol."""

    step: int
    """Step number, 1-based."""
    shape: Shape
    lane_span: tuple[int, int]
    """Indices of the first and last lane the symbol covers (0-based, inclusive)."""
    row: int
    """0-based row, top to bottom: the step's position in the procedure."""
    label: str
    """What the symbol shows: the step number (the kegiatan belongs to the table)."""
    kegiatan: str
    """The activity, for tooltips and the text alternative."""
    pelaksana: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Edge:
    """One arrow between two steps."""

    source: int
    target: int
    label: BranchLabel | None
    """Branch of a decision, or None for a plain arrow."""
    kind: EdgeKind
    """``next``: to the following row; ``back``: up to an earlier (or the same) row;
    ``jump``: down past at least one row."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Flowchart:
    """A whole SOP's diagram: lanes left to right, one node per step, arrows in step order."""

    title: str
    """The SOP's name."""
    lanes: tuple[str, ...]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    @property
    def accessible_title(self) -> str:
        return f"Diagram alir: {self.title}"

    @property
    def description(self) -> str:
        """Text alternative: every step in order with its lanes and where a decision leads."""
        branches: dict[int, list[str]] = {}
        for edge in self.edges:
            if edge.label is not None:
                branches.setdefault(edge.source, []).append(f"{edge.label}: ke {edge.target}")
            elif edge.kind != "next":
                branches.setdefault(edge.source, []).append(f"lanjut ke {edge.target}")
        parts = []
        for node in self.nodes:
            notes = [", ".join(node.pelaksana), *branches.get(node.step, [])]
            if node.shape == "end":
                notes.append("selesai")
            parts.append(f"{node.step}. {node.kegiatan} ({'; '.join(notes)})")
        return " → ".join(parts)


def flowchart_of(sop: Sop) -> Flowchart:
    """Decide every symbol and arrow of ``sop``'s flowchart."""
    lane_index = {name: index for index, name in enumerate(sop.pelaksana)}
    nodes = tuple(_node(step, lane_index) for step in sop.steps)
    edges = tuple(edge for step in sop.steps for edge in _edges(step))
    return Flowchart(title=sop.nama, lanes=sop.pelaksana, nodes=nodes, edges=edges)


def _shape(step: Step) -> Shape:
    # A decision keeps its diamond even as step 1 or with ``selesai``: its two branches are
    # the flow itself, and a terminator labelled Ya/Tidak would hide that.
    if step.is_decision:
        return "decision"
    if step.number == 1:
        return "start"
    if step.ends:
        return "end"
    return "process"


def _node(step: Step, lane_index: dict[str, int]) -> Node:
    lanes = sorted(lane_index[name] for name in step.pelaksana)
    return Node(
        step=step.number,
        shape=_shape(step),
        lane_span=(lanes[0], lanes[-1]),
        row=step.number - 1,
        label=str(step.number),
        kegiatan=step.kegiatan,
        pelaksana=step.pelaksana,
    )


def _kind(source: int, target: int) -> EdgeKind:
    if target == source + 1:
        return "next"
    return "back" if target <= source else "jump"


def _edges(step: Step) -> list[Edge]:
    if step.keputusan is not None:
        branches: tuple[tuple[BranchLabel, int], ...] = (
            ("Ya", step.keputusan.ya),
            ("Tidak", step.keputusan.tidak),
        )
        return [
            Edge(source=step.number, target=target, label=label, kind=_kind(step.number, target))
            for label, target in branches
        ]
    return [
        Edge(source=step.number, target=target, label=None, kind=_kind(step.number, target))
        for target in step.successors
    ]
