"""Pages finished alike but for their own strings are filled into a frame only when that
gives the very output finishing them whole gives."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sopdocs.site.frames import Frames, Slots, cut, plain

SITE = "Katalog SOP Dinas"


def theme(slots: Slots, *, escape_title: bool = False) -> str:
    """A page template as Material writes an SOP page: the title in the head and the
    header, the links, the content once."""
    title = html.escape(slots.title) if escape_title else slots.title
    return (
        f"<title>{title} - {SITE}</title>"
        f'<link rel="canonical" href="{slots.canonical_url}">'
        f'<header>{SITE}<span class="topic">{title}</span></header>'
        f'<a href="{slots.edit_url}" rel="edit">Ubah</a>'
        f"<article>{slots.content}</article><footer>{SITE}</footer>"
    )


def page(name: str, title: str | None = None) -> Slots:
    title = title or name.title().replace("-", " ")
    return Slots(
        content=f'<h1 id="nama-sop">{title}</h1><p>Langkah {name}</p>',
        title=title,
        canonical_url=f"https://contoh.id/sop/dinas/{name}/",
        edit_url=f"https://github.com/contoh/katalog/edit/main/sops/dinas/{name}.yaml",
    )


def learnt(*pages: Slots, escape_title: bool = False) -> Frames:
    frames = Frames()
    for slots in pages:
        frames.learn("kunci", slots, theme(slots, escape_title=escape_title))
    return frames


def test_a_frame_cut_from_a_page_gives_that_page_back():
    slots = page("akta-kelahiran")
    frame = cut(theme(slots), slots)
    assert frame is not None
    assert frame.fill(slots) == theme(slots)
    assert frame.holes == (1, 2, 1, 3, 0)  # title, canonical, title, edit, content


def test_a_confirmed_frame_fills_the_next_pages_as_the_theme_writes_them():
    frames = learnt(page("akta-kelahiran"), page("kartu-keluarga"))
    third = page("surat-pindah")
    assert frames.filled("kunci", third) == theme(third)


def test_one_page_seen_confirms_no_frame():
    frames = learnt(page("akta-kelahiran"))
    assert frames.filled("kunci", page("kartu-keluarga")) is None


def test_a_frame_serves_its_key_only():
    frames = learnt(page("akta-kelahiran"), page("kartu-keluarga"))
    assert frames.filled("kunci-lain", page("surat-pindah")) is None


def test_a_title_the_theme_also_writes_of_its_own_confirms_no_frame():
    """ "Dinas" is in the site's name too: the first page's frame has a hole there, which
    the second page's output does not fill with its title."""
    frames = learnt(page("dinas", "Dinas"), page("dinas-sosial", "Dinas Sosial"))
    assert frames.trusted == {}


def test_two_pages_sharing_a_string_confirm_no_frame():
    """Both titled "Dinas": the hole in the site's name would go unnoticed, and a third
    page's title would land in it."""
    frames = learnt(page("a", "Dinas"), page("b", "Dinas"))
    third = page("c", "Kartu Keluarga")
    assert frames.filled("kunci", third) is None


def test_a_theme_that_changes_the_title_confirms_no_frame_for_titles_it_changes():
    frames = learnt(page("akta", "Akta & Kelahiran"), page("kk", "Kartu & Keluarga"))
    assert frames.trusted == {}


def test_a_page_whose_title_a_filter_would_change_is_finished_whole():
    frames = learnt(page("akta-kelahiran"), page("kartu-keluarga"), escape_title=True)
    assert frames.filled("kunci", page("surat-pindah")) is not None
    assert frames.filled("kunci", page("pindah", "Surat <b>Pindah</b>")) is None


def test_a_content_the_page_holds_twice_cuts_no_frame():
    slots = page("akta-kelahiran")
    assert cut(theme(slots) + slots.content, slots) is None


@pytest.mark.parametrize(
    "title",
    ["", "Akta & Kelahiran", "Akta <b>Lahir</b>", 'Akta "Lahir"', "Akta 'Lahir'", " Akta", "A  B"],
)
def test_titles_that_escaping_or_striptags_change_are_not_plain(title: str):
    assert not plain(Slots(content="<p>isi</p>", title=title))


def test_a_page_without_content_is_not_plain():
    assert not plain(Slots(content="", title="Akta Kelahiran"))


def test_links_with_markup_characters_are_not_plain():
    assert not plain(Slots(content="x", title="Akta", canonical_url="https://a.id/?x=1&y=2"))
    assert not plain(Slots(content="x", title="Akta", edit_url='https://a.id/"'))


def test_a_page_without_an_edit_link_fills_a_frame_without_one():
    first, second, third = (
        Slots(content=f"<p>{n}</p>", title=f"Layanan {n}", canonical_url=f"https://a.id/{n}/")
        for n in ("satu", "dua", "tiga")
    )
    frames = learnt(first, second)
    assert frames.filled("kunci", third) == theme(third)


words = st.text(st.sampled_from("abcdefgh "), min_size=1, max_size=12).map(
    lambda text: " ".join(text.split()) or "a"
)


@given(
    first=words,
    second=words,
    third=words,
    site=st.sampled_from(["Katalog", "Katalog abc", "a", "b c"]),
)
def test_a_filled_page_is_always_the_theme_s_page(first: str, second: str, third: str, site: str):
    """Whatever the titles (short, repeated, inside the site's name), a page filled into a
    frame is the page the theme writes."""

    def written(title: str) -> tuple[Slots, str]:
        slots = Slots(content=f"<h1>{title}</h1>", title=title)
        return slots, f"<title>{title} - {site}</title><p>{site}</p><main>{slots.content}</main>"

    frames = Frames()
    for title in (first, second):
        frames.learn("kunci", *written(title))
    slots, output = written(third)
    filled = frames.filled("kunci", slots)
    assert filled is None or filled == output
