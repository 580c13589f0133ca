"""What a reader of a translation's build sees about it: banners on the pages not translated yet or whose English
page changed since their translation, marks on the changed sections, and links to sections a translated page lacks
sent to English (see `docs_tools.site.translated_pages`).

Runs after the page-extensions hook (priority 100), so that the page's Markdown is still the page as written when
that hook reads its first line.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from docs_tools.site.translated_pages import NoTranslations, TranslatedPages, for_config

_pages: list[TranslatedPages | NoTranslations] = []


def on_config(config):
    _pages[:] = [for_config(config)]


@event_priority(-50)
def on_page_markdown(markdown, page, config, files):
    return _pages[0].markdown(markdown, page, config, files)


def on_post_page(output, page, config):
    return _pages[0].output(output, page, config)
