"""The real site, built strictly: pages, includes, highlighting and the language selector."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest

from docs_tools.markdown.fences import hl_lines
from docs_tools.project import nav_labels
from tests.mkdocs_site import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    PROJECT,
    ROOT,
    TRANSLATIONS,
    code_blocks,
    docs_src_file,
    include_fences,
    page_config,
    page_file,
    page_sources,
    page_url,
    text_of,
)

PAGES = page_sources()


def test_build_logs_no_warning(built_site):
    assert built_site.messages("WARNING") + built_site.messages("ERROR") == [], built_site.text


def test_every_language_has_the_same_pages():
    for language in LANGUAGES:
        assert page_sources(language) == PAGES, f"docs/{language}/ differs from docs/en/"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("source", PAGES)
def test_page_exists_at_its_url(built_site, source, language):
    built = page_file(built_site.site, source, language)
    assert built.is_file(), f"{source} ({language}) was not built at /{page_url(source, language)}"
    assert f'<html lang="{language}"' in built.read_text(encoding="utf-8")


def test_no_include_line_survives_anywhere(built_site):
    for path in [*built_site.site.rglob("*.html"), *built_site.site.rglob("search_index.json")]:
        assert "{!" not in text_of(path.read_text(encoding="utf-8")), path


def test_no_code_line_carries_a_link_no_reader_can_see(built_site):
    """Without line numbers shown, an anchor per code line (`anchor_linenums`) is an empty link no reader can click,
    over a thousand on the longest page, each one more for every accessibility check to walk."""
    for path in built_site.site.rglob("*.html"):
        assert "__codelineno" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("source", PAGES)
def test_included_code_and_its_highlighted_lines_are_rendered(built_site, source, language):
    markdown = (ROOT / "docs" / language / source).read_text(encoding="utf-8")
    blocks = code_blocks(page_file(built_site.site, source, language).read_text(encoding="utf-8"))
    rendered = {"\n".join(text for text, _ in block): block for block in blocks}
    for fence in include_fences(markdown):
        code = docs_src_file(fence.include).read_text(encoding="utf-8").rstrip("\n")
        assert code in rendered, f"{language}/{source}:{fence.line}: {fence.include} not rendered"
        highlighted = [number for number, (_, hll) in enumerate(rendered[code], start=1) if hll]
        assert highlighted == hl_lines(fence.info), f"{language}/{source}:{fence.line}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("source", PAGES)
def test_language_selector_links_to_the_same_page(built_site, source, language):
    markup = page_file(built_site.site, source, language).read_text(encoding="utf-8")
    links = dict(
        (lang, href) for href, lang in re.findall(r'<a href="([^"]*)" hreflang="([A-Za-z-]+)" class="md-select__link"', markup)
    )
    assert set(links) == set(LANGUAGES)
    here = "/" + page_url(source, language)
    for other in LANGUAGES:
        assert urljoin(here, links[other]) == "/" + page_url(source, other), (other, links)


def test_search_knows_every_language(built_site):
    """Search stems words with lunr's language support, which knows languages, not regions: pt-BR is searched as
    pt."""
    config = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert set(config["lang"]) == {language.split("-")[0] for language in LANGUAGES}


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE])
def test_navigation_labels_are_translated(built_site, language):
    (settings,) = [entry for entry in PROJECT.config.plugins["i18n"].config.languages if entry.locale == language]
    translations = settings.nav_translations or {}
    labels = nav_labels(PROJECT.config.nav)
    assert set(labels) <= set(translations), f"{language}: no translation for {set(labels) - set(translations)}"
    markup = page_file(built_site.site, "index.md", language).read_text(encoding="utf-8")
    shown = {text_of(m).strip() for m in re.findall(r'<span class="md-ellipsis">(.*?)</span>', markup, re.S)}
    for label in labels:
        assert translations[label] in shown, f"{language}: nav shows {sorted(shown)}, not {translations[label]!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_its_own_navigation_label_and_title(built_site, language):
    """Two pages under one name would share a <title>, and a footer could read 'Previous: X' and 'Next: X'."""
    (settings,) = [entry for entry in PROJECT.config.plugins["i18n"].config.languages if entry.locale == language]
    translated = settings.nav_translations or {}
    leaves = [label for item in PROJECT.config.nav for label in _page_labels(item)]
    shown = [translated.get(label, label) for label in leaves]
    assert len(set(shown)) == len(leaves) == len(PAGES), f"{language}: {shown}"
    titles = [re.search(r"<title>(.*?)</title>", page_file(built_site.site, source, language).read_text(
        encoding="utf-8"), re.S)[1] for source in PAGES]
    assert len(set(titles)) == len(titles), f"{language}: {titles}"


def _page_labels(item) -> list[str]:
    """The labels of the pages (not the sections) under one `nav:` item."""
    (label, value), = item.items()
    return [label] if isinstance(value, str) else [leaf for child in value for leaf in _page_labels(child)]


def heading_ids(site, source: str, language: str) -> list[tuple[str, str]]:
    """(id, text) of each section heading of a built page."""
    markup = page_file(site, source, language).read_text(encoding="utf-8")
    headings = re.findall(r'<h[2-6] id="([^"]+)">(.*?)<a class="headerlink"', markup, re.S)
    return [(heading_id, text_of(inner)) for heading_id, inner in headings]


@pytest.mark.parametrize("source", PAGES)
def test_english_heading_ids_keep_the_heading_words(built_site, source):
    """The default slugify drops non-ASCII letters and leaves ids like `_1`; ids must stay readable."""
    headings = heading_ids(built_site.site, source, DEFAULT_LANGUAGE)
    assert headings, f"{source}: no section headings found"
    for heading_id, text in headings:
        words = re.findall(r"\w+", text.lower())
        assert words and heading_id.startswith(words[0]), f"{source}: id {heading_id!r} for {text!r}"


@pytest.mark.parametrize("language", TRANSLATIONS)
@pytest.mark.parametrize("source", PAGES)
def test_translated_headings_keep_the_english_ids(built_site, source, language):
    """A link `page.md#id` leads to the same section in every language."""
    english = [heading_id for heading_id, _ in heading_ids(built_site.site, source, DEFAULT_LANGUAGE)]
    translated = [heading_id for heading_id, _ in heading_ids(built_site.site, source, language)]
    assert translated == english, f"{language}/{source}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_code_blocks_get_a_copy_button(built_site, language):
    markup = page_file(built_site.site, "index.md", language).read_text(encoding="utf-8")
    assert "content.code.copy" in page_config(markup)["features"]
    assert '<div class="language-python highlight">' in markup


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_pages_commands_share_a_port_that_the_site_preview_leaves_free(language):
    """`uvicorn` and `curl` on the home page meet on one port, and it is not the one `./scripts/serve.sh` (MkDocs'
    dev_addr) takes, so a reader can run both at once."""
    text = (PROJECT.docs_dir / language / "index.md").read_text(encoding="utf-8")
    served = re.findall(r"uvicorn --port (\d+)", text)
    called = re.findall(r"curl -X POST http://127\.0\.0\.1:(\d+)/", text)
    assert served and served == called[: len(served)], (served, called)
    assert int(served[0]) != PROJECT.config.dev_addr.port
