"""The page title as the banner hook finds it (the rest of the outline is tested through parity)."""

from __future__ import annotations

import pytest

from docs_tools.outline import title


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
