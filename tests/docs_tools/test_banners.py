"""Translation banners as Markdown: placed under the page's title, styled and kept out of the search index."""

from __future__ import annotations

from docs_tools.banners import after_title, banner
from docs_tools.messages import Message

MESSAGE = Message("Not translated", "Read the ", "guide", ".")


def test_the_banner_goes_under_the_title():
    assert after_title("# Tasks\n\nText.", "BANNER") == "# Tasks\n\nBANNER\n\n\nText."


def test_a_setext_title_keeps_its_underline_above_the_banner():
    assert after_title("Tasks\n=====\nText.", "BANNER") == "Tasks\n=====\n\nBANNER\n\nText."


def test_a_page_without_a_title_gets_the_banner_on_top():
    assert after_title("Intro.\n\n# Tasks", "BANNER") == "BANNER\n\nIntro.\n\n# Tasks"


def test_a_banner_is_an_admonition_that_search_skips():
    block = banner("not_translated", MESSAGE, MESSAGE.markdown("../guide.md"))
    assert block.startswith(
        '<div class="admonition info translation-banner translation-not-translated" data-search-exclude markdown>'
    )
    assert '<p class="admonition-title">Not translated</p>' in block
    assert "Read the [guide](../guide.md)." in block
    assert banner("outdated", MESSAGE, "x").startswith('<div class="admonition warning translation-banner '
                                                       'translation-outdated"')
