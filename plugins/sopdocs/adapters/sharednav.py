"""The theme's navigation made once for all the pages that show it alike.

Material writes the whole navigation into every page: 36 KB of HTML and a fifth of a cold
build's time at 3,000 SOPs. A page outside the nav (an SOP, a regulation) marks no item as
active, so its navigation differs from another's only in its relative links, which pages in
the same folder write alike (:func:`sopdocs.urls.shared_folder`). The built-in
``partials/nav.html`` asks :class:`SharedNav` for the HTML; the first page of each folder
renders the theme's own partial (the next one on the theme's path, so a site's or Material's
override still applies) and the others reuse it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from markupsafe import Markup

from sopdocs.site.templating import builtin_templates_dir
from sopdocs.urls import shared_folder

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

NAV_TEMPLATES = builtin_templates_dir() / "nav"
"""The theme folder holding sopdocs' ``partials/nav.html``."""
BENEATH = "sopdocs-beneath"
"""The prefix under which the theme's folders after :data:`NAV_TEMPLATES` are reachable."""


def add_nav_templates(config: MkDocsConfig) -> None:
    """Put sopdocs' nav partial after the site's own overrides, before Material's."""
    folder = str(NAV_TEMPLATES)
    if config.theme.name == "material" and folder not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, folder)


class SharedNav:
    """The navigation HTML of one build, by the folder its pages share."""

    def __init__(self) -> None:
        self._made: dict[str, Markup] = {}
        self._nav_urls: frozenset[str] = frozenset()

    def start(self, env: Environment, config: MkDocsConfig, nav: Navigation) -> None:
        """Serve ``env``'s pages for this build's ``nav`` (a new nav: nothing is reused)."""
        self._made = {}
        self._nav_urls = frozenset(page.url for page in nav.pages)
        dirs = list(config.theme.dirs)
        if str(NAV_TEMPLATES) not in dirs:
            return
        beneath = dirs[dirs.index(str(NAV_TEMPLATES)) + 1 :]
        if env.loader is not None:
            prefixed = PrefixLoader({BENEATH: FileSystemLoader(beneath)})
            env.loader = ChoiceLoader([env.loader, prefixed])
        env.globals["sopdocs_shared_nav"] = self.render

    def render(self, page: Page | None, caller: Callable[[], str]) -> Markup:
        """The navigation ``caller`` renders for ``page``, made once per shared folder."""
        key = None
        if page is not None and page.url not in self._nav_urls:
            key = shared_folder(page.url, self._nav_urls)
        if key is None:
            return Markup(caller())
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = Markup(caller())
        return made
