"""The procedure table on A4 landscape sheets: column widths, pages, off-page connectors.

Printed, the SOP AP form splits its procedure table into pages, repeats the header on each,
never splits a step row, and ends every arrow that crosses a page in a lettered off-page
connector (a pentagon) at the bottom of one page, resumed by the same letter at the top of
the other. A browser decides where pages break only once it prints, too late to draw the
connectors, so the breaks are decided here, ahead of time, from an estimate of each row's
height (its longest text wrapped in its column) against the sheet's height, leaving room
for error; an author may instead fix the number of steps per page (``langkah_per_halaman``).
The connector rows exist in every page but are shown only in print; on screen the table is
continuous.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from sopdocs.flowchart.layout import wrap
from sopdocs.flowchart.table import ROW_MIN, Head, Level, Piece, TableFlow

if TYPE_CHECKING:
    from sopdocs.model import Sop

TEXT_COLUMNS = {
    "no": 34.0,
    "kegiatan": 210.0,
    "kelengkapan": 150.0,
    "waktu": 78.0,
    "output": 140.0,
    "keterangan": 120.0,
}
"""Widths in CSS pixels of the table's text columns, around the Pelaksana columns."""
SHEET_WIDTH = 1047.0
"""A4 landscape less 1 cm margins (277 mm) in CSS pixels: what a printed table may span."""
SHEET_HEIGHT = 718.0
"""A4 landscape less 1 cm margins (190 mm) in CSS pixels."""
SAFETY = 0.88
"""Share of a sheet the estimated rows may fill: estimates of wrapped text can be short."""
PRINT_FONT = 8 * 96 / 72
"""Table text in print: 8 pt, in CSS pixels."""
PRINT_LINE = PRINT_FONT * 1.35
CELL_PADDING = 10.0
"""Top and bottom padding and borders of a text cell, together."""
HEADING = 48.0
"""The "Prosedur" heading above the table on its first page."""
CONNECTOR_ROW = 44.0
"""Height of a row that holds off-page connectors."""
PENTAGON = (16.0, 18.0)
_SLOT = PENTAGON[0] + 4.0
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True, slots=True, kw_only=True)
class Connector:
    """An off-page connector: a lettered pentagon whose top-left corner is at ``x``, ``y``."""

    letter: str
    edge: int
    x: float
    y: float


