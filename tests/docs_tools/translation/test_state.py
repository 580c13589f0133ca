"""The English text each translated page is compared with, and where it comes from."""

from __future__ import annotations

import pytest

from docs_tools.markdown.fingerprint import fingerprint
from docs_tools.translation.state import Origin, TranslationState
from tests.trees import make_tree

V1 = "# Tasks\n\n## Errors\n\nA failing task stops the others.\n"
V2 = V1.replace("the others", "the tasks after it")
PORTUGUESE = "# Tarefas { #tasks }\n\n## Erros { #errors }\n\nUma tarefa com erro interrompe as outras.\n"


@pytest.fixture
def tree(tmp_path):
    tree = make_tree(tmp_path)
    tree.write("en", "page.md", V1)
    tree.translate("pt", "page.md", PORTUGUESE, V1)
    tree.translate("ru", "page.md", PORTUGUESE, V1)
    tree.write("pt", "unstamped.md", PORTUGUESE)
    tree.write("en", "unstamped.md", V1)
    return tree


def test_an_up_to_date_page_is_compared_with_todays_english_page(tree):
    basis = TranslationState(tree.project()).of("pt", "page.md")
    assert (basis.origin, basis.english is basis.current, basis.stamp, basis.outdated) == (
        Origin.CURRENT, True, fingerprint(V1), False)


def test_an_unstamped_page_is_compared_with_todays_english_page(tree):
    basis = TranslationState(tree.project()).of("pt", "unstamped.md")
    assert (basis.origin, basis.stamp, basis.outdated) == (Origin.CURRENT, None, False)


def test_an_outdated_page_is_compared_with_the_kept_english_text(tree):
    tree.write("en", "page.md", V2)
    basis = TranslationState(tree.project()).of("pt", "page.md")
    assert (basis.origin, basis.english.text, basis.current.text, basis.outdated) == (Origin.STORE, V1, V2, True)
    assert basis.english.path == f"translation_sources/page.{fingerprint(V1)[7:]}.md"


def test_languages_stamped_against_one_text_share_its_outline(tree):
    tree.write("en", "page.md", V2)
    bases = TranslationState(tree.project())
    assert bases.of("pt", "page.md").english is bases.of("ru", "page.md").english


def test_an_invalid_stamp_is_kept_as_an_error_and_the_page_compared_with_todays_english(tree):
    tree.write("pt", "page.md", "---\ntranslation_of: 3\n---\n\n" + PORTUGUESE)
    basis = TranslationState(tree.project()).of("pt", "page.md")
    assert (basis.stamp, basis.origin, basis.stamp_error.line) == (None, Origin.CURRENT, 2)


def test_a_page_missing_in_either_language_has_no_basis(tree):
    tree.write("pt", "orphan.md", PORTUGUESE)
    bases = TranslationState(tree.project())
    assert bases.of("pt", "orphan.md") is None and bases.of("ru", "unstamped.md") is None


def test_the_changes_of_a_lost_text_are_unknown(tree):
    tree.write("en", "page.md", V2)
    bases = TranslationState(tree.project())
    assert [c.section.id for c in bases.changes("page.md", fingerprint(V1))] == ["errors"]
    assert bases.changes("page.md", fingerprint("# never kept\n")) is None
    assert bases.of("pt", "page.md").origin is Origin.STORE
