"""``sopdocs fmt`` as the CLI calls it: which files, and each file's canonical text or issues.

Why apart from the parts it joins: this is the one place that decides the command's outcomes
(an unreadable file gets the loader's own issues, unsupported YAML a warning, a rewrite
that would lose something an error) while the modules beside it each do one step. Files
are found by the loader's own walk, so ``fmt`` formats exactly what ``check`` reads.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sopdocs.authoring.fmt.comments import Comments
from sopdocs.authoring.fmt.emitter import emit
from sopdocs.authoring.fmt.nodes import compose
from sopdocs.authoring.fmt.safety import Unsupported, check_supported, difference
from sopdocs.issues import Issue, Location, error, warning
from sopdocs.reading.loader import SOP_SUFFIXES
from sopdocs.reading.tree import walk
from sopdocs.reading.yamlsource import UNREADABLE, decode, parse, read_bytes
from sopdocs.text import display_path

_UNSUPPORTED_HINT = "tulis nilainya langsung, tanpa &anchor/*alias atau !tag, lalu jalankan lagi"


@dataclass(frozen=True, slots=True, kw_only=True)
class FormatResult:
    """One file's canonical text, or the issues that kept the file as it was."""

    path: Path
    original: str | None
    """None when the file could not be read."""
    formatted: str | None
    """None when the file is left as it is (see ``issues``)."""
    issues: tuple[Issue, ...] = ()

    @property
    def changed(self) -> bool:
        return self.formatted is not None and self.formatted != self.original

    @property
    def failed(self) -> bool:
        return any(i.is_error for i in self.issues)

    def write(self) -> None:
        """Replace the file with its canonical text (LF line ends, UTF-8 without BOM)."""
        if self.changed and self.formatted is not None:
            self.path.write_bytes(self.formatted.encode("utf-8"))

    def diff(self) -> str:
        """The change as a unified diff, as a reviewer reads it."""
        if not self.changed or self.original is None or self.formatted is None:
            return ""
        name = self.path.as_posix()
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                self.formatted.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )


def format_file(path: Path) -> FormatResult:
    """Format one file on disk without writing it."""
    source = display_path(path)
    data = read_bytes(path, source)
    text = data if isinstance(data, Issue) else decode(data, source)
    if isinstance(text, Issue):
        return FormatResult(path=path, original=None, formatted=None, issues=(text,))
    formatted, issues = format_text(text, source)
    return FormatResult(path=path, original=text, formatted=formatted, issues=tuple(issues))


def format_text(text: str, source: str = "<teks>") -> tuple[str | None, list[Issue]]:
    """The canonical form of ``text``, or ``(None, issues)`` when it must be left as it is."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # YAML reads all three alike
    _, problems = parse(text, source)
    blocking = [i for i in problems if i.code in UNREADABLE]
    if blocking:
        return None, blocking
    node = compose(text)  # the parser that just read it: cannot fail now
    if node is None:
        return text, []  # empty or comments only: nothing to order
    try:
        check_supported(node)
    except Unsupported as exc:
        mark = exc.node.start_mark
        where = Location(path=source, line=mark.line + 1, col=mark.column + 1)
        return None, [
            warning("fmt.unsupported", f"berkas tidak dirapikan: {exc}", where, _UNSUPPORTED_HINT)
        ]
    formatted = emit(node, Comments(text, node))
    problem = difference(text, formatted) if formatted != text else None
    if problem:
        return None, [
            error(
                "fmt.unsafe",
                f"berkas tidak dirapikan: hasilnya {problem}",
                Location(path=source),
                "berkas dibiarkan apa adanya; laporkan isi berkas ini kepada pengelola sopdocs",
            )
        ]
    return formatted, []


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """SOP and ``_unit.yaml`` files named in ``paths`` or under them, as the loader finds them."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_files_under(path))
        elif path.suffix in SOP_SUFFIXES:
            found.append(path)
    return list(dict.fromkeys(found))


def _files_under(folder: Path) -> Iterator[Path]:
    # The loader's own walk: no link out of the tree or into a loop is followed.
    for unit in walk(folder, []):
        if unit.unit_file is not None:
            yield unit.unit_file
        yield from unit.sops
