"""Every change this project makes to the HTML the theme (Material for MkDocs) writes, in one place.

Each patch finds what it changes by the markup the theme writes today. Where that markup must be there, a theme
that no longer writes it stops the build with `ThemeChanged`, naming the patch to update, instead of publishing
pages the patch silently missed. Pages' own content is changed in the Markdown tree (`docs_tools.extensions`), never
here.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Mapping

from jinja2.utils import htmlsafe_json_dumps

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"')
_HTML_LANG = re.compile(r'<html lang="[^"]*"')
_HEAD = "<head>"
_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
_SELECTOR_LINK = re.compile(r'<a href="[^"]*" hreflang="(?P<lang>[^"]*)" class="md-select__link"')
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
NOT_FOUND_HEADING = "<h1>404 - Not found</h1>"
"""The heading of the theme's 404 page."""


class ThemeChanged(ValueError):
    """The theme no longer writes the markup a patch changes."""

    def __init__(self, patch: str, missing: str) -> None:
        super().__init__(f"the theme's page has no {missing} any more; update {patch}() in "
                         f"docs_tools/site/theme_patches.py for the new template")


def _once(pattern: re.Pattern[str], replacement, page: str, patch: str, missing: str) -> str:
    patched, count = pattern.subn(replacement, page, count=1)
    if count != 1:
        raise ThemeChanged(patch, missing)
    return patched


def content_in(page: str, language: str) -> str:
    """The page with its content (the theme's article) marked as written in `language`."""
    return _once(_ARTICLE, rf'\g<0> lang="{html.escape(language)}"', page, "content_in",
                 '<article class="md-content__inner md-typeset">')


def page_in(page: str, language: str) -> str:
    """The page with `<html lang>` naming `language` (the theme writes its own language's code, `pt` for pt-BR)."""
    return _once(_HTML_LANG, f'<html lang="{html.escape(language)}"', page, "page_in", "<html lang>")


def with_in_head(page: str, markup: str) -> str:
    """The page with `markup` first in its `<head>`."""
    if _HEAD not in page:
        raise ThemeChanged("with_in_head", "<head>")
    return page.replace(_HEAD, f"{_HEAD}\n{markup}", 1)


def without_head_alternates(page: str) -> str:
    """The page without the `<link rel="alternate" hreflang>` tags of its head (feeds' alternates stay; a page may
    have none)."""
    return _HEAD_ALTERNATE.sub("", page)


def selector_to(page: str, targets: Mapping[str, str]) -> str:
    """The page with each language-selector link pointing to `targets[its language]`; other links stay. The theme
    shows the selector when there is more than one language."""

    def target(match: re.Match[str]) -> str:
        url = targets.get(match["lang"])
        return match[0] if url is None else (
            f'<a href="{html.escape(url)}" hreflang="{match["lang"]}" class="md-select__link"')

    patched, count = _SELECTOR_LINK.subn(target, page)
    if count == 0 and len(targets) > 1:
        raise ThemeChanged("selector_to", 'language selector (<a hreflang class="md-select__link">)')
    return patched


def search_base_in(page: str, language: str) -> str:
    """The page with its `__config.base`, where the theme's search loads its index from, moved to `language`'s
    root."""

    def replace(match: re.Match[str]) -> str:
        settings = json.loads(match[2])
        settings["base"] = posixpath.join(settings["base"], language) + "/"
        return match[1] + str(htmlsafe_json_dumps(settings, sort_keys=True)) + match[3]

    return _once(_CONFIG, replace, page, "search_base_in", '<script id="__config">')


def not_found_heading(page: str, markup: str) -> str:
    """The 404 page with `markup` in place of the theme's heading."""
    if NOT_FOUND_HEADING not in page:
        raise ThemeChanged("not_found_heading", f"404 heading {NOT_FOUND_HEADING!r}")
    return page.replace(NOT_FOUND_HEADING, markup, 1)
