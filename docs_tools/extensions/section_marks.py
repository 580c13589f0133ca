"""Blocks of HTML put right after the headings they belong to: the marks on the sections of a translation whose
English text changed since it was translated (`docs_tools.site.translated_pages` decides which and says what).

    markdown.markdown(text, extensions=["toc", "docs_tools.extensions.section_marks"],
                      extension_configs={"docs_tools.extensions.section_marks": {"marks": [("usage", "<div>…</div>")]}})

A mark goes after the heading whose id it names, or after the banner when a banner (`translation-banner`) follows
that heading. A mark whose heading the page lacks is reported with the page (see `docs_tools.extensions.page`).
"""

from __future__ import annotations

from xml.etree import ElementTree

from markdown.treeprocessors import Treeprocessor

from docs_tools.extensions.page import PageExtension

PRIORITY = 4
"""After the table of contents (5) has given every heading its id."""

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _is_banner(element: ElementTree.Element) -> bool:
    return element.tag == "div" and "translation-banner" in element.get("class", "").split()


class SectionMarkTreeprocessor(Treeprocessor):
    def __init__(self, md, extension: SectionMarkExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: ElementTree.Element) -> None:
        marks = self.extension.getConfig("marks")
        if not marks:
            return
        wanted = {anchor for anchor, _ in marks}
        headings = {}
        for parent in root.iter():
            for child in parent:
                if child.tag in HEADINGS and child.get("id") in wanted and child.get("id") not in headings:
                    headings[child.get("id")] = (parent, child)
        missing = []
        for anchor, block in marks:
            if anchor not in headings:
                missing.append(f"{self.extension.page}: no heading has the id '{anchor}', so its section cannot "
                               "be marked")
                continue
            parent, heading = headings[anchor]
            at = list(parent).index(heading) + 1
            if at < len(parent) and _is_banner(parent[at]):
                at += 1
            mark = ElementTree.Element("p")
            mark.text = self.md.htmlStash.store(block)
            mark.tail = "\n"
            parent.insert(at, mark)
            headings[anchor] = (parent, mark)  # a second mark for the same section goes after the first
        self.extension.report(missing)


class SectionMarkExtension(PageExtension):
    extra = {
        "marks": [[], "(heading id, HTML) pairs: each block goes after the heading with that id, in this order"],
    }

    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(SectionMarkTreeprocessor(md, self), "docs_tools_section_marks", PRIORITY)


def makeExtension(**kwargs) -> SectionMarkExtension:
    return SectionMarkExtension(**kwargs)
