"""A 404 page per language, in that language, under its prefix; the root one stays English."""

from __future__ import annotations

import json
import re

import pytest

from hooks.translation_messages import load
from tests.mkdocs_site import LANGUAGES, text_of

MESSAGES = load()


def not_found(site, language: str) -> str:
    prefix = "" if language == "en" else f"{language}/"
    return (site / prefix / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_404_page_in_its_language(built_site, language):
    markup = not_found(built_site.path, language)
    message = MESSAGES[language]["not_found"]
    home = "/" if language == "en" else f"/{language}/"
    assert f'<html lang="{language}"' in markup
    assert f"<h1>{message.title}</h1>" in markup
    assert "404 - Not found" not in markup
    paragraph = re.search(r"</h1>\s*<p>(.*?)</p>", markup, re.S)[1]
    assert text_of(paragraph) == message.before + message.words + message.after
    assert f'<a href="{home}">{message.words}</a>' in paragraph


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_404_page_searches_and_navigates_its_own_language(built_site, language):
    markup = not_found(built_site.path, language)
    home = "/" if language == "en" else f"/{language}/"
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', markup, re.S)[1])
    assert config["base"] == home
    nav = re.findall(r'<a href="([^"]*)" class="md-nav__link', markup)
    assert nav and all(href.startswith(home) for href in nav), nav
    if language == "en":
        assert not [href for href in nav if href.startswith(tuple(f"/{x}/" for x in LANGUAGES if x != "en"))]


def test_the_root_404_page_is_english_although_other_languages_are_built_after_it(built_site):
    assert built_site.log.index("Building 'ru'") > built_site.log.index("Building 'en'")
    assert '<html lang="en"' in not_found(built_site.path, "en")
