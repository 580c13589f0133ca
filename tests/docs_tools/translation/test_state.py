"""The English text each translated page is compared with, and where it comes from."""

from __future__ import annotations

import pytest

from docs_tools.markdown.fingerprint import fingerprint
from docs_tools.translation.state import BREAKING, Origin, TranslationState
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


STAMPED = f"---\ntranslation_of: {fingerprint(V1)}\n---\n\n"
BROKEN = {
    "empty": ("", ["docs/pt/page.md:1: this page is empty: translate docs/en/page.md into it, or delete it so that "
                   "readers get the English page"]),
    "front matter only": (STAMPED, ["docs/pt/page.md:4: this page is empty: translate docs/en/page.md into it, or "
                                    "delete it so that readers get the English page"]),
    "front matter never closed": (f"---\ntranslation_of: {fingerprint(V1)}\n\n{PORTUGUESE}", [
        "docs/pt/page.md:1: front matter opened with '---' is never closed; add a '---' line after it"]),
    "front matter not YAML": ("---\ntranslation_of: [sha\n---\n\n" + PORTUGUESE, [
        "docs/pt/page.md:2: front matter is not valid YAML (did not find expected ',' or ']'): "
        "'translation_of: [sha'"]),
    "a fence never closed": (STAMPED + PORTUGUESE.replace("## Erros", "```python\nx = 1\n\n## Erros"), [
        "docs/pt/page.md:7: this code fence is never closed; add the closing fence"]),
    "a heading id changed": (STAMPED + PORTUGUESE.replace("{ #errors }", "{ #erros }"), [
        "docs/pt/page.md:7: heading 'Erros' has the id '#erros', English heading 'Errors' (docs/en/page.md:3) has "
        "'#errors'; end the heading with { #errors }, so that links to it are the same in every language"]),
    "a stamp that is not a fingerprint": ("---\ntranslation_of: yesterday\n---\n\n" + PORTUGUESE, [
        "docs/pt/page.md:2: translation_of 'yesterday' is not a fingerprint like 'sha256:0123456789abcdef'; run "
        "'.venv/bin/translations stamp docs/pt/page.md' to write it"]),
}


@pytest.mark.parametrize(("text", "expected"), list(BROKEN.values()), ids=list(BROKEN))
def test_a_page_readers_must_not_get_is_reported_with_the_message_status_gives(tree, text, expected):
    tree.write("pt", "page.md", text)
    state = TranslationState(tree.project())
    assert [str(difference) for difference in state.breaking("pt", "page.md")] == expected
    full = TranslationState(tree.project()).status("pt", "page.md")  # every comparison, as `status` makes them
    assert [str(difference) for difference in full.differences if difference.kind in BREAKING] == expected


def test_a_stamp_naming_an_english_text_the_project_lacks_keeps_the_page_from_readers(tree):
    tree.write("pt", "page.md", "---\ntranslation_of: sha256:0123456789abcdef\n---\n\n" + PORTUGUESE)
    state = TranslationState(tree.project())
    (unknown,) = state.breaking("pt", "page.md")
    assert str(unknown).startswith("docs/pt/page.md:2: 'translation_of: sha256:0123456789abcdef' names an English "
                                   "text this project does not have: translation_sources/page.0123456789abcdef.md "
                                   "does not exist")
    assert state.status("pt", "page.md").label == "unstamped"


def test_a_page_that_is_not_utf8_keeps_it_from_readers(tree):
    (tree.root / "docs" / "pt" / "page.md").write_bytes(STAMPED.encode() + b"\xff\n")
    (problem,) = TranslationState(tree.project()).breaking("pt", "page.md")
    assert str(problem) == "docs/pt/page.md:5: byte 0xff is not UTF-8 text; save the file as UTF-8"


@pytest.mark.parametrize("page", ["page.md", "unstamped.md"])
def test_up_to_date_unstamped_outdated_and_drifted_pages_can_be_published(tree, page):
    tree.write("en", "page.md", V2)  # page.md is outdated now
    tree.write("pt", "unstamped.md", PORTUGUESE + "\nA [link](https://example.org) English does not have.\n")
    state = TranslationState(tree.project())
    assert state.breaking("pt", page) == []
    assert state.status("pt", page).label != "up to date"
