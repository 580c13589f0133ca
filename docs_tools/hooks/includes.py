"""Expand `{!> PATH !}` include lines before any Markdown extension sees the page (see `docs_tools.includes`).

Runs first (priority 100), so that line numbers in errors refer to the page as written and other hooks see the
included code. Every bad include line of the build is logged as an error, page after page; the build then stops
before any page is written (`on_env` comes after every page's Markdown and before the first page is saved).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from docs_tools.includes import IncludeErrors, body_first_line, expand
from docs_tools.project import root_of, shown

log = logging.getLogger("mkdocs.hooks.includes")
_failed: list[str] = []


def on_config(config):
    """Each build (one per language) counts its own bad include lines."""
    _failed.clear()


@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    root = root_of(config)
    first = body_first_line(page.file.content_string, markdown)
    try:
        return expand(markdown, root, shown(Path(page.file.abs_src_path), root), first)
    except IncludeErrors as errors:
        for error in errors.errors:
            log.error(str(error))
            _failed.append(str(error))
        return markdown


def on_env(env, config, files):
    if _failed:
        raise PluginError(f"{len(_failed)} include line(s) cannot be honoured; each is logged above with its page "
                          "and line")
    return env
