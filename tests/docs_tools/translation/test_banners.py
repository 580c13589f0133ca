"""Translation banners as Markdown (under the title, styled, in the reader's language, kept out of search), and the
content of an English page served in a translation marked as English."""

from __future__ import annotations

from docs_tools.translation.banners import (
    Listed,
    after_title,
    banner,
    section_lists,
    section_mark,
)
from docs_tools.translation.messages import Message

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


OUTDATED = Message("Outdated", "See the ", "English page", ".",
                   {"changed_sections": "Changed:", "new_sections": "New:", "removed_sections": "Gone:",
                    "page_start": "Start"})


def test_section_lists_link_each_section_to_english_and_escape_markdown():
    lists = section_lists(OUTDATED, "en", [Listed("Tasks(as_group=True) *fast*", "../../a/#groups")],
                          [Listed("<New>", "../../a/#new")], [Listed("Old", None)])
    assert lists == (
        'Changed:\n\n- <a href="../../a/#groups" hreflang="en">Tasks(as&#95;group=True) &#42;fast&#42;</a>\n\n'
        'New:\n\n- <a href="../../a/#new" hreflang="en">&lt;New&gt;</a>\n\n'
        "Gone:\n\n- <span>Old</span>"
    )


def test_section_lists_leave_out_empty_lists():
    assert section_lists(OUTDATED, "en", [], [Listed("New", "#new")], []) == (
        'New:\n\n- <a href="#new" hreflang="en">New</a>')


def test_a_mark_is_a_warning_in_the_readers_language_that_search_skips():
    mark = section_mark("section_changed", MESSAGE, "../../a/#x", "pt", "en")
    assert mark == (
        '<div class="admonition warning translation-section-mark translation-section-changed" lang="pt" '
        'data-search-exclude>\n<p class="admonition-title">Not translated</p>\n'
        '<p>Read the <a href="../../a/#x" hreflang="en">guide</a>.</p>\n</div>'
    )


def test_a_title_that_looks_like_a_list_stays_text():
    assert section_lists(OUTDATED, "en", [], [], [Listed("1. Install", None)]) == "Gone:\n\n- <span>1. Install</span>"