@dataclass(frozen=True, slots=True, kw_only=True)
class ConnectorRow:
    """The print-only row that ends a page (``akhir``) or starts the next one (``awal``)."""

    kind: str
    connectors: tuple[Connector, ...]
    pieces: tuple[Piece, ...]
    heads: tuple[Head, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class PageBreak:
    """Where a printed page ends: after step row ``after`` (0-based)."""

    after: int
    end: ConnectorRow
    start: ConnectorRow


@dataclass(frozen=True, slots=True, kw_only=True)
class Sheet:
    """How the procedure table is laid out: its columns, and its pages when printed."""

    columns: tuple[float, ...]
    """Every column's width: No, Kegiatan, each Pelaksana, the three Mutu Baku, Keterangan."""
    zoom: float
    """How much print shrinks the table to fit the sheet's width (1: not at all)."""
    heights: tuple[float, ...]
    """Each step row's estimated height in print."""
    pages: tuple[tuple[int, ...], ...]
    """The step rows (0-based) of each printed page."""
    breaks: tuple[PageBreak, ...]

    @property
    def width(self) -> float:
        return sum(self.columns)

    def break_after(self, row: int) -> PageBreak | None:
        return next((b for b in self.breaks if b.after == row), None)


def sheet(sop: Sop, flow: TableFlow, per_page: int | None = None) -> Sheet:
    """Columns, print zoom and pages of ``sop``'s procedure table; ``per_page`` overrides the
    estimate with a fixed number of steps per page."""
    text = TEXT_COLUMNS
    columns = (
        text["no"],
        text["kegiatan"],
        *flow.lane_widths,
        text["kelengkapan"],
        text["waktu"],
        text["output"],
        text["keterangan"],
    )
    zoom = min(1.0, SHEET_WIDTH / sum(columns))
    heights = tuple(_row_height(step_texts, columns) for step_texts in _texts(sop))
    if per_page is not None:
        pages = _fixed(len(heights), per_page)
    else:
        header = _header_height(flow)
        pages = _fit(heights, SHEET_HEIGHT / zoom * SAFETY - header)
    breaks = tuple(_break(flow, page[-1]) for page in pages[:-1])
    return Sheet(columns=columns, zoom=zoom, heights=heights, pages=pages, breaks=_letter(breaks))


def _texts(sop: Sop) -> list[tuple[str, ...]]:
    """Each step's texts, in the order of the text columns they go to."""
    return [
        (
            str(step.number),
            step.kegiatan,
            step.kelengkapan or "",
            step.waktu or "",
            step.output or "",
            step.keterangan or "",
        )
        for step in sop.steps
    ]


def _row_height(texts: tuple[str, ...], columns: tuple[float, ...]) -> float:
    widths = (columns[0], columns[1], *columns[-4:])
    lines = max(
        len(wrap(text, width - 12, PRINT_FONT)) for text, width in zip(texts, widths, strict=True)
    )
    return max(ROW_MIN, lines * PRINT_LINE + CELL_PADDING)


def _header_height(flow: TableFlow) -> float:
    """The repeated table header: the group row, the lane names wrapped, the column numbers."""
    names = max((len(wrap(lane, 115 - 12, PRINT_FONT)) for lane in flow.lanes), default=1)
    mutu = len(wrap("Persyaratan/ Kelengkapan", TEXT_COLUMNS["kelengkapan"] - 12, PRINT_FONT))
    return 3 * CELL_PADDING + (1 + max(names, mutu) + 1) * PRINT_LINE


def _fixed(rows: int, per_page: int) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(range(i, min(rows, i + per_page))) for i in range(0, rows, per_page))


def _fit(heights: tuple[float, ...], capacity: float) -> tuple[tuple[int, ...], ...]:
    """Rows to pages in order, each page as full as it can be with room for its connectors;
    a row taller than a page still gets a page of its own."""
    pages: list[list[int]] = [[]]
    used = HEADING + CONNECTOR_ROW
    for row, height in enumerate(heights):
        if pages[-1] and used + height > capacity:
            pages.append([])
            used = 2 * CONNECTOR_ROW
        pages[-1].append(row)
        used += height
    return tuple(tuple(page) for page in pages)


def _crossings(flow: TableFlow, after: int) -> list[tuple[float, int, bool]]:
    """Every arrow line that runs from row ``after`` into the next: its x, its arrow, and
    whether it runs down."""
    found = []
    for arrow in flow.arrows:
        for a, b in pairwise(arrow.spots):
            if a.x == b.x and min(a.row, b.row) <= after < max(a.row, b.row):
                found.append((a.x, arrow.index, b.row > a.row))
    return sorted(found)


def _slots(xs: list[float], width: float) -> list[float]:
    """Pentagon centres as near each line as they fit side by side, in the same order."""
    low, high = PENTAGON[0] / 2 + 2, width - PENTAGON[0] / 2 - 2
    slots: list[float] = []
    for x in xs:
        slots.append(max(x, low, slots[-1] + _SLOT if slots else low))
    for index in range(len(slots) - 1, -1, -1):
        limit = high if index == len(slots) - 1 else slots[index + 1] - _SLOT
        slots[index] = min(slots[index], limit)
    return slots


def _levels(xs: list[float], slots: list[float]) -> list[float]:
    """Heights (from the top of the page-end row) where each line turns towards its slot:
    of lines moving the same way, the one further along turns first, so none crosses."""
    levels = [0.0] * len(xs)
    right = [i for i in range(len(xs)) if slots[i] > xs[i]]
    left = [i for i in range(len(xs)) if slots[i] < xs[i]]
    top, room = 5.0, CONNECTOR_ROW - PENTAGON[1] - 10.0
    for group in (sorted(right, reverse=True), sorted(left)):
        step = room / max(1, len(group))
        for rank, index in enumerate(group):
            levels[index] = top + rank * step
    return levels


