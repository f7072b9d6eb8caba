"""The procedure table on A4 sheets: which steps go on which page, and the connector pairs.

Pages are decided before the browser prints, from estimated row heights, so that every
arrow crossing a page can end in a lettered pentagon and resume from the same letter. These
tests hold the rules a reader of the printed form relies on, without a browser: every step
on exactly one page in order, the author's ``langkah_per_halaman`` obeyed, one connector
per crossing arrow with the same letter on both sides, and connector rows drawn cleanly.
"""

from __future__ import annotations

from itertools import combinations, pairwise
from pathlib import Path

import pytest
from sopdocs.flowchart import flowchart_of
from sopdocs.flowchart.paging import (
    CONNECTOR_ROW,
    PENTAGON,
    SHEET_HEIGHT,
    ConnectorRow,
    Sheet,
    sheet,
)
from sopdocs.flowchart.table import TableFlow, table_flow
from sopdocs.model import Sop
from sopdocs.reading.loader import load_catalogue
from support import REPO, SOP, UNIT, write_files
from test_flowchart_graph import load
from test_flowchart_table import _bench_catalogue, _catalogue

LONG = """\
pelaksana: [Pemohon, Petugas, Kepala Seksi]
prosedur:
  - {kegiatan: Mengajukan permohonan, pelaksana: Pemohon}
  - {kegiatan: Memeriksa berkas, pelaksana: Petugas, keputusan: {tidak: 1}}
  - {kegiatan: Mencatat, pelaksana: Petugas}
  - {kegiatan: Menilai, pelaksana: Kepala Seksi, keputusan: {tidak: 2}}
  - {kegiatan: Menandatangani, pelaksana: Kepala Seksi}
  - {kegiatan: Mengarsipkan, pelaksana: Petugas}
  - {kegiatan: Menyerahkan, pelaksana: [Pemohon, Petugas]}
"""


def _sheet(body: str, per_page: int | None = None) -> tuple[Sop, TableFlow, Sheet]:
    sop = load(body)
    flow = table_flow(flowchart_of(sop))
    return sop, flow, sheet(sop, flow, per_page)


def test_every_step_is_on_exactly_one_page_in_order():
    _, _, paged = _sheet(LONG, per_page=3)
    assert paged.pages == ((0, 1, 2), (3, 4, 5), (6,))
    assert [b.after for b in paged.breaks] == [2, 5]


def test_a_short_procedure_fits_one_page_without_connectors():
    _, _, paged = _sheet(LONG)
    assert paged.pages == (tuple(range(7)),)
    assert paged.breaks == ()


def test_long_texts_make_taller_rows_and_more_pages():
    wordy = LONG.replace("Mencatat", " ".join(["Mencatat berkas permohonan"] * 40))
    _, _, short = _sheet(LONG)
    _, _, long = _sheet(wordy)
    assert long.heights[2] > 6 * short.heights[2]
    assert len(long.pages) > len(short.pages)


def test_no_page_holds_more_estimated_height_than_a_sheet():
    wordy = LONG.replace("Mencatat", " ".join(["Mencatat berkas permohonan"] * 12))
    _, _, paged = _sheet(wordy)
    for page in paged.pages:
        if len(page) > 1:
            assert sum(paged.heights[row] for row in page) * paged.zoom < SHEET_HEIGHT


def test_each_arrow_across_a_page_gets_one_letter_at_both_ends():
    _, flow, paged = _sheet(LONG, per_page=3)
    first, second = paged.breaks
    # After step 3: the arrow 3→4 runs down; the loop 4→2 runs up.
    ends = {flow.arrows[c.edge].key: c.letter for c in first.end.connectors}
    assert ends == {"3-4": "A", "4-2": "B"} or ends == {"3-4": "B", "4-2": "A"}
    assert [c.letter for c in second.end.connectors] == ["C"]
    for page_break in paged.breaks:
        end, start = page_break.end.connectors, page_break.start.connectors
        assert [(c.letter, c.edge, c.x) for c in end] == [(c.letter, c.edge, c.x) for c in start]


def test_an_arrow_running_down_points_into_the_connector_and_one_running_up_out_of_it():
    _, flow, paged = _sheet(LONG, per_page=3)
    first = paged.breaks[0]
    down = {flow.arrows[h.edge].key: h.direction for h in first.end.heads}
    up = {flow.arrows[h.edge].key: h.direction for h in first.start.heads}
    assert down == {"3-4": "down"}
    assert up == {"4-2": "up"}


