"""Fence info strings: the language, the attributes and the highlighted lines, however the fence is written."""

from __future__ import annotations

import pytest

from docs_tools.markdown.fences import hl_lines, parse_info


@pytest.mark.parametrize(
    ("info", "parsed"),
    [
        ('python hl_lines="3-4" title="app.py"', ("python", {"hl_lines": "3-4", "title": "app.py"}, ())),
        ("{ .python linenums='1' }", ("python", {"linenums": "1"}, ())),
        ("bash", ("bash", {}, ())),
        ("", ("", {}, ())),
        ("text extra", ("text", {}, ("extra",))),
    ],
)
def test_the_info_string_is_split_into_language_attributes_and_the_rest(info, parsed):
    assert parse_info(info) == parsed


def test_highlighted_lines_expand_ranges_in_order():
    assert hl_lines('python hl_lines="1 3-5 9"') == [1, 3, 4, 5, 9]


def test_a_fence_without_highlighted_lines_has_none():
    assert hl_lines('python title="app.py"') == []


def test_a_value_that_is_not_lines_names_the_part():
    with pytest.raises(ValueError) as caught:
        hl_lines('python hl_lines="3-x"')
    assert str(caught.value) == "hl_lines='3-x': '3-x' is not a line number or a range such as '3-5'"
