"""`new-language`: one command adds a language that builds at once; bad codes are refused with the value named."""

from __future__ import annotations

import difflib

import pytest
import yaml

from docs_tools.translation.scaffold import ScaffoldError, add_language
from docs_tools.translation.state import TranslationState
from tests.conftest import NEW_LANGUAGES
from tests.trees import make_tree


@pytest.fixture
def tree(tmp_path):
    tree = make_tree(tmp_path / "project")
    tree.write("en", "index.md", "# Home\n")
    tree.write("pt", "index.md", "# Início { #home }\n")
    return tree


def only_insertions(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`; fails if any line of `before` was changed or removed."""
    diff = list(difflib.ndiff(before.split("\n"), after.split("\n")))
    assert not [line for line in diff if line.startswith("- ")], "an existing line changed"
    return [line[2:] for line in diff if line.startswith("+ ")]


def test_a_new_language_is_added_to_mkdocs_yml_after_the_last_one(tree):
    before = (tree.root / "mkdocs.yml").read_text(encoding="utf-8")
    added = add_language(tree.project(), "de")
    after = (tree.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert only_insertions(before, after) == [
        "        - locale: de",
        "          name: Deutsch",
        "          build: true",
        "          site_name: Tree",
        "          site_description: A site for the translation tools.",
        "          theme:",
        "            palette:",
        "              - scheme: default",
        "                toggle:",
        "                  icon: material/weather-night",
        "                  name: Switch to dark mode",
        "          nav_translations:",
        "            Home: Home",
    ]
    assert after.split("\n")[added.config_line - 1] == "        - locale: de"
    assert after.index("- locale: de") < after.index("# the last line of the languages")
    assert [language.code for language in tree.project().languages] == ["en", "pt", "ru", "de"]


def test_the_reader_messages_start_as_a_copy_of_english(tree):
    before = set(yaml.safe_load((tree.root / "translation_messages.yml").read_text(encoding="utf-8")))
    add_language(tree.project(), "es")
    messages = yaml.safe_load((tree.root / "translation_messages.yml").read_text(encoding="utf-8"))
    assert messages["es"] == messages["en"]
    assert set(messages) == before | {"es"}


def test_the_folder_is_created_and_every_page_is_missing(tree):
    added = add_language(tree.project(), "fr", name="Français (France)")
    assert added.folder == tree.root / "docs" / "fr"
    assert [path.name for path in added.folder.iterdir()] == [".gitkeep"]
    assert [language.name for language in tree.project().languages if language.code == "fr"] == ["Français (France)"]
    assert [s.label for s in TranslationState(tree.project()).language("fr", diffs=False)] == ["missing"]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("xx", "unknown language code 'xx': the Material theme has no translation for it. Known codes: af, "),
        ("pt_BR", "unknown language code 'pt_BR': the Material theme has no translation for it. Did you mean "
                  "'pt-BR' or 'pt'? Known codes: "),
        ("Deutsch", "unknown language code 'Deutsch' (a code looks like 'de', 'pt-BR' or 'zh-Hant'): the Material "
                    "theme has no translation for it."),
        ("pt", "mkdocs.yml: 'pt' is already a language of this site"),
    ],
)
def test_bad_codes_are_refused_and_nothing_is_written(tree, code, message):
    config = (tree.root / "mkdocs.yml").read_text(encoding="utf-8")
    messages = (tree.root / "translation_messages.yml").read_text(encoding="utf-8")
    with pytest.raises(ScaffoldError) as caught:
        add_language(tree.project(), code)
    assert str(caught.value).startswith(message)
    assert (tree.root / "mkdocs.yml").read_text(encoding="utf-8") == config
    assert (tree.root / "translation_messages.yml").read_text(encoding="utf-8") == messages
    assert not (tree.root / "docs" / code).exists() or code == "pt"


@pytest.mark.parametrize(
    ("messages", "error"),
    [
        ("en: [\n", "translation_messages.yml:2: not valid YAML (expected the node content, but found "
                    "'<stream end>')"),
        ("- en\n", "translation_messages.yml: no 'en' block to copy"),
    ],
    ids=["not-yaml", "not-a-mapping"],
)
def test_broken_reader_messages_are_refused_and_nothing_is_written(tree, messages, error):
    config = (tree.root / "mkdocs.yml").read_text(encoding="utf-8")
    (tree.root / "translation_messages.yml").write_text(messages, encoding="utf-8")
    with pytest.raises(ScaffoldError) as caught:
        add_language(tree.project(), "de")
    assert str(caught.value) == error
    assert (tree.root / "mkdocs.yml").read_text(encoding="utf-8") == config
    assert not (tree.root / "docs" / "de").exists()


@pytest.mark.long(seconds=10)
def test_further_languages_each_added_in_one_step_build_strictly(new_languages_site):
    """The real site plus `new-language de` and `new-language ku-IQ --name Kurdî` (a regional code, which the theme
    would write as plain `ku`), one command each, then one strict build: each language has banners, a 404 page and a
    search index under /<code>/, and pages that say their language."""
    site = new_languages_site.site
    for code, _ in NEW_LANGUAGES:
        home = (site / code / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{code}"' in home
        assert "translation-not-translated" in home
        assert f'hreflang="{code}"' in home
        not_found = (site / code / "404.html").read_text(encoding="utf-8")
        assert '<h1 lang="en">Page not found</h1>' in not_found and f'<html lang="{code}"' in not_found
        assert (site / code / "search" / "search_index.json").is_file()
        assert not (site / code / ".gitkeep").exists()
