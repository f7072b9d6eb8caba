"""SOP AP flowcharts: lanes as columns, one row per step, drawn by Graphviz.

``flowchart_of`` decides the notation, ``lay_out`` places it on the grid, ``to_dot`` writes
it for Graphviz, and ``Renderer`` turns DOT into cached, inline-ready SVG.
"""

from __future__ import annotations

from sopdocs.flowchart.dot import read_caption, to_dot
from sopdocs.flowchart.draw import (
    GraphvizMissing,
    Renderer,
    RenderError,
    accessible_svg,
    clean_svg,
    export,
)
from sopdocs.flowchart.graph import Edge, Flowchart, Node, flowchart_of
from sopdocs.flowchart.layout import Layout, lay_out
from sopdocs.flowchart.memo import DotMemo

__all__ = [
    "DotMemo",
    "Edge",
    "Flowchart",
    "GraphvizMissing",
    "Layout",
    "Node",
    "RenderError",
    "Renderer",
    "accessible_svg",
    "clean_svg",
    "export",
    "flowchart_of",
    "lay_out",
    "read_caption",
    "to_dot",
]
