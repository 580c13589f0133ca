"""The settings every page-level extension takes: which page it is reading (for error messages, and the line the
Markdown text starts at once front matter is taken off) and what to do with the errors it finds."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from markdown.extensions import Extension

PAGE_SETTINGS = {
    "root": [".", "the project folder (the one holding docs_src/, figure_texts.yml, timelines/)"],
    "page": ["the page", "the page's path as errors show it"],
    "first_line": [1, "the line of the page's file that the Markdown text starts at"],
    "errors": ["", "a callable given each error message of the page; by default the page's errors are raised "
                   "together, as ExtensionErrors"],
}
"""A setting that takes a callable defaults to "", not None: Python-Markdown reads a setting whose default is None
as a yes/no value."""


class ExtensionErrors(ValueError):
    """Every error an extension found in one page, one message (page, line, what) per line."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))


class PageExtension(Extension):
    extra: dict[str, list] = {}
    """An extension's own settings, beside the page's."""

    def __init__(self, **kwargs) -> None:
        self.config = {key: list(value) for key, value in {**PAGE_SETTINGS, **self.extra}.items()}
        super().__init__(**kwargs)

    @property
    def root(self) -> Path:
        return Path(self.getConfig("root"))

    @property
    def page(self) -> str:
        return self.getConfig("page")

    @property
    def first_line(self) -> int:
        return int(self.getConfig("first_line"))

    def report(self, messages: Iterable[str]) -> None:
        """Hand the page's errors to the `errors` callable, or raise them together."""
        found = list(messages)
        if not found:
            return
        sink = self.getConfig("errors")
        if not sink:
            raise ExtensionErrors(found)
        for message in found:
            sink(message)
