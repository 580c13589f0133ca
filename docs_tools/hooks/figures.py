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

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from docs_tools import figure_texts, performance
from docs_tools.figure_blocks import FigureError, FigureErrors, expand
from docs_tools.figure_texts import SOURCE_LANGUAGE
from docs_tools.includes import body_first_line
from docs_tools.project import root_of, shown
from docs_tools.timelines import figure, recording

log = logging.getLogger("mkdocs.hooks.figures")
_failed: list[str] = []


def on_config(config):
    _failed.clear()


def _drawer(root: Path, language: str):
    texts = figure_texts.for_language(figure_texts.load(root), language)

    def draw(kind: str, name: str) -> str:
        if kind == "timeline":
            try:
                return figure.render(recording.load(root, name), texts)
            except recording.RecordingError as error:
                raise FigureError(str(error)) from None
        return performance.render(performance.load(root), name, texts)

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
        for error in errors.errors:
            log.error(str(error))
            _failed.append(str(error))
        return markdown


def on_env(env, config, files):
    if _failed:
        raise PluginError(f"{len(_failed)} figure block(s) cannot be drawn; each is logged above with its page and "
                          "line")
    return env
