"""What the page-level Markdown extensions (`docs_tools.extensions`) need from a MkDocs build: each page's path as
errors show it, the line its Markdown starts at once MkDocs has taken the front matter off, its language, and one
place per build to collect what they find wrong.

Every error is logged as it is found; the build stops once every page has been read (`on_env`, before the first
page is written), so that one run reports them all and publishes nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from docs_tools.figures.drawings import Drawings
from docs_tools.figures.texts import SOURCE_LANGUAGE, FigureTextsError
from docs_tools.markdown.includes import body_first_line
from docs_tools.project import root_of, shown
from docs_tools.proofs.suite import Suite
from docs_tools.site.build_errors import PageErrors
from docs_tools.translation.messages import MESSAGES_NAME, MessagesError, for_language, load

FIGURES = "docs_tools.extensions.figures"
INCLUDES = "docs_tools.extensions.includes"
SECTION_MARKS = "docs_tools.extensions.section_marks"
PROOFS = "docs_tools.extensions.proofs"

log = logging.getLogger("mkdocs.hooks.page_extensions")


class PageExtensions:
    """One build's settings of the page-level extensions; a live-reload rebuild gets new ones."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.root = root_of(config)
        self.errors = PageErrors(log, "error(s) in pages")
        self.drawings = Drawings(self.root)
        self.suite = Suite(self.root)
        try:
            self.drawings.words()  # checked when the build starts, not on the first figure
            self.messages = load(self.root / MESSAGES_NAME)
        except (FigureTextsError, MessagesError) as error:
            raise PluginError(str(error)) from None

    def configure(self, markdown: str, page: Page, config: MkDocsConfig) -> None:
        """Tell the extensions which page MkDocs renders next. A translated page's figures are drawn in its
        language; an English page served as another language's fallback stays English, like its text."""
        language = getattr(page.file, "locale", None) or config.theme.get("language") or SOURCE_LANGUAGE
        page_settings = {
            "root": str(self.root),
            "page": shown(Path(page.file.abs_src_path), self.root),
            "first_line": body_first_line(page.file.content_string, markdown),
            "errors": self.errors.add,
        }
        try:
            draw = self.drawings.in_language(language)
        except FigureTextsError as error:
            raise PluginError(str(error)) from None
        config.mdx_configs[INCLUDES] = dict(page_settings)
        config.mdx_configs[FIGURES] = {**page_settings, "language": language, "draw": draw}
        config.mdx_configs[SECTION_MARKS] = {**page_settings, "marks": []}  # see TranslatedPages.markdown
        config.mdx_configs[PROOFS] = {**page_settings, "suite": self.suite, "labels": self._proof_labels(language)}

    def _proof_labels(self, language: str) -> dict[str, str]:
        try:
            message = for_language(self.messages, language, "proofs")
        except MessagesError as error:
            raise PluginError(str(error)) from None
        return {"title": message.title, "text": message.before, **message.labels}

    def stop_if_any(self) -> None:
        self.errors.stop_if_any()
