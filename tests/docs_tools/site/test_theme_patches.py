"""Each change to the theme's HTML, string in, string out; and each one that must find its markup stops with the
patch to update when the theme no longer writes it."""

from __future__ import annotations

import pytest

from docs_tools.site.theme_patches import (
    NOT_FOUND_HEADING,
    ThemeChanged,
    content_in,
    not_found_heading,
    page_in,
    search_base_in,
    selector_to,
    with_in_head,
    without_head_alternates,
)

HEAD = (
    '<head>\n    <link rel="canonical" href="https://example.org/pt/a/">\n'
    '      <link rel="alternate" href="../../a/" hreflang="en">\n'
    '      <link rel="alternate" href="./" hreflang="pt">\n'
    '      <link rel="alternate" type="application/rss+xml" title="RSS" href="feed.xml">\n</head>'
)
SELECTOR = ('<a href="/a/" hreflang="en" class="md-select__link">English</a>'
            '<a href="/pt-BR/a/" hreflang="pt-BR" class="md-select__link">Português (Brasil)</a>'
            '<a href="/de/a/" hreflang="de" class="md-select__link">Deutsch</a>')


def test_the_content_of_a_page_is_marked_with_its_language():
    page = '<html lang="pt"><nav>Início</nav><article class="md-content__inner md-typeset"><h1>Tasks</h1></article>'
    assert content_in(page, "en") == page.replace('md-typeset">', 'md-typeset" lang="en">')


def test_the_page_names_its_language_once():
    page = '<html lang="pt" class="no-js"><body><p><html lang="x"</p></body></html>'
    assert page_in(page, "pt-BR") == page.replace('<html lang="pt"', '<html lang="pt-BR"')


def test_markup_goes_first_in_the_head():
    assert with_in_head("<html><head><title>T</title></head>", "<script>1</script>") == (
        "<html><head>\n<script>1</script><title>T</title></head>")


def test_head_alternates_are_left_out_and_feeds_stay():
    assert without_head_alternates(HEAD) == (
        '<head>\n    <link rel="canonical" href="https://example.org/pt/a/">\n'
        '      <link rel="alternate" type="application/rss+xml" title="RSS" href="feed.xml">\n</head>'
    )


def test_selector_links_point_where_asked_and_unknown_languages_stay():
    assert selector_to(SELECTOR, {"en": "/", "pt-BR": "/pt-BR/"}) == SELECTOR.replace('"/a/"', '"/"').replace(
        '"/pt-BR/a/"', '"/pt-BR/"')


def test_a_page_without_a_selector_is_fine_for_one_language():
    assert selector_to("<p>only one</p>", {"en": "/"}) == "<p>only one</p>"


def test_the_search_base_of_a_page_points_at_its_language():
    page = ('<html><script id="__config" type="application/json">{"base": "../..", "search": "x.js"}</script>'
            '<p>{"base": "../.."}</p></html>')
    assert search_base_in(page, "pt") == (
        '<html><script id="__config" type="application/json">{"base": "../../pt/", "search": "x.js"}</script>'
        '<p>{"base": "../.."}</p></html>'
    )


def test_the_404_heading_is_replaced():
    assert not_found_heading(f"<main>{NOT_FOUND_HEADING}</main>", "<h1>Nada</h1>") == "<main><h1>Nada</h1></main>"


@pytest.mark.parametrize(("patch", "arguments", "named"), [
    (content_in, ("en",), "content_in"),
    (page_in, ("pt",), "page_in"),
    (with_in_head, ("<script></script>",), "with_in_head"),
    (selector_to, ({"en": "/", "pt": "/pt/"},), "selector_to"),
    (search_base_in, ("pt",), "search_base_in"),
    (not_found_heading, ("<h1>Nada</h1>",), "not_found_heading"),
])
def test_a_theme_without_the_markup_stops_with_the_patch_to_update(patch, arguments, named):
    with pytest.raises(ThemeChanged, match=rf"any more; update {named}\(\) in docs_tools/site/theme_patches.py"):
        patch("<main><h1>Tasks</h1></main>", *arguments)
