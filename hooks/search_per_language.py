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

Timing, given that the i18n plugin runs the other languages' builds inside the default build's `on_post_build`
(priority -100): at -110, in a nested language build the root index file is still the one the search plugin wrote
for that language alone; in the outer build it is the merged index, written after every language was built.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from jinja2.utils import htmlsafe_json_dumps
from mkdocs.plugins import event_priority

INDEX = Path("search") / "search_index.json"

_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def rebase(output: str, language: str) -> str:
    """A page's HTML with `__config.base` pointing at the language's root instead of the site root."""

    def replace(match: re.Match[str]) -> str:
        settings = json.loads(match[2])
        settings["base"] = posixpath.join(settings["base"], language) + "/"
        return match[1] + str(htmlsafe_json_dumps(settings, sort_keys=True)) + match[3]

    return _CONFIG.sub(replace, output, count=1)


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


def _other_language(config) -> str | None:
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.current_language == i18n.default_language:
        return None
    return i18n.current_language


def on_post_page(output, page, config):
    language = _other_language(config)
    return output if language is None else rebase(output, language)


def on_post_template(output, template_name, config):
    language = _other_language(config)
    if language is None or template_name != "404.html":
        return output
    return rebase(output, language)


def _write(path: Path, index: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")


@event_priority(-110)
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    root_index = Path(config.site_dir) / INDEX
    if i18n is None or not root_index.is_file():
        return
    index = json.loads(root_index.read_text(encoding="utf-8"))
    if i18n.building:
        language = i18n.current_language
        _write(Path(config.site_dir) / language / INDEX, split_index(index, language))
    else:
        others = [language for language in i18n.build_languages if language != i18n.default_language]
        _write(root_index, default_only(index, others))
