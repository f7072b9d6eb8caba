"""Each SOP's flowchart as a Graphviz picture, written into a built site beside its page.

The page draws the flow through its procedure table; a person who needs the flow as one
image (a slide, a memo, a Word document) downloads this file from the page's "Unduh diagram
alir" link. It is drawn from the same layout as the table, by the same code as ``sopdocs
graph``, through the caches the flowchart package keeps: the DOT memo (no layout for an
unchanged SOP) and the SVG cache (no Graphviz for an unchanged drawing). Graphviz costs
time on a cold build, so a site asks for the pictures (plugin option ``diagram``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sopdocs.cache import write_atomically
from sopdocs.flowchart import DotMemo, Renderer, flowchart_of
from sopdocs.urls import sop_diagram

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

    from sopdocs.cache import Cache
    from sopdocs.model import Sop


def write_site_diagrams(
    sops: Iterable[Sop],
    site_dir: Path,
    cache: Cache,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Every SOP's picture at :func:`sopdocs.urls.sop_diagram` under ``site_dir``; returns
    how many Graphviz drew (none when every drawing was cached).

    Raises :class:`~sopdocs.flowchart.GraphvizMissing` when a drawing is not cached and
    Graphviz is not installed, :class:`~sopdocs.flowchart.RenderError` when it fails.
    """
    memo = DotMemo(cache)
    sources = {sop.id: memo.to_dot(flowchart_of(sop)) for sop in sops}
    memo.save()
    renderer = Renderer(cache)
    pictures = renderer.render_many(sources.values(), progress)
    for sop_id, source in sources.items():
        write_atomically(site_dir / sop_diagram(sop_id), pictures[source].encode("utf-8"))
    return renderer.drawn
