"""The real docs: every translation keeps parity with English and is stamped with the current English version."""

from __future__ import annotations

import pytest

from docs_tools.fingerprint import COMMAND
from docs_tools.messages import KINDS, load
from docs_tools.translation.parity import ParityChecker
from docs_tools.translation.status import language_status, unused_sources
from tests.mkdocs_site import PROJECT

TRANSLATIONS = [language.code for language in PROJECT.translations]


def test_there_are_translations_to_check():
    assert {"pt", "ru"} <= set(TRANSLATIONS)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_parity_holds_for_every_translated_page(language):
    checker = ParityChecker(PROJECT)
    differences = [str(d) for page, found in checker.check_language(language).items() for d in found]
    assert not differences, "\n" + "\n".join(differences)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_status_shows_every_page_up_to_date(language):
    problems = [f"{status.label:<12} docs/{language}/{status.page}"
                for status in language_status(PROJECT, language, diffs=False) if status.states]
    assert not problems, (
        f"\n{chr(10).join(problems)}\nRun '{COMMAND} status {language}' for what to do on each page."
    )


def test_the_store_keeps_exactly_the_english_texts_translations_are_stamped_against():
    assert unused_sources(PROJECT) == [], f"run '{COMMAND} status' and delete what it lists"


def test_every_language_has_its_reader_messages():
    messages = load(PROJECT.messages_path)
    for language in PROJECT.languages:
        assert language.code in messages, f"{PROJECT.shown(PROJECT.messages_path)} has no '{language.code}' block"
        assert set(messages[language.code]) == set(KINDS)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_reader_messages_are_written_in_the_language(language):
    """A copied English block (what new-language starts with) must be translated before the language ships."""
    messages = load(PROJECT.messages_path)
    english, translated = messages["en"], messages[language]
    for kind in KINDS:
        assert translated[kind].title != english[kind].title, f"{language}.{kind} is still in English"
        assert translated[kind].words != english[kind].words, f"{language}.{kind} is still in English"
