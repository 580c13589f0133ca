"""Tables that read on a phone: each data cell of a Markdown table carries its column's heading (`data-label`), so
that narrow screens can show a row as "heading: value" lines (see `readable.css`) instead of columns a few words
wide.

    markdown.markdown(text, extensions=["tables", "docs_tools.extensions.table_labels"])

The label is the heading's text as a reader sees it (markup and inline code taken off, spaces collapsed). A table
without a head, a cell beyond the headings and a cell that already has a label are left as they are.
"""

from __future__ import annotations

from xml.etree import ElementTree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

PRIORITY = 15
"""After inline Markdown (20), so that a heading's text is what the reader sees."""


def _text(element: ElementTree.Element) -> str:
    return " ".join("".join(element.itertext()).split())


class TableLabelTreeprocessor(Treeprocessor):
    def run(self, root: ElementTree.Element) -> None:
        for table in root.iter("table"):
            head = table.find("thead")
            if head is None:
                continue
            labels = [_text(cell) for row in head.iter("tr") for cell in row.findall("th")]
            for body in table.findall("tbody"):
                for row in body.iter("tr"):
                    for label, cell in zip(labels, row.findall("td")):
                        if "data-label" not in cell.attrib:
                            cell.set("data-label", label)


class TableLabelExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(TableLabelTreeprocessor(md), "docs_tools_table_labels", PRIORITY)


def makeExtension(**kwargs) -> TableLabelExtension:
    return TableLabelExtension(**kwargs)
