"""Turning DOT into pictures: SVG batched, parallel and cached; PNG and PDF on demand.

Starting a ``dot`` process costs about ten times more than drawing one flowchart, so
diagrams not in the cache are drawn many per process (``dot`` reads graph after graph from
stdin and writes SVG after SVG), one batch per CPU. Each SVG is cached under a hash of its
DOT, of the Graphviz version and of sopdocs' code, so a rebuild where nothing changed runs
no Graphviz at all. Graphviz is run only through the ``graphviz`` package. An SVG's bytes
never depend on its batch: a graph's id, which Graphviz numbers by its place in the batch,
is made the same for every graph (:func:`picture_svg`). The site's "Unduh diagram alir" file
and ``sopdocs graph``'s SVG are made here alike, so they are the same bytes.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import graphviz

from sopdocs.cache import Cache, code_fingerprint, digest
from sopdocs.flowchart.dot import read_caption, to_dot
from sopdocs.flowchart.graph import flowchart_of

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from sopdocs.model import Sop

DOT = "dot"
ENGINE = "neato"
NO_OP = 2
"""``neato -n2``: keep the positions and routes written in the DOT (see
:mod:`sopdocs.flowchart.layout`)."""
MISSING_MESSAGE = (
    "Graphviz (program `dot`) tidak ditemukan. Pasang dengan: sudo apt-get install graphviz "
    "(Debian/Ubuntu), brew install graphviz (macOS), atau lihat https://graphviz.org/download/"
)
_BATCH_LIMIT = 64
"""Graphs per ``dot`` process at most, so that progress is reported as work goes on."""
_VERSION_ENTRY = "graphviz-version"
_SVG_ENTRIES = "svg"
_BATCH_ID = re.compile(r"^page\d+,\d+_")
"""Graphviz prefixes the ids of every graph but the first of a batch (``page0,1_graph0``)."""
_SVG = "http://www.w3.org/2000/svg"
_CAPTION_ID = "sopdocs-diagram-alir"
_XLINK = "http://www.w3.org/1999/xlink"

ET.register_namespace("", _SVG)
ET.register_namespace("xlink", _XLINK)


class GraphvizMissing(RuntimeError):
    """The ``dot`` program is not installed (or not on ``PATH``)."""

    def __init__(self) -> None:
        super().__init__(MISSING_MESSAGE)


class RenderError(RuntimeError):
    """``dot`` rejected a graph; the message is its stderr."""


class Renderer:
    """Renders DOT sources to SVG through ``cache`` (None: no cache)."""

    def __init__(self, cache: Cache | None = None, jobs: int | None = None) -> None:
        self.cache = cache or Cache(None)
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.drawn = 0
        """Diagrams this renderer had Graphviz draw (the others came from the cache)."""
        self._version: str | None = None

    def render_svg(self, dot_source: str) -> str:
        """One diagram's SVG; see :meth:`render_many`."""
        return self.render_many([dot_source])[dot_source]

    def render_many(
        self,
        dot_sources: Iterable[str],
        progress: Callable[[int, int], None] | None = None,
    ) -> dict[str, str]:
        """The SVG of every DOT source, keyed by source, drawing only those not cached.

        ``progress(done, total)`` is called as batches finish. SVGs are ready to inline:
        standalone pictures (:func:`picture_svg`), titled and described when the DOT comes
        from :func:`to_dot`.
        """
        sources = list(dict.fromkeys(dot_sources))
        svgs = self._lookup(sources)
        missing = [source for source in sources if source not in svgs]
        if progress is not None:
            progress(len(svgs), len(sources))
        if not missing:
            return svgs
        self.drawn += len(missing)
        size = min(_BATCH_LIMIT, math.ceil(len(missing) / self.jobs))
        batches = [missing[i : i + size] for i in range(0, len(missing), size)]
        with ThreadPoolExecutor(max_workers=min(self.jobs, len(batches))) as pool:
            for batch, drawn in zip(batches, pool.map(_draw_batch, batches), strict=True):
                for source, svg in zip(batch, drawn, strict=True):
                    svgs[source] = _picture(source, svg)
                    self._store(source, svgs[source])
                if progress is not None:
                    progress(len(svgs), len(sources))
        return {source: svgs[source] for source in sources}

    def _lookup(self, sources: list[str]) -> dict[str, str]:
        """The cached SVG of each source that has a sound entry: damaged ones are drawn again."""
        version = self._cached_version()
        if version is None:
            return {}
        found = {}
        for source in sources:
            payload = self.cache.read(_entry(version, source))
            if payload is None:
                continue
            try:
                found[source] = payload.decode("utf-8")
            except UnicodeDecodeError:
                continue
        return found

    def _store(self, source: str, svg: str) -> None:
        self.cache.write(_entry(self._probe_version(), source), svg.encode("utf-8"))

    def _cached_version(self) -> str | None:
        """The Graphviz version to look the cache up with, None without a cache.

        Without ``dot`` on the machine, the version that last filled the cache: a site
        whose diagrams are all cached then builds without Graphviz.
        """
        if self.cache.folder is None:
            return None
        if shutil.which(DOT) is not None:
            return self._probe_version()
        recorded = self.cache.read(_VERSION_ENTRY)
        try:
            return None if recorded is None else recorded.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def _probe_version(self) -> str:
        """Graphviz's version, asked once per renderer and recorded in the cache."""
        if self._version is None:
            try:
                self._version = ".".join(map(str, graphviz.version()))
            except graphviz.ExecutableNotFound as error:
                raise GraphvizMissing() from error
            if self.cache.read(_VERSION_ENTRY) != self._version.encode():
                self.cache.write(_VERSION_ENTRY, self._version.encode())
        return self._version


