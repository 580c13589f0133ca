"""One language's search entries out of the merged index, and a page's search `base` moved to its language."""

from __future__ import annotations

from docs_tools.site.search_index import default_only, rebase, split_index

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


def test_the_base_of_a_page_points_at_its_language():
    page = ('<html><script id="__config" type="application/json">{"base": "../..", "search": "x.js"}</script>'
            '<p>{"base": "../.."}</p></html>')
    assert rebase(page, "pt") == (
        '<html><script id="__config" type="application/json">{"base": "../../pt/", "search": "x.js"}</script>'
        '<p>{"base": "../.."}</p></html>'
    )
