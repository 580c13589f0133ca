"""Label each table cell with its column heading, so that phones can show rows as "heading: value" lines
(see `docs_tools.table_labels`)."""

from __future__ import annotations

from docs_tools.table_labels import with_labels


def on_page_content(html, page, config, files):
    return with_labels(html)
