"""Every language's pages in that language, down to what the theme would leave in English: the footer's credit
line ("Made with Material for MkDocs") and the tooltip of each heading's link to itself ("Permanent link"); and
`<html lang>` naming the language as the site does (the theme writes `pt` for Brazilian Portuguese).

In each language build, the credit comes from the language's `page_chrome` text in `translation_messages.yml` (the
theme's own English line is switched off with `extra.generator: false`), and the tooltip is the `toc` extension's
`permalink_title` for that build. The theme's other texts come from its language files, overridden in
`theme_overrides/partials/languages/` where the theme's own file does not fit.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from docs_tools.project import root_of
from docs_tools.site.language_build import language_build
from docs_tools.site.not_found import TEMPLATE as NOT_FOUND
from docs_tools.site.theme_patches import ThemeChanged, page_in
from docs_tools.translation.messages import MESSAGES_NAME, MessagesError, for_language, load, written_in

THEME_URL = "https://squidfunk.github.io/mkdocs-material/"


def configure(config: MkDocsConfig) -> MkDocsConfig:
    """The build's configuration with the credit line and the heading-link tooltip in the language being built."""
    build = language_build(config)
    language = build.language if build is not None else config.theme["language"]
    try:
        messages = load(root_of(config) / MESSAGES_NAME)
        message = for_language(messages, language, "page_chrome")
    except MessagesError as error:
        raise PluginError(str(error)) from None
    config.extra["generator"] = False
    config.copyright = message.html(THEME_URL)
    default = build.default if build is not None else language
    credit_language = written_in(messages, language, "page_chrome", default)
    if credit_language != language:
        config.copyright = f'<span lang="{credit_language}">{config.copyright}</span>'  # still a copy of English
    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = message.labels["permalink"]
    return config


def template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """A page the theme renders from a template of its own: the 404 page, like every page, in the build's
    language."""
    return in_language(output, config) if template_name == NOT_FOUND else output


def in_language(output: str, config: MkDocsConfig) -> str:
    """A page of a language build, its `<html lang>` naming that language."""
    build = language_build(config)
    if build is None:
        return output
    try:
        return page_in(output, build.language)
    except ThemeChanged as error:
        raise PluginError(str(error)) from None
