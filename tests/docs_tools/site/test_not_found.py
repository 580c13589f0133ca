"""The 404 page in the reader's language, linking to that language's home page at any depth."""

from __future__ import annotations

import pytest

from docs_tools.site.not_found import home_url, localise
from docs_tools.site.theme_patches import NOT_FOUND_HEADING, ThemeChanged
from docs_tools.translation.messages import Message

MESSAGE = Message("Página não encontrada", "Volte à ", "página inicial", ".")


@pytest.mark.parametrize(
    ("site_url", "language", "home"),
    [(None, "en", "/"), (None, "pt", "/pt/"), ("https://example.org/docs", "pt", "/docs/pt/"),
     ("https://example.org/docs/", "en", "/docs/")],
)
def test_the_home_page_is_an_absolute_path_under_the_site_url(site_url, language, home):
    assert home_url(site_url, language, "en") == home


def test_the_theme_heading_becomes_the_message():
    page = f"<main>{NOT_FOUND_HEADING}</main>"
    assert localise(page, MESSAGE, "/pt/") == (
        '<main><h1>Página não encontrada</h1>\n<p>Volte à <a href="/pt/">página inicial</a>.</p></main>'
    )


def test_a_theme_without_that_heading_stops_with_what_to_update():
    with pytest.raises(ThemeChanged, match="404 heading '<h1>404 - Not found</h1>' any more; update "
                                           "not_found_heading"):
        localise("<main><h1>Oops</h1></main>", MESSAGE, "/")


def test_a_message_still_in_english_is_marked_english():
    page = f"<main>{NOT_FOUND_HEADING}</main>"
    assert localise(page, MESSAGE, "/de/", written_in="en") == (
        '<main><h1 lang="en">Página não encontrada</h1>\n<p lang="en">Volte à <a href="/de/">página inicial</a>.</p>'
        "</main>")
