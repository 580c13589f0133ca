"""The theme's credit line and heading-link tooltip come from the reader messages, and `<html lang>` names the
language being built; the built pages are checked in tests/hooks/test_page_chrome.py."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from docs_tools.site import page_chrome
from docs_tools.translation.messages import for_language, load
from tests.mkdocs_site import PROJECT

PAGE = '<html lang="pt" class="no-js"><head></head><body>x</body></html>'


@pytest.mark.parametrize("language", ["en", "pt-BR", "ru"])
def test_the_credit_and_the_tooltip_are_the_languages_own(config, language):
    config.plugins["i18n"].current_language = language
    message = for_language(load(PROJECT.messages_path), language, "page_chrome")
    page_chrome.configure(config)
    assert config.extra["generator"] is False
    assert config.copyright == message.html(page_chrome.THEME_URL)
    assert config.mdx_configs["toc"]["permalink_title"] == message.labels["permalink"]


def test_a_page_names_the_language_being_built(config):
    config.plugins["i18n"].current_language = "pt-BR"
    assert page_chrome.in_language(PAGE, config) == PAGE.replace('lang="pt"', 'lang="pt-BR"')
    assert page_chrome.template(PAGE, "404.html", config) == PAGE.replace('lang="pt"', 'lang="pt-BR"')


def test_other_templates_and_pages_outside_a_language_build_are_left_alone(config):
    assert page_chrome.in_language(PAGE, config) == PAGE
    config.plugins["i18n"].current_language = "ru"
    assert page_chrome.template(PAGE, "sitemap.xml", config) == PAGE


def test_a_theme_page_without_html_lang_stops_the_build_naming_the_patch(config):
    config.plugins["i18n"].current_language = "ru"
    with pytest.raises(PluginError, match=r"update page_in\(\)"):
        page_chrome.in_language("<html><body>x</body></html>", config)


def test_a_credit_line_still_in_english_is_marked_english(config, tmp_path, monkeypatch):
    messages = load(PROJECT.messages_path)
    monkeypatch.setattr(page_chrome, "load", lambda path: {**messages, "ru": messages["en"]})
    config.plugins["i18n"].current_language = "ru"
    page_chrome.configure(config)
    english = messages["en"]["page_chrome"].html(page_chrome.THEME_URL)
    assert config.copyright == f'<span lang="en">{english}</span>'
