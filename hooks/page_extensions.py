"""Gives the page-level Markdown extensions (includes, figures) the page MkDocs renders next, and stops the build
on what they found wrong once every page has been read (see `docs_tools.site.page_extensions`).

Runs before the other hooks' `on_page_markdown` (priority 100), while the Markdown is still the page as written.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from docs_tools.site.page_extensions import PageExtensions

_build: list[PageExtensions] = []


def on_config(config):
    _build[:] = [PageExtensions(config)]


@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    _build[0].configure(markdown, page, config)
    return markdown


def on_env(env, config, files):
    _build[0].stop_if_any()
    return env
