"""Hand a generated page to MkDocs as finished HTML, keeping only its headings as Markdown.

The page templates write Markdown headings (the table of contents, anchors and search read
them) and everything else as HTML. Handing that to Python-Markdown makes ``md_in_html`` walk
every table cell of the form back into a tree, which cost most of a build. :func:`split`
keeps the front matter, the headings and the blank lines as Markdown and puts a placeholder
comment where each run of HTML was; :func:`join` puts the HTML back into the converted page,
so a reader gets the page Markdown would have made. A page that is not headings and HTML
(a site's own template writing Markdown text) is not split: Markdown converts it whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_HEADING = re.compile(r"#{1,6}[ \t]")
_START_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*?)?)\s*(/?)>")
_END_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)\s*>")
_MARKDOWN_ATTR = re.compile(r"""\s+markdown(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?""")
_PLACEHOLDER = re.compile(r"<!--sopdocs-fragment:(\d+)-->")
_VOID = frozenset(("br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"))
_BLOCK = frozenset(
    (
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figure",
        "footer",
        "form",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "li",
    )
)
"""Tags that open an HTML block where Markdown reads blocks: what the templates start with."""


@dataclass(frozen=True, slots=True)
class Handover:
    """A page as MkDocs is handed it: Markdown with placeholders, and the HTML they stand for."""

    skeleton: str
    fragments: tuple[str, ...]


def split(markdown: str) -> Handover | None:
    """The page's headings as Markdown and its HTML as fragments; None if it holds Markdown
    text outside its headings, which only Markdown can convert.

    Where Markdown reads blocks (the page's top level, inside an element marked
    ``markdown``), a line is a heading, a blank, a tag of an element marked ``markdown``
    alone on its line, or the start of an HTML element, which runs raw to its closing tag.
    """
    head, body = _front_matter(markdown)
    skeleton: list[str] = [head] if head else []
    fragments: list[str] = []
    run: list[str] = []
    pos = 0
    while pos < len(body):
        end = _line_end(body, pos)
        line = body[pos:end]
        if _HEADING.match(line):
            if run:
                skeleton.append(f"\n<!--sopdocs-fragment:{len(fragments)}-->\n")
                fragments.append("".join(run))
                run.clear()
            skeleton.append(f"\n{line.rstrip()}\n")
        elif line.strip():
            raw_end = _html_block_end(body, pos, line)
            if raw_end is None:
                return None
            end = raw_end
            run.append(_unmarked(body[pos:end]))
        else:
            run.append(line)
        pos = end
    if run:
        skeleton.append(f"\n<!--sopdocs-fragment:{len(fragments)}-->\n")
        fragments.append("".join(run))
    return Handover(skeleton="".join(skeleton), fragments=tuple(fragments))


def join(html: str, fragments: tuple[str, ...]) -> str:
    """The converted skeleton with every placeholder replaced by its HTML."""
    return _PLACEHOLDER.sub(lambda m: fragments[int(m.group(1))], html)


def _front_matter(markdown: str) -> tuple[str, str]:
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            return markdown[: end + 5], markdown[end + 5 :]
    return "", markdown


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end + 1


def _html_block_end(body: str, pos: int, line: str) -> int | None:
    """Where the HTML starting this line ends (the end of a line); None if it is not HTML."""
    stripped = line.strip()
    closing = _END_TAG.fullmatch(stripped)
    if closing is not None:
        return pos + len(line) if closing.group(1).lower() in _BLOCK else None
    start = _START_TAG.match(stripped)
    if start is None or start.group(1).lower() not in _BLOCK:
        return None
    name, attrs, self_closing = start.group(1).lower(), start.group(2), start.group(3)
    if _MARKDOWN_ATTR.search(attrs):
        # Markdown reads inside: the following lines are blocks again.
        return pos + len(line) if start.end() == len(stripped) else None
    if self_closing or name in _VOID:
        return pos + len(line)
    close = _matching_close(body, pos + line.index("<") + start.end(), name)
    return None if close is None else _line_end(body, close)


@cache
def _same_name(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){name}(?=[\s/>])[^>]*>", re.IGNORECASE)


def _matching_close(body: str, pos: int, name: str) -> int | None:
    """The position just after the tag closing the ``name`` element open before ``pos``."""
    depth = 1
    for tag in _same_name(name).finditer(body, pos):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return None


def _unmarked(html: str) -> str:
    """A line's tag without its ``markdown`` attribute, as ``md_in_html`` leaves it; raw
    HTML as it is."""
    if "markdown" not in html or "\n" in html.rstrip("\n"):
        return html
    return _START_TAG.sub(
        lambda m: f"<{m.group(1)}{_MARKDOWN_ATTR.sub('', m.group(2))}{m.group(3)}>", html
    )
