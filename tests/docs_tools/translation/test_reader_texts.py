"""The texts readers see outside the pages, checked per translation: each problem one line with the file and the
key, a file that cannot be read one line too."""

from __future__ import annotations

import pytest
import yaml

from docs_tools.translation.reader_texts import problems
from tests.trees import make_tree


@pytest.fixture
def tree(tmp_path):
    tree = make_tree(tmp_path)
    tree.write("en", "index.md", "# Home\n")
    return tree


def edit_yaml(path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_projects_own_texts_have_no_problem(tree):
    assert problems(tree.project(), ["pt", "ru"]) == []


def test_a_message_left_as_in_english_is_untranslated(tree):
    edit_yaml(tree.root / "translation_messages.yml", lambda data: data["pt"].update(outdated=data["en"]["outdated"]))
    assert problems(tree.project(), ["pt", "ru"]) == [
        "translation_messages.yml: pt.outdated: the same text as 'en'; translate it"]


def test_a_language_without_messages_or_figure_words_is_named(tree):
    edit_yaml(tree.root / "translation_messages.yml", lambda data: data.pop("ru"))
    edit_yaml(tree.root / "figure_texts.yml", lambda data: data.pop("ru"))
    assert problems(tree.project(), ["ru"]) == [
        "translation_messages.yml: no messages for 'ru'; copy the 'en' block, rename it 'ru' and translate it",
        "figure_texts.yml: no words for 'ru'; copy the 'en' block, rename it 'ru' and translate it",
    ]


def test_a_missing_figure_word_names_the_key_and_the_english_words(tree):
    edit_yaml(tree.root / "figure_texts.yml", lambda data: data["pt"].pop("milliseconds"))
    (problem,) = problems(tree.project(), ["pt"])
    assert problem.startswith("figure_texts.yml: pt.milliseconds: missing; translate the English '")


@pytest.mark.parametrize("name", ["translation_messages.yml", "figure_texts.yml"])
def test_a_file_that_is_not_yaml_is_one_line(tree, name):
    (tree.root / name).write_text("en: [never closed\n", encoding="utf-8")
    (problem,) = problems(tree.project(), ["pt"])
    assert problem == f"{name}:2: not valid YAML (did not find expected ',' or ']')"


def test_a_nav_label_without_its_translation_is_named(tree):
    config = tree.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - Home: index.md\n",
                                                                 "  - Home: index.md\n  - Tasks: index.md\n"),
                      encoding="utf-8")
    assert problems(tree.project(), ["pt", "ru"]) == [
        "mkdocs.yml: pt: nav_translations has no label for 'Tasks'; add its translation",
        "mkdocs.yml: ru: nav_translations has no label for 'Tasks'; add its translation",
    ]
