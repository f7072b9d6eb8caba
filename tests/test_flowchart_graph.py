"""The flowchart without Graphviz: the notation, the grid and its routes, and the DOT text.

These are the rules a civil servant checks on paper (which symbol, which lane, which row,
where each arrow goes), so they are tested on the model, where a failure names the rule.
"""

from __future__ import annotations

import json
from itertools import pairwise

import pytest
from sopdocs.cache import Cache, seal, unseal
from sopdocs.flowchart import DotMemo, flowchart_of, lay_out, read_caption, to_dot
from sopdocs.flowchart.layout import LANE_WIDTH, Box, text_width, wrap
from sopdocs.model import Sop
from sopdocs.reading.loader import load_sop_text
from support import sop_text


def load(body: str, nama: str = "Pelayanan Contoh") -> Sop:
    """An SOP from the YAML of its ``pelaksana`` and ``prosedur``, which must load cleanly."""
    sop, issues = load_sop_text(sop_text(body, nama=json.dumps(nama)))
    assert sop is not None, issues
    assert not [issue for issue in issues if issue.is_error], issues
    return sop


LINEAR = """\
pelaksana: [Pemohon, Petugas]
prosedur:
  - {kegiatan: Mengajukan, pelaksana: Pemohon}
  - {kegiatan: Memeriksa, pelaksana: Petugas}
  - {kegiatan: Menyerahkan, pelaksana: [Pemohon, Petugas]}
"""

BUSY = """\
pelaksana: [Pemohon, Petugas Loket, Operator SIAK, Kasi Pelayanan, Kepala Dinas]
prosedur:
  - {kegiatan: Mengajukan permohonan, pelaksana: Pemohon}
  - {kegiatan: Memeriksa berkas, pelaksana: Petugas Loket, keputusan: {tidak: 3, ya: 4}}
  - {kegiatan: Melengkapi berkas, pelaksana: Pemohon, lanjut: 2}
  - {kegiatan: Entri data, pelaksana: Operator SIAK}
  - {kegiatan: Verifikasi, pelaksana: Kasi Pelayanan, keputusan: {tidak: 6, ya: 7}}
  - {kegiatan: Perbaikan data, pelaksana: Operator SIAK, lanjut: 5}
  - {kegiatan: Tanda tangan, pelaksana: Kepala Dinas, keputusan: {tidak: 10}}
  - {kegiatan: Cetak, pelaksana: [Petugas Loket, Operator SIAK]}
  - {kegiatan: Serah terima, pelaksana: [Pemohon, Petugas Loket], keputusan: {ya: 11, tidak: 1}}
  - {kegiatan: Ditolak, pelaksana: Kepala Dinas, selesai: true}
  - {kegiatan: Arsip, pelaksana: Petugas Loket}
"""
"""Loops back, a jump, nested loops, decisions spanning lanes, two ending steps."""

TANGLED = """\
pelaksana: [A, B]
prosedur:
  - {kegiatan: Satu, pelaksana: A, keputusan: {ya: 3, tidak: 2}}
  - {kegiatan: Dua, pelaksana: B, keputusan: {ya: 2, tidak: 4}}
  - {kegiatan: Tiga, pelaksana: [A, B], keputusan: {ya: 1, tidak: 5}}
  - {kegiatan: Empat, pelaksana: A, selesai: true}
  - {kegiatan: Lima, pelaksana: B}
"""
"""A decision as step 1, a branch to itself, a spanning decision with no 'next' branch."""


def test_first_step_is_start_ending_steps_are_end_others_are_processes():
    chart = flowchart_of(load(BUSY))
    shapes = {node.step: node.shape for node in chart.nodes}
    assert shapes[1] == "start"
    assert shapes[10] == shapes[11] == "end"
    assert {shapes[n] for n in (3, 4, 6, 8)} == {"process"}
    assert {shapes[n] for n in (2, 5, 7, 9)} == {"decision"}


def test_a_decision_stays_a_diamond_even_as_the_first_step():
    """Its two labelled branches are the flow; a terminator would hide them."""
    assert flowchart_of(load(TANGLED)).nodes[0].shape == "decision"


def test_each_node_carries_its_step_number_row_and_lanes():
    chart = flowchart_of(load(LINEAR))
    node = chart.nodes[2]
    assert (node.step, node.row, node.label) == (3, 2, "3")
    assert node.lane_span == (0, 1)
    assert node.pelaksana == ("Pemohon", "Petugas")
    assert chart.lanes == ("Pemohon", "Petugas")


