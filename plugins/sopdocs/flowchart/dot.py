"""The DOT text of a flowchart: the only place that writes Graphviz syntax.

Positions come from :mod:`sopdocs.flowchart.layout`; Graphviz only draws them, so the graph
asks for ``neato`` and must be run with ``-n2`` (keep positions and edge routes as given),
as :mod:`sopdocs.flowchart.draw` does. Author text (lane names, kegiatan) reaches the DOT
only through :func:`_quote`, as the text of a quoted string: it can never add a node, an
edge or an attribute. The picture carries no links: it is a file of its own (``sopdocs
graph``, the site's "Unduh diagram alir"), away from the page whose rows it numbers.
"""

from __future__ import annotations

import json
from itertools import pairwise
from typing import TYPE_CHECKING

from sopdocs.flowchart.layout import ARROW_LENGTH, HEADER_FONT_SIZE, LABEL_FONT_SIZE, lay_out

if TYPE_CHECKING:
    from sopdocs.flowchart.graph import Flowchart, Node
    from sopdocs.flowchart.layout import Box, Layout, Point, Route

_CAPTION = "/* sopdocs "
_CHUNK = 1000
"""Characters of author text per DOT line at most: Graphviz 2.43 silently draws nothing
when one line of its input is longer than 16,384 bytes, whatever the step count."""
_CONTROLS = {code: " " for code in range(32) if code != ord("\n")}
FONT = "Helvetica,Arial,sans-serif"
INK = "#1f2328"
LANE_FILLS = ("#f7f9fc", "#edf1f6")
LANE_BORDER = "#c3ccd8"
HEADER_FILL = "#dde4ee"
SHAPES = {
    "start": ('shape=box style="rounded,filled"', "#dcefd8"),
    "end": ('shape=box style="rounded,filled"', "#f5dcdc"),
    "process": ("shape=box style=filled", "#ffffff"),
    "decision": ("shape=diamond style=filled", "#fbf1cf"),
}
"""Graphviz shape and colour of each SOP AP symbol."""


def to_dot(flowchart: Flowchart, layout: Layout | None = None) -> str:
    """DOT for ``flowchart``, byte-identical for identical flowcharts."""
    layout = layout or lay_out(flowchart)
    flip = layout.height
    caption = {"title": flowchart.accessible_title, "desc": flowchart.description}
    # JSON with "/" escaped cannot close the comment; Graphviz skips it, the renderer reads
    # it back (read_caption) to give the SVG its title and text alternative.
    caption_json = json.dumps(caption, ensure_ascii=False).replace("/", "\\/")
    # One chunk a line (read_caption joins them back): a long description stays short.
    caption_lines = "\n".join(_chunks(caption_json))
    lines = [
        f"{_CAPTION}{caption_lines} */",
        "digraph sop {",
        # inputscale: positions are points, also for a plain ``dot`` run without -n2.
        f"graph [layout=neato inputscale=72 outputorder=nodesfirst bgcolor=white pad=0.08 "
        f"fontname={_quote(FONT)}]",
        f"node [fixedsize=true fontname={_quote(FONT)} fontsize=11 color={_quote(INK)} "
        f"fontcolor={_quote(INK)} penwidth=1.2]",
        f"edge [arrowsize=0.7 penwidth=1.1 color={_quote(INK)} fontname={_quote(FONT)} "
        f"fontsize={LABEL_FONT_SIZE:g} fontcolor={_quote(INK)}]",
    ]
    for index, lane in enumerate(flowchart.lanes):
        number = index + 1
        column, header = layout.columns[index], layout.headers[index]
        alternate = " sop-lane-alt" if index % 2 else ""
        header_text = "\n".join(layout.header_lines[index])
        lines.append(
            f"{_quote(f'kolom-{number}')} [id={_quote(f'kolom-{number}')} "
            f'class="sop-lane{alternate}" shape=box style=filled label="" '
            f"fillcolor={_quote(LANE_FILLS[index % 2])} color={_quote(LANE_BORDER)} "
            f"penwidth=0.75 tooltip={_quote(lane, tooltip=True)} {_geometry(column, flip)}]"
        )
        lines.append(
            f"{_quote(f'pelaksana-{number}')} [id={_quote(f'pelaksana-{number}')} "
            f'class="sop-lane-header" shape=box style=filled '
            f"fillcolor={_quote(HEADER_FILL)} color={_quote(LANE_BORDER)} penwidth=0.75 "
            f"fontsize={HEADER_FONT_SIZE:g} label={_quote(header_text)} "
            f"tooltip={_quote(lane, tooltip=True)} {_geometry(header, flip)}]"
        )
    for node, box in zip(flowchart.nodes, layout.symbols, strict=True):
        lines.append(_node(node, box, flip))
    lines.extend(_edge(route, flip) for route in layout.routes)
    lines.append("}")
    return "\n".join(lines) + "\n"


