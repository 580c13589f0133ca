"""Errors found in pages during one build: each is logged as soon as it is found, and the build stops only once
every page has been read (in `on_env`, before the first page is written), so that one run reports them all."""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError


class PageErrors:
    def __init__(self, log: logging.Logger, what: str) -> None:
        self.log = log
        self.what = what
        """What each error is, counted in the final message: 'error(s) in pages'."""
        self.found: list[str] = []

    def add(self, message: str) -> None:
        self.log.error(message)
        self.found.append(message)

    def stop_if_any(self) -> None:
        if self.found:
            raise PluginError(f"{len(self.found)} {self.what}; each is logged above with its page and line")
