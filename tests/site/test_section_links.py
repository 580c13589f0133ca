"""A new English section and a new English page linking to it: every language still builds strictly, and in the
translations, whose page lacks the section, links to it lead to the English section."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from tests import mkdocs_site
from tests.mkdocs_site import DEFAULT_LANGUAGE, TRANSLATIONS, page_file, page_url
from tests.trees import copy_project

pytestmark = pytest.mark.long(seconds=6)

NEW_PAGE = "retries.md"
LINK = "[retrying a task](responses.md#retrying-a-task)"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("section-links") / "project")
    english = root / "docs" / "en"
    responses = english / "responses.md"
    responses.write_text(responses.read_text(encoding="utf-8") + "\n## Retrying a task\n\nWrap the call in a loop.\n",
                         encoding="utf-8")
    (english / NEW_PAGE).write_text(f"# Retries\n\nSee {LINK}.\n", encoding="utf-8")
    for language in TRANSLATIONS:  # a translated page linking to the section its language lacks
        index = root / "docs" / language / "index.md"
        index.write_text(index.read_text(encoding="utf-8") + f"\nSee {LINK}.\n", encoding="utf-8")
    built = mkdocs_site.build(root.parent / "site", root / "mkdocs.yml",
                              nav=[*mkdocs_site.PROJECT.config.nav, {"Retries": NEW_PAGE}])
    assert built.error is None, built.text
    return built


def link_of(site, source: str, language: str) -> str:
    markup = page_file(site.site, source, language).read_text(encoding="utf-8")
    (link,) = re.findall(r'<a href="([^"]*)"[^>]*>retrying a task</a>', markup)
    return link


def test_the_strict_build_passes_with_no_warning(site):
    assert site.messages("WARNING") + site.messages("ERROR") == []


@pytest.mark.parametrize("language", TRANSLATIONS)
@pytest.mark.parametrize("source", [NEW_PAGE, "index.md"], ids=["english-fallback-page", "translated-page"])
def test_a_link_to_the_missing_section_leads_to_the_english_section(site, source, language):
    here = "/" + page_url(source, language)
    target = "/" + page_url("responses.md", DEFAULT_LANGUAGE) + "#retrying-a-task"
    assert urljoin(here, link_of(site, source, language)) == target
    markup = page_file(site.site, source, language).read_text(encoding="utf-8")
    assert 'hreflang="en">retrying a task</a>' in markup


def test_in_english_the_link_stays_a_link_to_the_english_page(site):
    assert urljoin("/" + page_url(NEW_PAGE, DEFAULT_LANGUAGE), link_of(site, NEW_PAGE, DEFAULT_LANGUAGE)) == (
        "/" + page_url("responses.md", DEFAULT_LANGUAGE) + "#retrying-a-task"
    )
