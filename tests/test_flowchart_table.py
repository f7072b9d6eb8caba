"""The flowchart as it runs through the procedure table, checked as geometry without a browser.

Rows of the table grow with their text, so the table model places everything relative to a
row's edges and middle. These tests give the rows real heights (the least, and uneven
taller ones, as long Kegiatan texts make them), work out every line in pixels, and assert
what a reader of the form needs: each symbol in its own lane, every arrow joined from its
source to its target, and no arrow through a symbol, across another arrow or over a label,
for every SOP of the example catalogue and of a generated benchmark catalogue.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from itertools import combinations, pairwise
from pathlib import Path

import pytest
from sopdocs.catalogue.index import analyse
from sopdocs.flowchart import flowchart_of
from sopdocs.flowchart.table import (
    BOTTOM,
    LANE,
    MIDDLE,
    ROW_MIN,
    TOP,
    Arrow,
    Level,
    Spot,
    TableFlow,
    split,
    table_flow,
)
from sopdocs.model import Sop
from support import REPO
from test_flowchart_graph import load

Point = tuple[float, float]
Segment = tuple[Point, Point]


@dataclass(frozen=True)
class Rect:
    left: float
    top: float
    right: float
    bottom: float

    def hit_by(self, a: Point, b: Point) -> bool:
        """Whether segment ``a``-``b`` enters the inside of the rectangle."""
        (x1, y1), (x2, y2) = a, b
        return (
            min(x1, x2) < self.right
            and self.left < max(x1, x2)
            and min(y1, y2) < self.bottom
            and self.top < max(y1, y2)
        )

    def overlaps(self, other: Rect) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )


class Drawn:
    """A table flow laid out with given row heights, in page pixels."""

    def __init__(self, flow: TableFlow, heights: list[float]) -> None:
        self.flow = flow
        self.heights = heights
        self.tops = [sum(heights[:row]) for row in range(len(heights))]

    def y(self, row: int, level: Level) -> float:
        return self.tops[row] + level.at(self.heights[row])

    def point(self, spot: Spot) -> Point:
        return (spot.x, self.y(spot.row, spot.level))

    def symbol(self, index: int) -> Rect:
        s = self.flow.symbols[index]
        y = self.y(s.row, MIDDLE)
        return Rect(s.x - s.width / 2, y - s.height / 2, s.x + s.width / 2, y + s.height / 2)

    def segments(self, arrow_index: int) -> list[Segment]:
        return [
            (self.point(a), self.point(b)) for a, b in pairwise(self.flow.arrows[arrow_index].spots)
        ]

    def labels(self) -> list[tuple[int, Rect]]:
        found = []
        for label in self.flow.labels:
            y = self.y(label.row, label.level)
            half_w, half_h = label.width / 2, label.height / 2
            found.append(
                (label.edge, Rect(label.x - half_w, y - half_h, label.x + half_w, y + half_h))
            )
        return found


def problems(flow: TableFlow, heights: list[float]) -> list[str]:
    """Everything that would make the drawn flow wrong or hard to read, in words."""
    drawn = Drawn(flow, heights)
    symbols = [_shrunk(drawn.symbol(i)) for i in range(len(flow.symbols))]
    labels = drawn.labels()
    return [
        *_symbols_outside_lanes(flow, symbols),
        *(
            found
            for arrow in flow.arrows
            for found in _arrow_problems(drawn, arrow, symbols, labels)
        ),
        *_label_problems(labels, symbols),
        *_arrows_meeting(drawn),
    ]


def _symbols_outside_lanes(flow: TableFlow, symbols: list[Rect]) -> list[str]:
    found = []
    for symbol, box in zip(flow.symbols, symbols, strict=True):
        first, last = symbol.lanes
        if box.left < flow.lane_left(first) or box.right > flow.lane_left(last) + LANE:
            found.append(f"symbol {symbol.step} outside lanes {symbol.lanes}")
    return found


def _arrow_problems(
    drawn: Drawn, arrow: Arrow, symbols: list[Rect], labels: list[tuple[int, Rect]]
) -> list[str]:
    """An arrow that does not join its two symbols with straight lines, or runs over things."""
    found = []
    segments = drawn.segments(arrow.index)
    if not _on_border(segments[0][0], drawn.symbol(arrow.source - 1)):
        found.append(f"arrow {arrow.key} does not leave its source")
    if not _on_border(segments[-1][1], drawn.symbol(arrow.target - 1)):
        found.append(f"arrow {arrow.key} does not reach its target")
    for a, b in segments:
        if a[0] != b[0] and a[1] != b[1]:
            found.append(f"arrow {arrow.key} has a slanted segment")
        found += [
            f"arrow {arrow.key} runs through symbol {symbol.step}"
            for symbol, box in zip(drawn.flow.symbols, symbols, strict=True)
            if box.hit_by(a, b)
        ]
        found += [
            f"arrow {arrow.key} runs over the label of arrow {edge}"
            for edge, box in labels
            if box.hit_by(a, b)
        ]
    return found


def _label_problems(labels: list[tuple[int, Rect]], symbols: list[Rect]) -> list[str]:
    found = [
        "two labels overlap"
        for (_, one), (_, other) in combinations(labels, 2)
        if one.overlaps(other)
    ]
    found += [
        "a label covers a symbol"
        for _, box in labels
        if any(box.overlaps(symbol) for symbol in symbols)
    ]
    return found


def _arrows_meeting(drawn: Drawn) -> list[str]:
    """Arrows into different steps that cross or run along each other."""
    found = []
    for one, other in combinations(drawn.flow.arrows, 2):
        if one.target == other.target:
            continue  # arrows into one step may merge
        for s in drawn.segments(one.index):
            for t in drawn.segments(other.index):
                if _cross(s, t):
                    found.append(f"arrows {one.key} and {other.key} cross")
                if _run_along(s, t):
                    found.append(f"arrows {one.key} and {other.key} overlap")
    return found


def _shrunk(box: Rect) -> Rect:
    return Rect(box.left + 0.5, box.top + 0.5, box.right - 0.5, box.bottom - 0.5)


def _on_border(point: Point, box: Rect) -> bool:
    """On the edge of the symbol's box (a diamond's vertices are on it too)."""
    x, y = point
    on_side = min(abs(x - box.left), abs(x - box.right)) < 0.5 and box.top <= y <= box.bottom
    on_end = min(abs(y - box.top), abs(y - box.bottom)) < 0.5 and box.left <= x <= box.right
    return on_side or on_end


def _cross(s: Segment, t: Segment) -> bool:
    (a, b), (c, d) = s, t
    if a[1] == b[1] and c[0] == d[0]:
        (a, b), (c, d) = (c, d), (a, b)
    if not (a[0] == b[0] and c[1] == d[1]):
        return False
    x, y = a[0], c[1]
    return min(c[0], d[0]) < x < max(c[0], d[0]) and min(a[1], b[1]) < y < max(a[1], b[1])


def _run_along(s: Segment, t: Segment) -> bool:
    (a, b), (c, d) = s, t
    if a[0] == b[0] and c[0] == d[0] and abs(a[0] - c[0]) < 1:
        return min(a[1], b[1]) < max(c[1], d[1]) and min(c[1], d[1]) < max(a[1], b[1])
    if a[1] == b[1] and c[1] == d[1] and abs(a[1] - c[1]) < 1:
        return min(a[0], b[0]) < max(c[0], d[0]) and min(c[0], d[0]) < max(a[0], b[0])
    return False


def height_profiles(rows: int) -> list[list[float]]:
    """The least row height everywhere, and uneven rows as long texts make them."""
    return [[ROW_MIN] * rows, [ROW_MIN + (row * 53) % 140 for row in range(rows)]]


def _catalogue(folder: Path) -> list[Sop]:
    analysis = analyse(folder)
    assert not [issue for issue in analysis.issues if issue.is_error]
    return list(analysis.index.sops)


def _bench_catalogue(folder: Path, size: int) -> list[Sop]:
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module
    spec.loader.exec_module(module)
    module.generate(folder, size)
    return _catalogue(folder / "sops")


# --- the catalogues ------------------------------------------------------------------------


def test_every_example_sop_draws_cleanly_through_its_table():
    sops = _catalogue(REPO / "sops")
    assert len(sops) >= 10
    for sop in sops:
        flow = table_flow(flowchart_of(sop))
        for heights in height_profiles(len(sop.steps)):
            assert problems(flow, heights) == [], sop.id


def test_every_sop_of_a_benchmark_catalogue_draws_cleanly_through_its_table(tmp_path):
    sops = _bench_catalogue(tmp_path, 200)
    assert len(sops) == 200
    for sop in sops:
        flow = table_flow(flowchart_of(sop))
        for heights in height_profiles(len(sop.steps)):
            assert problems(flow, heights) == [], sop.id


# --- the model's rules -----------------------------------------------------------------------

LOOP = """\
pelaksana: [Pemohon, Petugas, Kepala Seksi]
prosedur:
  - {kegiatan: Mengajukan permohonan, pelaksana: Pemohon}
  - {kegiatan: Memeriksa berkas, pelaksana: Petugas}
  - {kegiatan: Menilai, pelaksana: Kepala Seksi, keputusan: {tidak: 1}}
  - {kegiatan: Menyerahkan, pelaksana: [Pemohon, Petugas]}