def test_decision_branches_are_labelled_and_a_missing_branch_goes_to_the_next_step():
    chart = flowchart_of(load(BUSY))
    out_of_7 = {(e.label, e.target, e.kind) for e in chart.edges if e.source == 7}
    assert out_of_7 == {("Ya", 8, "next"), ("Tidak", 10, "jump")}


def test_edge_kinds_tell_next_rows_from_loops_and_jumps():
    kinds = {(e.source, e.target): e.kind for e in flowchart_of(load(BUSY)).edges}
    assert kinds[(1, 2)] == "next"
    assert kinds[(3, 2)] == "back"
    assert kinds[(2, 4)] == "jump"
    assert kinds[(2, 3)] == "next"


def test_ending_steps_have_no_outgoing_edge():
    chart = flowchart_of(load(BUSY))
    assert not [e for e in chart.edges if e.source in (10, 11)]


def test_description_lists_every_step_in_order_with_lanes_and_branches():
    description = flowchart_of(load(BUSY)).description
    assert description.startswith("1. Mengajukan permohonan (Pemohon) → 2. Memeriksa berkas")
    assert "2. Memeriksa berkas (Petugas Loket; Ya: ke 4; Tidak: ke 3)" in description
    assert "3. Melengkapi berkas (Pemohon; lanjut ke 2)" in description
    assert description.endswith("11. Arsip (Petugas Loket; selesai)")


@pytest.mark.parametrize("body", [LINEAR, BUSY, TANGLED], ids=["linear", "busy", "tangled"])
def test_every_symbol_sits_in_its_lanes_one_row_per_step_going_down(body):
    chart = flowchart_of(load(body))
    layout = lay_out(chart)
    previous = 0.0
    for node, box in zip(chart.nodes, layout.symbols, strict=True):
        first, last = node.lane_span
        assert layout.columns[first].left <= box.left and box.right <= layout.columns[last].right
        assert box.x == (layout.columns[first].x + layout.columns[last].x) / 2
        assert box.y > previous
        previous = box.y


@pytest.mark.parametrize("body", [LINEAR, BUSY, TANGLED], ids=["linear", "busy", "tangled"])
def test_arrows_are_orthogonal_and_join_their_symbols(body):
    chart = flowchart_of(load(body))
    layout = lay_out(chart)
    boxes = {node.step: box for node, box in zip(chart.nodes, layout.symbols, strict=True)}
    for route in layout.routes:
        for a, b in pairwise(route.points):
            assert a[0] == b[0] or a[1] == b[1], route
        assert _on_border(route.points[0], boxes[route.edge.source]), route
        assert _on_border(route.points[-1], boxes[route.edge.target]), route


@pytest.mark.parametrize("body", [LINEAR, BUSY, TANGLED], ids=["linear", "busy", "tangled"])
def test_arrows_never_run_through_a_symbol(body):
    chart = flowchart_of(load(body))
    layout = lay_out(chart)
    for route in layout.routes:
        for a, b in pairwise(route.points):
            for node, box in zip(chart.nodes, layout.symbols, strict=True):
                inner = Box(x=box.x, y=box.y, width=box.width - 2, height=box.height - 2)
                assert not _segment_hits(inner, a, b), (route.edge, node.step)


@pytest.mark.parametrize(("body", "decisions"), [(BUSY, 4), (TANGLED, 3)], ids=["busy", "tangled"])
def test_no_arrow_crosses_a_branch_label(body, decisions):
    layout = lay_out(flowchart_of(load(body)))
    labels = [route.label for route in layout.routes if route.label is not None]
    assert len(labels) == 2 * decisions
    for route in layout.routes:
        for a, b in pairwise(route.points):
            assert not [label for label in labels if _segment_hits(label, a, b)], route.edge


def test_decision_branches_leave_from_different_points():
    layout = lay_out(flowchart_of(load(BUSY)))
    starts: dict[int, list] = {}
    for route in layout.routes:
        if route.edge.label is not None:
            starts.setdefault(route.edge.source, []).append(route.points[0])
    assert all(len(set(points)) == 2 for points in starts.values())


def test_the_next_row_is_reached_straight_down_when_the_lanes_allow_else_with_one_elbow():
    routes = lay_out(flowchart_of(load(LINEAR))).routes
    assert [len(route.points) for route in routes] == [4, 2]


def test_lane_names_wrap_to_fit_their_column():
    name = "Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Padang Pariaman"
    lines = wrap(name, LANE_WIDTH - 16)
    assert " ".join(lines) == name
    assert len(lines) > 1
    assert all(text_width(line, 10) <= LANE_WIDTH - 16 for line in lines)


