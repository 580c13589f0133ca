"""Every figure a page can name, drawn in a language; words read once; what cannot be drawn says why."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docs_tools.figures import texts
from docs_tools.figures.blocks import FigureError
from docs_tools.figures.drawings import Drawings
from tests import mkdocs_site


@pytest.fixture
def drawings(tmp_path: Path) -> Drawings:
    (tmp_path / "timelines").mkdir()
    shutil.copy(mkdocs_site.ROOT / "figure_texts.yml", tmp_path)
    shutil.copy(mkdocs_site.ROOT / "timelines" / "as_group.json", tmp_path / "timelines")
    return Drawings(tmp_path)


def test_a_timeline_is_drawn_in_the_language_asked_for(drawings):
    assert "Task notify (3)" in drawings.in_language("en")("timeline", "as_group")
    assert "Tarefa notify (3)" in drawings.in_language("pt")("timeline", "as_group")


def test_the_words_are_read_once_per_project(drawings, monkeypatch):
    calls = []
    load = texts.load
    monkeypatch.setattr(texts, "load", lambda root: calls.append(root) or load(root))
    drawings.in_language("en")
    drawings.in_language("ru")
    assert calls == [drawings.root]


def test_a_missing_recording_is_a_figure_error_naming_its_file(drawings):
    with pytest.raises(FigureError, match=r"^timelines/nope\.json: cannot be read"):
        drawings.in_language("en")("timeline", "nope")


def test_a_performance_figure_without_results_names_the_results_file(drawings):
    with pytest.raises(ValueError, match=r"benchmarks/results/results\.json: cannot be read"):
        drawings.in_language("en")("performance", "build_cost")
