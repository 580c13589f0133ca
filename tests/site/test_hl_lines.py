"""Every highlighted range of every include lies inside its file and marks no blank line."""

from __future__ import annotations

import pytest

from docs_tools.markdown.fences import hl_lines
from tests.mkdocs_site import LANGUAGES, ROOT, docs_src_file, include_fences, page_sources

FENCES = [
    pytest.param(language, source, fence, id=f"{language}/{source}:{fence.line}")
    for language in LANGUAGES
    for source in page_sources(language)
    for fence in include_fences((ROOT / "docs" / language / source).read_text(encoding="utf-8"))
]


@pytest.mark.parametrize(("language", "source", "fence"), FENCES)
def test_highlighted_lines_are_real_lines_of_the_file(language, source, fence):
    where = f"docs/{language}/{source}:{fence.line}"
    lines = docs_src_file(fence.include).read_text(encoding="utf-8").splitlines()
    highlighted = hl_lines(fence.info)
    assert highlighted, f"{where}: include without hl_lines; point them at the lines the text talks about"
    for number in highlighted:
        assert 1 <= number <= len(lines), f"{where}: hl_lines names line {number}, the file has {len(lines)}"
        assert lines[number - 1].strip(), f"{where}: hl_lines names line {number}, which is blank"


def test_there_are_includes_to_check():
    assert len(FENCES) >= 3
