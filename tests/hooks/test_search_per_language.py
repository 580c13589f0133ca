"""Search per language: each language's pages load an index of that language's pages only, each page once (a
search typed in the browser is in `tests/site/test_browser.py`)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

import pytest

from docs_tools.markdown.outline import title
from tests.conftest import ENGLISH_ONLY_PAGE
from tests.mkdocs_site import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    ROOT,
    TRANSLATIONS,
    language_root,
    page_config,
    page_file,
    page_sources,
    page_url,
)


def index_of(site: Path, language: str) -> dict:
    return json.loads((site / language_root(language) / "search" / "search_index.json").read_text(encoding="utf-8"))


def pages_in(index: dict) -> Counter[str]:
    """How many page entries (not section entries) each location has."""
    return Counter(doc["location"] for doc in index["docs"] if "#" not in doc["location"])


def base_of(markup: str) -> str:
    return page_config(markup)["base"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_index_holds_its_pages_once_with_locations_under_its_root(built_site, language):
    index = index_of(built_site.site, language)
    expected = Counter(page_url(source, DEFAULT_LANGUAGE) for source in page_sources(language))
    assert pages_in(index) == expected
    for doc in index["docs"]:
        assert not doc["location"].startswith(("/", *(f"{other}/" for other in TRANSLATIONS))), doc["location"]


def title_of(language: str, source: str) -> str:
    return title((ROOT / "docs" / language / source).read_text(encoding="utf-8")).text


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translated_index_holds_the_translated_text(built_site, language):
    index = index_of(built_site.site, language)
    (home,) = [doc for doc in index["docs"] if doc["location"] == ""]
    assert home["title"] == title_of(language, "index.md") != title_of(DEFAULT_LANGUAGE, "index.md")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_loads_the_index_of_its_language(built_site, language):
    root = "/" + language_root(language)
    for source in page_sources(language):
        here = "/" + page_url(source, language)
        base = base_of(page_file(built_site.site, source, language).read_text(encoding="utf-8"))
        assert urljoin(urljoin(here, base), "search/search_index.json") == root + "search/search_index.json", here


def test_the_search_configuration_is_kept_in_every_index(built_site):
    configs = [index_of(built_site.site, language)["config"] for language in LANGUAGES]
    assert all(config == configs[0] for config in configs)


def test_an_english_fallback_page_is_found_once_under_each_language(translation_states_site):
    location = page_url(ENGLISH_ONLY_PAGE, DEFAULT_LANGUAGE)
    for language in LANGUAGES:
        index = index_of(translation_states_site.site, language)
        assert pages_in(index)[location] == 1, language
        hits = [doc["location"] for doc in index["docs"] if "quokkasearchterm" in doc["text"]]
        assert hits == [f"{location}#a-section"], (language, hits)
