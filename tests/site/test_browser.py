"""The built site in a real browser: 404 pages, language selector, search per language, the light/dark toggle
(tests/site/test_every_page.py loads every page once for the checks that read a page).

One module, so that one Chromium runs these tests one after another on one xdist worker: two at once on two cores
slow each other down more than the rest of the suite slows one.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from docs_tools.translation.messages import load
from tests.mkdocs_site import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    PROJECT,
    TRANSLATIONS,
    language_root,
    page_file,
    page_url,
)

pytestmark = pytest.mark.long(seconds=30)
MESSAGES = load(PROJECT.messages_path)


@pytest.fixture
def page(browser):
    """A fresh browser tab (its own cookies and storage) on the module's Chromium."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_missing_address_shows_the_404_page_of_its_language(page, site_url, language):
    """The server answers every miss with the root 404.html, as static hosts do."""
    missing = f"{site_url}{language_root(language)}no/such/page/"
    response = page.goto(missing)
    assert response.status == 404
    heading = MESSAGES[language]["not_found"].title
    page.get_by_role("heading", name=heading).wait_for()
    assert page.locator("html").get_attribute("lang") == language
    assert page.url == missing
    homes = page.locator("a.md-select__link").evaluate_all("links => links.map(link => link.href)")
    assert sorted(homes) == sorted(site_url + language_root(other) for other in LANGUAGES)


@pytest.mark.parametrize("source", ["index.md", "reference/background.md"])
def test_language_selector_keeps_the_reader_on_the_same_page(page, site_url, source):
    """Clicked in the browser for the home page and a nested page; tests/site/test_build.py checks every page's
    selector links."""
    page.goto(site_url + page_url(source, DEFAULT_LANGUAGE))
    for language in (*TRANSLATIONS, DEFAULT_LANGUAGE):
        name = LANGUAGE_NAMES[language]
        page.locator(".md-header__option .md-select").hover()
        page.get_by_role("link", name=name).click()
        page.wait_for_url(site_url + page_url(source, language))
        assert page.locator("html").get_attribute("lang") == language


SECTION_PAGE = "performance.md"
"""A long page of many sections (its code blocks are few: loading it again in each language is quick)."""


def section_ids(built_site, source: str) -> list[str]:
    """The ids of the page's second-level sections, which every language shares."""
    markup = page_file(built_site.site, source, DEFAULT_LANGUAGE).read_text(encoding="utf-8")
    return re.findall(r'<h2 id="([^"]+)"', markup)


def switch_language(page, language: str) -> None:
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name=LANGUAGE_NAMES[language]).click()


def section_in_view(page, anchor: str) -> bool:
    return page.evaluate("""anchor => {
        const box = document.getElementById(anchor).getBoundingClientRect();
        return box.top >= 0 && box.top < window.innerHeight;
    }""", anchor)


def test_language_selector_keeps_the_section_the_reader_came_to(page, site_url, built_site):
    anchor = section_ids(built_site, SECTION_PAGE)[-2]
    page.goto(f"{site_url}{page_url(SECTION_PAGE, DEFAULT_LANGUAGE)}#{anchor}")
    for language in (*TRANSLATIONS, DEFAULT_LANGUAGE):
        switch_language(page, language)
        page.wait_for_url(f"{site_url}{page_url(SECTION_PAGE, language)}#{anchor}")
        assert page.locator("html").get_attribute("lang") == language
        assert section_in_view(page, anchor)


def scroll_to(page, anchor: str) -> None:
    """Scroll with the mouse wheel until the heading is just under the top of the window."""
    top = page.evaluate("anchor => document.getElementById(anchor).getBoundingClientRect().top", anchor)
    page.mouse.wheel(0, top - 20)
    page.wait_for_function("anchor => Math.abs(document.getElementById(anchor).getBoundingClientRect().top - 20) < 2",
                           arg=anchor)


def read_on(page, anchor: str) -> None:
    """Go on scrolling a pixel at a time, as a reader does, until navigation.tracking has written the section into
    the address. Material writes it 250 ms after the scrolling stops, and leaves out its first write after the
    page loads; each attempt is bounded."""
    for _ in range(5):
        page.mouse.wheel(0, 1)
        try:
            page.wait_for_function("anchor => location.hash === '#' + anchor", arg=anchor, timeout=1_000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"the address never showed #{anchor}: {page.url}")


def test_language_selector_keeps_the_section_the_reader_scrolled_to(page, site_url, built_site):
    anchor = section_ids(built_site, SECTION_PAGE)[2]
    page.goto(site_url + page_url(SECTION_PAGE, DEFAULT_LANGUAGE))
    scroll_to(page, anchor)
    read_on(page, anchor)
    switch_language(page, "ru")
    page.wait_for_url(f"{site_url}{page_url(SECTION_PAGE, 'ru')}#{anchor}")
    assert section_in_view(page, anchor)


QUERIES = {"en": "response", "pt": "resposta", "pt-BR": "resposta", "ru": "задача"}
"""A word each language's pages use, typed in that language's alphabet."""


@pytest.mark.parametrize("language", LANGUAGES)
def test_searching_as_a_person_types_finds_the_language_pages_and_highlights_the_words(browser, site_url, language):
    """Key by key, then a real key press: the theme searches on key events, and typing Cyrillic text sends none
    for its letters."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        root = site_url + language_root(language)
        page.goto(root)
        query = page.locator("input.md-search__input")
        query.click()
        query.press_sequentially(QUERIES[language])
        query.press("End")
        results = page.locator("a.md-search-result__link")
        results.first.wait_for()
        hrefs = results.evaluate_all("links => links.map(link => link.href)")
        assert hrefs
        others = [f"{site_url}{other}/" for other in TRANSLATIONS if other != language]
        for href in hrefs:
            assert href.startswith(root), href
            assert not href.startswith(tuple(others)), href
            assert urlsplit(href).query not in ("", "h="), href
        results.first.click()
        page.locator("mark").first.wait_for()
        assert QUERIES[language] in page.locator("mark").first.inner_text().lower()
    finally:
        context.close()


def test_dark_mode_toggle_switches_the_colour_scheme(page, site_url):
    page.goto(site_url)
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator('label[for="__palette_1"]').click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
