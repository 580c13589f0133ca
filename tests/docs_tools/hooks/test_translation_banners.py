"""Banners in the built site: a page only in English, and a translation older than its English page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from docs_tools.messages import load
from tests import mkdocs_site
from tests.conftest import ENGLISH_ONLY_PAGE, OUTDATED_PAGE
from tests.mkdocs_site import DEFAULT_LANGUAGE, TRANSLATIONS, page_file, page_url, text_of
from tests.trees import copy_project

MESSAGES = load(mkdocs_site.PROJECT.messages_path)
_BANNER = re.compile(r'<div class="admonition (?P<style>\w+) translation-banner (?P<kind>translation-[\w-]+)"'
                     r' lang="(?P<lang>[\w-]+)">'
                     r"(?P<body>.*?)</div>", re.DOTALL)


def banners(site: Path, source: str, language: str) -> list[re.Match[str]]:
    return list(_BANNER.finditer(page_file(site, source, language).read_text(encoding="utf-8")))


def links(markup: str, here: str) -> list[tuple[str, str]]:
    """(absolute path, hreflang) of each link in a fragment of the page at `here`."""
    found = re.findall(r'<a href="([^"]*)"(?: hreflang="([a-z]+)")?>', markup)
    return [(urljoin(here, href), lang) for href, lang in found]


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_page_only_in_english_is_served_with_a_not_translated_banner_in_the_language(
    translation_states_site, language
):
    (banner,) = banners(translation_states_site.site, ENGLISH_ONLY_PAGE, language)
    message = MESSAGES[language]["not_translated"]
    assert banner["kind"] == "translation-not-translated"
    assert message.title in text_of(banner["body"])
    assert message.words in text_of(banner["body"])
    here = "/" + page_url(ENGLISH_ONLY_PAGE, language)
    assert links(banner["body"], here) == [(f"/{language}/contributing/translations/", "")]
    markup = page_file(translation_states_site.site, ENGLISH_ONLY_PAGE, language).read_text(encoding="utf-8")
    assert f'<html lang="{language}"' in markup
    assert markup.index("<h1") < banner.start() < markup.index("This page has no translation.")


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_an_english_page_served_in_a_translation_has_english_content_and_a_banner_in_the_language(
    translation_states_site, language
):
    """WCAG 3.1.2: the page is `lang="pt"` (its header, navigation and banner are Portuguese), its text English."""
    markup = page_file(translation_states_site.site, ENGLISH_ONLY_PAGE, language).read_text(encoding="utf-8")
    (article,) = re.findall(r'<article class="md-content__inner md-typeset"[^>]*>', markup)
    assert article == f'<article class="md-content__inner md-typeset" lang="{DEFAULT_LANGUAGE}">'
    assert markup.index(article) < markup.index("This page has no translation.")
    (banner,) = banners(translation_states_site.site, ENGLISH_ONLY_PAGE, language)
    assert banner["lang"] == language
    translated = page_file(translation_states_site.site, "index.md", language).read_text(encoding="utf-8")
    assert '<article class="md-content__inner md-typeset">' in translated  # a translated page: the page's language


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_an_outdated_translation_is_served_with_a_banner_linking_to_the_english_page(
    translation_states_site, language
):
    (banner,) = banners(translation_states_site.site, OUTDATED_PAGE, language)
    message = MESSAGES[language]["outdated"]
    assert banner["kind"] == "translation-outdated"
    assert banner["style"] == "warning"
    assert message.title in text_of(banner["body"])
    here = "/" + page_url(OUTDATED_PAGE, language)
    assert links(banner["body"], here) == [("/" + page_url(OUTDATED_PAGE, DEFAULT_LANGUAGE), DEFAULT_LANGUAGE)]


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_stamp_is_not_shown_to_readers(translation_states_site, language):
    markup = page_file(translation_states_site.site, OUTDATED_PAGE, language).read_text(encoding="utf-8")
    assert "translation_of" not in markup
    assert "sha256:" not in markup


def test_english_pages_never_get_a_banner(translation_states_site):
    for source in [*mkdocs_site.page_sources(), ENGLISH_ONLY_PAGE]:
        assert banners(translation_states_site.site, source, DEFAULT_LANGUAGE) == [], source


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_up_to_date_and_unstamped_translations_get_no_banner(translation_states_site, language):
    for source in mkdocs_site.page_sources(language):
        if source != OUTDATED_PAGE:
            found = [match["kind"] for match in banners(translation_states_site.site, source, language)]
            assert found == [], f"docs/{language}/{source}: {found}; is it outdated? run the status command"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_banner_text_stays_out_of_the_search_index(translation_states_site, language):
    index = json.loads((translation_states_site.site / language / "search" / "search_index.json").read_text())
    for kind in ("not_translated", "outdated"):
        title = MESSAGES[language][kind].title
        assert not [doc["location"] for doc in index["docs"] if title in doc["text"] or title in doc["title"]]


def test_the_real_site_shows_no_banner_on_english_pages(built_site):
    for source in mkdocs_site.page_sources():
        assert banners(built_site.site, source, DEFAULT_LANGUAGE) == [], source


def test_a_stamp_that_is_not_a_fingerprint_stops_the_build_with_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "pt" / OUTDATED_PAGE
    body = re.sub(r"\A---\n.*?\n---\n\n?", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    page.write_text("---\ntranslation_of: last-tuesday\n---\n\n" + body, encoding="utf-8")
    built = mkdocs_site.build(tmp_path / "site", project / "mkdocs.yml")
    assert built.error is not None
    assert (
        f"docs/pt/{OUTDATED_PAGE}:2: translation_of 'last-tuesday' is not a fingerprint like "
        f"'sha256:0123456789abcdef'; run: .venv/bin/translations stamp docs/pt/{OUTDATED_PAGE}"
    ) in built.messages("ERROR")
