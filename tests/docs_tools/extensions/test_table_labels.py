"""Every data cell labelled with its column heading, as text; string in, HTML out."""

from __future__ import annotations

import markdown

TABLE = """Before.

| Class | In `HEAD` & "OPTIONS" |
| --- | :-- |
| `Response` | Skipped |
| One | Two | Three |
"""


def render(text: str, labels: bool = True) -> str:
    extensions = ["tables", "attr_list"] + (["docs_tools.extensions.table_labels"] if labels else [])
    return markdown.markdown(text, extensions=extensions)


def test_each_cell_gets_its_column_heading_as_plain_text():
    labelled = render(TABLE)
    assert '<td data-label="Class"><code>Response</code></td>' in labelled
    assert '<td data-label="In HEAD &amp; &quot;OPTIONS&quot;" style="text-align: left;">Skipped</td>' in labelled
    assert '<td data-label="Class">One</td>' in labelled


def test_a_cell_beyond_the_headings_stays_unlabelled():
    table = "| A |\n| --- |\n| one | two |\n"
    assert "<td>two</td>" not in render(table)  # Python-Markdown drops it: a row keeps the head's width
    assert '<td data-label="A">one</td>' in render(table)


def test_the_page_is_otherwise_unchanged():
    labelled = render(TABLE)
    assert labelled.replace(' data-label="Class"', "").replace(
        ' data-label="In HEAD &amp; &quot;OPTIONS&quot;"', "") == render(TABLE, labels=False)


def test_a_table_without_a_head_is_left_alone():
    table = "<table>\n<tbody>\n<tr>\n<td>a</td>\n</tr>\n</tbody>\n</table>"
    assert render(table) == render(table, labels=False)


def test_a_cell_labelled_in_the_page_keeps_its_label():
    table = '| A |\n| --- |\n| one { data-label="mine" } |\n'
    assert render(table).count("data-label") == 1
    assert 'data-label="mine"' in render(table)
