"""Errors a hook finds in pages during one build: each is logged as soon as it is found, and the build stops only
once every page has been read (in `on_env`, before the first page is written), so that one run reports them all."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from mkdocs.exceptions import PluginError


class PageErrors:
    def __init__(self, log: logging.Logger, what: str) -> None:
        self.log = log
        self.what = what
        """What each error is, counted in the final message: 'include line(s) cannot be honoured'."""
        self.found: list[str] = []

    def clear(self) -> None:
        """Each build (one per language) counts its own."""
        self.found.clear()

    def add(self, messages: Iterable[str]) -> None:
        for message in messages:
            self.log.error(message)
            self.found.append(message)

    def stop_if_any(self) -> None:
        if self.found:
            raise PluginError(f"{len(self.found)} {self.what}; each is logged above with its page and line")
