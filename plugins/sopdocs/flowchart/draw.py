"""Turning DOT into SVG: batched, parallel, cached, and ready to inline in a page.

Starting a ``dot`` process costs about ten times more than drawing one flowchart, so
diagrams not in the cache are drawn many per process (``dot`` reads graph after graph from
stdin and writes SVG after SVG), one batch per CPU. Each SVG is cached under a hash of its
DOT and of the Graphviz version, so a rebuild where nothing changed runs no Graphviz at all.
"""

from __future__ import annotations

import hashlib
import html
import math
import os
import shutil
import subprocess
import uuid
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import graphviz

from sopdocs.flowchart.dot import read_caption, to_dot
from sopdocs.flowchart.graph import flowchart_of

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from sopdocs.model import Sop

DOT = "dot"
LAYOUT_ARGS = ("-Kneato", "-n2")
"""Keep the positions and routes written in the DOT (see :mod:`sopdocs.flowchart.layout`);
``neato_no_op=2`` says the same to the ``graphviz`` package."""
MISSING_MESSAGE = (
    "Graphviz (program `dot`) tidak ditemukan. Pasang dengan: sudo apt-get install graphviz "
    "(Debian/Ubuntu), brew install graphviz (macOS), atau lihat https://graphviz.org/download/"
)
_BATCH_LIMIT = 64
"""Graphs per ``dot`` process at most, so that progress is reported as work goes on."""
_VERSION_FILE = "graphviz-version"
_SVG = "http://www.w3.org/2000/svg"
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
    """Renders DOT sources to SVG through a cache directory (None: no cache)."""

    def __init__(
        self,
        cache_dir: Path | None = Path(".cache/sopdocs/flowcharts"),
        jobs: int | None = None,
    ) -> None:
        self.cache_dir = cache_dir
        self.jobs = max(1, jobs or os.cpu_count() or 1)
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
        cleaned (:func:`clean_svg`) and, for DOT from :func:`to_dot`, titled and described
        (:func:`accessible_svg`).
        """
        sources = list(dict.fromkeys(dot_sources))
        svgs = self._lookup(sources)
        missing = [source for source in sources if source not in svgs]
        if progress is not None:
            progress(len(svgs), len(sources))
        if not missing:
            return svgs
        size = min(_BATCH_LIMIT, math.ceil(len(missing) / self.jobs))
        batches = [missing[i : i + size] for i in range(0, len(missing), size)]
        with ThreadPoolExecutor(max_workers=min(self.jobs, len(batches))) as pool:
            for batch, drawn in zip(batches, pool.map(_draw_batch, batches), strict=True):
                for source, svg in zip(batch, drawn, strict=True):
                    svgs[source] = clean_svg(svg)
                    caption = read_caption(source)
                    if caption is not None:
                        title, desc = caption
                        svgs[source] = accessible_svg(svgs[source], title=title, desc=desc)
                    self._store(source, svgs[source])
                if progress is not None:
                    progress(len(svgs), len(sources))
        return {source: svgs[source] for source in sources}

    def _lookup(self, sources: list[str]) -> dict[str, str]:
        version = self._cached_version()
        if self.cache_dir is None or version is None:
            return {}
        found = {}
        for source in sources:
            path = _cache_path(self.cache_dir, version, source)
            if path.is_file():
                found[source] = path.read_text(encoding="utf-8")
        return found

    def _store(self, source: str, svg: str) -> None:
        if self.cache_dir is not None:
            _write_atomically(_cache_path(self.cache_dir, self._probe_version(), source), svg)

    def _cached_version(self) -> str | None:
        """The Graphviz version to look the cache up with, None without a cache.

        Without ``dot`` on the machine, the version that last filled the cache: a site
        whose diagrams are all cached then builds without Graphviz.
        """
        if self.cache_dir is None:
            return None
        if shutil.which(DOT) is not None:
            return self._probe_version()
        recorded = self.cache_dir / _VERSION_FILE
        return recorded.read_text(encoding="utf-8") if recorded.is_file() else None

    def _probe_version(self) -> str:
        """``dot -V``, asked once per renderer and recorded beside the cache."""
        if self._version is None:
            completed = _run([DOT, "-V"], "")
            self._version = completed.stderr.strip() or completed.stdout.strip()
            recorded = None if self.cache_dir is None else self.cache_dir / _VERSION_FILE
            if recorded is not None and not (
                recorded.is_file() and recorded.read_text(encoding="utf-8") == self._version
            ):
                _write_atomically(recorded, self._version)
        return self._version


def export(
    sop: Sop, path: Path, fmt: Literal["svg", "png", "pdf"] = "svg", *, dpi: int = 200
) -> None:
    """Write ``sop``'s flowchart as a standalone file to print or paste into a document."""
    chart = flowchart_of(sop)
    arguments = [DOT, *LAYOUT_ARGS, f"-T{fmt}", "-o", str(path)]
    if fmt == "png":
        arguments.append(f"-Gdpi={dpi}")
    if fmt != "svg":
        # A transparent page turns black text unreadable in viewers with dark backgrounds.
        arguments.append("-Gbgcolor=white")
    path.unlink(missing_ok=True)
    _run(arguments, to_dot(chart))
    # Graphviz may exit 0 and write nothing: say so rather than claim a file was written.
    if not path.is_file() or path.stat().st_size == 0:
        raise RenderError(f"Graphviz tidak menulis {path}")


