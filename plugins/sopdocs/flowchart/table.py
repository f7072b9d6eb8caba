"""The flowchart drawn through the procedure table: every row's slice of the flow, in pixels.

On the SOP AP form the flowchart is not a picture beside the table: its symbols sit in the
Pelaksana columns of the step rows and its arrows run from row to row. The positions are
those of :func:`sopdocs.flowchart.layout.lay_out` (the grid and routes Graphviz draws too,
so the two drawings cannot disagree), one layout point to one CSS pixel, with one change:
a table row grows with its text, so a height is never known here. Every vertical position
is therefore a :class:`Level` of a row, an edge or its middle plus a fixed offset. Symbols,
labels and arrowheads keep their size at the middle of their row; vertical lines stretch
from edge to edge; an elbow between two rows runs just above the upper row's bottom edge.
Since this mapping keeps the order of every two heights within a row once the row is at
least :data:`ROW_MIN` tall, what the layout keeps apart stays apart at any row height.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from sopdocs.flowchart.layout import LANE_WIDTH, ROW_PITCH, Box, lay_out

if TYPE_CHECKING:
    from sopdocs.flowchart.graph import Flowchart, Shape
    from sopdocs.flowchart.layout import Layout

Anchor = Literal["top", "middle", "bottom"]
Direction = Literal["down", "up", "left", "right"]

LANE = LANE_WIDTH
"""Width of one Pelaksana column in CSS pixels (one layout point each)."""
ROW_MIN = ROW_PITCH
"""Least height of a step row: the layout's row pitch, so nothing drawn in a row overlaps."""
ELBOW_GAP = 6.0
"""How far above a row's bottom edge an arrow turns towards the next row's lane."""
GUTTER_MARGIN = 4.0
"""Room kept beyond the outermost track when a route runs outside the lanes."""
_EPSILON = 1e-6
_PERCENT: dict[Anchor, float] = {"top": 0.0, "middle": 50.0, "bottom": 100.0}


@dataclass(frozen=True, slots=True)
class Level:
    """A height inside a row: its top edge, middle or bottom edge, moved by ``offset`` px."""

    anchor: Anchor
    offset: float = 0.0

    @property
    def percent(self) -> float:
        return _PERCENT[self.anchor]

    def at(self, height: float) -> float:
        """Pixels from the top of a row ``height`` pixels tall."""
        return height * self.percent / 100 + self.offset


TOP = Level("top")
BOTTOM = Level("bottom")
MIDDLE = Level("middle")


@dataclass(frozen=True, slots=True)
class Spot:
    """A point of the table: ``x`` px from the left of the Pelaksana columns, in ``row``."""

    x: float
    row: int
    level: Level


