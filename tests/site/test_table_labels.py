"""In the built site, every cell of the responses table carries its column heading, in the page's language."""

from __future__ import annotations

import html
import re

import pytest

from tests.mkdocs_site import LANGUAGES, page_file, text_of


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_responses_table_cells_carry_their_column_headings(built_site, language):
    markup = page_file(built_site.site, "responses.md", language).read_text(encoding="utf-8")
    table = re.search(r"<table>.*?</table>", markup, re.S)[0]
    headings = [" ".join(text_of(th).split()) for th in re.findall(r"<th\b[^>]*>(.*?)</th>", table, re.S)]
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("</thead>")[1], re.S)
    assert len(headings) == 3 and len(rows) > 10
    for row in rows:
        labels = [html.unescape(label) for label in re.findall(r'<td[^>]* data-label="([^"]*)"', row)]
        assert labels == headings, row
