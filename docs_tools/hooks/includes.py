"""Expand `{!> PATH !}` include lines before any Markdown extension sees the page (see `docs_tools.includes`).

Runs first (priority 100), so that line numbers in errors refer to the page as written and other hooks see the
included code.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from docs_tools.includes import IncludeError, body_first_line, expand
from docs_tools.project import root_of, shown


@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    root = root_of(config)
    first = body_first_line(page.file.content_string, markdown)
    try:
        return expand(markdown, root, shown(Path(page.file.abs_src_path), root), first)
    except IncludeError as error:
        raise PluginError(str(error)) from None