def test_the_letters_run_on_past_z():
    body = "pelaksana: [A, B]\nprosedur:\n" + "".join(
        f"  - {{kegiatan: Langkah {n}, pelaksana: {'A' if n % 2 else 'B'}}}\n" for n in range(30)
    )
    _, _, paged = _sheet(body, per_page=1)
    letters = [c.letter for b in paged.breaks for c in b.end.connectors]
    assert letters[:3] == ["A", "B", "C"]
    assert letters[25:28] == ["Z", "A1", "B1"]
    assert len(set(letters)) == len(letters)


# --- the connector rows as geometry ---------------------------------------------------------


def connector_problems(flow: TableFlow, row: ConnectorRow) -> list[str]:
    """Crossings, overlaps and loose ends in one connector row, in words."""
    found = []

    def segment(piece):
        return (
            (piece.x1, piece.top.at(CONNECTOR_ROW)),
            (piece.x2, piece.bottom.at(CONNECTOR_ROW)),
        )

    for one, other in combinations(row.pieces, 2):
        if one.edge == other.edge:
            continue
        (a, b), (c, d) = segment(one), segment(other)
        if _meet(a, b, c, d):
            found.append(f"arrows {one.edge} and {other.edge} meet")
    for one, other in combinations(row.connectors, 2):
        if abs(one.x - other.x) < PENTAGON[0]:
            found.append(f"connectors {one.letter} and {other.letter} overlap")
    for c in row.connectors:
        if c.x < 0 or c.x + PENTAGON[0] > flow.width:
            found.append(f"connector {c.letter} outside the lanes")
        touching = [p for p in row.pieces if p.edge == c.edge and c.x < p.x1 < c.x + PENTAGON[0]]
        ends = {round(y, 3) for p in touching for _, y in segment(p)}
        pentagon = {round(c.y, 3), round(c.y + PENTAGON[1], 3)}
        if not ends & pentagon:
            found.append(f"connector {c.letter} not joined to its arrow")
    return found


def _meet(a, b, c, d) -> bool:
    """Whether two axis-parallel segments share any point."""
    return (
        min(a[0], b[0]) <= max(c[0], d[0])
        and min(c[0], d[0]) <= max(a[0], b[0])
        and min(a[1], b[1]) <= max(c[1], d[1])
        and min(c[1], d[1]) <= max(a[1], b[1])
    )


def test_connector_rows_of_every_example_sop_are_clean_at_two_steps_a_page():
    for sop in _catalogue(REPO / "sops"):
        flow = table_flow(flowchart_of(sop))
        for page_break in sheet(sop, flow, per_page=2).breaks:
            for row in (page_break.end, page_break.start):
                assert connector_problems(flow, row) == [], (sop.id, page_break.after)


def test_connector_rows_of_a_benchmark_catalogue_are_clean_at_three_steps_a_page(tmp_path):
    for sop in _bench_catalogue(tmp_path, 60):
        flow = table_flow(flowchart_of(sop))
        for page_break in sheet(sop, flow, per_page=3).breaks:
            for row in (page_break.end, page_break.start):
                assert connector_problems(flow, row) == [], (sop.id, page_break.after)


def test_crowded_crossings_get_side_by_side_connectors():
    _, _, paged = _sheet(LONG, per_page=3)
    xs = sorted(c.x for c in paged.breaks[0].end.connectors)
    assert all(b - a >= PENTAGON[0] for a, b in pairwise(xs))


# --- the author's override ------------------------------------------------------------------


@pytest.mark.parametrize("where", ["sop", "unit"])
def test_langkah_per_halaman_is_read_from_the_sop_or_its_unit(tmp_path: Path, where: str):
    unit, sop = UNIT, SOP
    if where == "sop":
        sop = "langkah_per_halaman: 2\n" + sop
    else:
        unit = unit + "langkah_per_halaman: 2\n"
    root = write_files(tmp_path, {"sops/dinas/_unit.yaml": unit, "sops/dinas/a.yaml": sop})
    result = load_catalogue(root / "sops")
    assert [issue for issue in result.issues if issue.is_error] == []
    (loaded,) = result.catalogue.sops
    assert loaded.langkah_per_halaman == 2
    flow = table_flow(flowchart_of(loaded))
    assert sheet(loaded, flow, loaded.langkah_per_halaman).pages == ((0, 1), (2,))
