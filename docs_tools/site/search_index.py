"""Search per language: one language's entries out of the merged index, and a page's search `base` moved to it.

mkdocs-static-i18n merges every language into one `search/search_index.json`, and Material's JavaScript loads
`search/search_index.json` relative to `base` in the page's `__config`, which is the site root on every page.
Giving each language an index of its own pages, and its pages a `base` pointing at that language's root, keeps
a reader of /pt/ in /pt/.
"""

from __future__ import annotations

import json
import posixpath
import re

from jinja2.utils import htmlsafe_json_dumps

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
