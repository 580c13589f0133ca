"""Draw the figure blocks of a page (see `docs_tools.figure_blocks`) in the page's language: timelines from
`timelines/*.json`, Performance figures from the benchmark results.

A translated page is drawn in its language; an English page served as another language's fallback stays English,
like its text. Runs before the include hook (priority 110): a figure takes exactly its block's lines, so include
errors keep their line numbers. Every block that cannot be drawn is logged with its page and line, and the build
stops before any page is written.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from docs_tools import figure_texts, performance
from docs_tools.build_errors import PageErrors
from docs_tools.figure_blocks import FigureError, FigureErrors, expand
from docs_tools.figure_texts import SOURCE_LANGUAGE
from docs_tools.includes import body_first_line
from docs_tools.project import root_of, shown
from docs_tools.timelines import figure, recording

_errors = PageErrors(logging.getLogger("mkdocs.hooks.figures"), "figure block(s) cannot be drawn")
_texts: dict[str, dict[str, str]] = {}
_results: dict[str, Any] = {}
"""Read once per build: every language's figure words (checked when the build starts), and the benchmark results
(on the first Performance figure)."""


def on_config(config):
    _errors.clear()
    _results.clear()
    _texts.clear()
    try:
        _texts.update(figure_texts.load(root_of(config)))
    except figure_texts.FigureTextsError as error:
        raise PluginError(str(error)) from None


def _drawer(root: Path, language: str):
    texts = figure_texts.for_language(_texts, language)

    def draw(kind: str, name: str) -> str:
        if kind == "timeline":
            try:
                return figure.render(recording.load(root, name), texts)
            except recording.RecordingError as error:
                raise FigureError(str(error)) from None
        if not _results:
            _results.update(performance.load(root))
        return performance.render(_results, name, texts)

    return draw


@event_priority(110)
def on_page_markdown(markdown, page, config, files):
    root = root_of(config)
    language = getattr(page.file, "locale", None) or config.theme.get("language") or SOURCE_LANGUAGE
    first = body_first_line(page.file.content_string, markdown)
    try:
        return expand(markdown, shown(Path(page.file.abs_src_path), root), _drawer(root, language), first)
    except figure_texts.FigureTextsError as error:
        raise PluginError(str(error)) from None
    except FigureErrors as errors:
        _errors.add(str(error) for error in errors.errors)
        return markdown


def on_env(env, config, files):
    _errors.stop_if_any()
    return env
