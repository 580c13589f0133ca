"""Head alternates left out, selector links retargeted, and the root 404 page's router script: string in, string out."""

from __future__ import annotations

from docs_tools.site.language_links import not_found_router, selector_to, without_head_alternates

HEAD = (
    '<head>\n    <link rel="canonical" href="https://example.org/pt/a/">\n'
    '      <link rel="alternate" href="../../a/" hreflang="en">\n'
    '      <link rel="alternate" href="./" hreflang="pt">\n'
    '      <link rel="alternate" type="application/rss+xml" title="RSS" href="feed.xml">\n</head>'
)


def test_head_alternates_are_left_out_and_feeds_stay():
    assert without_head_alternates(HEAD) == (
        '<head>\n    <link rel="canonical" href="https://example.org/pt/a/">\n'
        '      <link rel="alternate" type="application/rss+xml" title="RSS" href="feed.xml">\n</head>'
    )


def test_selector_links_point_where_asked_and_unknown_languages_stay():
    page = ('<a href="/a/" hreflang="en" class="md-select__link">English</a>'
            '<a href="/pt-BR/a/" hreflang="pt-BR" class="md-select__link">Português (Brasil)</a>'
            '<a href="/de/a/" hreflang="de" class="md-select__link">Deutsch</a>')
    assert selector_to(page, {"en": "/", "pt-BR": "/pt-BR/"}) == page.replace('"/a/"', '"/"').replace(
        '"/pt-BR/a/"', '"/pt-BR/"')


def test_the_router_knows_the_base_and_tries_longer_codes_first():
    script = not_found_router("/docs/", ["pt", "ru", "pt-BR"])
    assert script.startswith("<script>") and script.endswith("</script>")
    assert 'var base = "/docs/", languages = ["pt-BR", "pt", "ru"];' in script
    assert "fetch(base + language + '/404.html')" in script
