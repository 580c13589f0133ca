"""Every language's pages in that language, down to what the theme would leave in English: the footer's credit
line ("Made with Material for MkDocs") and the tooltip of each heading's link to itself ("Permanent link"); and
`<html lang>` naming the language as the site does (the theme writes `pt` for Brazilian Portuguese).

In each language build, the credit comes from the language's `page_chrome` text in `translation_messages.yml` (the
theme's own English line is switched off with `extra.generator: false`), and the tooltip is the `toc` extension's
`permalink_title` for that build. The theme's other texts come from its language files, overridden in
`theme_overrides/partials/languages/` where the theme's own file does not fit.

`on_config` runs after mkdocs-static-i18n's (priority -100), which sets up each language's configuration; the 404
page's language is set before the 404 hook (-100) writes it under its language's prefix.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from docs_tools.project import root_of
from docs_tools.site.language_build import language_build
from docs_tools.translation.messages import MESSAGES_NAME, MessagesError, for_language, load

THEME_URL = "https://squidfunk.github.io/mkdocs-material/"
_HTML_LANG = re.compile(r'<html lang="[^"]*"')


@event_priority(-110)
def on_config(config):
    build = language_build(config)
    language = build.language if build is not None else config.theme["language"]
    try:
        message = for_language(load(root_of(config) / MESSAGES_NAME), language, "page_chrome")
    except MessagesError as error:
        raise PluginError(str(error)) from None
    config.extra["generator"] = False
    config.copyright = message.html(THEME_URL)
    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = message.labels["permalink"]
    return config


def _in_language(output: str, config) -> str:
    build = language_build(config)
    if build is None:
        return output
    return _HTML_LANG.sub(f'<html lang="{build.language}"', output, count=1)


def on_post_page(output, page, config):
    return _in_language(output, config)


def on_post_template(output, template_name, config):
    return _in_language(output, config) if template_name == "404.html" else output
