"""The flowchart as Graphviz really draws it: geometry read back from the SVG, the cache,
and what happens without Graphviz. No mocks: every SVG here comes from ``dot``.

All diagrams are drawn in one ``render_many`` call, once per module, to keep this fast.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sopdocs.cache import Cache
from sopdocs.flowchart import (
    GraphvizMissing,
    Renderer,
    RenderError,
    export,
    flowchart_of,
    lay_out,
    to_dot,
)
from sopdocs.model import Sop
from test_flowchart_graph import BUSY, HOSTILE_LANES, HOSTILE_STEPS, LINEAR, hostile_sop, load

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


@pytest.fixture(scope="module")
def sops() -> dict[str, Sop]:
    return {
        "busy": load(BUSY, nama="Penerbitan Akta"),
        "linear": load(LINEAR),
        "hostile": hostile_sop(),
        "long": long_sop(),
    }


LONG_TEXT = " ".join(['Memeriksa "berkas" & lampiran \\ */'] * 600)
"""One kegiatan of 21,000 characters: longer than a line Graphviz 2.43 reads."""


def long_sop() -> Sop:
    """150 steps (the most an SOP may have), every fifth a decision looping back, and one
    very long kegiatan."""
    steps = []
    for number in range(1, 151):
        kegiatan = LONG_TEXT if number == 7 else f"Langkah {number} dengan teks yang panjang"
        step = f"  - kegiatan: {json.dumps(kegiatan)}\n    pelaksana: {'AB'[number % 2]}\n"
        if number % 5 == 0 and number < 150:
            step += f"    keputusan: {{tidak: {number - 3}}}\n"
        steps.append(step)
    return load("pelaksana: [A, B]\nprosedur:\n" + "".join(steps))


@pytest.fixture(scope="module")
def svgs(sops: dict[str, Sop]) -> dict[str, str]:
    sources = {name: to_dot(flowchart_of(sop)) for name, sop in sops.items()}
    rendered = Renderer().render_many(sources.values())
    return {name: rendered[source] for name, source in sources.items()}


def parse(svg: str | bytes) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8") if isinstance(svg, str) else svg)


def groups(root: ET.Element, css_class: str) -> dict[str, ET.Element]:
    """Graphviz node and edge groups with ``css_class``, by id."""
    return {
        group.get("id", ""): group
        for group in root.iter(f"{SVG}g")
        if css_class in group.get("class", "").split()
    }


def points(group: ET.Element) -> list[tuple[float, float]]:
    """The outline of a node: its polygon's points, or its path's (rounded boxes)."""
    shape = group.find(f".//{SVG}polygon")
    if shape is not None:
        raw = shape.get("points", "")
    else:
        raw = re.sub("[MC]", " ", group.find(f".//{SVG}path").get("d", ""))
    numbers = [float(n) for n in re.split(r"[ ,]+", raw.strip())]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def centre(group: ET.Element) -> tuple[float, float]:
    xs, ys = zip(*points(group), strict=True)
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def x_range(group: ET.Element) -> tuple[float, float]:
    xs = [x for x, _ in points(group)]
    return min(xs), max(xs)


def test_every_symbol_sits_in_the_columns_of_its_lanes(svgs, sops):
    root = parse(svgs["busy"])
    headers = groups(root, "sop-lane-header")
    steps = groups(root, "sop-step")
    for node in flowchart_of(sops["busy"]).nodes:
        first, last = node.lane_span
        left = x_range(headers[f"pelaksana-{first + 1}"])[0]
        right = x_range(headers[f"pelaksana-{last + 1}"])[1]
        x, _ = centre(steps[f"s{node.step}"])
        assert left < x < right, node.step
        if first == last:
            assert abs(x - sum(x_range(headers[f"pelaksana-{first + 1}"])) / 2) < 0.5


def test_rows_go_down_in_step_order(svgs):
    steps = groups(parse(svgs["busy"]), "sop-step")
    ys = [centre(steps[f"s{n}"])[1] for n in range(1, len(steps) + 1)]
    assert ys == sorted(ys)
    assert len(set(ys)) == len(ys)


def test_lane_headers_sit_above_every_symbol(svgs):
    root = parse(svgs["busy"])
    header_bottom = max(y for h in groups(root, "sop-lane-header").values() for _, y in points(h))
    assert all(
        min(y for _, y in points(step)) > header_bottom
        for step in groups(root, "sop-step").values()
    )


def test_decisions_are_diamonds_with_a_ya_and_a_tidak_branch(svgs):
    root = parse(svgs["busy"])
    decisions = groups(root, "sop-decision")
    assert sorted(decisions) == ["s2", "s5", "s7", "s9"]
    edges = groups(root, "sop-edge")
    for name, group in decisions.items():
        assert len(set(points(group))) == 4
        out = [edge for edge_id, edge in edges.items() if edge_id.startswith(f"{name}-")]
        labels = sorted("".join(edge.find(f"{SVG}text").itertext()) for edge in out)
        assert labels == ["Tidak", "Ya"]


def test_first_step_is_the_start_terminator_and_ending_steps_end_terminators(svgs):
    root = parse(svgs["busy"])
    assert list(groups(root, "sop-start")) == ["s1"]
    assert sorted(groups(root, "sop-end")) == ["s10", "s11"]
    assert groups(root, "sop-start")["s1"].find(f".//{SVG}path") is not None  # rounded


def test_hostile_text_adds_no_node_and_no_link(svgs):
    root = parse(svgs["hostile"])
    nodes = groups(root, "node")
    assert sorted(groups(root, "sop-step")) == ["s1", "s2", "s3"]
    assert len(nodes) == 3 + 2 * 3  # steps, and a column and a header per lane
    assert [e for e in root.iter() if f"{XLINK}href" in e.attrib or "href" in e.attrib] == []


def test_the_picture_links_nowhere(svgs):
    """It is a file of its own: a link to a row of the page it came from would lead nowhere."""
    for svg in svgs.values():
        assert "href" not in svg


def test_hostile_text_is_shown_exactly_as_written(svgs):
    root = parse(svgs["hostile"])
    steps = groups(root, "sop-step")
    for number, kegiatan in enumerate(HOSTILE_STEPS, start=1):
        assert steps[f"s{number}"].find(f"{SVG}title").text == f"{number}. {kegiatan}"
    headers = groups(root, "sop-lane-header")
    for number, lane in enumerate(HOSTILE_LANES, start=1):
        header = headers[f"pelaksana-{number}"]
        assert header.find(f"{SVG}title").text == lane
        assert " ".join(text.text for text in header.iter(f"{SVG}text")) == lane


def test_svg_is_a_standalone_picture_at_its_printed_size(svgs):
    svg = svgs["busy"]
    root = parse(svg)
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    assert "<!--" not in svg and "<!DOCTYPE" not in svg
    layout = lay_out(flowchart_of(load(BUSY)))
    for side, drawn in (("width", layout.width), ("height", layout.height)):
        size = root.get(side, "")
        assert size.endswith("pt"), side  # points: placed at its size in a document
        assert drawn <= float(size.removesuffix("pt")) <= drawn + 20, side
    assert root.get("viewBox")


def test_the_picture_has_a_white_background_for_dark_viewers(svgs):
    background = parse(svgs["busy"]).find(f"{SVG}g/{SVG}polygon")
    assert background.get("fill") == "white"


def test_svg_is_one_image_with_a_title_and_a_text_alternative(svgs):
    root = parse(svgs["busy"])
    assert root.get("role") == "img"
    title, desc = (root.find(f"{SVG}{tag}") for tag in ("title", "desc"))
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Diagram alir: Penerbitan Akta"
    assert desc.text.startswith("1. Mengajukan permohonan (Pemohon) → 2. Memeriksa berkas")


def test_hostile_sop_name_is_escaped_in_the_title(svgs):
    root = parse(svgs["hostile"])
    assert root.find(f"{SVG}title").text == 'Diagram alir: Nama "SOP" */ <b>'


def test_nodes_show_their_lane_or_activity_on_hover_not_graphviz_names(svgs):
    root = parse(svgs["linear"])
    titles = [group.find(f"{SVG}title") for group in groups(root, "node").values()]
    assert {title.text for title in titles} >= {"Pemohon", "1. Mengajukan", "3. Menyerahkan"}
    assert root.find(f"{SVG}g/{SVG}title") is None  # the graph's own, "sop"


def test_a_warm_render_needs_no_graphviz(tmp_path, monkeypatch, sops):
    sources = [to_dot(flowchart_of(sop)) for sop in sops.values()]
    cold = Renderer(Cache.open(tmp_path / "cache"), jobs=2).render_many(sources)
    assert len(list((tmp_path / "cache").glob("svg/*.svg"))) == len(sources)
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot here
    warm = Renderer(Cache.open(tmp_path / "cache")).render_many(sources)
    assert warm == cold


def test_cache_entries_belong_to_one_graphviz_version(tmp_path, monkeypatch, sops):
    source = to_dot(flowchart_of(sops["linear"]))
    cache = tmp_path / "cache"
    Renderer(Cache.open(cache)).render_svg(source)
    Cache.open(cache).write("graphviz-version", b"99.0")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GraphvizMissing):
        Renderer(Cache.open(cache)).render_svg(source)


def test_progress_is_reported_up_to_the_total(sops):
    calls = []
    sources = [to_dot(flowchart_of(sop)) for sop in sops.values()]
    Renderer(jobs=3).render_many(sources, lambda done, total: calls.append(done))
    assert calls[0] == 0
    assert calls[-1] == len(sources)


def test_missing_graphviz_says_how_to_install_it(tmp_path, monkeypatch, sops):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GraphvizMissing, match="sudo apt-get install graphviz"):
        Renderer(Cache.open(tmp_path / "cache")).render_svg(to_dot(flowchart_of(sops["linear"])))


def test_a_graph_dot_rejects_is_reported_with_dots_message(sops):
    good = to_dot(flowchart_of(sops["linear"]))
    with pytest.raises(RenderError, match="syntax error"):
        Renderer(jobs=1).render_many([good, "digraph { a -> }\n", good + " "])


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF"), ("svg", b"<?xml")])
def test_export_writes_a_standalone_file(tmp_path: Path, sops, fmt, magic):
    path = tmp_path / f"diagram.{fmt}"
    export(sops["busy"], path, fmt)
    assert path.read_bytes().startswith(magic)


def test_exported_svg_is_the_rendered_picture(tmp_path: Path, sops, svgs):
    """``sopdocs graph`` and the site's download are one drawing, byte for byte."""
    path = tmp_path / "diagram.svg"
    export(sops["hostile"], path, "svg")
    assert path.read_text(encoding="utf-8") == svgs["hostile"]


