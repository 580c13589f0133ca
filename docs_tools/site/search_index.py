"""Search on /pt/ finds Portuguese pages only, on /ru/ Russian ones, on / English ones.

mkdocs-static-i18n merges every language into one `search/search_index.json`, and Material's JavaScript loads
`search/search_index.json` relative to `base` in the page's `__config`, which is the site root on every page. So:

- each non-default language gets its own `<lang>/search/search_index.json` holding exactly the pages of that
  language's build, with locations relative to `<lang>/`: its translations and the English fallback copies served
  under its prefix (a reader of /pt/ stays in /pt/, banner included). Each page is there once, and nowhere else;
- that language's pages (and its 404 page) get `base` pointing at `<lang>/`, so Material loads that index and
  resolves result links under `<lang>/`. With this theme configuration `base` serves nothing else (no instant
  navigation, previews or version selector);
- the root index keeps only the default language's entries.

The indexes are written at the end of each build (see `hooks/search_per_language.py` for when): in a nested language
build the root index file is still the one the search plugin wrote for that language alone; in the outer build it
is the merged index, written after every language was built.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from docs_tools.site.language_build import language_build
from docs_tools.site.not_found import TEMPLATE as NOT_FOUND
from docs_tools.site.theme_patches import ThemeChanged, search_base_in

INDEX = Path("search") / "search_index.json"


def split_index(index: dict, language: str) -> dict:
    """The entries of one language's build, with locations relative to that language's root."""
    prefix = f"{language}/"
    docs = [
        {**entry, "location": entry["location"][len(prefix) :]}
        for entry in index["docs"]
        if entry["location"].startswith(prefix)
    ]
    return {**index, "docs": docs}


def default_only(index: dict, other_languages: list[str]) -> dict:
    """The merged index without the entries of the other languages."""
    prefixes = tuple(f"{language}/" for language in other_languages)
    return {**index, "docs": [entry for entry in index["docs"] if not entry["location"].startswith(prefixes)]}


def _other_language(config: MkDocsConfig) -> str | None:
    build = language_build(config)
    return None if build is None or build.is_default else build.language


def page(output: str, config: MkDocsConfig) -> str:
    """A page of a language other than the default, searching that language's index."""
    language = _other_language(config)
    if language is None:
        return output
    try:
        return search_base_in(output, language)
    except ThemeChanged as error:
        raise PluginError(str(error)) from None


def template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page, like every page of its language."""
    return page(output, config) if template_name == NOT_FOUND else output


def _write(path: Path, index: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")


def write_indexes(config: MkDocsConfig) -> None:
    """A nested language build's own index under its prefix; at the outer build's end, the root index without the
    other languages."""
    build = language_build(config)
    root_index = Path(config.site_dir) / INDEX
    if build is None or not root_index.is_file():
        return
    index = json.loads(root_index.read_text(encoding="utf-8"))
    if build.nested:
        _write(Path(config.site_dir) / build.language / INDEX, split_index(index, build.language))
    else:
        others = [language for language in config.plugins["i18n"].build_languages if language != build.default]
        _write(root_index, default_only(index, others))
