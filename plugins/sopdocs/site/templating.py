"""Jinja environment for every page sopdocs writes: templates own the presentation.

Author text is always *data* passed to a template, never template source, so ``{{ 7*7 }}``
in a YAML field is shown as written. Autoescape covers HTML contexts; the ``md`` filter
covers Markdown ones (headings, list items), where Markdown punctuation must be escaped too.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from sopdocs.model import step_anchor
from sopdocs.reading.dates import PartialDate
from sopdocs.reading.durations import Duration, TotalTime
from sopdocs.text import slugify

# Exactly Python-Markdown's escapable characters (``Markdown.ESCAPED_CHARS`` plus ``|`` from
# the tables extension): a backslash before any other character would stay visible. ``<``,
# ``>`` and ``&`` need no backslash: HTML escaping turns them into inert entities.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def builtin_templates_dir() -> Path:
    """Where the shipped templates live, for installed and editable installs alike."""
    return Path(str(importlib.resources.files("sopdocs.templates")))


def escape_markdown(text: object) -> Markup:
    """Make author text inert in a Markdown context: no HTML, no emphasis, no links, no attrs.

    Backslash escapes are what Python-Markdown itself offers; every punctuation character it
    could read as syntax gets one, which renders as the bare character.
    """
    # A newline in a heading or list item would start new Markdown blocks.
    flat = " ".join(str(text).split())
    # Backslashes first, entities second: an entity's own ``#`` must not be escaped.
    return Markup(escape(_MD_SPECIAL.sub(r"\\\1", flat)))


# What a YAML double-quoted scalar may hold as itself: YAML's printable set without its line
# breaks (U+0085, U+2028, U+2029 would fold) and without the BOM; quotes and backslashes are
# escaped. Astral characters stay as they are: a ``\ud83d`` surrogate escape, as JSON writes
# them, loads as two lone surrogates that MkDocs cannot use.
_YAML_UNSAFE = re.compile(
    '[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|["\\\\]'
)


def _yaml_escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in '"\\':
        return "\\" + char
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:  # a lone surrogate is no character: show a replacement
        return "\\uFFFD"
    return f"\\u{code:04X}"


def front_matter(value: object) -> Markup:
    """A string or list of strings as one line of YAML flow, for a page's front matter.

    Loads back to exactly ``value`` with any YAML 1.1 or 1.2 loader, whatever the text holds
    (quotes, ``#``, ``: ``, control characters, emoji; a lone surrogate, which no file can
    hold, becomes U+FFFD). What the value *means* to the theme
    (HTML, for search tags) is the template's concern.
    """
    if isinstance(value, str):
        return Markup('"' + _YAML_UNSAFE.sub(_yaml_escape, str(value)) + '"')
    if isinstance(value, list | tuple):
        return Markup("[" + ", ".join(front_matter(item) for item in value) + "]")
    raise TypeError(f"front_matter takes strings or lists of strings, not {type(value).__name__}")


def lines_to_html(text: object) -> Markup:
    """Author text with its own line breaks kept, for table cells (``1. KK`` / ``2. KTP``)."""
    lines = str(text).strip().splitlines()
    if len(lines) == 1:  # most cells: nothing to join
        return escape(lines[0])
    return Markup("<br>").join(escape(line) for line in lines)


@functools.lru_cache(maxsize=4096)
def css_number(value: float) -> str:
    """A length for an inline style: at most two decimals, no trailing zeros (``-0.75``).

    Kept: a procedure table writes hundreds of lengths, mostly the same few (lane edges,
    line and symbol offsets), and a lookup costs a fraction of the formatting.
    """
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def indonesian_date(value: PartialDate | None) -> str:
    return value.indonesian() if value is not None else ""


def indonesian_figure(value: float) -> str:
    """``2``, ``1,5``: a decimal comma, and no trailing zeros."""
    return f"{value:g}".replace(".", ",")


def duration_text(value: Duration | TotalTime) -> str:
    """``15 menit``, ``1–2 hari``; a total reads largest unit first: ``2 hari 0,5 jam``."""
    parts = value.parts if isinstance(value, TotalTime) else (value,)
    return " ".join(
        indonesian_figure(d.low)
        + ("" if d.low == d.high else f"–{indonesian_figure(d.high)}")
        + f" {d.unit}"
        for d in parts
    )


class Templates:
    """The sopdocs Jinja environment: a site's override folder first, the built-ins second."""

    def __init__(self, override_dir: Path | None = None) -> None:
        loaders = [FileSystemLoader(str(override_dir))] if override_dir is not None else []
        loaders.append(FileSystemLoader(str(builtin_templates_dir())))
        self.override_dir = override_dir
        self.env = Environment(
            loader=ChoiceLoader(loaders),
            # Templates end in .md.j2 but write HTML as well as Markdown: escape everything.
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            # Jinja would check a template's file at every use, each include and import
            # of every page too (nine a page, tens of thousands a build); ``refresh`` checks
            # them once a build instead.
            auto_reload=False,
        )
        self.env.filters.update(
            md=escape_markdown,
            front_matter=front_matter,
            lines=lines_to_html,
            tanggal=indonesian_date,
            waktu=duration_text,
            anchor=step_anchor,
            slug=slugify,
            num=css_number,
        )

    @property
    def search_path(self) -> tuple[Path, ...]:
        """Every folder templates are read from, for ``mkdocs serve`` to watch."""
        dirs = [builtin_templates_dir()]
        return (self.override_dir, *dirs) if self.override_dir is not None else tuple(dirs)

    def refresh(self) -> None:
        """Forget the compiled templates if a file of one changed since it was read, so that
        the next use reads them again: what a new build (``mkdocs serve`` after an edit)
        calls before it renders."""
        cache = self.env.cache
        if cache is not None and not all(t.is_up_to_date for t in cache.values()):
            cache.clear()

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context)

    def names(self) -> Iterable[str]:
        return self.env.list_templates()

    def source(self, name: str) -> str:
        """A template's own text, as the loader finds it (what a cache key must cover)."""
        source: str = self.env.loader.get_source(self.env, name)[0] if self.env.loader else ""
        return source


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, kept in memory for environments made anew with the same
    settings: MkDocs makes its theme's environment again for every build, and compiling the
    theme's templates took a tenth of a ``mkdocs serve`` rebuild. Jinja checks each entry
    against its template's source, so an edited template is compiled again; entries are
    kept apart by every setting that changes the compiled code."""

    def __init__(self) -> None:
        self._code: dict[tuple[str, str], bytes] = {}
        self._settings = ""

    def attach(self, env: Environment) -> None:
        """Serve ``env``'s templates from (and into) this cache."""
        self._settings = repr(
            (
                sorted(env.extensions),
                env.autoescape if isinstance(env.autoescape, bool) else "name",
                env.trim_blocks,
                env.lstrip_blocks,
                env.keep_trailing_newline,
                env.newline_sequence,
                env.optimized,
                env.block_start_string,
                env.block_end_string,
                env.variable_start_string,
                env.variable_end_string,
                env.comment_start_string,
                env.comment_end_string,
                env.line_statement_prefix,
                env.line_comment_prefix,
            )
        )
        env.bytecode_cache = self

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get((self._settings, bucket.key))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[(self._settings, bucket.key)] = bucket.bytecode_to_string()
