"""The Jinja environment: author text stays data in Markdown and HTML, links are relative.

Markdown here is converted with Python-Markdown and the extensions the site uses, so the
escaping is checked against the parser that will read it, not against our idea of it.
"""

from __future__ import annotations

import html
import os

import markdown
import pytest
from jinja2 import UndefinedError
from sopdocs.reading.dates import PartialDate
from sopdocs.reading.durations import parse_waktu
from sopdocs.site.templating import Templates, escape_markdown, lines_to_html
from sopdocs.urls import relative_url

HOSTILE_TEXTS = [
    "*bold* and _it_",
    "[x](http://evil)",
    "![img](http://evil/x.png)",
    "# heading",
    "<b>bold</b> <script>alert(1)</script>",
    "{{ 7*7 }} {% if x %}y{% endif %}",
    "Judul {: .cls #id }",
    "`code` and \\*escaped\\*",
    "1. not a list",
    "- not a list either",
    "> not a quote",
    "a | b | c",
    "Tom & Jerry &amp; co",
    "UU No. 24/2013 (perubahan) + lampiran!",
    "line one\nline two\n\n# three",
]


def to_html(source: str) -> str:
    return markdown.markdown(source, extensions=["attr_list", "md_in_html", "tables", "toc"])


def visible_text(rendered: str) -> str:
    """What a browser shows for ``rendered``, which must be one <p> of text and entities."""
    assert rendered.startswith("<p>") and rendered.endswith("</p>"), rendered
    inner = rendered[3:-4]
    assert "<" not in inner, f"markup leaked: {inner}"
    return html.unescape(inner)


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_md_filter_makes_author_text_plain_text_in_markdown(text):
    html = to_html(str(escape_markdown(text)))
    assert visible_text(html) == " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_md_filter_keeps_a_heading_one_heading(text):
    html = to_html(f"## {escape_markdown(text)}")
    assert html.count("<h2") == 1 and html.endswith("</h2>")
    assert "<" not in html[html.index(">") + 1 : -5]


def test_lines_filter_keeps_line_breaks_and_escapes_each_line():
    assert str(lines_to_html("1. KK\n2. <KTP>\n")) == "1. KK<br>2. &lt;KTP&gt;"


def test_author_text_is_never_template_source():
    templates = Templates()
    template = templates.env.from_string("{{ nama | md }}|{{ nama }}")
    assert template.render(nama="{{ 7*7 }}") == r"\{\{ 7\*7 \}\}|{{ 7*7 }}"


def test_autoescape_covers_html_in_templates():
    template = Templates().env.from_string("<td>{{ value }}</td>")
    assert template.render(value="<script>x</script>") == "<td>&lt;script&gt;x&lt;/script&gt;</td>"


def test_undefined_names_fail_loudly():
    with pytest.raises(UndefinedError):
        Templates().env.from_string("{{ missing }}").render()


def test_tanggal_filter_writes_indonesian_dates():
    render = Templates().env.from_string("{{ d | tanggal }}").render
    assert render(d=PartialDate(year=2022, month=1, day=3)) == "3 Januari 2022"
    assert render(d=PartialDate(year=2022, month=8)) == "Agustus 2022"


def test_override_dir_replaces_a_builtin_template_and_keeps_the_others(tmp_path):
    (tmp_path / "unit.md.j2").write_text("# ganti\n", encoding="utf-8")
    templates = Templates(tmp_path)
    assert templates.env.get_template("unit.md.j2").render() == "# ganti\n"
    assert "sop.md.j2" in templates.names()
    assert templates.search_path[0] == tmp_path


def test_an_edited_template_is_read_again_once_refreshed(tmp_path):
    """Templates check their files once a build (``refresh``), not at every page: a page
    rendered between an edit and the next build may still show the old text."""
    template = tmp_path / "unit.md.j2"
    template.write_text("# satu\n", encoding="utf-8")
    templates = Templates(tmp_path)
    assert templates.render("unit.md.j2") == "# satu\n"
    template.write_text("# dua\n", encoding="utf-8")
    later = template.stat().st_mtime_ns + 2_000_000_000  # whatever the clock's resolution
    os.utime(template, ns=(later, later))
    templates.refresh()
    assert templates.render("unit.md.j2") == "# dua\n"


@pytest.mark.parametrize(
    ("target", "page", "directory_urls", "expected"),
    [
        ("sop/b/index.md", "sop/a/index.md", True, "../b/"),
        ("regulasi/uu-1-2000/index.md", "sop/x/y/index.md", True, "../../../regulasi/uu-1-2000/"),
        ("sop/a/index.md", "pelaksana/index.md", True, "../sop/a/"),
        ("index.md", "sop/a/index.md", True, "../../"),
        ("sop/b/index.md", "sop/a/index.md", False, "../b/index.html"),
        ("sop/index.md", "index.md", False, "sop/index.html"),
    ],
)
def test_relative_url_between_pages(target, page, directory_urls, expected):
    assert relative_url(target, from_page=page, directory_urls=directory_urls) == expected


def test_waktu_filter_writes_durations_with_a_decimal_comma():
    render = Templates().env.from_string("{{ d | waktu }}").render
    assert render(d=parse_waktu("15 menit")) == "15 menit"
    assert render(d=parse_waktu("1-2 hari kerja")) == "1–2 hari kerja"
    assert render(d=parse_waktu("0.5 jam")) == "0,5 jam"


def test_anchor_filter_names_a_step_row_as_the_table_does():
    render = Templates().env.from_string("{{ 3 | anchor }}").render
    assert render() == "langkah-3"


def test_relative_url_to_an_element_of_the_same_page():
    assert relative_url("sop/a/index.md", from_page="sop/a/index.md", fragment="l-2") == "./#l-2"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("sop/javascript:alert(1)+/x/index.md", "javascript%3Aalert%281%29%2B/x/"),
        ("sop/a#b?c%41 d/index.md", "a%23b%3Fc%2541%20d/"),
        ("sop/akta-😀/index.md", "akta-%F0%9F%98%80/"),
    ],
)
def test_relative_url_percent_encodes_what_file_names_hold(target, expected):
    """A folder name must never become a link's scheme, query or fragment."""
    assert relative_url(target, from_page="sop/index.md") == expected
