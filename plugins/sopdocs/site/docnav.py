"""The order of the hand-written pages in the navigation, as their folders ask for it.

A guide is read in the order it was written for (Menulis SOP before Meninjau), which file
names rarely sort into. A folder under ``docs/`` may hold a ``.pages`` file listing its pages
and subfolders first to last (the convention of the awesome-pages plugin, ``nav:`` with one
name a line); whatever it does not name follows in the usual order: the folder's ``index``
first, then by name.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

ORDER_FILE = ".pages"
"""The file a folder names its pages' order in."""


def folder_order(docs_dir: Path, folder: str) -> tuple[str, ...]:
    """The names ``docs_dir/folder/.pages`` lists under ``nav:``; none when it is absent or
    unreadable (a broken order file must not stop a build: the pages keep the usual order)."""
    path = docs_dir / folder / ORDER_FILE
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError):
        return ()
    names = data.get("nav") if isinstance(data, dict) else None
    if not isinstance(names, list):
        return ()
    return tuple(str(name).strip() for name in names if isinstance(name, (str, int)))


def ordered_pages(src_uris: list[str], docs_dir: Path) -> list[str]:
    """``src_uris`` (``panduan/menulis-sop.md``...) in navigation order: shallow pages first,
    each folder's pages in its ``.pages`` order, then ``index`` first, then by name."""
    orders: dict[str, tuple[str, ...]] = {}

    def rank(folder: str, name: str, stem: str) -> int:
        if folder not in orders:
            orders[folder] = folder_order(docs_dir, folder)
        names = orders[folder]
        for written in (name, stem):
            if written in names:
                return names.index(written)
        return -1 if stem == "index" else len(names)

    def key(uri: str) -> tuple[object, ...]:
        parts = PurePosixPath(uri).parts
        ranks = [
            rank("/".join(parts[:depth]), part, PurePosixPath(part).stem)
            for depth, part in enumerate(parts)
        ]
        return (len(parts), *ranks, uri)

    return sorted(src_uris, key=key)
