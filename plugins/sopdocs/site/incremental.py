"""Render only what changed: SOP pages kept by content, and which pages an edit touched.

A warm build of thousands of SOPs spent most of sopdocs' own time laying out flowcharts and
rendering the same SOP pages through Jinja again. :class:`PageCache` keeps each rendered SOP
page under a key made of *everything* the page is rendered from (the SOP as read, its units,
its keterkaitan both ways, its lanes' role anchors, its search terms and history, the
templates, sopdocs' code and the site options), so an unchanged key is an unchanged page;
entries are sealed, compressed texts in the one cache folder (:mod:`sopdocs.site.kept`).
Within one process (``mkdocs serve``) it also remembers each page's inputs as objects: an
unchanged SOP is the same object from one rebuild to the next (the load cache keeps it), so
comparing inputs with ``==`` is cheap, and a page whose inputs compare equal is not
rendered, nor even keyed, again; the index pages (units, regulations, pelaksana) are kept
that way too. :class:`ChangeTracker` remembers what each generated page said in the
previous build of one ``mkdocs serve``, so only pages whose text or the nav changed are
rebuilt.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sopdocs.cache import Cache, code_fingerprint, digest
from sopdocs.site.kept import KeptTexts

if TYPE_CHECKING:
    from collections.abc import Callable

    from sopdocs.catalogue.index import CatalogueIndex
    from sopdocs.model import Sop
    from sopdocs.review.history import History
    from sopdocs.site.templating import Templates

PAGES_PACK = "pages"


def templates_fingerprint(templates: Templates) -> str:
    """Hash of every template a page may include, in the order they are looked up."""
    parts: list[str] = []
    for name in sorted(templates.names()):
        parts += [name, templates.source(name)]
    return digest(*parts)


@dataclass(slots=True)
class PageCache:
    """Rendered SOP pages by content key: in memory, and on disk as :class:`KeptTexts`
    (``pages.pack``, sealed and compressed), so a damaged or foreign entry is a miss,
    never a wrong page.

    Pages a build did not ask for are dropped by :meth:`prune`, so the pack holds one
    build's pages. A site with its own templates (``templates_dir``) is never cached: its
    templates may read anything from the catalogue, which no key can name.
    """

    store: Cache
    rendered: int = 0
    """Pages rendered (not found) since this cache was made: what a warm build saved."""
    _kept: KeptTexts = field(init=False)
    _memory: dict[str, str] = field(default_factory=dict)
    _sop_digests: dict[int, tuple[Sop, str]] = field(default_factory=dict)
    """``id(sop)`` → the SOP (kept alive, so the id stays its own) and the digest of its repr."""
    _sop_digests_next: dict[int, tuple[Sop, str]] = field(default_factory=dict)
    _recalled: dict[str, tuple[object, str]] = field(default_factory=dict)
    """Page path → the inputs it was rendered from and its text, from the last build."""
    _recalled_next: dict[str, tuple[object, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._kept = KeptTexts(self.store, PAGES_PACK)

    def key(
        self,
        sop: Sop,
        index: CatalogueIndex,
        *,
        history: History,
        options: str,
        search: object,
    ) -> str:
        """Everything an SOP page is rendered from; ``options`` names the site's, ``search``
        what the page tells search engines (a value whose ``repr`` says all of it)."""
        references = [
            (
                repr(r.reference),
                (r.target.id, r.target.nama) if r.target else None,
                repr(r.elsewhere),  # a match in another agency's catalogue (katalog_lain)
            )
            for r in index.references.get(sop.id, ())
        ]
        return digest(
            options,
            self._sop_digest(sop),
            repr(index.unit_chain(sop)),
            repr(references),
            repr([(other.id, other.nama) for other in index.backlinks.get(sop.id, ())]),
            repr([index.role_slug(lane.name) for lane in sop.lanes]),
            repr(search),
            repr(history.of(sop.id)),
        )

    def _sop_digest(self, sop: Sop) -> str:
        """What names the SOP as read: the digest of what it was read from, or of
        ``repr(sop)`` (every field), worked out once per SOP object: an SOP is immutable,
        and one unchanged since the last build is the same object again."""
        found = self._sop_digests.get(id(sop))
        if found is None or found[0] is not sop:
            found = (sop, sop.read_digest or digest(repr(sop)))
        self._sop_digests_next[id(sop)] = found
        return found[1]

    def recall(self, path: str, inputs: object) -> str | None:
        """The text of page ``path`` if the last build rendered it from inputs equal to
        ``inputs`` (compared with ``==``: SOPs by identity, everything else by value)."""
        found = self._recalled.get(path)
        if found is None or found[0] != inputs:
            return None
        self._recalled_next[path] = found
        return found[1]

    def remember(self, path: str, inputs: object, text: str) -> None:
        """Page ``path`` was rendered from ``inputs``: the next build may :meth:`recall` it."""
        self._recalled_next[path] = (inputs, text)

    def get(self, key: str) -> str | None:
        text = self._memory.get(key)
        if text is None:
            text = self._kept.get(key)
            if text is None:
                return None
            self._memory[key] = text
        else:
            self._kept.keep(key)
        return text

    def put(self, key: str, text: str) -> None:
        self.rendered += 1
        self._memory[key] = text
        self._kept.put(key, text)

    def prune(self) -> None:
        """Forget every page the last build did not use, in memory and on disk."""
        used = self._kept.used
        self._memory = {k: v for k, v in self._memory.items() if k in used}
        self._recalled, self._recalled_next = self._recalled_next, {}
        self._sop_digests, self._sop_digests_next = self._sop_digests_next, {}
        self._kept.save(prune=True)

    def use(self, store: Cache) -> None:
        """Keep pages through ``store`` (the same folder, opened by this build)."""
        self.store = store
        self._kept.use(store)


def site_options(templates: Templates, settings: tuple[object, ...]) -> str:
    """What every page of a build shares: the code, the templates and the site's options
    (``settings``: plain values whose ``repr`` names them all)."""
    return digest(code_fingerprint(), templates_fingerprint(templates), repr(settings))


def text_digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


@dataclass(slots=True)
class Recall:
    """Texts made from inputs, by name, for one process: a text whose inputs compare equal
    (``==``) to the last ones given under its name is not made again."""

    _kept: dict[str, tuple[object, str]] = field(default_factory=dict)

    def text(self, name: str, inputs: object, make: Callable[[], str]) -> str:
        found = self._kept.get(name)
        if found is None or found[0] != inputs:
            found = self._kept[name] = (inputs, make())
        return found[1]


@dataclass(frozen=True, slots=True, kw_only=True)
class Rebuild:
    """What one ``mkdocs serve`` rebuild must write again."""

    everything: bool
    """The nav or the site changed (or nothing was built yet): every page shows it."""
    changed: frozenset[str]
    """Generated pages whose text changed (all of them when ``everything``)."""
    removed: tuple[str, ...]
    """Generated pages of the previous build that are gone: their output must go too."""
    added: bool = True
    """Pages the previous build did not have are among ``changed``."""

    def writes(self, path: str) -> bool:
        return self.everything or path in self.changed

    @property
    def same_site(self) -> bool:
        """The nav, the configuration and the set of pages are the last build's: what is
        made of these alone (the 404 page, the sitemap) would come out the same again."""
        return not (self.everything or self.removed or self.added)


@dataclass(slots=True)
class ChangeTracker:
    """The generated pages and the nav of the previous build, to tell the next what changed.

    A page is rewritten when its own text changed; every page is when the site's signature
    changed (the nav with its titles, the configuration, a hand-written page in the nav),
    since every page shows the nav. Titles of the pages a build wrote are remembered, so
    the nav of a page written later names the pages that were not written this time.
    """

    _pages: dict[str, str] = field(default_factory=dict)
    """Each page's text digest."""
    _texts: dict[str, str] = field(default_factory=dict)
    """Each page's text as the previous call was given it."""
    _signature: str | None = None
    titles: dict[str, str] = field(default_factory=dict)
    """Each page's title as the last build that wrote it found it, by source path."""

    def rebuild(self, pages: dict[str, str], signature: str) -> Rebuild:
        """Compare ``{path: text}`` and the site's ``signature`` with the previous call's."""
        # A page kept in memory is the very same text object again: no need to hash it.
        digests = {
            path: self._pages[path] if self._texts.get(path) is text else text_digest(text)
            for path, text in pages.items()
        }
        self._texts = dict(pages)
        everything = signature != self._signature
        changed = (
            frozenset(digests)
            if everything
            else frozenset(p for p, d in digests.items() if self._pages.get(p) != d)
        )
        removed = tuple(sorted(set(self._pages) - set(digests)))
        added = not digests.keys() <= self._pages.keys()
        self._pages = digests
        self._signature = signature
        return Rebuild(everything=everything, changed=changed, removed=removed, added=added)

    def forget(self) -> None:
        """After a failed build: the next one writes everything."""
        self._pages = {}
        self._texts = {}
        self._signature = None