def read_caption(dot_source: str) -> tuple[str, str] | None:
    """The title and text alternative :func:`to_dot` wrote for the SVG, if it wrote them."""
    if not dot_source.startswith(_CAPTION):
        return None
    end = dot_source.find(" */\n")
    if end < 0:
        return None
    caption = json.loads(dot_source[len(_CAPTION) : end].replace("\n", ""))
    return caption["title"], caption["desc"]


def _node(node: Node, box: Box, flip: float) -> str:
    shape, fill = SHAPES[node.shape]
    name = f"s{node.step}"
    return (
        f'{name} [id={name} class="sop-step sop-{node.shape}" {shape} fillcolor={_quote(fill)} '
        f"label={_quote(node.label)} "
        f"tooltip={_quote(f'{node.step}. {node.kegiatan}', tooltip=True)} "
        f"{_geometry(box, flip)}]"
    )


def _edge(route: Route, flip: float) -> str:
    edge, label = route.edge, route.label
    *path, tip = route.points
    previous = path[-1]
    # Graphviz draws the arrowhead from the spline's end to the tip: stop the line short.
    length = max(abs(tip[0] - previous[0]), abs(tip[1] - previous[1])) or 1.0
    base = (
        tip[0] - (tip[0] - previous[0]) * ARROW_LENGTH / length,
        tip[1] - (tip[1] - previous[1]) * ARROW_LENGTH / length,
    )
    path.append(base)
    controls = [path[0]]
    for start, end in pairwise(path):
        controls += [start, end, end]
    pos = f"e,{_point(tip, flip)} " + " ".join(_point(p, flip) for p in controls)
    classes = f"sop-edge sop-{edge.kind}"
    tooltip = f"{edge.source} → {edge.target}"
    labelling = ""
    if edge.label is not None and label is not None:
        classes += f" sop-{edge.label.lower()}"
        tooltip += f": {edge.label}"
        labelling = f" label={_quote(edge.label)} lp={_quote(_point((label.x, label.y), flip))}"
    name = f"s{edge.source}-s{edge.target}"
    attributes = f'id={_quote(name)} class="{classes}" pos={_quote(pos)}{labelling}'
    return (
        f"s{edge.source} -> s{edge.target} [{attributes} tooltip={_quote(tooltip, tooltip=True)}]"
    )


def _geometry(box: Box, flip: float) -> str:
    return (
        f"width={box.width / 72:.4f} height={box.height / 72:.4f} "
        f"pos={_quote(_point((box.x, box.y), flip) + '!')}"
    )


def _point(point: Point, flip: float) -> str:
    return f"{point[0]:.2f},{flip - point[1]:.2f}"


def _quote(text: str, *, tooltip: bool = False) -> str:
    """``text`` as a DOT quoted string that Graphviz shows exactly as written.

    Quotes are escaped, line breaks become Graphviz's ``\\n``, other control characters
    (invalid in SVG) become spaces, and ``&`` is written ``&amp;`` because Graphviz passes
    entity references such as ``&lt;`` through. Backslashes are escaped so that ``\\N`` or
    ``\\l`` are not expanded: doubled in a label, quadrupled in a ``tooltip``, which Graphviz
    (2.43) unescapes twice.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_CONTROLS)
    backslash = "\\\\\\\\" if tooltip else "\\\\"
    pieces = (
        piece.replace("&", "&amp;")
        .replace("\\", backslash)
        .replace('"', '\\"')
        .replace("\n", "\\n")
        for piece in _chunks(text)
    )
    # A backslash before a line break continues a quoted string: long text, short lines.
    return '"' + "\\\n".join(pieces) + '"'


def _chunks(text: str) -> list[str]:
    """``text`` cut every :data:`_CHUNK` characters (one piece at least)."""
    return [text[i : i + _CHUNK] for i in range(0, len(text), _CHUNK)] or [""]
