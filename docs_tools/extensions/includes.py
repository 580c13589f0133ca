"""`{!> docs_src/PATH !}` lines replaced with the file's text (see `docs_tools.markdown.includes`), before any
other extension reads the page, so that fences, tabs and admonitions hold the included code.

    markdown.markdown(text, extensions=["docs_tools.extensions.includes"],
                      extension_configs={"docs_tools.extensions.includes": {"root": "path/to/project"}})

Every bad include line of a page is reported with the page and line (see `docs_tools.extensions.page`) and left
as it is written; nothing from outside docs_src/ is read.
"""

from __future__ import annotations

from markdown.preprocessors import Preprocessor

from docs_tools.extensions.page import PageExtension
from docs_tools.markdown.includes import IncludeErrors, expand

PRIORITY = 32
"""Before whitespace normalising (30), raw HTML (20) and fenced code (25): the included text is read as if written
in the page."""


class IncludePreprocessor(Preprocessor):
    def __init__(self, md, extension: IncludeExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        extension = self.extension
        try:
            return expand("\n".join(lines), extension.root, extension.page, extension.first_line).split("\n")
        except IncludeErrors as errors:
            extension.report(str(error) for error in errors.errors)
            return lines


class IncludeExtension(PageExtension):
    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(IncludePreprocessor(md, self), "docs_tools_includes", PRIORITY)


def makeExtension(**kwargs) -> IncludeExtension:
    return IncludeExtension(**kwargs)
