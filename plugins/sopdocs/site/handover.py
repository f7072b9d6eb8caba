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

_HEADING = re.compile(r"#{1,6}[ \t]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*?)(/?)>")
_MARKDOWN_ATTR = re.compile(r"""\s+markdown(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?""")
_PLACEHOLDER = re.compile(r"<!--sopdocs-fragment:(\d+)-->")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "canvas",
        "details",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "noscript",
        "ol",
        "output",
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
    ]
)
"""Tags that open an HTML block where Markdown reads blocks: what the templates start with."""


@dataclass(frozen=True, slots=True)
class Handover:
    """A page as MkDocs is handed it: Markdown with placeholders, and the HTML they stand for."""

    skeleton: str
    fragments: tuple[str, ...]


def split(markdown: str) -> Handover | None:
    """The page's headings as Markdown and its HTML as fragments; None if it holds Markdown
    text outside its headings, which only Markdown can convert."""
    head, body = _front_matter(markdown)
    skeleton: list[str] = [head] if head else []
    fragments: list[str] = []
    run: list[str] = []
    open_tags: list[tuple[str, bool]] = []  # (tag, whether Markdown reads inside it)

    def close_run() -> None:
        if run:
            skeleton.append(f"\n<!--sopdocs-fragment:{len(fragments)}-->\n")
            fragments.append("".join(run))
            run.clear()

    for line in body.splitlines(keepends=True):
        markdown_level = not open_tags or open_tags[-1][1]
        stripped = line.strip()
        if markdown_level and _HEADING.match(line):
            close_run()
            skeleton.append(f"\n{line.rstrip()}\n")
            continue
        if markdown_level and stripped and not _opens_block(stripped):
            return None
        run.append(_TAG.sub(_unmarked, line) if "markdown" in line else line)
        _track(line, open_tags)
    close_run()
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


def _unmarked(tag: re.Match[str]) -> str:
    """A tag without its ``markdown`` attribute, as ``md_in_html`` leaves it."""
    closing, name, attrs, self_closing = tag.groups()
    return f"<{closing}{name}{_MARKDOWN_ATTR.sub('', attrs)}{self_closing}>"


def _opens_block(line: str) -> bool:
    match = _TAG.match(line)
    return match is not None and match.group(2).lower() in _BLOCK


def _track(line: str, open_tags: list[tuple[str, bool]]) -> None:
    """Follow which elements are open after ``line``: author text is escaped, so every ``<``
    in a generated page starts a tag of the template's."""
    for closing, name, attrs, self_closing in _TAG.findall(line):
        tag = name.lower()
        if tag in _VOID or self_closing:
            continue
        if not closing:
            open_tags.append((tag, _MARKDOWN_ATTR.search(attrs) is not None))
            continue
        for depth in range(len(open_tags) - 1, -1, -1):
            if open_tags[depth][0] == tag:
                del open_tags[depth:]
                break