def _break(flow: TableFlow, after: int) -> PageBreak:
    crossings = _crossings(flow, after)
    xs = [x for x, _, _ in crossings]
    slots = _slots(xs, flow.width)
    levels = _levels(xs, slots)
    pentagon_top = CONNECTOR_ROW - PENTAGON[1] - 2
    end_pieces, start_pieces, end_heads, start_heads = [], [], [], []
    end, start = [], []
    for (x, edge, down), slot, level in zip(crossings, slots, levels, strict=True):
        # The page's last row: down to the turn, across to the slot, down to the pentagon.
        end_pieces.extend(_path(edge, (x, 0.0), (slot, pentagon_top), level))
        # The next page's first row, mirrored: from the pentagon down to the next row.
        mirror = CONNECTOR_ROW - level
        start_pieces.extend(
            _path(edge, (slot, PENTAGON[1] + 2), (x, CONNECTOR_ROW), mirror, to_edge=True)
        )
        if down:
            end_heads.append(Head(edge=edge, x=slot, level=_top(pentagon_top), direction="down"))
        else:
            start_heads.append(Head(edge=edge, x=slot, level=_top(PENTAGON[1] + 2), direction="up"))
        corner = slot - PENTAGON[0] / 2
        end.append(Connector(letter="", edge=edge, x=corner, y=pentagon_top))
        start.append(Connector(letter="", edge=edge, x=corner, y=2.0))
    return PageBreak(
        after=after,
        end=ConnectorRow(
            kind="akhir", connectors=tuple(end), pieces=tuple(end_pieces), heads=tuple(end_heads)
        ),
        start=ConnectorRow(
            kind="awal",
            connectors=tuple(start),
            pieces=tuple(start_pieces),
            heads=tuple(start_heads),
        ),
    )


def _top(offset: float) -> Level:
    return Level("top", offset)


def _path(
    edge: int,
    start: tuple[float, float],
    end: tuple[float, float],
    turn: float,
    *,
    to_edge: bool = False,
) -> list[Piece]:
    """A line from ``start`` (x1, y1) down to ``turn``, across to x2, down to ``end`` (x2, y2);
    the bottom end is the row's edge when ``to_edge``."""
    (x1, y1), (x2, y2) = start, end
    bottom = Level("bottom") if to_edge else _top(y2)
    if x1 == x2:
        return [Piece(edge=edge, x1=x1, x2=x1, top=_top(y1), bottom=bottom)]
    return [
        Piece(edge=edge, x1=x1, x2=x1, top=_top(y1), bottom=_top(turn)),
        Piece(edge=edge, x1=min(x1, x2), x2=max(x1, x2), top=_top(turn), bottom=_top(turn)),
        Piece(edge=edge, x1=x2, x2=x2, top=_top(turn), bottom=bottom),
    ]


def _letter(breaks: tuple[PageBreak, ...]) -> tuple[PageBreak, ...]:
    """Letters A, B, C... across the whole procedure, the same for both ends of a pair."""
    lettered = []
    count = 0
    for page_break in breaks:
        names = []
        for _ in page_break.end.connectors:
            names.append(_LETTERS[count % 26] + (str(count // 26) if count >= 26 else ""))
            count += 1
        lettered.append(
            PageBreak(
                after=page_break.after,
                end=_named(page_break.end, names),
                start=_named(page_break.start, names),
            )
        )
    return tuple(lettered)


def _named(row: ConnectorRow, names: list[str]) -> ConnectorRow:
    return ConnectorRow(
        kind=row.kind,
        connectors=tuple(
            Connector(letter=name, edge=c.edge, x=c.x, y=c.y)
            for c, name in zip(row.connectors, names, strict=True)
        ),
        pieces=row.pieces,
        heads=row.heads,
    )
