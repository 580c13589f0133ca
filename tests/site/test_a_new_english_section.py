"""The ordinary change that used to break every translation: an English page gains a section, and a new English page
links to it. Every language still builds strictly; translators are told the first page is outdated (not drifted)
and the new one missing, which `--allow-outdated --allow-missing` accepts; readers of the new page under /pt/ get
English content with a Portuguese banner and a link that reaches the section; readers of the outdated translation
learn which section changed, and the section carries a mark.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest

from docs_tools.translation import cli
from tests import mkdocs_site
from tests.mkdocs_site import DEFAULT_LANGUAGE, TRANSLATIONS, page_file, page_url
from tests.trees import copy_project

pytestmark = pytest.mark.long(seconds=10)

NEW_PAGE = "retries.md"
LINK = "[retrying a task](responses.md#retrying-a-task)"
CHANGED = "responses.md"
SECTION = "\n## Retrying a task\n\nWrap the call in a loop, and give up after three attempts.\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("new-english-section") / "project")
    english = root / "docs" / "en"
    responses = english / CHANGED
    text = responses.read_text(encoding="utf-8")
    first_section = re.search(r"^## .*$", text, re.MULTILINE)
    changed = text[: first_section.end()] + "\n\nThis sentence is new in English." + text[first_section.end() :]
    responses.write_text(changed + SECTION, encoding="utf-8")
    (english / NEW_PAGE).write_text(f"# Retries\n\nSee {LINK}.\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(project):
    built = mkdocs_site.build(project.parent / "site", project / "mkdocs.yml",
                              nav=[*mkdocs_site.PROJECT.config.nav, {"Retries": NEW_PAGE}])
    assert built.error is None, built.text
    return built


def status(project, capsys, *arguments):
    code = cli.main(["--project", str(project), "status", *arguments])
    return code, capsys.readouterr().out


def test_the_strict_build_passes_in_every_language_with_no_warning(site):
    assert site.messages("WARNING") + site.messages("ERROR") == []
    for language in (DEFAULT_LANGUAGE, *TRANSLATIONS):
        assert page_file(site.site, NEW_PAGE, language).is_file()


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_status_says_outdated_for_the_changed_page_and_missing_for_the_new_one(project, capsys, language):
    code, out = status(project, capsys, language)
    assert code == 1
    lines = out.split("\n")
    assert f"  outdated     {CHANGED}" in lines
    assert f"  missing      {NEW_PAGE}" in lines
    assert "drifted" not in out
    assert "        added    ## Retrying a task (#retrying-a-task)" in lines


def test_status_accepts_lagging_but_consistent_translations(project, capsys):
    code, out = status(project, capsys, "--allow-outdated", "--allow-missing")
    assert code == 0, out
    assert f"Nothing else to do; {2 * len(TRANSLATIONS)} page(s) allowed by --allow-missing --allow-outdated." in out


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Languages(HTMLParser):
    """The language a screen reader uses for each run of text in the page's content (the nearest `lang`), and the
    language of the banners."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.text: dict[str, str | None] = {}
        self.banners: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in VOID:
            return
        inherited = self.stack[-1][1] if self.stack else None
        self.stack.append((tag, attributes.get("lang", inherited)))
        if "translation-banner" in (attributes.get("class") or ""):
            self.banners.append(self.stack[-1][1])

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            continue

    def handle_data(self, data):
        if data.strip() and any(tag == "article" for tag, _ in self.stack):
            self.text.setdefault(data.strip(), self.stack[-1][1])


def languages_of(site, source, language) -> _Languages:
    parser = _Languages()
    parser.feed(page_file(site.site, source, language).read_text(encoding="utf-8"))
    return parser


def test_the_new_page_under_pt_is_english_content_with_a_portuguese_banner(site):
    page = languages_of(site, NEW_PAGE, "pt")
    assert page.text["Retries"] == "en"
    assert page.text["See"] == "en"
    assert page.banners == ["pt"]
    assert page.text["Esta página ainda não foi traduzida"] == "pt"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_new_pages_link_reaches_the_english_section(site, language):
    markup = page_file(site.site, NEW_PAGE, language).read_text(encoding="utf-8")
    (href,) = re.findall(r'<a href="([^"]*)"[^>]*>retrying a task</a>', markup)
    target = urljoin("/" + page_url(NEW_PAGE, language), href)
    assert target == "/" + page_url(CHANGED, DEFAULT_LANGUAGE) + "#retrying-a-task"
    english = page_file(site.site, CHANGED, DEFAULT_LANGUAGE).read_text(encoding="utf-8")
    assert 'id="retrying-a-task"' in english


def banner_of(site, language) -> str:
    markup = page_file(site.site, CHANGED, language).read_text(encoding="utf-8")
    (banner,) = re.findall(r'<div class="admonition warning translation-banner translation-outdated".*?</div>', markup,
                           re.DOTALL)
    return banner


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_outdated_banner_names_the_changed_and_the_new_section_with_links_to_english(site, language):
    english_url = "/" + page_url(CHANGED, DEFAULT_LANGUAGE)
    here = "/" + page_url(CHANGED, language)
    links = {urljoin(here, href): text for href, text in
             re.findall(r'<a href="([^"]*)" hreflang="en">([^<]*)</a>', banner_of(site, language))}
    translated = page_file(site.site, CHANGED, language).read_text(encoding="utf-8")
    first_id = re.search(r'<h2 id="([^"]+)"', translated)[1]
    first_title = re.search(rf'<h2 id="{first_id}">(.*?)<a class="headerlink"', translated)[1]
    assert links == {
        english_url: links[english_url],  # the English page itself, from the banner's first sentence
        f"{english_url}#{first_id}": re.sub(r"<[^>]+>", "", first_title),  # named as the translation names it
        f"{english_url}#retrying-a-task": "Retrying a task",  # not translated yet: named in English
    }


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_changed_section_carries_a_mark_and_no_other_does(site, language):
    translated = page_file(site.site, CHANGED, language).read_text(encoding="utf-8")
    first_id = re.search(r'<h2 id="([^"]+)"', translated)[1]
    marks = re.findall(r'<h([1-6]) id="([^"]+)".*?</h\1>\s*<div class="admonition warning translation-section-mark '
                       r'translation-section-changed" lang="([\w-]+)"', translated, re.DOTALL)
    assert [(anchor, lang) for _, anchor, lang in marks] == [(first_id, language)]
    assert translated.count("translation-section-mark") == 1
    (href,) = re.findall(r'translation-section-changed".*?<a href="([^"]*)" hreflang="en">', translated, re.DOTALL)
    assert urljoin("/" + page_url(CHANGED, language), href) == f"/{page_url(CHANGED, DEFAULT_LANGUAGE)}#{first_id}"


def test_english_pages_carry_no_mark(site):
    english = page_file(site.site, CHANGED, DEFAULT_LANGUAGE).read_text(encoding="utf-8")
    assert "translation-section-mark" not in english and "translation-banner" not in english
