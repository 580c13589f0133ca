"""The built site in a real browser: offline, language selector, light/dark toggle."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.mkdocs_site import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, TRANSLATIONS, page_sources, page_url

PAGES = page_sources()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_make_no_request_to_another_host(page, site_url, language):
    local = urlsplit(site_url).netloc
    foreign: list[str] = []

    def check(route):
        if urlsplit(route.request.url).netloc != local:
            foreign.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", check)
    for source in PAGES:
        page.goto(site_url + page_url(source, language), wait_until="networkidle")
    assert foreign == []


@pytest.mark.parametrize("source", PAGES)
def test_language_selector_keeps_the_reader_on_the_same_page(page, site_url, source):
    page.goto(site_url + page_url(source, DEFAULT_LANGUAGE))
    for language in (*TRANSLATIONS, DEFAULT_LANGUAGE):
        name = LANGUAGE_NAMES[language]
        page.locator(".md-header__option .md-select").hover()
        page.get_by_role("link", name=name).click()
        page.wait_for_url(site_url + page_url(source, language))
        assert page.locator("html").get_attribute("lang") == language


def test_dark_mode_toggle_switches_the_colour_scheme(page, site_url):
    page.goto(site_url)
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator('label[for="__palette_1"]').click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
