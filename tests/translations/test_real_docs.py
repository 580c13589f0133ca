"""The real docs: every translation keeps parity with English and is stamped with the current English version."""

from __future__ import annotations

import pytest

from hooks.translation_messages import KINDS, load
from scripts.translation import project as project_module
from scripts.translation.parity import ParityChecker
from scripts.translation.status import language_status

PROJECT = project_module.load()
TRANSLATIONS = [language.code for language in PROJECT.translations]
COMMAND = project_module.COMMAND


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
                for status in language_status(PROJECT, language, history=False) if status.states]
    assert not problems, (
        f"\n{chr(10).join(problems)}\nRun '{COMMAND} status {language}' for what to do on each page."
    )


def test_every_language_has_its_reader_messages():
    messages = load()
    for language in PROJECT.languages:
        assert language.code in messages, f"hooks/translation_messages.yml has no '{language.code}' block"
        assert set(messages[language.code]) == set(KINDS)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_reader_messages_are_written_in_the_language(language):
    """A copied English block (what new-language starts with) must be translated before the language ships."""
    messages = load()
    english, translated = messages["en"], messages[language]
    for kind in KINDS:
        assert translated[kind].title != english[kind].title, f"{language}.{kind} is still in English"
        assert translated[kind].words != english[kind].words, f"{language}.{kind} is still in English"
