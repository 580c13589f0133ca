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

import json
from collections.abc import Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from docs_tools.site.language_build import language_build
from docs_tools.site.not_found import TEMPLATE as NOT_FOUND
from docs_tools.site.not_found import home_url
from docs_tools.site.theme_patches import ThemeChanged, selector_to, with_in_head, without_head_alternates


def page(output: str) -> str:
    """A page as written: no head alternates."""
    return without_head_alternates(output)


def template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page of a language build: no head alternates, a selector leading to each language's home, and in
    the default language's page the router to the reader's language."""
    build = language_build(config)
    if template_name != NOT_FOUND or build is None or not output.strip():
        return output
    languages = [entry.locale for entry in config.plugins["i18n"].config.languages]
    homes = {code: home_url(config.site_url, code, build.default) for code in languages}
    try:
        output = selector_to(without_head_alternates(output), homes)
        if build.is_default:
            base = home_url(config.site_url, build.default, build.default)
            output = with_in_head(output, not_found_router(base, [code for code in languages if code != build.default]))
    except ThemeChanged as error:
        raise PluginError(f"{NOT_FOUND}: {error}") from None
    return output


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
