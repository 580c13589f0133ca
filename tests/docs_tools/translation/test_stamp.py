"""Stamping records the English version a translation matches, and refuses pages that cannot match it yet."""

from __future__ import annotations

import pytest

from docs_tools.markdown.fingerprint import fingerprint
from docs_tools.translation.stamp import StampError, page_of, stamp
from docs_tools.translation.stamped_sources import sources_of
from docs_tools.translation.state import TranslationState
from tests.trees import make_tree

ENGLISH = "# Tasks\n\n## Errors\n\nText.\n"
PORTUGUESE = "# Tarefas { #tasks }\n\n## Erros { #errors }\n\nTexto.\n"


@pytest.fixture
def tree(tmp_path):
    tree = make_tree(tmp_path)
    tree.write("en", "page.md", ENGLISH)
    tree.write("pt", "page.md", PORTUGUESE)
    return tree


def do_stamp(tree, language="pt", page="page.md"):
    project = tree.project()
    return stamp(project, TranslationState(project), language, page)


def state(tree, page="page.md"):
    return {s.page: s.label for s in TranslationState(tree.project()).language("pt", diffs=False)}[page]


def test_stamping_makes_a_page_up_to_date_and_an_english_edit_makes_it_outdated(tree):
    assert state(tree) == "unstamped"
    result = do_stamp(tree)
    assert (result.path, result.stamp, result.changed) == ("docs/pt/page.md", fingerprint(ENGLISH), True)
    assert tree.read("pt", "page.md") == f"---\ntranslation_of: {fingerprint(ENGLISH)}\n---\n\n{PORTUGUESE}"
    assert state(tree) == "up to date"
    tree.write("en", "page.md", ENGLISH + "\nMore text.\n")
    assert state(tree) == "outdated"
    assert do_stamp(tree).changed
    assert state(tree) == "up to date"


def test_stamping_twice_changes_nothing(tree):
    do_stamp(tree)
    before = tree.read("pt", "page.md")
    assert not do_stamp(tree).changed
    assert tree.read("pt", "page.md") == before


def test_the_english_text_is_kept_under_its_fingerprint(tree):
    result = do_stamp(tree)
    entry = sources_of(tree.root).path("page.md", result.stamp)
    assert result.recorded == f"translation_sources/page.{result.stamp[7:]}.md"
    assert entry.read_text(encoding="utf-8") == ENGLISH
    assert do_stamp(tree).recorded is None


def test_stamping_rewrites_an_edited_english_text(tree):
    do_stamp(tree)
    entry = sources_of(tree.root).path("page.md", fingerprint(ENGLISH))
    entry.write_text(ENGLISH + "edited\n", encoding="utf-8")
    assert do_stamp(tree).recorded == f"translation_sources/{entry.name}"
    assert entry.read_text(encoding="utf-8") == ENGLISH


def test_an_already_stamped_page_gets_its_english_text_kept(tree):
    tree.translate("pt", "page.md", PORTUGUESE, ENGLISH, keep_source=False)
    result = do_stamp(tree)
    assert (result.changed, result.recorded) == (False, f"translation_sources/page.{fingerprint(ENGLISH)[7:]}.md")


def test_stamping_removes_the_english_texts_no_translation_is_stamped_against(tree):
    newer = ENGLISH + "\nMore text.\n"
    tree.translate("pt", "page.md", PORTUGUESE, ENGLISH)
    tree.translate("ru", "page.md", PORTUGUESE, ENGLISH)
    tree.write("en", "page.md", newer)
    sources = sources_of(tree.root)
    old, new = sources.path("page.md", fingerprint(ENGLISH)), sources.path("page.md", fingerprint(newer))
    do_stamp(tree, "pt")
    assert old.is_file() and new.is_file()  # Russian is still stamped against the old text
    do_stamp(tree, "ru")
    assert not old.exists() and new.is_file()


def test_a_drifted_page_is_refused_with_its_differences_and_left_as_it_was(tree):
    tree.write("pt", "page.md", "# Tarefas { #tasks }\n\nTexto.\n")
    with pytest.raises(StampError) as caught:
        do_stamp(tree)
    assert str(caught.value) == (
        "docs/pt/page.md: not stamped, it does not match the English page yet:\n"
        "  docs/pt/page.md:1: heading missing: English has '## Errors' (level 2, docs/en/page.md:3) and this page "
        "has no counterpart; add its translation after the last heading"
    )
    assert tree.read("pt", "page.md") == "# Tarefas { #tasks }\n\nTexto.\n"


def test_missing_and_orphan_pages_are_refused(tree):
    tree.write("en", "other.md", "# Other\n")
    with pytest.raises(StampError, match=r"^docs/pt/other.md: no such page; translate docs/en/other.md into it first$"):
        do_stamp(tree, page="other.md")
    tree.write("pt", "orphan.md", PORTUGUESE)
    with pytest.raises(StampError, match=r"^docs/pt/orphan.md: docs/en/orphan.md does not exist, so there is nothing"):
        do_stamp(tree, page="orphan.md")
    with pytest.raises(StampError, match=r"^docs/pt/nope.md: no such page, and no docs/en/nope.md to translate; "
                                         r"check the path$"):
        do_stamp(tree, page="nope.md")


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("docs/en/page.md", "docs/en/page.md: English pages are the source and are never stamped; name a translated "
                            "page"),
        ("docs/de/page.md", "docs/de/page.md: 'de' is not a language in mkdocs.yml (known: pt, ru)"),
        ("README.md", "README.md: not a page under docs/<language>/"),
        ("docs/pt/image.png", "docs/pt/image.png: not a page under docs/<language>/"),
    ],
)
def test_page_arguments_that_are_not_translated_pages(tree, argument, message):
    with pytest.raises(StampError) as caught:
        page_of(tree.project(), argument, tree.root)
    assert str(caught.value) == message


def test_page_arguments_relative_to_the_project_or_the_current_folder(tree):
    project = tree.project()
    assert page_of(project, "docs/pt/page.md", tree.root / "docs") == ("pt", "page.md")
    assert page_of(project, "page.md", tree.root / "docs" / "pt") == ("pt", "page.md")
    assert page_of(project, str(tree.root / "docs" / "ru" / "a" / "b.md"), tree.root) == ("ru", "a/b.md")


def test_a_section_english_inserted_is_reported_missing_and_the_others_keep_their_pairs(tree):
    """Headings pair up by the ids translations keep, not by position: the advice is to add the new section, not to
    rename the one after it."""
    english_v1 = "# Tasks\n\nIntro.\n\n## Usage\n\nUse it.\n\n## Technical information\n\nDetails.\n"
    english_v2 = english_v1.replace("## Technical", "## Errors\n\nWhen it fails.\n\n## Technical")
    portuguese = ("# Tarefas { #tasks }\n\nIntro.\n\n## Utilização { #usage }\n\nUse.\n\n"
                  "## Informação técnica { #technical-information }\n\nDetalhes.\n")
    tree.write("en", "inserted.md", english_v1)
    tree.translate("pt", "inserted.md", portuguese, english_v1)
    tree.write("en", "inserted.md", english_v2)
    with pytest.raises(StampError) as refused:
        do_stamp(tree, page="inserted.md")
    assert str(refused.value).split("\n")[1:] == [
        "  docs/pt/inserted.md:13: heading missing: English has '## Errors' (level 2, docs/en/inserted.md:9) and this "
        "page has no counterpart; add its translation before line 13 ('## Informação técnica')"]