def test_exported_png_is_printable_at_200_dpi(tmp_path: Path, sops):
    path = tmp_path / "diagram.png"
    export(sops["busy"], path, "png")
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG")
    width = int.from_bytes(data[16:20], "big")
    expected = lay_out(flowchart_of(sops["busy"])).width / 72 * 200
    assert expected <= width < expected * 1.1


def test_a_procedure_of_the_most_steps_allowed_is_drawn_whole(svgs):
    root = parse(svgs["long"])
    assert len(groups(root, "sop-step")) == 150
    assert len(groups(root, "sop-tidak")) == 150 // 5 - 1


def test_a_very_long_kegiatan_is_shown_exactly_as_written(svgs):
    root = parse(svgs["long"])
    assert groups(root, "sop-step")["s7"].find(f"{SVG}title").text == f"7. {LONG_TEXT}"
    desc = root.find(f"{SVG}desc").text
    assert desc.startswith("1. Langkah 1 dengan teks yang panjang (B) →")
    assert desc.endswith("150. Langkah 150 dengan teks yang panjang (A; selesai)")


def test_a_long_procedure_exports_whole(tmp_path: Path, sops):
    path = tmp_path / "diagram.svg"
    export(sops["long"], path, "svg")
    assert len(groups(parse(path.read_text(encoding="utf-8")), "sop-step")) == 150
