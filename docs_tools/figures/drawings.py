"""Every figure a page can name, drawn in a language: timelines from `timelines/*.json`, Performance figures from
the benchmark results. Each language's words are read and checked once (`figure_texts.yml`), the results on the
first Performance figure."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from docs_tools.figures import performance, texts
from docs_tools.figures.blocks import FigureError
from docs_tools.timelines import figure, recording


class Drawings:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._texts: dict[str, dict[str, str]] = {}
        self._results: dict[str, Any] = {}

    def words(self) -> dict[str, dict[str, str]]:
        """Every language's figure words; FigureTextsError when the file is malformed."""
        if not self._texts:
            self._texts = texts.load(self.root)
        return self._texts

    def in_language(self, language: str) -> Callable[[str, str], str]:
        """`draw(kind, name)`: one figure as one line of HTML, in `language`'s words; FigureError says why not."""
        words = texts.for_language(self.words(), language)

        def draw(kind: str, name: str) -> str:
            if kind == "timeline":
                try:
                    return figure.render(recording.load(self.root, name), words)
                except recording.RecordingError as error:
                    raise FigureError(str(error)) from None
            if not self._results:
                self._results = performance.load(self.root)
            return performance.render(self._results, name, words)

        return draw
