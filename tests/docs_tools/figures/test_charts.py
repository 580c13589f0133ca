"""Bar charts: one bar per value, lengths in proportion (or in log proportion), labels as the caller writes them."""

from __future__ import annotations

import re

from docs_tools.figures.charts import Chart, render


def bars(svg: str) -> list[float]:
    return [float(width) for width in re.findall(r'<rect class="chart-s\d" x="[\d.]+" y="[\d.]+" width="([\d.]+)"',
                                                  svg)]


def test_bar_lengths_are_in_proportion_to_the_values():
    svg = render(Chart(["a", "b"], ["s"], [[1.0], [2.0]], lambda v: f"{v:g} ms"))
    widths = bars(svg)[1:]  # the first rect is the legend's key
    assert abs(widths[1] / widths[0] - 2) < 0.01
    assert ">1 ms<" in svg and ">2 ms<" in svg


def test_a_log_chart_keeps_a_small_value_visible_beside_a_large_one():
    svg = render(Chart(["a", "b"], ["s"], [[1.0], [1000.0]], str, log=True))
    small, large = bars(svg)[1:]
    assert small > 0.05 * large  # on a linear scale it would be 0.001


def test_a_missing_value_draws_no_bar_and_a_target_draws_its_line():
    svg = render(Chart(["a"], ["s", "t"], [[1.0, None]], str, target=1.1, target_label="target 1.1"))
    assert len(bars(svg)) == 3  # two legend keys, one bar
    assert 'class="chart-target"' in svg and ">target 1.1<" in svg


def test_a_standalone_chart_carries_its_colours():
    assert "<style>" in render(Chart(["a"], ["s"], [[1.0]], str), css=".chart-s0{fill:#000}")
    assert "<style>" not in render(Chart(["a"], ["s"], [[1.0]], str))