def clean_svg(svg: str) -> str:
    """Graphviz's SVG made fit to inline in HTML.

    Drops the XML prolog, doctype and comments, and the fixed size: the ``viewBox`` stays,
    so the drawing scales down to the page, and an inline ``max-width`` keeps a chart of
    two lanes from being blown up to the page's width. Browsers show an element's
    ``<title>`` as its tooltip, so each node's and edge's title (its DOT name, ``s3``)
    becomes the tooltip written in the DOT, and the graph's own title goes.
    """
    root = ET.fromstring(svg)
    root.attrib.pop("width", None)
    root.attrib.pop("height", None)
    width = float(root.get("viewBox", "0 0 0 0").split()[2])
    root.set("style", f"max-width: {width * 4 / 3:.0f}px")
    for group in root.iter(f"{{{_SVG}}}g"):
        caption = group.find(f"{{{_SVG}}}title")
        if caption is None:
            continue
        link = group.find(f"{{{_SVG}}}g/{{{_SVG}}}a")
        tooltip = None if link is None else link.get(f"{{{_XLINK}}}title")
        if tooltip is None:
            group.remove(caption)
        else:
            caption.text = tooltip
    return ET.tostring(root, encoding="unicode")


def accessible_svg(svg: str, *, title: str, desc: str, id_prefix: str = "sopdocs-flowchart") -> str:
    """``svg`` (from :func:`clean_svg`) announced as one image with a title and a text
    alternative, for screen readers and for search engines."""
    head, separator, body = svg.partition(">")
    if not head.startswith("<svg") or not separator:
        raise ValueError("not an SVG document")
    ids = f"{id_prefix}-title {id_prefix}-desc"
    return (
        f'{head} role="img" aria-labelledby="{ids}">'
        f'<title id="{id_prefix}-title">{html.escape(title)}</title>'
        f'<desc id="{id_prefix}-desc">{html.escape(desc)}</desc>{body}'
    )


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
    """Graphviz (through the ``graphviz`` package) drawing every graph in ``dot_source``."""
    try:
        return graphviz.pipe_string(
            "neato", "svg", dot_source, neato_no_op=2, encoding="utf-8", quiet=True
        )
    except graphviz.ExecutableNotFound as error:
        raise GraphvizMissing() from error
    except graphviz.CalledProcessError as error:
        stderr = error.stderr.decode() if isinstance(error.stderr, bytes) else error.stderr
        raise RenderError((stderr or str(error)).strip()) from error


def _run(
    arguments: list[str], stdin: str, *, check: bool = True
) -> subprocess.CompletedProcess[str]:
    try:
        completed = subprocess.run(
            arguments, input=stdin, capture_output=True, text=True, encoding="utf-8", check=False
        )
    except FileNotFoundError as error:
        raise GraphvizMissing() from error
    if check and completed.returncode != 0:
        raise RenderError(completed.stderr.strip() or f"dot exited with {completed.returncode}")
    return completed


_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
"""This module's own fingerprint: how it cleans an SVG is part of what a cached one holds."""


def _cache_path(cache_dir: Path, version: str, source: str) -> Path:
    digest = hashlib.sha256(f"{_CODE}\0{version}\0{source}".encode()).hexdigest()
    return cache_dir / f"{digest}.svg"


def _write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file and rename, so that a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
