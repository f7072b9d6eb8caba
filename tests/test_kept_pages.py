"""Pages kept between builds: a warm build converts no SOP page's Markdown and finishes no
page through the theme again, yet every byte it writes is what a build without a cache
writes, and anything a page shows that changed makes that page anew."""

from __future__ import annotations

import gc
import logging
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
import zstandard
from conftest import BuiltSite
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data
from sopdocs.adapters.converting import Conversions, ConvertedPage, FrontMatter
from sopdocs.cache import Cache, Pack
from sopdocs.site.kept import (
    CONVERTED_PACK,
    FINISHED_PACK,
    KeptTexts,
    Unnameable,
    stable_text,
    theme_signature,
)
from support import (
    CATALOGUE,
    NO_SEARCH_YML,
    PENDAFTARAN,
    THEME_WARNING,
    WARNING_THEME,
    with_warning_theme,
    write_files,
)

Build = Callable[..., BuiltSite]
SOP_PAGE = "sop/dinas-contoh/pendaftaran"
NO_SEARCH = NO_SEARCH_YML


def _site(tmp_path: Path, yml: str = NO_SEARCH, **files: str) -> Path:
    return write_files(tmp_path, {**CATALOGUE, "mkdocs.yml": yml, **files})


def _stored(root: Path, name: str) -> frozenset[str]:
    return KeptTexts(Cache.open(root / ".cache"), name).stored


def _kept_counts(site: BuiltSite) -> str:
    return next(m for m in site.messages(logging.INFO) if "halaman diambil dari cache" in m)


def test_a_warm_build_writes_the_same_bytes_and_makes_no_page_again(
    tmp_path: Path, build_site: Build
) -> None:
    root = _site(tmp_path)
    cold = build_site(root, site_dir=tmp_path / "cold")
    converted = _stored(root, CONVERTED_PACK)
    packs = {p.name: p.stat().st_mtime_ns for p in (root / ".cache").glob("*.pack")}
    warm = build_site(root, site_dir=tmp_path / "warm")
    assert warm.outputs() == cold.outputs()
    pages = len(list((tmp_path / "cold").rglob("*.html")))  # the theme's 404.html as well
    assert _kept_counts(warm) == f"sopdocs: {pages} halaman diambil dari cache, 0 dibuat"
    # Every SOP page's Markdown was converted once, in the cold build.
    assert len(converted) >= len(list((tmp_path / "cold" / "sop").rglob("index.html")))
    # The warm build used exactly what the cold one kept: it wrote no pack again.
    assert {p.name: p.stat().st_mtime_ns for p in (root / ".cache").glob("*.pack")} == packs
    assert sorted(packs) == ["converted.pack", "finished.pack", "pages.pack"]


def test_a_warm_build_equals_a_build_without_any_cache(tmp_path: Path, build_site: Build) -> None:
    root = _site(tmp_path)
    build_site(root, site_dir=tmp_path / "first")
    warm = build_site(root, site_dir=tmp_path / "warm")
    for folder in (root / ".cache").iterdir():
        if folder.is_dir():
            for entry in folder.rglob("*"):
                entry.unlink()
    fresh = build_site(root, site_dir=tmp_path / "fresh")
    assert warm.outputs() == fresh.outputs()


def test_an_edited_sop_shows_its_edit_and_the_other_sop_pages_are_kept(
    tmp_path: Path, build_site: Build
) -> None:
    root = _site(tmp_path)
    build_site(root)
    edited = PENDAFTARAN.replace("nama: Pendaftaran Layanan", "nama: Pendaftaran Layanan Kilat")
    (root / "sops/dinas-contoh/pendaftaran.yaml").write_text(edited, encoding="utf-8")
    warm = build_site(root)
    assert "Pendaftaran Layanan Kilat" in warm.html(SOP_PAGE)
    assert "Pendaftaran Layanan Kilat" in warm.html(
        "sop/dinas-contoh/bidang-layanan/penerbitan-surat"
    )
    assert ", 0 dibuat" not in _kept_counts(warm)


def test_the_error_page_is_made_again_when_the_navigation_changes(
    tmp_path: Path, build_site: Build
) -> None:
    root = _site(tmp_path)
    build_site(root)
    write_files(root, {"docs/tentang.md": "# Tentang Kami\n"})
    warm = build_site(root)
    fresh = build_site(_site(tmp_path / "baru", **{"docs/tentang.md": "# Tentang Kami\n"}))
    assert "Tentang Kami" in (warm.site_dir / "404.html").read_text()
    assert (warm.site_dir / "404.html").read_bytes() == (fresh.site_dir / "404.html").read_bytes()


