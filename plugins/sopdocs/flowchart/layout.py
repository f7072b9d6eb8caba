"""Where every symbol and arrow of a flowchart goes, in points (y grows downwards).

An SOP AP flowchart is a table: one column per lane, one row per step. Graphviz's engines
cannot draw that: ``dot`` reorders lane clusters, cannot let one symbol span several
columns, and shifts columns to make room for long edges; its ``ortho`` router ignores
ports, so the Ya and Tidak branches leave a diamond from arbitrary points. The grid itself
is fixed, though, and with exactly one symbol per row every arrow can be routed by rules:

- an arrow to the next row leaves the bottom of its symbol and enters the top of the next
  one, straight down when they share a column, else with one elbow halfway between rows;
- every other arrow (a loop back, a ``lanjut`` jump, a decision's second branch) leaves a
  side of its symbol along the row's centre line, where no other symbol can be, runs up or
  down a vertical track kept clear of symbols, labels and other tracks, and enters the
  target's side (or its top when both sides are taken);
- Ya / Tidak sit beside the diamond's exit, and tracks avoid them.

Graphviz then only draws the result (``neato -n2``), so its measuring of text never moves a
symbol out of its lane.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise, repeat
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from sopdocs.flowchart.graph import Edge, Flowchart, Node

Point = tuple[float, float]
Side = Literal["left", "right"]
Run = tuple[float, float, float, int]
"""A placed straight segment: the coordinate it keeps, the low and high ends of the one it
runs along, and the step its arrow leads to."""
Extent = tuple[float, float, float, float]
"""A :class:`Box` as its left, right, top and bottom: what the router tests segments
against thousands of times, without recomputing them from the centre."""
Meets = tuple[int, int, int, int]
"""What a candidate segment meets: placed labels, other decisions' label zones, placed
segments it would run on top of, placed segments it crosses."""

LANE_WIDTH = 115.0
"""1.6 in: five lanes fit a landscape A4 page at full size."""
ROW_PITCH = 64.0
SYMBOL_SIZE = (54.0, 28.0)
DECISION_SIZE = (66.0, 38.0)
HEADER_FONT_SIZE = 10.0
HEADER_LINE = 12.0
HEADER_PADDING = 8.0
LABEL_FONT_SIZE = 9.0
ARROW_LENGTH = 7.0
"""Graphviz's arrowhead (10 pt) at ``arrowsize=0.7``; a route stops this short of its tip."""
_TRACK_STEP = 7.0
_CLEARANCE = 9.0
"""Distance an arrow keeps from a symbol it does not touch: more than an arrowhead."""
_CROSSING_COST = 5000.0
_TOP_ENTRY_COST = 60.0
_CENTRE_COST = 30.0
_SHARED_SIDE_COST = 400.0
_OUTER_TRACK_COST = 200.0
_OVERLAP_COST = 5000.0
_ZONE_COST = 300.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Box:
    """A rectangle by its centre; a diamond or capsule is drawn inside it."""

    x: float
    y: float
    width: float
    height: float

    @property
    def left(self) -> float:
        return self.x - self.width / 2

    @property
    def right(self) -> float:
        return self.x + self.width / 2

    @property
    def top(self) -> float:
        return self.y - self.height / 2

    @property
    def bottom(self) -> float:
        return self.y + self.height / 2

    def grown(self, margin: float) -> Box:
        return Box(
            x=self.x, y=self.y, width=self.width + 2 * margin, height=self.height + 2 * margin
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Route:
    """An arrow as a polyline from its source's border to its arrowhead's tip."""

    edge: Edge
    points: tuple[Point, ...]
    label: Box | None = None
    """Where the branch label (Ya / Tidak) is written."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Layout:
    """Every position of one flowchart."""

    width: float
    height: float
    header_lines: tuple[tuple[str, ...], ...]
    """Each lane's name, wrapped to fit its column."""
    headers: tuple[Box, ...]
    columns: tuple[Box, ...]
    """Each lane's column below its header."""
    symbols: tuple[Box, ...]
    """One per node, in node order."""
    routes: tuple[Route, ...]
    """One per edge, in edge order."""


def lay_out(flowchart: Flowchart) -> Layout:
    """Place the lanes, the symbols and the arrows of ``flowchart`` on its grid."""
    header_lines = tuple(wrap(lane, LANE_WIDTH - 2 * HEADER_PADDING) for lane in flowchart.lanes)
    header_height = max((len(lines) for lines in header_lines), default=1) * HEADER_LINE
    header_height += 2 * HEADER_PADDING
    height = header_height + ROW_PITCH * len(flowchart.nodes)
    width = LANE_WIDTH * len(flowchart.lanes)
    headers = tuple(
        Box(x=(i + 0.5) * LANE_WIDTH, y=header_height / 2, width=LANE_WIDTH, height=header_height)
        for i in range(len(flowchart.lanes))
    )
    body = height - header_height
    columns = tuple(
        Box(x=header.x, y=header_height + body / 2, width=LANE_WIDTH, height=body)
        for header in headers
    )
    symbols = tuple(_symbol(node, header_height) for node in flowchart.nodes)
    routes = _Router(flowchart, symbols, width).route_all()
    tangles = _tangles(routes)
    if tangles:
        # Nesting short loops inside long ones can leave a long one no clear track; routing
        # the long ones first then often finds a drawing without any crossing.
        other = _Router(flowchart, symbols, width).route_all(longest_first=True)
        if _tangles(other) < tangles:
            routes = other
    return Layout(
        width=width,
        height=height,
        header_lines=header_lines,
        headers=headers,
        columns=columns,
        symbols=symbols,
        routes=routes,
    )


def _symbol(node: Node, header_height: float) -> Box:
    first, last = node.lane_span
    width, height = DECISION_SIZE if node.shape == "decision" else SYMBOL_SIZE
    return Box(
        x=(first + last + 1) / 2 * LANE_WIDTH,
        y=header_height + (node.row + 0.5) * ROW_PITCH,
        width=width + (last - first) * LANE_WIDTH,
        height=height,
    )


class _Router:
    """Routes a flowchart's arrows one by one, each keeping clear of those already placed."""

    def __init__(self, flowchart: Flowchart, symbols: tuple[Box, ...], width: float):
        self.flowchart = flowchart
        self.width = width
        self.nodes = {node.step: node for node in flowchart.nodes}
        self.boxes = {node.step: box for node, box in zip(flowchart.nodes, symbols, strict=True)}
        self.symbols = [_extent(box.grown(_CLEARANCE)) for box in symbols]
        self.labels: list[Extent] = []
        self.across: list[Run] = []
        """Horizontal segments placed so far, by their y; arrows into one step may merge."""
        self.down: list[Run] = []
        """Vertical segments placed so far, by their x."""
        self.sides: dict[tuple[int, Side], Literal["in", "out"]] = {}
        self.exits = Counter(edge.source for edge in flowchart.edges if edge.kind != "next")
        """Side exits each step still needs: an arrow must not take the last free side."""
        self.zones = {
            step: [_extent(zone) for zone in self._label_zones(self.boxes[step])]
            for step in self.exits
            if self.nodes[step].shape == "decision"
        }
        """Beside each decision's side vertices, where its Ya / Tidak will be written."""
        self.tracks = _tracks(width)

    @staticmethod
    def _label_zones(box: Box) -> list[Box]:
        width = text_width("Tidak", LABEL_FONT_SIZE) + 6
        return [
            Box(x=box.left - width / 2, y=box.y, width=width, height=2 * LABEL_FONT_SIZE + 6),
            Box(x=box.right + width / 2, y=box.y, width=width, height=2 * LABEL_FONT_SIZE + 6),
        ]

    def route_all(self, *, longest_first: bool = False) -> tuple[Route, ...]:
        routes: dict[Edge, Route] = {}
        # Arrows to the next row first: their shape is fixed, and the others must avoid them.
        for edge in self.flowchart.edges:
            if edge.kind == "next":
                routes[edge] = self._place(self._next(edge))
        others = [edge for edge in self.flowchart.edges if edge.kind != "next"]
        # Short loops first, so that they nest inside long ones instead of crossing them.
        sign = -1 if longest_first else 1
        for edge in sorted(
            others, key=lambda e: (sign * abs(e.target - e.source), e.source, e.target)
        ):
            routes[edge] = self._place(self._around(edge))
        return tuple(routes[edge] for edge in self.flowchart.edges)

    def _place(self, route: Route) -> Route:
        target = route.edge.target
        # Every route is made of horizontal and vertical runs, none of them a mere point.
        for a, b in pairwise(route.points):
            if a[1] == b[1]:
                self.across.append((a[1], min(a[0], b[0]), max(a[0], b[0]), target))
            else:
                self.down.append((a[0], min(a[1], b[1]), max(a[1], b[1]), target))
        if route.label is not None:
            self.labels.append(_extent(route.label.grown(1)))
        return route

    def _label_crossings(self, box: Box) -> int:
        """How many placed segments run through ``box``."""
        left, right, top, bottom = box.left, box.right, box.top, box.bottom
        return sum(
            1 for x, low, high, _ in self.down if left < x < right and low < bottom and top < high
        ) + sum(
            1 for y, low, high, _ in self.across if top < y < bottom and low < right and left < high
        )

    def _ports(self, step: int) -> tuple[float, float]:
        """The x range where an arrow may meet the symbol's top or bottom."""
        box, node = self.boxes[step], self.nodes[step]
        first, last = node.lane_span
        if node.shape == "decision" or first == last:
            return box.x, box.x
        return (first + 0.5) * LANE_WIDTH, (last + 0.5) * LANE_WIDTH

    def _next(self, edge: Edge) -> Route:
        source, target = self.boxes[edge.source], self.boxes[edge.target]
        (s_low, s_high), (t_low, t_high) = self._ports(edge.source), self._ports(edge.target)
        low, high = max(s_low, t_low), min(s_high, t_high)
        if low <= high:
            x = (low + high) / 2
            points: list[Point] = [(x, source.bottom), (x, target.top)]
            turn = 0.0
        else:
            x1 = min(max(target.x, s_low), s_high)
            x2 = min(max(x1, t_low), t_high)
            middle = (source.y + target.y) / 2
            points = [(x1, source.bottom), (x1, middle), (x2, middle), (x2, target.top)]
            turn = x2 - x1
        label = None
        if edge.label is not None:
            width = text_width(edge.label, LABEL_FONT_SIZE) + 2
            # Beside the line just under the vertex, on the side the elbow does not turn to.
            x = points[0][0] - 3 - width / 2 if turn > 0 else points[0][0] + 3 + width / 2
            label = Box(x=x, y=source.bottom + 7, width=width, height=LABEL_FONT_SIZE + 2)
        return Route(edge=edge, points=_arrow(points), label=label)

    def _around(self, edge: Edge) -> Route:
        # Cheapest first by the cost known without looking at other arrows (length and
        # fixed penalties); penalties only add, so the search stops once no cheaper is left.
        options = sorted(self._options(edge))
        scene = _Scene(self, edge)
        best: tuple[float, Route, Side, Side | None] | None = None
        for bound, exit_index, track, entry_index in options:
            if best is not None and bound >= best[0]:
                break
            exit_side, entry = _SIDES[exit_index], (*_SIDES, None)[entry_index]
            points = self._points(edge, exit_side, track, entry)
            limit = math.inf if best is None else best[0]
            scored = self._score(scene, (exit_side, points), bound, limit)
            if scored is not None:
                best = (*scored, exit_side, entry)
        if best is None:
            # Cannot happen: an outer track into the top of the target is always clear.
            raise RuntimeError(f"no route for {edge}")
        _, route, exit_side, entry = best
        self.sides[(edge.source, exit_side)] = "out"
        self.exits[edge.source] -= 1
        if entry is not None:
            self.sides[(edge.target, entry)] = "in"
        return route

    def _options(self, edge: Edge) -> list[tuple[float, int, float, int]]:
        """Every (cost by itself, exit side, track, entry) that can join the two symbols:
        out of a side, along a vertical track, into a side or (entry None) the top."""
        source, target = self.boxes[edge.source], self.boxes[edge.target]
        entries = self._entries(edge)
        options: list[tuple[float, int, float, int]] = []
        for exit_index, exit_side in enumerate(_SIDES):
            used = self.sides.get((edge.source, exit_side))
            if used == "out":
                continue
            start = source.left if exit_side == "left" else source.right
            exit_cost = _SHARED_SIDE_COST if used == "in" else 0.0
            # Each track beyond the exit side, with the cost of getting there.
            bases = [
                (track, exit_cost + track_cost + abs(track - start))
                for track, track_cost in self.tracks
                if ((track < start) if exit_side == "left" else (track > start))
            ]
            for entry_index, end, cost in entries:
                if end is None:
                    x = target.x
                    options += [
                        (b + cost + abs(x - t), exit_index, t, entry_index) for t, b in bases
                    ]
                elif entry_index == 0:
                    options += [
                        (b + cost + abs(end - t), exit_index, t, 0) for t, b in bases if t < end
                    ]
                else:
                    options += [
                        (b + cost + abs(end - t), exit_index, t, 1) for t, b in bases if t > end
                    ]
        return options

    def _entries(self, edge: Edge) -> list[tuple[int, float | None, float]]:
        """Every way into the target: (entry index, x of the side or None for the top, cost)."""
        source, target = self.boxes[edge.source], self.boxes[edge.target]
        above = (target.y - ROW_PITCH / 2 + target.top) / 2
        entries: list[tuple[int, float | None, float]] = [
            (2, None, _TOP_ENTRY_COST + abs(above - source.y) + target.top - above)
        ]
        for index, entry in enumerate(_SIDES):
            if edge.source == edge.target or self.sides.get((edge.target, entry), "in") != "in":
                continue
            cost = abs(target.y - source.y)
            free = sum((edge.target, side) not in self.sides for side in _SIDES if side != entry)
            if (edge.target, entry) not in self.sides and free < self.exits[edge.target]:
                cost += _SHARED_SIDE_COST
            entries.append((index, target.left if entry == "left" else target.right, cost))
        return entries

    def _points(self, edge: Edge, exit_side: Side, track: float, entry: Side | None) -> list[Point]:
        source, target = self.boxes[edge.source], self.boxes[edge.target]
        start = (source.left, source.y) if exit_side == "left" else (source.right, source.y)
        if entry is None:
            above = (target.y - ROW_PITCH / 2 + target.top) / 2
            return [
                start,
                (track, source.y),
                (track, above),
                (target.x, above),
                (target.x, target.top),
            ]
        end = (target.left, target.y) if entry == "left" else (target.right, target.y)
        return [start, (track, source.y), (track, target.y), end]

    @staticmethod
    def _score(
        scene: _Scene, way: tuple[Side, list[Point]], cost: float, limit: float
    ) -> tuple[float, Route] | None:
        """``cost`` plus penalties for what makes the route (its exit side and points) harder
        to read (crossings, lines on top of others, labels crossed); None when it runs
        through a symbol or costs ``limit`` or more."""
        exit_side, points = way
        (x, y1), (_, y2) = points[1], points[2]
        if scene.down(min(y1, y2), max(y1, y2)).blocked(x):
            return None
        label, crossed = scene.label(points[0], exit_side, going_up=y2 < y1)
        cost += _OVERLAP_COST * crossed
        for a, b in pairwise(points):
            # In this order, so that the sum is the same float whatever stops the search.
            labels, zones, along, crossings = scene.meets(a, b)
            cost += _OVERLAP_COST * labels
            cost += _ZONE_COST * zones
            cost += _OVERLAP_COST * along
            cost += _CROSSING_COST * crossings
            if cost >= limit:
                return None
        return cost, Route(edge=scene.edge, points=_arrow(points), label=label)

    @staticmethod
    def _side_label(text: str, start: Point, side: Side, *, going_up: bool) -> Box:
        width = text_width(text, LABEL_FONT_SIZE) + 2
        x = start[0] - 3 - width / 2 if side == "left" else start[0] + 3 + width / 2
        # On the side of the line the track does not turn to.
        y = start[1] + 7 if going_up else start[1] - 7
        return Box(x=x, y=y, width=width, height=LABEL_FONT_SIZE + 2)


class _Scene:
    """What one edge's candidate routes are scored against, line by line: what lies on each
    line a candidate segment may take (the source's row, the target's, just above the
    target, a track between them) is gathered from everything placed once, then looked up
    by every candidate on that line, instead of going through everything placed again."""

    def __init__(self, router: _Router, edge: Edge) -> None:
        self.router = router
        self.edge = edge
        self.zones = [
            zone
            for step, extents in router.zones.items()
            if step not in (edge.source, edge.target)
            for zone in extents
        ]
        self.rows: dict[float, _Across] = {}
        self.spans: dict[tuple[float, float], _Down] = {}
        self.labels: dict[tuple[Side, bool], tuple[Box | None, int]] = {}

    def label(self, start: Point, side: Side, *, going_up: bool) -> tuple[Box | None, int]:
        """The branch label of a route leaving ``side``, and how many placed segments cross
        it: one of four, whatever the track."""
        found = self.labels.get((side, going_up))
        if found is None:
            text = self.edge.label
            if text is None:
                found = None, 0
            else:
                box = _Router._side_label(text, start, side, going_up=going_up)
                found = box, self.router._label_crossings(box)
            self.labels[(side, going_up)] = found
        return found

    def meets(self, a: Point, b: Point) -> Meets:
        """What segment ``a``-``b`` (horizontal or vertical, as every candidate's) meets
        (see :data:`Meets`)."""
        if a[1] == b[1] and a[0] != b[0]:
            return self.across(a[1]).meets(min(a[0], b[0]), max(a[0], b[0]))
        labels, zones, along, crossed = self.down(min(a[1], b[1]), max(a[1], b[1])).meets(a[0])
        if a[1] == b[1]:
            # A mere point (no candidate has one) runs along horizontal segments too.
            along += self.across(a[1]).meets(a[0], a[0])[2]
        return labels, zones, along, crossed

    def across(self, y: float) -> _Across:
        """What lies on the horizontal line at ``y``."""
        found = self.rows.get(y)
        if found is None:
            router, close = self.router, _TRACK_STEP / 2
            found = self.rows[y] = _Across(
                labels=[
                    (left, right) for left, right, top, bottom in router.labels if top < y < bottom
                ],
                zones=[
                    (left, right) for left, right, top, bottom in self.zones if top < y < bottom
                ],
                along=[
                    (low, high + 4)
                    for at, low, high, other in router.across
                    if other != self.edge.target and abs(y - at) < close
                ],
                cuts=[x for x, low, high, _ in router.down if low < y < high],
            )
        return found

    def down(self, low: float, high: float) -> _Down:
        """What lies across the heights from ``low`` to ``high``, for a vertical segment."""
        found = self.spans.get((low, high))
        if found is None:
            router = self.router
            found = self.spans[(low, high)] = _Down(
                symbols=_spanning(router.symbols, low, high),
                labels=_spanning(router.labels, low, high),
                zones=_spanning(self.zones, low, high),
                along=[
                    x
                    for x, c_low, c_high, other in router.down
                    if other != self.edge.target and low < c_high + 4 and c_low < high + 4
                ],
                cuts=[(c_low, c_high) for y, c_low, c_high, _ in router.across if low < y < high],
            )
        return found


@dataclass(frozen=True, slots=True)
class _Across:
    """What a horizontal line holds, for any segment on it: x ranges of placed labels and
    label zones it runs through and of placed segments near enough to run on top of (the
    high end already + 4); the x of every placed vertical segment that cuts it."""

    labels: list[tuple[float, float]]
    zones: list[tuple[float, float]]
    along: list[tuple[float, float]]
    cuts: list[float]

    def meets(self, low: float, high: float) -> Meets:
        """What the segment from x ``low`` to ``high`` meets."""
        reach = high + 4
        labels, zones, along, cuts = self.labels, self.zones, self.along, self.cuts
        # Most lines hold nothing of one kind or another: skip making a generator for them.
        return (
            sum(1 for left, right in labels if low < right and left < high) if labels else 0,
            sum(1 for left, right in zones if low < right and left < high) if zones else 0,
            sum(1 for c_low, c_reach in along if low < c_reach and c_low < reach) if along else 0,
            sum(1 for x in cuts if low < x < high) if cuts else 0,
        )


@dataclass(frozen=True, slots=True)
class _Down:
    """What a span of heights holds, for a vertical segment over it at any x: x ranges of
    the symbols, placed labels and label zones reaching into the span and of placed
    horizontal segments inside it; the x of placed vertical segments overlapping it."""

    symbols: list[tuple[float, float]]
    labels: list[tuple[float, float]]
    zones: list[tuple[float, float]]
    along: list[float]
    cuts: list[tuple[float, float]]

    def blocked(self, x: float) -> bool:
        return any(left < x < right for left, right in self.symbols)

    def meets(self, x: float) -> Meets:
        """What the segment at ``x`` meets."""
        close = _TRACK_STEP / 2
        labels, zones, along, cuts = self.labels, self.zones, self.along, self.cuts
        return (
            sum(1 for left, right in labels if left < x < right) if labels else 0,
            sum(1 for left, right in zones if left < x < right) if zones else 0,
            sum(1 for at in along if abs(x - at) < close) if along else 0,
            sum(1 for low, high in cuts if low < x < high) if cuts else 0,
        )


def _spanning(extents: list[Extent], low: float, high: float) -> list[tuple[float, float]]:
    """The x ranges of ``extents`` that reach into the heights strictly between ``low``
    and ``high``."""
    return [(left, right) for left, right, top, bottom in extents if low < bottom and top < high]


_SIDES: tuple[Side, Side] = ("left", "right")


@functools.lru_cache(maxsize=64)
def _tracks(width: float) -> tuple[tuple[float, float], ...]:
    """Where vertical runs may go, every few points across the lanes and outside, with what
    running there costs: the same for every flowchart with as many lanes."""
    inner = _frange(_TRACK_STEP, width - _TRACK_STEP / 2, _TRACK_STEP)
    outer = [-_TRACK_STEP * k for k in range(1, 5)] + [width + _TRACK_STEP * k for k in range(1, 5)]
    return tuple((x, _track_cost(x, width)) for x in inner + outer if x % LANE_WIDTH)


def _track_cost(x: float, width: float) -> float:
    if not 0 < x < width:
        return _OUTER_TRACK_COST
    lane_centre = (x // LANE_WIDTH + 0.5) * LANE_WIDTH
    # A track down the middle of a lane would read as an arrow into its symbols.
    return _CENTRE_COST if abs(x - lane_centre) < LANE_WIDTH / 5 else 0.0


def _frange(start: float, stop: float, step: float) -> list[float]:
    return [start + i * step for i in range(int((stop - start) / step) + 1)]


def _tangles(routes: tuple[Route, ...]) -> int:
    """How many times two arrows into different steps cross or run on top of each other."""
    runs = [[_run(a, b) for a, b in pairwise(route.points)] for route in routes]
    reaches = [_reach(route.points) for route in routes]
    count = 0
    for index, (one, reach) in enumerate(zip(routes, reaches, strict=True)):
        for later in range(index + 1, len(routes)):
            # Two arrows whose extents are more than 4 points apart cannot meet: most pairs.
            if one.edge.target != routes[later].edge.target and _near(reach, reaches[later]):
                count += sum(_meet(s, t) for s in runs[index] for t in runs[later])
    return count


def _reach(points: tuple[Point, ...]) -> Extent:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), max(xs), min(ys), max(ys)


def _near(one: Extent, other: Extent) -> bool:
    """Whether the two extents overlap or lie less than 4 points apart, as segments that
    :func:`_meet` must."""
    (left, right, top, bottom), (o_left, o_right, o_top, o_bottom) = one, other
    return left < o_right + 4 and o_left < right + 4 and top < o_bottom + 4 and o_top < bottom + 4


def _run(a: Point, b: Point) -> tuple[bool, float, float, float]:
    """A segment of a route (never a mere point) as: whether it is vertical, the coordinate
    it keeps, and the low and high ends of the other."""
    if a[0] == b[0]:
        return True, a[0], min(a[1], b[1]), max(a[1], b[1])
    return False, a[1], min(a[0], b[0]), max(a[0], b[0])


def _meet(s: tuple[bool, float, float, float], t: tuple[bool, float, float, float]) -> bool:
    """Whether two route segments cross at an interior point or run on top of each other
    (on one line, closer than 4 points end to end)."""
    s_vertical, s_at, s_low, s_high = s
    t_vertical, t_at, t_low, t_high = t
    if s_vertical == t_vertical:
        return s_at == t_at and s_low < t_high + 4 and t_low < s_high + 4
    return t_low < s_at < t_high and s_low < t_at < s_high


def _extent(box: Box) -> Extent:
    return box.left, box.right, box.top, box.bottom


def _arrow(points: list[Point]) -> tuple[Point, ...]:
    """Drop repeated points, so that every segment has a direction."""
    kept = [points[0]]
    for point in points[1:]:
        if point != kept[-1]:
            kept.append(point)
    return tuple(kept)


# Helvetica's advance widths (per 1000 em) for printable ASCII, space to tilde: Graphviz
# asks for Helvetica, and its usual stand-ins (Arial, Liberation Sans) share these metrics.
_HELVETICA = """
278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556
556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778
667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556
556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584
"""
_WIDTHS = dict(zip(map(chr, range(32, 127)), map(int, _HELVETICA.split()), strict=True))


def text_width(text: str, size: float) -> float:
    """Estimated width of ``text`` in points, 12 % wide, for fonts a little wider than Arial."""
    return _points(_units(text), size)


def _units(text: str) -> int:
    """Width of ``text`` in thousandths of an em: whole numbers, so a line's width is
    exactly the sum of its words' and spaces'."""
    return sum(map(_WIDTHS.get, text, repeat(600)))


def _points(units: int, size: float) -> float:
    """Units in points: the one formula ``text_width`` and ``wrap`` share, so that adding
    up a line word by word gives the very same float as measuring it whole."""
    return units * size / 1000 * 1.12


_SPACE = _WIDTHS[" "]


@functools.lru_cache(maxsize=8192)
def wrap(text: str, width: float, size: float = HEADER_FONT_SIZE) -> tuple[str, ...]:
    """Break ``text`` into lines no wider than ``width`` points, between words when possible.

    Memoised: lane names and short cells (numbers, durations) recur on every SOP's page."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        _wrap_paragraph(paragraph, width, size, lines)
    return tuple(lines)


def _wrap_paragraph(paragraph: str, width: float, size: float, lines: list[str]) -> None:
    """Append ``paragraph``'s lines to ``lines``; each line's width is kept as it grows, so
    a paragraph costs one pass over its words, not one measure of every longer prefix."""
    line, units = "", 0
    for word in paragraph.split():
        word_units = _units(word)
        candidate = units + _SPACE + word_units if line else word_units
        if _points(candidate, size) <= width:
            line, units = (f"{line} {word}" if line else word), candidate
            continue
        if line:
            lines.append(line)
        line = word
        while text_width(line, size) > width and len(line) > 1:
            # A word wider than the column (a long code or URL) is cut where it overflows.
            cut = 1
            while cut < len(line) - 1 and text_width(line[: cut + 1], size) <= width:
                cut += 1
            lines.append(line[:cut])
            line = line[cut:]
        units = _units(line)
    lines.append(line)
