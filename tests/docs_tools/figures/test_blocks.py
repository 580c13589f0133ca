"""Figure blocks: found outside other code blocks, replaced line for line, and every bad one reported with its line."""

from __future__ import annotations

import pytest

from docs_tools.figures.blocks import FigureError, FigureErrors, expand


def draw(kind: str, name: str) -> str:
    if name == "missing":
        raise FigureError("no such recording")
    return f"<figure>{kind}:{name}</figure>"


def test_a_block_becomes_its_figure_on_as_many_lines():
    page = "Intro\n\n```timeline\nas_group\n```\n\nAfter"
    out = expand(page, "p.md", draw)
    assert out == "Intro\n\n\n<figure>timeline:as_group</figure>\n\n\nAfter"
    assert len(out.split("\n")) == len(page.split("\n"))


def test_a_figure_block_shown_inside_another_code_block_stays_text():
    page = "````markdown\n```timeline\nas_group\n```\n````"
    assert expand(page, "p.md", draw) == page


def test_other_fences_are_left_alone():
    page = "```python\nx = 1\n```"
    assert expand(page, "p.md", draw) == page


def test_every_bad_block_is_reported_with_page_and_line(tmp_path):
    page = "```timeline\nmissing\n```\n\n```performance\n```\n\n```timeline\na\nb\n```\n\n```timeline\nopen"
    with pytest.raises(FigureErrors) as raised:
        expand(page, "docs/en/p.md", draw, first_line=3)
    assert str(raised.value).splitlines() == [
        "docs/en/p.md:3: timeline 'missing': no such recording",
        "docs/en/p.md:7: a performance block holds exactly one name, found []",
        "docs/en/p.md:10: a timeline block holds exactly one name, found ['a', 'b']",
        "docs/en/p.md:15: the timeline block is never closed",
    ]


def test_a_drawing_on_several_lines_is_refused():
    with pytest.raises(FigureErrors, match="not one line of HTML"):
        expand("```timeline\nx\n```", "p.md", lambda kind, name: "<p>\n</p>")
