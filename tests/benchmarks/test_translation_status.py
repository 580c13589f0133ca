"""The status benchmark's generated tree is what it claims (translations up to date, then outdated and not drifted),
and the benchmark prints every figure."""

from __future__ import annotations

import re

from benchmarks import translation_status as benchmark
from docs_tools import project as project_module
from docs_tools.translation.state import TranslationState


def labels(root):
    project = project_module.load(root)
    return {status.label for language in benchmark.LANGUAGES for status in TranslationState(project).language(language)}


def test_the_generated_translations_are_up_to_date_then_outdated_and_never_drifted(tmp_path):
    root = benchmark.generate(tmp_path / "project", 4)
    assert len(list((root / "docs").rglob("*.md"))) == 4 * (1 + len(benchmark.LANGUAGES))
    assert labels(root) == {"up to date"}
    benchmark.make_outdated(root)
    assert labels(root) == {"outdated"}


def test_every_figure_is_printed(tmp_path, capsys):
    lines = benchmark.measure(tmp_path / "project", 3, 1)
    assert lines[0] == "generated tree: 3 English pages, 6 translated pages in 2 languages"
    figures = [line for line in lines[1:] if not line.startswith("ratio")]
    assert len(figures) == 6 and all(re.search(r": +\d+\.\d{3} s$", line) for line in figures), lines
    assert re.fullmatch(r"ratio once-per-language / once-per-page: \d+\.\d\d", lines[-2])
