"""Translation banners as Markdown (under the title, styled, in the reader's language, kept out of search), and the
content of an English page served in a translation marked as English."""

from __future__ import annotations

import pytest

from docs_tools.banners import TemplateChanged, after_title, banner, content_in
from docs_tools.messages import Message

MESSAGE = Message("Not translated", "Read the ", "guide", ".")


def test_the_banner_goes_under_the_title():
    assert after_title("# Tasks\n\nText.", "BANNER") == "# Tasks\n\nBANNER\n\n\nText."


def test_a_setext_title_keeps_its_underline_above_the_banner():
    assert after_title("Tasks\n=====\nText.", "BANNER") == "Tasks\n=====\n\nBANNER\n\nText."


def test_a_page_without_a_title_gets_the_banner_on_top():
    assert after_title("Intro.\n\n# Tasks", "BANNER") == "BANNER\n\nIntro.\n\n# Tasks"


def test_a_banner_is_an_admonition_that_search_skips():
    block = banner("not_translated", MESSAGE, MESSAGE.markdown("../guide.md"), "pt")
    assert block.startswith(
        '<div class="admonition info translation-banner translation-not-translated" lang="pt" data-search-exclude '
        "markdown>"
    )
    assert '<p class="admonition-title">Not translated</p>' in block
    assert "Read the [guide](../guide.md)." in block
    assert banner("outdated", MESSAGE, "x", "ru").startswith('<div class="admonition warning translation-banner '
                                                             'translation-outdated" lang="ru"')


def test_the_content_of_a_page_is_marked_with_its_language():
    page = '<html lang="pt"><nav>Início</nav><article class="md-content__inner md-typeset"><h1>Tasks</h1></article>'
    assert content_in(page, "en") == page.replace('md-typeset">', 'md-typeset" lang="en">')


def test_a_theme_without_the_content_element_stops_with_what_to_update():
    with pytest.raises(TemplateChanged, match="update docs_tools/banners.py for the new template"):
        content_in("<html><main><h1>Tasks</h1></main></html>", "en")
