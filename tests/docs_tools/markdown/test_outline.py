"""The page title as the banner hook finds it, and include syntax shown as text (the rest of the outline is tested
through parity)."""

from __future__ import annotations

import pytest

from docs_tools.markdown.outline import outline, title


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("# Tasks\n\nText.\n", ("Tasks", 1, 1)),
        ("\n\n# Tasks {#tasks}\n", ("Tasks", 3, 3)),
        ("Tasks\n=====\n\nText.\n", ("Tasks", 1, 2)),
        ("---\ntitle: T\n---\n\n# Tasks\n", ("Tasks", 5, 5)),
    ],
    ids=["atx", "after-blank-lines", "setext", "after-front-matter"],
)
def test_a_first_level_heading_first_on_the_page_is_its_title(text, found):
    heading = title(text)
    assert (heading.text, heading.line, heading.last_line) == found


@pytest.mark.parametrize(
    "text",
    ["Intro.\n\n# Tasks\n", "## Tasks\n", "```md\n# not a heading\n```\n", ""],
    ids=["text-first", "second-level", "inside-code", "empty"],
)
def test_a_page_without_a_title_first_has_none(text):
    assert title(text) is None


def test_the_include_syntax_in_inline_code_is_prose_and_keeps_the_links_of_its_line():
    page = outline("# Includes\n\nWrite `{!> docs_src/app.py !}`, as [the guide](guide.md) says.\n", "page.md", str)
    assert page.includes == []
    assert page.errors == []
    assert [(link.line, link.target) for link in page.links] == [(3, "guide.md")]


def test_the_same_text_path_and_heading_ids_give_the_outline_made_the_first_time():
    """What a site build shares between its languages' reads of one page; another text, or other heading ids, make
    an outline of their own."""
    text = "# Tasks\n\n## After the response\n\nText.\n"
    first = outline(text, "page.md", str.upper)
    assert outline(text, "page.md", str.upper) is first
    assert [heading.id for heading in first.headings] == ["TASKS", "AFTER THE RESPONSE"]
    assert [heading.id for heading in outline(text, "page.md", str.lower).headings] == ["tasks", "after the response"]
    assert outline(text + "More.\n", "page.md", str.upper) is not first
