"""Links between languages that work with per-page alternates (see `docs_tools.site.language_links`).

Runs before the 404 hook (priority -100), which writes each language's 404 page under its prefix.
"""

from __future__ import annotations

from docs_tools.site import language_links


def on_post_page(output, page, config):
    return language_links.page(output)


def on_post_template(output, template_name, config):
    return language_links.template(output, template_name, config)
