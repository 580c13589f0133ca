"""Banners in the built site: a page only in English, and a translation older than its English page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from docs_tools import project as project_module
from docs_tools.markdown.outline import outline
from docs_tools.translation.messages import load
from docs_tools.translation.stamped_sources import sources_of
from docs_tools.translation.state import TranslationState
from tests import mkdocs_site
from tests.conftest import ENGLISH_ONLY_PAGE, OUTDATED_PAGE
from tests.mkdocs_site import DEFAULT_LANGUAGE, PROJECT, TRANSLATIONS, page_file, page_url, text_of
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
    english = "/" + page_url(OUTDATED_PAGE, DEFAULT_LANGUAGE)
    last = outline(PROJECT.page_path(DEFAULT_LANGUAGE, OUTDATED_PAGE).read_text(encoding="utf-8"), "",
                   PROJECT.heading_id).headings[-1]
    assert links(banner["body"], here) == [(english, DEFAULT_LANGUAGE), (f"{english}#{last.id}", DEFAULT_LANGUAGE)]
    assert message.labels["changed_sections"] in text_of(banner["body"])


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_section_whose_english_text_changed_carries_a_mark_in_the_language(translation_states_site, language):
    markup = page_file(translation_states_site.site, OUTDATED_PAGE, language).read_text(encoding="utf-8")
    last = outline(PROJECT.page_path(DEFAULT_LANGUAGE, OUTDATED_PAGE).read_text(encoding="utf-8"), "",
                   PROJECT.heading_id).headings[-1]
    marks = []
    for mark in re.finditer(r'</h(\d)>\s*<div class="admonition warning translation-section-mark '
                            r'translation-section-changed" lang="([\w-]+)" data-search-exclude>\s*'
                            r'<p class="admonition-title">([^<]*)</p>', markup):
        heading = re.findall(rf'<h{mark[1]} id="([^"]+)"', markup[: mark.start()])[-1]
        marks.append((heading, mark[2], mark[3]))
    assert marks == [(last.id, language, MESSAGES[language]["section_changed"].title)]


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
    """The translators' guide quotes the banners in its own text; every other page's entries leave them out."""
    index = json.loads((translation_states_site.site / language / "search" / "search_index.json").read_text())
    guide = PROJECT.config.extra["translators_guide"].removesuffix(".md") + "/"
    docs = [doc for doc in index["docs"] if not doc["location"].startswith(guide)]
    assert len(docs) < len(index["docs"])  # the guide is there, and left aside
    for kind in ("not_translated", "outdated"):
        title = MESSAGES[language][kind].title
        assert not [doc["location"] for doc in docs if title in doc["text"] or title in doc["title"]]


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
    message = (f"docs/pt/{OUTDATED_PAGE}:2: translation_of 'last-tuesday' is not a fingerprint like "
               f"'sha256:0123456789abcdef'; run '.venv/bin/translations stamp docs/pt/{OUTDATED_PAGE}' to write it")
    assert message in built.messages("ERROR")
    status = TranslationState(project_module.load(project)).status("pt", OUTDATED_PAGE)
    assert message in [str(difference) for difference in status.differences]  # the build says what status says


def test_the_search_index_leaves_out_the_section_marks(translation_states_site):
    index = json.loads((translation_states_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for language in TRANSLATIONS:
        title = MESSAGES[language]["section_changed"].title
        assert not [doc["location"] for doc in index["docs"] if title in doc["text"] or title in doc["title"]]


BLANK_LINES_ONLY = "background-tasks.md"


@pytest.fixture(scope="module")
def english_moved_on(tmp_path_factory) -> mkdocs_site.Built:
    """A copy of the project, built, where after the translations were stamped the English background-tasks page
    gained a blank line."""
    root = tmp_path_factory.mktemp("english-moved-on")
    project = copy_project(root / "project")
    english = project / "docs" / "en"
    page = english / BLANK_LINES_ONLY
    page.write_text(page.read_text(encoding="utf-8").replace("\n\n", "\n\n\n", 1), encoding="utf-8")
    built = mkdocs_site.build(root / "site", project / "mkdocs.yml")
    assert built.error is None, built.text
    return built


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_an_english_change_of_blank_lines_only_shows_readers_no_banner(english_moved_on, language):
    assert banners(english_moved_on.site, BLANK_LINES_ONLY, language) == []


def broken_translations(project: Path) -> None:
    """In a copy of the project, one translated page of each language that readers must not get, and the English
    text of a stamp lost from the store (in a copy without git history, nothing else has it)."""
    (project / "docs" / "pt" / "responses.md").write_text("", encoding="utf-8")
    page = project / "docs" / "ru" / "responses.md"
    page.write_text(page.read_text(encoding="utf-8").replace("\n## ", "\n```python\nx = 1\n\n## ", 1),
                    encoding="utf-8")
    page = project / "docs" / "pt-BR" / "responses.md"
    page.write_text(re.sub(r"\{ #([\w-]+) \}", r"{ #\1-br }", page.read_text(encoding="utf-8"), count=2),
                    encoding="utf-8")
    for path, (name, _) in sources_of(project).entries().items():
        if name == BLANK_LINES_ONLY:
            path.unlink()
    english = project / "docs" / "en" / BLANK_LINES_ONLY
    english.write_text(english.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")


def test_a_strict_build_refuses_every_translated_page_readers_must_not_get_with_statuss_messages(tmp_path):
    project = copy_project(tmp_path / "project")
    broken_translations(project)
    built = mkdocs_site.build(tmp_path / "site", project / "mkdocs.yml")
    assert built.error is not None
    state = TranslationState(project_module.load(project))
    expected = [str(problem) for language in TRANSLATIONS for page in ("background-tasks.md", "responses.md")
                for problem in state.breaking(language, page)]
    assert len(expected) == 3 + 1 + 1 + 2  # the unknown stamp in each language, the empty page, the fence, two ids
    assert sorted(built.messages("ERROR")[:-1]) == sorted(expected)
    assert built.messages("ERROR")[-1].startswith(f"{len(expected)} fault(s) in translated pages that readers")
    assert not list((tmp_path / "site").rglob("*.html"))


@pytest.mark.long(seconds=8)
def test_a_preview_serves_the_english_page_with_a_banner_in_place_of_one_readers_must_not_get(tmp_path):
    project = copy_project(tmp_path / "project")
    broken_translations(project)
    built = mkdocs_site.build(tmp_path / "site", project / "mkdocs.yml", strict=False)
    assert built.error is None, built.text
    for language in TRANSLATIONS:
        for page in ("background-tasks.md", "responses.md"):
            markup = page_file(built.site, page, language).read_text(encoding="utf-8")
            (banner,) = banners(built.site, page, language)
            assert (banner["kind"], banner["lang"]) == ("translation-not-translated", language)
            assert '<article class="md-content__inner md-typeset" lang="en"' in markup
            title = "Background tasks" if page == "background-tasks.md" else "Responses"
            assert re.search(rf'<h1 id="[\w-]+">{title}<', markup), (language, page)
    assert any(message.endswith("(the English page is served in its place)") for message in built.messages("WARNING"))


def test_an_edited_stamped_english_text_stops_the_build_naming_it(tmp_path):
    project = copy_project(tmp_path / "project")
    english = project / "docs" / "en" / OUTDATED_PAGE
    english.write_text(english.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    stamp = re.search(r"translation_of: (\S+)", (project / "docs" / "pt" / OUTDATED_PAGE).read_text("utf-8"))[1]
    entry = sources_of(project).path(OUTDATED_PAGE, stamp)
    entry.write_text(entry.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    built = mkdocs_site.build(tmp_path / "site", project / "mkdocs.yml")
    assert built.error is not None
    assert any(message.startswith(f"translation_sources/{entry.name}: its text no longer has the fingerprint")
               for message in built.messages("ERROR")), built.text


def test_a_new_languages_texts_still_in_english_are_marked_english(new_languages_site):
    """`new-language` copies the English banners and 404 texts; until they are translated, they say they are English."""
    built = new_languages_site
    (banner,) = banners(built.site, "responses.md", "de")
    assert (banner["kind"], banner["lang"]) == ("translation-not-translated", "en")
    not_found = (built.site / "de" / "404.html").read_text(encoding="utf-8")
    assert '<h1 lang="en">' in not_found and '<html lang="de"' in not_found
    assert '<h1 lang="en">' not in (built.site / "pt" / "404.html").read_text(encoding="utf-8")  # translated
