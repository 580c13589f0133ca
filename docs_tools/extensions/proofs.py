"""Proof marks (`[[proof: tests/…/test_x.py::test_name]]`, see `docs_tools.markdown.proof_marks`) drawn as small
numbered links beside their claims, and the page's list of proofs at its end: each test's node id, what its name
says it proves and its docstring's first paragraph, with links back to the claims.

    markdown.markdown(text, extensions=["toc", "docs_tools.extensions.proofs"],
                      extension_configs={"docs_tools.extensions.proofs": {"root": "path/to/project"}})

The labels (the list's heading and introduction, a mark's accessible name, the link back) are in the page's
language; the tests' own words are English and marked so (`lang="en"`). A mark that names no test pytest would run
is reported with its page and line (see `docs_tools.extensions.page`) and drawn as nothing.
"""

from __future__ import annotations

from xml.etree import ElementTree

from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from docs_tools.extensions.includes import PRIORITY as INCLUDES
from docs_tools.extensions.page import PageExtension
from docs_tools.markdown.outline import as_written, outline
from docs_tools.markdown.proof_marks import MARK
from docs_tools.proofs.suite import ProvenTest, Suite, UnknownTest

SECTION_ID = "proofs"
CHECK_PRIORITY = INCLUDES + 2
"""Before figures and includes replace lines, so that an error names the line of the page as written."""
INLINE_PRIORITY = 175
"""After inline code (190), which keeps a mark written as code a text; before links (160), which would read the
brackets."""
LIST_PRIORITY = 6
"""After inline Markdown (20); before the table of contents (5), which then lists the section and links its
heading."""
ENGLISH_LABELS = {
    "title": "Proofs",
    "text": "Each number beside a claim on this page links to the test of this project's suite that proves it.",
    "reference": "Proof {number}",
    "back": "Back to the claim",
}
SOURCE_LANGUAGE = "en"


class ProofCheckPreprocessor(Preprocessor):
    """Reports every mark that names no test, with its line; changes nothing."""

    def __init__(self, md, extension: ProofExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        extension = self.extension
        extension.tests = {}
        problems = []
        for mark in outline("\n".join(lines), extension.page, as_written).proofs:
            try:
                extension.tests[mark.node] = extension.suite.test(mark.node)
            except UnknownTest as error:
                problems.append(f"{extension.page}:{extension.first_line + mark.line - 1}: {error}")
        extension.report(problems)
        return lines


class ProofMarkInlineProcessor(InlineProcessor):
    def __init__(self, extension: ProofExtension) -> None:
        super().__init__(MARK.pattern)
        self.extension = extension

    def handleMatch(self, match, data):  # noqa: N802 (Python-Markdown's name)
        if match["node"] not in self.extension.tests:
            return "", match.start(0), match.end(0)
        mark = ElementTree.Element("sup", {"class": "proof-ref", "data-proof": match["node"]})
        return mark, match.start(0), match.end(0)


class ProofListTreeprocessor(Treeprocessor):
    def __init__(self, md, extension: ProofExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: ElementTree.Element) -> None:
        labels = self.extension.labels
        marks = [element for element in root.iter("sup") if "data-proof" in element.attrib]
        if not marks:
            return
        if any(element.get("id") == SECTION_ID for element in root.iter()):
            self.extension.report([f"{self.extension.page}: an element already has the id '{SECTION_ID}', which "
                                   "the list of proofs needs; choose another id"])
            return
        numbers: dict[str, int] = {}
        references: dict[str, list[str]] = {}
        marked = {id(mark) for mark in marks}
        for parent in root.iter():
            children = list(parent)
            for previous, mark in zip(children, children[1:]):
                if id(mark) in marked and id(previous) in marked and not (previous.tail or "").strip():
                    mark.set("class", "proof-ref proof-ref-next")  # a second proof of the same claim: "2, 5"
        for mark in marks:
            node = mark.attrib.pop("data-proof")
            number = numbers.setdefault(node, len(numbers) + 1)
            ids = references.setdefault(node, [])
            ids.append(f"proof-{number}-{len(ids) + 1}")
            test = self.extension.tests[node]
            link = ElementTree.SubElement(mark, "a", {
                "href": f"#proof-{number}", "id": ids[-1], "title": test.claim,
                "aria-label": labels["reference"].format(number=number)})
            link.text = str(number)
        root.append(self._section(numbers, references))

    def _section(self, numbers: dict[str, int], references: dict[str, list[str]]) -> ElementTree.Element:
        labels = self.extension.labels
        section = ElementTree.Element("section", {"class": "proofs", "aria-labelledby": SECTION_ID})
        section.text = "\n"
        heading = ElementTree.SubElement(section, "h2", {"id": SECTION_ID})
        heading.text = labels["title"]
        heading.tail = "\n"
        intro = ElementTree.SubElement(section, "p")
        intro.text = labels["text"]
        intro.tail = "\n"
        items = ElementTree.SubElement(section, "ol")
        items.text = "\n"
        for node, number in numbers.items():
            self._item(items, number, self.extension.tests[node], references[node])
        items.tail = "\n"
        return section

    def _item(self, items: ElementTree.Element, number: int, test: ProvenTest, references: list[str]) -> None:
        """One proof: what the test's name says, its node id, its docstring, and a link back to each claim."""
        labels = self.extension.labels
        item = ElementTree.SubElement(items, "li", {"id": f"proof-{number}"})
        item.tail = "\n"
        claim = ElementTree.SubElement(item, "span", {"class": "proof-claim", "lang": "en"})
        claim.text = test.claim
        node = ElementTree.SubElement(item, "code", {"class": "proof-node"})
        node.text = test.node
        if test.docstring:
            docstring = ElementTree.SubElement(item, "span", {"class": "proof-docstring", "lang": "en"})
            docstring.text = test.docstring
        for index, reference in enumerate(references, start=1):
            item[-1].tail = " "
            back = ElementTree.SubElement(item, "a", {
                "class": "proof-back", "href": f"#{reference}",
                "aria-label": labels["back"] + (f" {index}" if len(references) > 1 else "")})
            back.text = "↩"


class ProofExtension(PageExtension):
    extra = {
        "labels": [{}, "the texts readers see, in the page's language: title, text, reference ('… {number}'), back"],
        "suite": ["", "a docs_tools.proofs.suite.Suite of the project, shared by the pages of a build; by default "
                      "one of its own"],
    }

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.tests: dict[str, ProvenTest] = {}

    @property
    def labels(self) -> dict[str, str]:
        return {**ENGLISH_LABELS, **(self.getConfig("labels") or {})}

    @property
    def suite(self) -> Suite:
        suite = self.getConfig("suite")
        if not suite:
            suite = Suite(self.root)
            self.setConfig("suite", suite)
        return suite

    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(ProofCheckPreprocessor(md, self), "docs_tools_proof_check", CHECK_PRIORITY)
        md.inlinePatterns.register(ProofMarkInlineProcessor(self), "docs_tools_proof_marks", INLINE_PRIORITY)
        md.treeprocessors.register(ProofListTreeprocessor(md, self), "docs_tools_proof_list", LIST_PRIORITY)


def makeExtension(**kwargs) -> ProofExtension:
    return ProofExtension(**kwargs)
