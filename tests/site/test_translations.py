"""The real docs: every translation keeps parity with English and is stamped with the current English version."""

from __future__ import annotations

import pytest

from docs_tools import project as project_module
from docs_tools.markdown.fingerprint import COMMAND
from docs_tools.translation.messages import KINDS, load
from docs_tools.translation.state import TranslationState
from docs_tools.translation.status import unused_sources
from tests.mkdocs_site import PROJECT
from tests.trees import copy_project

TRANSLATIONS = [language.code for language in PROJECT.translations]


def test_there_are_translations_to_check():
    assert {"pt", "ru"} <= set(TRANSLATIONS)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_parity_holds_for_every_translated_page(language):
    found = TranslationState(PROJECT).parity.check_language(language)
    differences = [str(d) for page, differences in found.items() for d in differences]
    assert not differences, "\n" + "\n".join(differences)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_status_shows_every_page_up_to_date(language):
    problems = [f"{status.label:<12} docs/{language}/{status.page}"
                for status in TranslationState(PROJECT).language(language, diffs=False) if status.states]
    assert not problems, (
        f"\n{chr(10).join(problems)}\nRun '{COMMAND} status {language}' for what to do on each page."
    )


@pytest.mark.parametrize(("language", "sentence", "variant", "term", "use"), [
    ("pt", "O arquivo fica no disco.", "arquivo", "file", "ficheiro"),
    ("ru", "Этот хендлер ставит задачу.", "хендлер", "handler", "обработчик"),
])
def test_a_variant_planted_in_a_page_is_reported_with_its_glossary_term(tmp_path, language, sentence, variant, term,
                                                                        use):
    project = project_module.load(copy_project(tmp_path / "project"))
    page = project.page_path(language, "responses.md")
    page.write_text(page.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    line = len(page.read_text(encoding="utf-8").split("\n")) - 1
    (status,) = [s for s in TranslationState(project).language(language, diffs=False) if s.page == "responses.md"]
    assert status.label == "drifted"
    assert [str(d) for d in status.differences] == [
        f"docs/{language}/responses.md:{line}: '{variant}' is not this translation's word for '{term}': write "
        f"'{use}' (translation_glossary.yml:{glossary_line(term, language)})"
    ]


def glossary_line(term: str, language: str) -> int:
    lines = (PROJECT.root / "translation_glossary.yml").read_text(encoding="utf-8").split("\n")
    start = lines.index(f"{language}:")
    return next(number for number, line in enumerate(lines, start=1) if number > start and line == f"  {term}:")


def test_the_store_keeps_exactly_the_english_texts_translations_are_stamped_against():
    assert unused_sources(TranslationState(PROJECT)) == [], f"run '{COMMAND} status' and delete what it lists"


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
        mine, theirs = translated[kind], english[kind]
        if theirs.title:
            assert mine.title != theirs.title, f"{language}.{kind} is still in English"
        assert mine.before + mine.words != theirs.before + theirs.words, f"{language}.{kind} is still in English"
        for key, label in theirs.labels.items():
            assert mine.labels[key] != label, f"{language}.{kind}.{key} is still in English"
