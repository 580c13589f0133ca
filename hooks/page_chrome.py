"""The theme's own texts (footer credit, heading-link tooltip) and `<html lang>` in each build's language (see
`docs_tools.site.page_chrome`).

`on_config` runs after mkdocs-static-i18n's (priority -100), which sets up each language's configuration; the 404
page's language is set before the 404 hook (-100) writes it under its language's prefix.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from docs_tools.site import page_chrome


@event_priority(-110)
def on_config(config):
    return page_chrome.configure(config)


def on_post_page(output, page, config):
    return page_chrome.in_language(output, config)


def on_post_template(output, template_name, config):
    return page_chrome.template(output, template_name, config)
