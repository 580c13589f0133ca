"""Figure blocks (a `timeline` or `performance` fence holding one name, see `docs_tools.figures.blocks`) drawn as
their figure, in the page's language.

    markdown.markdown(text, extensions=["docs_tools.extensions.figures"],
                      extension_configs={"docs_tools.extensions.figures": {"root": "path/to/project",
                                                                           "language": "pt"}})

Runs before the include extension: a figure takes exactly its block's lines, so include errors keep the lines of the
page as written; the figure's one line of HTML is then a raw HTML block of the page. Every block that cannot be
drawn is reported with its page and line (see `docs_tools.extensions.page`).
"""

from __future__ import annotations

from markdown.preprocessors import Preprocessor

from docs_tools.extensions.includes import PRIORITY as INCLUDES
from docs_tools.extensions.page import PageExtension
from docs_tools.figures.blocks import FigureErrors, expand
from docs_tools.figures.drawings import Drawings
from docs_tools.figures.texts import SOURCE_LANGUAGE


class FigurePreprocessor(Preprocessor):
    def __init__(self, md, extension: FigureExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        extension = self.extension
        draw = extension.getConfig("draw") or Drawings(extension.root).in_language(extension.getConfig("language"))
        try:
            return expand("\n".join(lines), extension.page, draw, extension.first_line).split("\n")
        except FigureErrors as errors:
            extension.report(str(error) for error in errors.errors)
            return lines


class FigureExtension(PageExtension):
    extra = {
        "language": [SOURCE_LANGUAGE, "the language the figures' words are in"],
        "draw": ["", "draw(kind, name) -> one line of HTML; by default drawn from the project's files"],
    }

    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(FigurePreprocessor(md, self), "docs_tools_figures", INCLUDES + 1)


def makeExtension(**kwargs) -> FigureExtension:
    return FigureExtension(**kwargs)
