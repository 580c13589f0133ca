"""Every data cell labelled with its column heading, as text; tables without a head left as they are."""

from __future__ import annotations

from docs_tools.table_labels import with_labels

TABLE = """<p>Before.</p>
<table>
<thead>
<tr>
<th>Class</th>
<th>In <code>HEAD</code> &amp; "OPTIONS"</th>
</tr>
</thead>
<tbody>
<tr>
<td><code>Response</code></td>
<td>Skipped</td>
</tr>
<tr>
<td align="left">One</td>
<td>Two</td>
<td>Three</td>
</tr>
</tbody>
</table>"""


def test_each_cell_gets_its_column_heading_as_plain_text():
    labelled = with_labels(TABLE)
    assert '<td data-label="Class"><code>Response</code></td>' in labelled
    assert '<td data-label="In HEAD &amp; &quot;OPTIONS&quot;">Skipped</td>' in labelled
    assert '<td align="left" data-label="Class">One</td>' in labelled


def test_a_cell_beyond_the_headings_stays_unlabelled():
    assert "<td>Three</td>" in with_labels(TABLE)


def test_the_head_and_the_rest_of_the_page_are_unchanged():
    labelled = with_labels(TABLE)
    assert labelled.replace(' data-label="Class"', "").replace(
        ' data-label="In HEAD &amp; &quot;OPTIONS&quot;"', "") == TABLE


def test_a_table_without_a_head_is_left_alone():
    table = "<table>\n<tbody>\n<tr>\n<td>a</td>\n</tr>\n</tbody>\n</table>"
    assert with_labels(table) == table


def test_labelling_twice_changes_nothing():
    assert with_labels(with_labels(TABLE)) == with_labels(TABLE)
