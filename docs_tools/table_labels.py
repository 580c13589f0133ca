"""Tables that read on a phone: each data cell carries its column's heading (`data-label`), so that narrow screens
can show a row as a list of "heading: value" lines (see `readable.css`) instead of three columns a few words wide.

Works on the HTML of Python-Markdown's tables: a `<thead>` row of `<th>` cells, then `<tbody>` rows of `<td>` cells.
"""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r"<table>(?P<body>.*?)</table>", re.DOTALL)
_HEAD = re.compile(r"<thead>.*?</thead>", re.DOTALL)
_HEADING = re.compile(r"<th\b[^>]*>(?P<text>.*?)</th>", re.DOTALL)
_ROW = re.compile(r"<tr>(?P<cells>.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<td(?P<attrs>\b[^>]*)>")
_TAG = re.compile(r"<[^>]+>")


def _label(cell: str) -> str:
    return html.escape(" ".join(html.unescape(_TAG.sub("", cell)).split()), quote=True)


def _labelled(match: re.Match[str]) -> str:
    body = match["body"]
    head = _HEAD.search(body)
    if head is None:
        return match[0]
    labels = [_label(heading["text"]) for heading in _HEADING.finditer(head[0])]

    def row(found: re.Match[str]) -> str:
        cells = iter(labels)

        def cell(td: re.Match[str]) -> str:
            label = next(cells, None)
            if label is None or "data-label" in td["attrs"]:
                return td[0]
            return f'<td{td["attrs"]} data-label="{label}">'

        return _CELL.sub(cell, found[0])

    return "<table>" + body[: head.end()] + _ROW.sub(row, body[head.end():]) + "</table>"


def with_labels(page: str) -> str:
    """The page's HTML with every data cell of every table labelled with its column heading."""
    return _TABLE.sub(_labelled, page)
