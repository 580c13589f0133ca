"""Expand `{!> PATH !}` include lines before any Markdown extension sees the page (see `docs_tools.includes`).

Runs first (priority 100), so that line numbers in errors refer to the page as written and other hooks see the
included code. Every bad include line of the build is logged as an error, page after page; the build then stops
before any page is written (`on_env` comes after every page's Markdown and before the first page is saved).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority

from docs_tools.build_errors import PageErrors
from docs_tools.includes import IncludeErrors, body_first_line, expand
from docs_tools.project import root_of, shown

_errors = PageErrors(logging.getLogger("mkdocs.hooks.includes"), "include line(s) cannot be honoured")


def on_config(config):
    _errors.clear()


@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    root = root_of(config)
    first = body_first_line(page.file.content_string, markdown)
    try:
        return expand(markdown, root, shown(Path(page.file.abs_src_path), root), first)
    except IncludeErrors as errors:
        _errors.add(str(error) for error in errors.errors)
        return markdown


def on_env(env, config, files):
    _errors.stop_if_any()
    return env
