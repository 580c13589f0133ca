"""Code that fits the page: every line of every example and code block is at most 80 characters, which fit the
code column of a 1280 px wide window without scrolling sideways, and the first line of each block at most 74, so
that the copy button, at its top right, covers none of it. tests/site/test_browser.py measures both in Chromium."""

from __future__ import annotations

import pytest

from docs_tools.markdown.outline import outline
from tests.mkdocs_site import LANGUAGES, PROJECT, ROOT, docs_src_file, include_fences, page_sources

WIDTH = 80
FIRST_LINE = 74


def blocks() -> list[pytest.param]:
    """(where, lines) of every code block as the reader sees it: included examples and code written in pages."""
    found = {}
    for language in LANGUAGES:
        for source in page_sources(language):
            path = ROOT / "docs" / language / source
            text = path.read_text(encoding="utf-8")
            for fence in include_fences(text):
                example = docs_src_file(fence.include)
                found[example.relative_to(ROOT).as_posix()] = tuple(example.read_text(encoding="utf-8").splitlines())
            for block in outline(text, "", PROJECT.heading_id).code_blocks:
                found[f"docs/{language}/{source}:{block.line}"] = block.body
    return [pytest.param(lines, id=where) for where, lines in sorted(found.items())]


@pytest.mark.parametrize("lines", blocks())
def test_every_line_fits_and_the_first_clears_the_copy_button(lines):
    long = [(number, len(line)) for number, line in enumerate(lines, start=1) if len(line) > WIDTH]
    assert long == [], f"lines longer than {WIDTH} characters (line, length): {long}"
    first = next((line for line in lines if line.strip()), "")
    assert len(first) <= FIRST_LINE, f"the first line has {len(first)} characters, the copy button covers past {FIRST_LINE}"