def _entry(version: str, source: str) -> str:
    return f"{_SVG_ENTRIES}/{digest(code_fingerprint(), version, source)}.svg"


def _picture(source: str, svg: str) -> str:
    """Graphviz's SVG of ``source`` as a picture of its own, titled when the DOT has a caption."""
    caption = read_caption(source)
    return picture_svg(svg, caption=caption)


def export(
    sop: Sop, path: Path, fmt: Literal["svg", "png", "pdf"] = "svg", *, dpi: int = 200
) -> None:
    """Write ``sop``'s flowchart as a standalone file to print or paste into a document."""
    source = to_dot(flowchart_of(sop))
    path.unlink(missing_ok=True)
    if fmt == "svg":
        path.write_text(Renderer().render_svg(source), encoding="utf-8")
        return
    if fmt == "png":
        # Set last in the graph, it overrides what the DOT says, as a -G option would.
        source = source.rstrip().removesuffix("}") + f"graph [dpi={dpi}]\n}}\n"
    drawn = _pipe(source, fmt)
    # Graphviz may exit 0 and draw nothing: say so rather than claim a file was written.
    if not drawn:
        raise RenderError(f"Graphviz tidak menulis {path}")
    path.write_bytes(drawn)


def picture_svg(svg: str, *, caption: tuple[str, str] | None = None) -> str:
    """Graphviz's SVG made a standalone picture that reads the same whatever drew it.

    Drops the doctype and Graphviz's comments; keeps the size in points, so a word processor
    places it at its printed size. Ids lose the prefix Graphviz gives them by their place in
    a batch, so a picture is the same whatever batch drew it. Viewers show an element's
    ``<title>`` as its tooltip, so each node's and edge's title (its DOT name, ``s3``) becomes
    the tooltip written in the DOT, and the graph's own title goes. With ``caption`` (title,
    text alternative), the picture is announced as one image with that title and text, for
    screen readers and for search engines. Author text reaches the XML only as element text
    and attribute values, which the serializer escapes.
    """
    root = ET.fromstring(svg)
    for element in root.iter():
        if "id" in element.attrib:
            element.set("id", _BATCH_ID.sub("", element.attrib["id"]))
    for group in root.iter(f"{{{_SVG}}}g"):
        title = group.find(f"{{{_SVG}}}title")
        if title is None:
            continue
        link = group.find(f"{{{_SVG}}}g/{{{_SVG}}}a")
        tooltip = None if link is None else link.get(f"{{{_XLINK}}}title")
        if tooltip is None:
            group.remove(title)
        else:
            title.text = tooltip
    if caption is not None:
        _announce(root, *caption)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _announce(root: ET.Element, title: str, desc: str) -> None:
    """``root`` as one image, labelled by a ``<title>`` and a ``<desc>`` put first in it."""
    root.set("role", "img")
    root.set("aria-labelledby", f"{_CAPTION_ID}-title {_CAPTION_ID}-desc")
    for position, (tag, text) in enumerate((("title", title), ("desc", desc))):
        element = ET.Element(f"{{{_SVG}}}{tag}", {"id": f"{_CAPTION_ID}-{tag}"})
        element.text = text
        root.insert(position, element)


def _draw_batch(sources: Sequence[str]) -> list[str]:
    """SVGs of ``sources`` from one Graphviz process; a failing graph is found and reported."""
    try:
        documents = _pipe_svg("\n".join(sources)).split("</svg>")[:-1]
    except RenderError:
        if len(sources) == 1:
            raise
        documents = []
    if len(documents) == len(sources):
        return [document.lstrip() + "</svg>\n" for document in documents]
    if len(sources) == 1:
        # Graphviz said nothing and drew nothing: never retry, never publish an empty chart.
        raise RenderError("Graphviz tidak menghasilkan gambar untuk diagram alir ini")
    # Some graph failed and the output no longer lines up: draw one by one to name it.
    return [svg for source in sources for svg in _draw_batch([source])]


def _pipe_svg(dot_source: str) -> str:
    """Graphviz drawing every graph in ``dot_source`` as SVG."""
    return _pipe(dot_source, "svg").decode("utf-8")


def _pipe(dot_source: str, fmt: str) -> bytes:
    """The one way sopdocs runs Graphviz: the ``graphviz`` package, ``neato -n2``."""
    try:
        drawn: bytes = graphviz.pipe(
            ENGINE, fmt, dot_source.encode("utf-8"), neato_no_op=NO_OP, quiet=True
        )
        return drawn
    except graphviz.ExecutableNotFound as error:
        raise GraphvizMissing() from error
    except graphviz.CalledProcessError as error:
        stderr = error.stderr.decode() if isinstance(error.stderr, bytes) else error.stderr
        raise RenderError((stderr or str(error)).strip()) from error