def test_a_word_wider_than_a_column_is_cut():
    assert "".join(wrap("X" * 60, 100)) == "X" * 60


def test_dot_is_identical_for_identical_sops():
    assert to_dot(flowchart_of(load(BUSY))) == to_dot(flowchart_of(load(BUSY)))


HOSTILE_LANES = ['Petugas "Loket"', '"]; x [URL="http://evil"]', "<b>bold</b> {} \\N \\"]
HOSTILE_STEPS = [
    'Terima "berkas"]; s9 [URL="http://evil"]',
    "<b>bold</b> {x} \\N \\l &lt; */ -->",
    "baris\nbaru \\",
]


def hostile_sop() -> Sop:
    steps = "".join(
        f"  - {{kegiatan: {json.dumps(kegiatan)}, pelaksana: {json.dumps(lane)}}}\n"
        for kegiatan, lane in zip(HOSTILE_STEPS, HOSTILE_LANES, strict=True)
    )
    body = f"pelaksana: {json.dumps(HOSTILE_LANES)}\nprosedur:\n{steps}"
    return load(body, nama='Nama "SOP" */ <b>')


def test_author_text_stays_inside_quoted_strings():
    """Outside quotes the DOT holds only our syntax: no author text can add to it."""
    source = to_dot(flowchart_of(hostile_sop()))
    outside = "".join(_unquoted(source.partition("\n")[2]))
    for fragment in ("evil", "bold", "{x}", "Loket", "berkas", "baris"):
        assert fragment not in outside
    assert outside.count("URL=") == outside.count("href=") == 0  # no link, even of ours
    assert outside.count(" -> ") == 2
    assert outside.count("label=") == 3 + 2 * 3  # steps' numbers; lanes' columns and headers


def test_backslashes_cannot_become_graphviz_escapes():
    """Graphviz unescapes a label once and a tooltip twice (see the render tests)."""
    source = to_dot(flowchart_of(hostile_sop()))
    assert r'label="<b>bold</b> {} \\N \\"' in source
    assert r'tooltip="2. <b>bold</b> {x} \\\\N \\\\l &amp;lt; */ -->"' in source
    assert r'tooltip="3. baris\nbaru \\\\"' in source


def test_the_caption_for_the_svg_survives_any_name():
    sop = hostile_sop()
    title, desc = read_caption(to_dot(flowchart_of(sop)))
    assert title == 'Diagram alir: Nama "SOP" */ <b>'
    assert desc.startswith('1. Terima "berkas"]; s9 [URL="http://evil"] (Petugas "Loket")')


def _on_border(point: tuple[float, float], box: Box) -> bool:
    x, y = point
    on_x = abs(x - box.left) < 0.01 or abs(x - box.right) < 0.01
    on_y = abs(y - box.top) < 0.01 or abs(y - box.bottom) < 0.01
    inside = box.left - 0.01 <= x <= box.right + 0.01 and box.top - 0.01 <= y <= box.bottom + 0.01
    return inside and (on_x or on_y)


def _segment_hits(box: Box, a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether an orthogonal segment enters the inside of ``box``."""
    (x1, x2), (y1, y2) = sorted((a[0], b[0])), sorted((a[1], b[1]))
    return x1 < box.right and box.left < x2 and y1 < box.bottom and box.top < y2


def _unquoted(source: str):
    """The characters of ``source`` outside DOT quoted strings."""
    quoted = escaped = False
    for char in source:
        if quoted:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        else:
            yield char


def test_a_dot_memo_reuses_what_an_earlier_build_laid_out(tmp_path):
    chart = flowchart_of(load(LINEAR))
    first = DotMemo(Cache.open(tmp_path))
    assert first.to_dot(chart) == to_dot(chart)
    first.save()
    # An earlier build's answer is taken as it is: prove it by planting a marker in the memo.
    header, *entries = (tmp_path / "dot.jsonl").read_bytes().split(b"\n")
    planted = [seal(unseal(e).split(b" ")[0] + b' "digraph dari-memo {}"') for e in entries]
    (tmp_path / "dot.jsonl").write_bytes(b"\n".join([header, *planted]))
    assert DotMemo(Cache.open(tmp_path)).to_dot(chart) == "digraph dari-memo {}"
    assert DotMemo(Cache.open(tmp_path)).to_dot(flowchart_of(load(BUSY))) != "digraph dari-memo {}"