@dataclass(frozen=True, slots=True, kw_only=True)
class Symbol:
    """One step's symbol, centred on its row's middle."""

    step: int
    shape: Shape
    row: int
    x: float
    width: float
    height: float
    lanes: tuple[int, int]
    """First and last lane it spans (0-based, inclusive)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Label:
    """A branch label (Ya / Tidak) beside the arrow it names; ``x`` is its centre."""

    edge: int
    text: str
    row: int
    x: float
    level: Level
    width: float
    height: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Arrow:
    """One edge of the flow as a polyline of table points, from its source's border to the
    tip of its arrowhead at the target."""

    index: int
    source: int
    target: int
    label: str | None
    spots: tuple[Spot, ...]

    @property
    def key(self) -> str:
        """What the page calls this arrow (``data-edge``): source and target steps."""
        return f"{self.source}-{self.target}"

    @property
    def direction(self) -> Direction:
        """Which way the arrowhead points."""
        a, b = self.spots[-2], self.spots[-1]
        if a.x != b.x:
            return "right" if b.x > a.x else "left"
        return "down" if (b.row, b.level.percent, b.level.offset) > _order(a) else "up"


@dataclass(frozen=True, slots=True, kw_only=True)
class Piece:
    """The part of one arrow's segment inside one row: vertical (``x1 == x2``) between two
    levels, or horizontal at one level (``top == bottom``)."""

    edge: int
    x1: float
    x2: float
    top: Level
    bottom: Level

    @property
    def vertical(self) -> bool:
        return self.x1 == self.x2


@dataclass(frozen=True, slots=True, kw_only=True)
class Head:
    """An arrowhead: its tip at ``x``, ``level`` of the row, pointing ``direction``."""

    edge: int
    x: float
    level: Level
    direction: Direction


@dataclass(frozen=True, slots=True, kw_only=True)
class RowSlice:
    """Everything drawn in one row's Pelaksana cells."""

    row: int
    symbol: Symbol
    pieces: tuple[Piece, ...]
    heads: tuple[Head, ...]
    labels: tuple[Label, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class TableFlow:
    """A whole SOP's flowchart as it runs through its procedure table."""

    lanes: tuple[str, ...]
    gutters: tuple[float, float]
    """Room left of the first lane and right of the last, for routes that run outside."""
    symbols: tuple[Symbol, ...]
    arrows: tuple[Arrow, ...]
    labels: tuple[Label, ...]
    rows: tuple[RowSlice, ...]

    @property
    def width(self) -> float:
        return self.gutters[0] + LANE * len(self.lanes) + self.gutters[1]

    @property
    def lane_widths(self) -> tuple[float, ...]:
        """Each Pelaksana column's width, the gutters included in the outer ones."""
        widths = [LANE] * len(self.lanes)
        widths[0] += self.gutters[0]
        widths[-1] += self.gutters[1]
        return tuple(widths)

    def lane_left(self, lane: int) -> float:
        return self.gutters[0] + lane * LANE


def table_flow(flowchart: Flowchart, layout: Layout | None = None) -> TableFlow:
    """Where every symbol, arrow and label of ``flowchart`` goes in its procedure table."""
    layout = layout or lay_out(flowchart)
    top = layout.height - ROW_PITCH * len(flowchart.nodes)
    xs = [x for route in layout.routes for x, _ in route.points]
    left = max(0.0, -min(xs, default=0.0))
    right = max(0.0, max(xs, default=0.0) - layout.width)
    gutters = (left + GUTTER_MARGIN if left else 0.0, right + GUTTER_MARGIN if right else 0.0)
    shift = gutters[0]
    symbols = tuple(
        Symbol(
            step=node.step,
            shape=node.shape,
            row=node.row,
            x=box.x + shift,
            width=box.width,
            height=box.height,
            lanes=node.lane_span,
        )
        for node, box in zip(flowchart.nodes, layout.symbols, strict=True)
    )
    arrows, labels = [], []
    for index, route in enumerate(layout.routes):
        spots = tuple(_spot(x + shift, y, top) for x, y in route.points)
        edge = route.edge
        arrows.append(
            Arrow(
                index=index, source=edge.source, target=edge.target, label=edge.label, spots=spots
            )
        )
        if route.label is not None and edge.label is not None:
            labels.append(_label(index, edge.label, route.label, shift, top))
    rows = _slices(symbols, arrows, labels)
    return TableFlow(
        lanes=flowchart.lanes,
        gutters=gutters,
        symbols=symbols,
        arrows=tuple(arrows),
        labels=tuple(labels),
        rows=rows,
    )


def _spot(x: float, y: float, top: float) -> Spot:
    """A layout point as a table point: a row boundary becomes the upper row's elbow level,
    anything else keeps its distance from its row's middle."""
    return Spot(x, *_row_level(y - top))


@functools.lru_cache(maxsize=4096)
def _row_level(local: float) -> tuple[int, Level]:
    """The row and level of a height ``local`` px below the first row's top. Memoised: arrows
    keep to a few heights per row (the middle, the elbow, beside a symbol), in every SOP."""
    row = math.floor(local / ROW_PITCH + _EPSILON)
    within = local - row * ROW_PITCH
    if abs(within) < _EPSILON and row > 0:
        return row - 1, Level("bottom", -ELBOW_GAP)
    return row, Level("middle", round(within - ROW_PITCH / 2, 3))


def _label(index: int, text: str, box: Box, shift: float, top: float) -> Label:
    spot = _spot(box.x + shift, box.y, top)
    return Label(
        edge=index,
        text=text,
        row=spot.row,
        x=spot.x,
        level=spot.level,
        width=box.width,
        height=box.height,
    )


def _order(spot: Spot) -> tuple[int, float, float]:
    return (spot.row, spot.level.percent, spot.level.offset)


def _slices(
    symbols: tuple[Symbol, ...], arrows: list[Arrow], labels: list[Label]
) -> tuple[RowSlice, ...]:
    pieces: list[list[Piece]] = [[] for _ in symbols]
    heads: list[list[Head]] = [[] for _ in symbols]
    in_row: list[list[Label]] = [[] for _ in symbols]
    for label in labels:
        if 0 <= label.row < len(in_row):  # As before: a label outside the rows is dropped.
            in_row[label.row].append(label)
    for arrow in arrows:
        for a, b in pairwise(arrow.spots):
            for row, piece in split(arrow.index, a, b):
                pieces[row].append(piece)
        tip = arrow.spots[-1]
        heads[tip.row].append(
            Head(edge=arrow.index, x=tip.x, level=tip.level, direction=arrow.direction)
        )
    return tuple(
        RowSlice(
            row=symbol.row,
            symbol=symbol,
            pieces=tuple(pieces[symbol.row]),
            heads=tuple(heads[symbol.row]),
            labels=tuple(in_row[symbol.row]),
        )
        for symbol in symbols
    )


def split(edge: int, a: Spot, b: Spot) -> list[tuple[int, Piece]]:
    """Segment ``a``-``b`` of arrow ``edge`` as the pieces each row draws, top to bottom."""
    if a.x != b.x:
        if (a.row, a.level) != (b.row, b.level):
            raise ValueError(f"diagonal segment {a} {b}")
        x1, x2 = min(a.x, b.x), max(a.x, b.x)
        return [(a.row, Piece(edge=edge, x1=x1, x2=x2, top=a.level, bottom=a.level))]
    upper, lower = (b, a) if _order(b) < _order(a) else (a, b)
    if upper.row == lower.row:
        return [(upper.row, Piece(edge=edge, x1=a.x, x2=a.x, top=upper.level, bottom=lower.level))]
    found = [(upper.row, Piece(edge=edge, x1=a.x, x2=a.x, top=upper.level, bottom=BOTTOM))]
    found.extend(
        (row, Piece(edge=edge, x1=a.x, x2=a.x, top=TOP, bottom=BOTTOM))
        for row in range(upper.row + 1, lower.row)
    )
    found.append((lower.row, Piece(edge=edge, x1=a.x, x2=a.x, top=TOP, bottom=lower.level)))
    return found
