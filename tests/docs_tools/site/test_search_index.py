"""One language's search entries out of the merged index."""

from __future__ import annotations

from docs_tools.site.search_index import default_only, split_index

INDEX = {
    "config": {"lang": ["en", "pt", "ru"]},
    "docs": [
        {"location": "", "title": "Home"},
        {"location": "responses/#classes", "title": "Classes"},
        {"location": "pt/", "title": "Início"},
        {"location": "pt/responses/", "title": "Respostas"},
        {"location": "ru/", "title": "Главная"},
    ],
}


def test_a_language_gets_its_entries_relative_to_its_root_and_the_same_config():
    assert split_index(INDEX, "pt") == {
        "config": INDEX["config"],
        "docs": [{"location": "", "title": "Início"}, {"location": "responses/", "title": "Respostas"}],
    }


def test_the_root_index_keeps_the_default_language_only():
    assert [doc["title"] for doc in default_only(INDEX, ["pt", "ru"])["docs"]] == ["Home", "Classes"]
