"""Every translated page's chrome is in its language: no text of the theme's English language file is left outside
the page content, the footer credit and the heading-link tooltip are the language's own, and `<html lang>` says
which language (pt-BR included, which the theme would call pt)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import material
import pytest

from docs_tools.translation.messages import load
from tests.mkdocs_site import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    PROJECT,
    TRANSLATIONS,
    language_root,
    page_file,
    page_sources,
)

MESSAGES = load(PROJECT.messages_path)
ENGLISH_THEME = Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"
NOT_TEXT = {"language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator"}


def english_theme_texts() -> dict[str, str]:
    """The theme's English texts, by key ("clipboard.copy": "Copy to clipboard", ...), read from its language file."""
    pairs = re.findall(r'^\s*"([\w.]+)": "((?:[^"\\]|\\.)*)",?$', ENGLISH_THEME.read_text(encoding="utf-8"), re.M)
    texts = {key: value for key, value in pairs if key not in NOT_TEXT}
    assert len(texts) > 40, ENGLISH_THEME
    return texts


ENGLISH_TEXTS = english_theme_texts()


@pytest.mark.parametrize("language", TRANSLATIONS)
@pytest.mark.parametrize("source", page_sources(DEFAULT_LANGUAGE) + ["404"])
def test_no_english_text_of_the_theme_is_left_in_a_translated_page(built_site, source, language):
    path = (built_site.site / language / "404.html") if source == "404" else page_file(built_site.site, source,
                                                                                         language)
    markup = re.sub(r"<article\b.*?</article>", "", path.read_text(encoding="utf-8"), flags=re.S)
    words = {match for match in re.findall(r">([^<>]+)<|(?:title|aria-label|placeholder)=\"([^\"]+)\"", markup)
             for match in match if match.strip()}
    words |= set(re.findall(r'"([^"]+)"', re.search(r'id="__config"[^>]*>(.*?)</script>', markup, re.S)[1]))
    left = sorted({key for key, text in ENGLISH_TEXTS.items() for word in words if html.unescape(word).strip() == text})
    assert left == [], f"{path}: English theme texts {[(key, ENGLISH_TEXTS[key]) for key in left]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_footer_credit_and_the_heading_link_tooltip_are_the_languages_own(built_site, language):
    markup = page_file(built_site.site, "responses.md", language).read_text(encoding="utf-8")
    message = MESSAGES[language]["page_chrome"]
    credit = re.search(r'<div class="md-copyright__highlight">\s*(.*?)\s*</div>', markup, re.S)[1]
    assert credit == message.html("https://squidfunk.github.io/mkdocs-material/")
    assert "Made with" not in markup.replace(credit, "") or language == DEFAULT_LANGUAGE
    tooltips = set(re.findall(r'<a class="headerlink" href="#[^"]+" title="([^"]+)">', markup))
    assert tooltips == {html.escape(message.labels["permalink"], quote=False)}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("source", ["index.md", "404"])
def test_the_page_says_its_language(built_site, language, source):
    path = (built_site.site / language_root(language) / "404.html") if source == "404" else page_file(
        built_site.site, source, language)
    assert re.search(r'<html lang="([^"]+)"', path.read_text(encoding="utf-8"))[1] == language