"""


def test_a_symbol_sits_at_the_middle_of_its_row_in_the_middle_of_its_lanes():
    flow = table_flow(flowchart_of(load(LOOP)))
    assert [(s.step, s.row, s.x) for s in flow.symbols] == [
        (1, 0, 0.5 * LANE),
        (2, 1, 1.5 * LANE),
        (3, 2, 2.5 * LANE),
        (4, 3, 1.0 * LANE),
    ]


def test_an_arrow_to_the_next_lane_turns_just_above_the_row_edge():
    flow = table_flow(flowchart_of(load(LOOP)))
    first = flow.arrows[0]
    assert first.key == "1-2"
    assert [spot.row for spot in first.spots] == [0, 0, 0, 1]
    assert first.spots[1].level.anchor == "bottom"
    assert first.spots[1].level == first.spots[2].level
    assert first.direction == "down"


def test_a_loop_back_is_labelled_and_points_into_its_target():
    flow = table_flow(flowchart_of(load(LOOP)))
    loop = next(arrow for arrow in flow.arrows if arrow.key == "3-1")
    assert loop.label == "Tidak"
    assert [label.text for label in flow.labels] == ["Ya", "Tidak"]
    assert loop.spots[-1].row == 0


def test_a_vertical_segment_over_rows_is_cut_at_each_row_edge():
    a = Spot(10.0, 1, Level("middle", 14.0))
    b = Spot(10.0, 4, Level("middle", -14.0))
    pieces = split(7, a, b)
    assert [(row, p.top, p.bottom) for row, p in pieces] == [
        (1, Level("middle", 14.0), BOTTOM),
        (2, TOP, BOTTOM),
        (3, TOP, BOTTOM),
        (4, TOP, Level("middle", -14.0)),
    ]
    assert split(7, b, a) == pieces


def test_each_row_draws_exactly_the_pieces_of_the_arrows_through_it():
    flow = table_flow(flowchart_of(load(LOOP)))
    for arrow in flow.arrows:
        expected = [
            piece for a, b in pairwise(arrow.spots) for _, piece in split(arrow.index, a, b)
        ]
        drawn = [p for row in flow.rows for p in row.pieces if p.edge == arrow.index]
        assert sorted(drawn, key=repr) == sorted(expected, key=repr)
        heads = [h for row in flow.rows for h in row.heads if h.edge == arrow.index]
        assert len(heads) == 1


def test_the_problem_finder_sees_an_arrow_through_a_symbol():
    flow = table_flow(flowchart_of(load(LOOP)))
    spots = flow.arrows[0].spots
    through = Spot(flow.symbols[1].x, 1, Level("middle", 30.0))
    broken = flow.arrows[0].__class__(
        index=0,
        source=1,
        target=2,
        label=None,
        spots=(spots[0], *spots[1:-1], Spot(through.x, 1, spots[-1].level), through),
    )
    flow = flow.__class__(
        lanes=flow.lanes,
        gutters=flow.gutters,
        symbols=flow.symbols,
        arrows=(broken, *flow.arrows[1:]),
        labels=flow.labels,
        rows=flow.rows,
    )
    assert "arrow 1-2 runs through symbol 2" in problems(flow, [ROW_MIN] * 4)


@pytest.mark.parametrize("rows", [1, 5])
def test_height_profiles_are_never_below_the_least_row_height(rows):
    for heights in height_profiles(rows):
        assert len(heights) == rows and min(heights) >= ROW_MIN
