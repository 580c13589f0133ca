"""Links between the languages of the site, where the theme's defaults go wrong with per-page alternates.

- The theme fetches `sitemap.xml` next to every `<link rel="alternate" hreflang>` of a page's head, expecting each
  to be a site root; mkdocs-static-i18n points them at the same page in each language
  (`/pt/responses/`), so every page load asks for `/pt/responses/sitemap.xml` and gets a 404. The head links are
  left out; the same alternates are in `sitemap.xml`, which search engines read as equivalent.
- A 404 page has no "same page" in another language: its language selector leads to each language's home page.
- Hosts serve the root `/404.html` for any missing address; a script in it shows, under `/pt/...`, the Portuguese
  404 page (and so on), at the address the reader asked for.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence

_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
_SELECTOR_LINK = re.compile(r'<a href="[^"]*" hreflang="(?P<lang>[^"]*)" class="md-select__link"')


def without_head_alternates(page: str) -> str:
    """The page without the `<link rel="alternate" hreflang>` tags of its head (feeds' alternates stay)."""
    return _HEAD_ALTERNATE.sub("", page)


def selector_to(page: str, targets: Mapping[str, str]) -> str:
    """The page with each language selector link pointing to `targets[its language]`."""
    def target(match: re.Match[str]) -> str:
        url = targets.get(match["lang"])
        return match[0] if url is None else (
            f'<a href="{html.escape(url)}" hreflang="{match["lang"]}" class="md-select__link"')
    return _SELECTOR_LINK.sub(target, page)


def not_found_router(base: str, languages: Sequence[str]) -> str:
    """A script for the root 404 page: under `<base><language>/`, it replaces the page with that language's 404
    page, keeping the address. Until it is done the page stays hidden, so no English shows first; if the
    language's page cannot be fetched, the root page shows as it is."""
    return (
        "<script>(function () {\n"
        f"  var base = {json.dumps(base)}, languages = {json.dumps(sorted(languages, key=len, reverse=True))};\n"
        "  var path = location.pathname, language = languages.find(function (code) {\n"
        "    return path.indexOf(base + code + '/') === 0;\n"
        "  });\n"
        "  if (!language) return;\n"
        "  var root = document.documentElement;\n"
        "  root.style.visibility = 'hidden';\n"
        "  fetch(base + language + '/404.html').then(function (response) {\n"
        "    if (!response.ok) throw new Error(response.status);\n"
        "    return response.text();\n"
        "  }).then(function (page) {\n"
        "    document.open(); document.write(page); document.close();\n"
        "  }).catch(function () { root.style.visibility = ''; });\n"
        "})();</script>"
    )