@pytest.mark.parametrize(
    ("setting", "changed"),
    [
        ("site_name: Katalog Uji", "site_name: Katalog Uji Baru"),
        (
            "repo_url: https://github.com/contoh/katalog-uji",
            "repo_url: https://github.com/lain/repo",
        ),
    ],
)
def test_a_changed_setting_makes_every_page_again(
    tmp_path: Path, build_site: Build, setting: str, changed: str
) -> None:
    root = _site(tmp_path)
    build_site(root)
    (root / "mkdocs.yml").write_text(NO_SEARCH.replace(setting, changed), encoding="utf-8")
    warm = build_site(root)
    assert changed.split(": ")[1] in warm.html(SOP_PAGE)
    assert ", 0 dibuat" not in _kept_counts(warm)


def test_a_changed_theme_override_makes_every_page_again(tmp_path: Path, build_site: Build) -> None:
    yml = NO_SEARCH.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    override = '{% extends "base.html" %}{% block announce %}Pengumuman {{ "satu" }}{% endblock %}'
    root = _site(tmp_path, yml, **{"overrides/main.html": override})
    assert "Pengumuman satu" in build_site(root).html(SOP_PAGE)
    (root / "overrides/main.html").write_text(override.replace("satu", "dua"), encoding="utf-8")
    assert "Pengumuman dua" in build_site(root).html(SOP_PAGE)


HOOK = """\
from pathlib import Path

def on_page_context(context, page, config, nav):
    context["stempel"] = Path("stempel.txt").read_text()
    return context
"""


def test_a_value_a_plugin_adds_to_the_context_is_part_of_the_key(
    tmp_path: Path, build_site: Build
) -> None:
    yml = (NO_SEARCH + "hooks: [stempel.py]\n").replace(
        "  name: material\n", "  name: material\n  custom_dir: overrides\n"
    )
    override = '{% extends "base.html" %}{% block announce %}Stempel {{ stempel }}{% endblock %}'
    root = _site(
        tmp_path,
        yml,
        **{"stempel.py": HOOK, "stempel.txt": "pertama", "overrides/main.html": override},
    )
    assert "Stempel pertama" in build_site(root).html(SOP_PAGE)
    (root / "stempel.txt").write_text("kedua", encoding="utf-8")
    assert "Stempel kedua" in build_site(root).html(SOP_PAGE)


def test_a_theme_that_prints_the_build_date_keeps_no_page(
    tmp_path: Path, build_site: Build
) -> None:
    yml = NO_SEARCH.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    override = '{% extends "base.html" %}{% block announce %}{{ build_date_utc }}{% endblock %}'
    root = _site(tmp_path, yml, **{"overrides/main.html": override})
    build_site(root)
    build_site(root)
    assert not _stored(root, FINISHED_PACK)


