"""The figures' words: every language has every key of English, with the same placeholders."""

from __future__ import annotations

import pytest

from docs_tools.figures.texts import FigureTextsError, check, for_language, load
from tests.mkdocs_site import LANGUAGES, ROOT


def test_every_language_of_the_site_has_the_figures_words():
    assert set(load(ROOT)) == set(LANGUAGES)


def test_all_problems_are_reported_together_with_language_and_key():
    data = {"en": {"a": "{x} ms", "b": "words"}, "pt": {"a": "{y} ms", "c": "extra"}}
    with pytest.raises(FigureTextsError) as raised:
        check(data)
    assert str(raised.value).splitlines() == [
        "figure_texts.yml: pt.a: needs the placeholders ['x'], has ['y']",
        "figure_texts.yml: pt.b: missing; translate the English 'words'",
        "figure_texts.yml: pt.c: not a key of 'en'",
    ]


def test_a_language_without_words_says_where_to_add_them():
    with pytest.raises(FigureTextsError, match="no words for 'de'; copy the 'en' block"):
        for_language({"en": {}}, "de")
