"""Every page of a build read as UTF-8 before MkDocs reads it, each unreadable one reported with its file and line
(see `docs_tools.site.readable_pages`)."""

from __future__ import annotations

from docs_tools.site.readable_pages import check_readable


def on_files(files, config):
    return check_readable(files, config)
