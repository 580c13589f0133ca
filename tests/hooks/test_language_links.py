"""In the built site: no page asks the theme to fetch sitemaps that do not exist, the sitemap lists every page in
every language at the site's address, and every 404 page's language selector leads to each language's home."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import pytest

from tests.mkdocs_site import DEFAULT_LANGUAGE, LANGUAGES, PROJECT, language_root, page_file, page_sources, page_url

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_have_no_head_alternates(built_site, language):
    for source in page_sources():
        markup = page_file(built_site.site, source, language).read_text(encoding="utf-8")
        assert not re.search(r'<link rel="alternate" href="[^"]*" hreflang=', markup), source


def test_the_sitemap_lists_every_page_with_its_alternates_at_the_site_address(built_site):
    site = PROJECT.config.site_url
    assert site, "mkdocs.yml has no site_url: the sitemap would list addresses such as 'None./'"
    root = ElementTree.parse(built_site.site / "sitemap.xml").getroot()
    listed = {url.find(f"{SITEMAP}loc").text: {link.get("hreflang"): link.get("href")
                                                for link in url.findall(f"{XHTML}link")}
              for url in root.findall(f"{SITEMAP}url")}
    expected = {site + page_url(source, language) for source in page_sources() for language in LANGUAGES}
    assert set(listed) == expected
    for alternates in listed.values():
        assert set(alternates) == set(LANGUAGES)
        assert set(alternates.values()) <= expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_404_page_selector_leads_to_each_languages_home(built_site, language):
    markup = (built_site.site / language_root(language) / "404.html").read_text(encoding="utf-8")
    links = dict((lang, href) for href, lang in re.findall(r'<a href="([^"]*)" hreflang="([^"]*)" class="md-select__link"',
                                                          markup))
    assert links == {other: "/" + language_root(other) for other in LANGUAGES}
    assert ("fetch(base + language + '/404.html')" in markup) == (language == DEFAULT_LANGUAGE)