def test_a_damaged_entry_is_made_again_never_published(tmp_path: Path, build_site: Build) -> None:
    root = _site(tmp_path)
    cold = build_site(root, site_dir=tmp_path / "cold")
    for name in (FINISHED_PACK, CONVERTED_PACK):
        pack = root / ".cache" / f"{name}.pack"
        data = bytearray(pack.read_bytes())
        for position in range(len(data) // 7, len(data) // 2, 997):  # inside many records
            data[position] ^= 0x55
        pack.write_bytes(bytes(data[: len(data) * 3 // 4]))  # and the last ones cut off
    warm = build_site(root, site_dir=tmp_path / "warm")
    assert warm.outputs() == cold.outputs()


def test_entries_no_build_asked_for_are_dropped(tmp_path: Path, build_site: Build) -> None:
    root = _site(tmp_path)
    build_site(root)
    stale = _stored(root, FINISHED_PACK)
    (root / "mkdocs.yml").write_text(
        NO_SEARCH.replace("Katalog Uji", "Katalog Lain"), encoding="utf-8"
    )
    build_site(root)
    now = _stored(root, FINISHED_PACK)
    assert len(now) == len(stale)
    assert not now & stale


# --- the parts ------------------------------------------------------------------------------


def test_stable_text_is_the_same_whatever_the_order_of_a_mapping() -> None:
    assert stable_text({"b": [1, (2, None)], "a": {"y", "x"}}) == stable_text(
        {"a": {"x", "y"}, "b": [1, (2, None)]}
    )


def test_stable_text_refuses_an_object_known_only_by_its_address() -> None:
    with pytest.raises(Unnameable):
        stable_text({"plugin": object()})


def test_a_kept_text_that_does_not_decompress_is_a_miss(tmp_path: Path) -> None:
    texts = KeptTexts(Cache.open(tmp_path), "uji")
    texts.put("k", "isi")
    texts.save(prune=True)
    assert KeptTexts(Cache.open(tmp_path), "uji").get("k") == "isi"
    pack = Pack(Cache.open(tmp_path), "uji.pack")
    pack.put("k", zlib.compress(b"isi"))  # sealed, compressed as sopdocs once did
    pack.put("l", zstandard.compress(b"\xff\xfe"))  # sealed, not UTF-8
    pack.save(prune=True)
    kept = KeptTexts(Cache.open(tmp_path), "uji")
    assert [kept.get("k"), kept.get("l")] == [None, None]


def test_texts_of_the_one_file_per_entry_format_are_removed(tmp_path: Path) -> None:
    old = write_files(tmp_path, {"uji/k.z": "lama", "uji/l.md": "lama"})
    texts = KeptTexts(Cache.open(old), "uji")
    texts.put("k", "isi")
    texts.save(prune=True)
    assert sorted(p.name for p in old.iterdir()) == [".probe", "uji.pack"]


def test_the_theme_signature_follows_template_text_and_skips_icons(tmp_path: Path) -> None:
    (tmp_path / ".icons").mkdir()
    (tmp_path / ".icons/a.svg").write_text("<svg/>")
    (tmp_path / "main.html").write_text("satu")
    before = theme_signature([tmp_path])
    (tmp_path / ".icons/b.svg").write_text("<svg/>")
    assert theme_signature([tmp_path]) == before
    (tmp_path / "main.html").write_text("dua")
    assert theme_signature([tmp_path]) != before


def test_a_conversion_that_warned_is_not_kept(tmp_path: Path) -> None:
    write_files(tmp_path, {"mkdocs.yml": "site_name: Uji\n", "docs/a.md": "# Judul\n\n[x](b.md)\n"})
    config = load_config(str(tmp_path / "mkdocs.yml"))
    file = File("a.md", str(tmp_path / "docs"), str(tmp_path / "site"), use_directory_urls=True)
    files = Files([file])
    conversions = Conversions(Cache.open(tmp_path / "cache"), config, files)
    for _ in range(2):
        page = ConvertedPage(None, file, config)
        page.conversions = conversions
        page.read_source(config)
        page.render(config, files)
        assert page.title == "Judul"
    assert conversions.texts.made == 0
    assert conversions.texts.reused == 0


def test_a_handed_over_page_is_kept_with_its_html_put_back(tmp_path: Path) -> None:
    table = '<table class="form">\n<tr><td>Langkah <em>satu</em></td></tr>\n</table>\n'
    markdown = f"---\nhide:\n  - navigation\n---\n# Judul\n\n{table}\n## Bagian\n"
    write_files(tmp_path, {"mkdocs.yml": "site_name: Uji\n", "docs/a.md": markdown})
    config = load_config(str(tmp_path / "mkdocs.yml"))
    file = File("a.md", str(tmp_path / "docs"), str(tmp_path / "site"), use_directory_urls=True)
    files = Files([file])
    conversions = Conversions(Cache.open(tmp_path / "cache"), config, files)
    contents = []
    for _ in range(2):
        page = ConvertedPage(None, file, config)
        page.conversions = conversions
        page.handover = True
        page.read_source(config)
        page.render(config, files)
        assert page.meta == {"hide": ["navigation"]}
        assert [item.title for item in page.toc] == ["Judul"]
        contents.append(page.content)
    assert (conversions.texts.made, conversions.texts.reused) == (1, 1)
    assert contents[0] == contents[1]
    assert table in (contents[0] or "")
    assert "sopdocs-fragment" not in (contents[0] or "")


@pytest.mark.parametrize(
    "front",
    [
        "hide:\n  - navigation\n",
        "tanggal: 2024-01-02\n",  # a date, which JSON cannot carry
        "- bukan\n- pemetaan\n",  # not a mapping: MkDocs keeps it as text
        "judul: [tidak tertutup\n",  # not YAML at all
    ],
)
def test_front_matter_read_twice_is_what_mkdocs_reads(front: str) -> None:
    source = f"---\n{front}---\n\n# Judul\n"
    reader = FrontMatter()
    first, second = reader.read(source), reader.read(source)
    assert first == second == get_data(source)
    assert [type(v) for v in second[1].values()] == [type(v) for v in get_data(source)[1].values()]


def test_each_page_gets_its_own_front_matter_to_change() -> None:
    reader = FrontMatter()
    source = "---\nhide:\n  - navigation\n---\n# Judul\n"
    _, first = reader.read(source)
    first["template"] = "lain.html"
    first["hide"].append("toc")
    assert reader.read(source)[1] == {"hide": ["navigation"]}


def test_a_build_sets_its_catalogue_aside_from_the_garbage_collector(
    tmp_path: Path, build_site: Build
) -> None:
    gc.unfreeze()
    try:
        build_site(_site(tmp_path), site_dir=tmp_path / "site")
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_page_whose_theme_warned_is_made_again_and_warns_again(
    tmp_path: Path, build_site: Build
) -> None:
    root = _site(tmp_path, with_warning_theme(NO_SEARCH), **WARNING_THEME)
    cold = build_site(root)
    warm = build_site(root)
    pages = len(list((root / "site").rglob("index.html")))  # 404.html has its own content
    assert cold.messages().count(THEME_WARNING) == pages
    assert warm.messages().count(THEME_WARNING) == pages
