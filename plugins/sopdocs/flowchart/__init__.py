"""SOP AP flowcharts: lanes as columns, one row per step, through the procedure table.

``flowchart_of`` decides the notation and ``lay_out`` places it on the grid; ``table`` and
``paging`` draw that layout in the procedure table's rows and pages. For a picture of its
own, ``to_dot`` writes the same layout for Graphviz and ``Renderer`` turns DOT into cached,
standalone SVG (``export``: SVG, PNG or PDF).
"""

from __future__ import annotations

from sopdocs.flowchart.dot import read_caption, to_dot
from sopdocs.flowchart.draw import (
    GraphvizMissing,
    Renderer,
    RenderError,
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
    "export",
    "flowchart_of",
    "lay_out",
    "read_caption",
    "to_dot",
]
