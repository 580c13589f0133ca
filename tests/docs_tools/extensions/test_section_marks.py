"""Marks after the headings they belong to; string in, HTML out."""

from __future__ import annotations

import markdown
import pytest

from docs_tools.extensions.page import ExtensionErrors

BANNER = ('<div class="admonition warning translation-banner" lang="pt" data-search-exclude markdown>\n'
          '<p class="admonition-title">Outdated</p>\n\nThe English page changed.\n\n</div>')
MARK = '<div class="translation-section-mark" data-search-exclude>\n<p>Changed in English.</p>\n</div>'


def render(text: str, marks=(), **settings) -> str:
    return markdown.markdown(
        text, extensions=["toc", "attr_list", "md_in_html", "docs_tools.extensions.section_marks"],
        extension_configs={"docs_tools.extensions.section_marks": {"marks": list(marks), **settings}})


def test_a_mark_goes_right_after_its_heading_as_written():
    page = "# Title\n\nIntro.\n\n## Usage\n\nText.\n"
    assert render(page, [("usage", MARK)]) == render(page).replace(
        '<h2 id="usage">Usage</h2>\n', f'<h2 id="usage">Usage</h2>\n{MARK}\n')


def test_under_the_title_a_mark_goes_after_the_banner():
    page = f"# Title\n\n{BANNER}\n\nIntro.\n"
    marked = render(page, [("title", MARK)])
    assert marked.index("translation-banner") < marked.index(MARK) < marked.index("<p>Intro.</p>")


def test_a_heading_found_by_the_id_an_attribute_list_gives_it():
    page = '## It\'s & "q" {#its-q}\n\nText.\n'
    assert f"</h2>\n{MARK}\n<p>Text.</p>" in render(page, [("its-q", MARK)])


def test_a_heading_inside_a_block_is_found_too():
    page = '<div markdown>\n\n### Inner\n\nText.\n\n</div>\n'
    assert f'<h3 id="inner">Inner</h3>\n{MARK}\n' in render(page, [("inner", MARK)])


def test_two_marks_on_one_section_keep_their_order():
    page = "## Usage\n\nText.\n"
    assert f"</h2>\n{MARK}\n<div>second</div>\n<p>Text.</p>" in render(page, [("usage", MARK), ("usage", "<div>second</div>")])


def test_without_marks_the_page_is_unchanged():
    page = f"# Title\n\n{BANNER}\n\n## Usage\n\nText.\n"
    assert render(page) == markdown.markdown(page, extensions=["toc", "attr_list", "md_in_html"])


def test_a_mark_whose_heading_the_page_lacks_is_reported_with_the_page():
    with pytest.raises(ExtensionErrors) as raised:
        render("## Usage\n", [("gone", MARK), ("usage", MARK)], page="docs/pt/a.md")
    assert raised.value.messages == ["docs/pt/a.md: no heading has the id 'gone', so its section cannot be marked"]


def test_a_missing_heading_goes_to_the_errors_callable_and_the_other_marks_stay():
    found: list[str] = []
    marked = render("## Usage\n", [("gone", MARK), ("usage", MARK)], page="docs/pt/a.md", errors=found.append)
    assert found == ["docs/pt/a.md: no heading has the id 'gone', so its section cannot be marked"]
    assert marked.endswith(f"</h2>\n{MARK}")
