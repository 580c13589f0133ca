"""A 404 page per language, in that language, under its prefix; the root one stays English."""

from __future__ import annotations

import re

import pytest

from docs_tools.translation.messages import load
from tests.mkdocs_site import DEFAULT_LANGUAGE, LANGUAGES, PROJECT, TRANSLATIONS, language_root, page_config, text_of

MESSAGES = load(PROJECT.messages_path)


def not_found(site, language: str) -> str:
    return (site / language_root(language) / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_404_page_in_its_language(built_site, language):
    markup = not_found(built_site.site, language)
    message = MESSAGES[language]["not_found"]
    home = "/" + language_root(language)
    assert f'<html lang="{language}"' in markup
    assert f"<h1>{message.title}</h1>" in markup
    assert "404 - Not found" not in markup
    paragraph = re.search(r"</h1>\s*<p>(.*?)</p>", markup, re.S)[1]
    assert text_of(paragraph) == message.before + message.words + message.after
    assert f'<a href="{home}">{message.words}</a>' in paragraph


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_404_page_searches_and_navigates_its_own_language(built_site, language):
    markup = not_found(built_site.site, language)
    home = "/" + language_root(language)
    assert page_config(markup)["base"] == home
    nav = re.findall(r'<a href="([^"]*)" class="md-nav__link', markup)
    assert nav and all(href.startswith(home) for href in nav), nav
    if language == DEFAULT_LANGUAGE:
        assert not [href for href in nav if href.startswith(tuple(f"/{x}/" for x in TRANSLATIONS))]


def test_the_root_404_page_is_english_although_other_languages_are_built_after_it(built_site):
    building = re.compile(r"Building '([^']+)' documentation")
    built = [match[1] for match in map(building.search, built_site.messages("INFO")) if match]
    assert built.index(TRANSLATIONS[-1]) > built.index(DEFAULT_LANGUAGE), built
    assert f'<html lang="{DEFAULT_LANGUAGE}"' in not_found(built_site.site, DEFAULT_LANGUAGE)
