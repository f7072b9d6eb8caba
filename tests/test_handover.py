"""Handing a generated page to MkDocs: headings as Markdown, the form as ready HTML."""

from __future__ import annotations

from sopdocs.site.handover import Handover, join, split

PAGE = """\
---
hide: [navigation]
---
# Nama { #nama-sop }

<p class="lead">Satu</p>

## Identitas

<table class="form">
<tr><td>
# bukan judul: teks di dalam sel
</td></tr>
</table>
<table markdown>
<tr markdown>
<td markdown="block">

## Dasar Hukum

<ol>
<li>UU 1/2020</li>
</ol>

</td>
</tr>
</table>
"""


def test_headings_stay_markdown_and_every_html_run_becomes_one_placeholder() -> None:
    assert split(PAGE) == Handover(
        skeleton=(
            "---\nhide: [navigation]\n---\n"
            "\n# Nama { #nama-sop }\n"
            "\n<!--sopdocs-fragment:0-->\n"
            "\n## Identitas\n"
            "\n<!--sopdocs-fragment:1-->\n"
            "\n## Dasar Hukum\n"
            "\n<!--sopdocs-fragment:2-->\n"
        ),
        fragments=(
            '\n<p class="lead">Satu</p>\n\n',
            '\n<table class="form">\n<tr><td>\n# bukan judul: teks di dalam sel\n</td></tr>\n'
            "</table>\n<table>\n<tr>\n<td>\n\n",
            "\n<ol>\n<li>UU 1/2020</li>\n</ol>\n\n</td>\n</tr>\n</table>\n",
        ),
    )


def test_a_markdown_attribute_is_dropped_as_md_in_html_drops_it() -> None:
    handover = split('<div class="x" markdown>\n\n## A\n\n</div>\n')
    assert handover is not None
    assert handover.fragments == ('<div class="x">\n\n', "\n</div>\n")


def test_a_page_with_markdown_text_outside_its_headings_is_not_split() -> None:
    assert split("# Judul\n\nTeks *biasa* di sini.\n") is None
    assert split("<div markdown>\n\n- butir\n\n</div>\n") is None


def test_an_inline_tag_starting_a_line_is_markdown_text_and_not_split() -> None:
    assert split("# Judul\n\n<a href='x'>tautan</a> dan *teks*\n") is None


def test_an_element_never_closed_is_not_split() -> None:
    assert split("# Judul\n\n<table>\n<tr><td>x</td></tr>\n") is None


def test_join_puts_each_fragment_back_where_markdown_left_its_placeholder() -> None:
    handover = split(PAGE)
    assert handover is not None
    converted = (
        '<h1 id="nama-sop">Nama</h1>\n<!--sopdocs-fragment:0-->\n<h2 id="identitas">Identitas</h2>'
        '\n<!--sopdocs-fragment:1-->\n<h2 id="dasar-hukum">Dasar Hukum</h2>\n'
        "<!--sopdocs-fragment:2-->"
    )
    joined = join(converted, handover.fragments)
    assert "sopdocs-fragment" not in joined
    assert joined.index("<td>") < joined.index('<h2 id="dasar-hukum">') < joined.index("<ol>")
