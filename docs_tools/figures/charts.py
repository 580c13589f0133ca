"""Horizontal bar charts as SVG, for the Performance page and the benchmark command.

Drawn here rather than with a plotting library because the page needs what such libraries make awkward: marks
coloured by the page's stylesheet (light and dark scheme), words in the page's language, and a chart small enough
to sit inline in the HTML. Bars are horizontal so that labels of any length and language fit on their left.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 760
BAR = 14
GAP = 10
CHAR = 6.8
SERIES = 4
"""Series colours the stylesheet defines (`.chart-s0` …)."""


@dataclass(frozen=True)
class Chart:
    categories: Sequence[str]
    series: Sequence[str]
    values: Sequence[Sequence[float | None]]
    """values[category][series]; None where nothing was measured."""
    label: Callable[[float], str]
    """A value as its bar's end shows it, in the page's language."""
    log: bool = False
    target: float | None = None
    target_label: str = ""


def _scale(chart: Chart, left: float, right: float) -> Callable[[float], float]:
    numbers = [value for row in chart.values for value in row if value is not None]
    if chart.target is not None:
        numbers.append(chart.target)
    top = max(numbers) if numbers else 1.0
    if chart.log:
        bottom = min(value for value in numbers if value > 0) / 2
        low, high = math.log10(bottom), math.log10(top)
        return lambda value: left + (right - left) * (math.log10(max(value, bottom)) - low) / max(high - low, 1e-9)
    return lambda value: left + (right - left) * value / (top or 1)


def render(chart: Chart, css: str = "") -> str:
    """The chart as one line of SVG; `css`, when given, is embedded for use outside the site (a standalone file)."""
    label_width = min(max(len(text) for text in chart.categories) * CHAR + 12, 260)
    value_room = 11 * CHAR
    left, right = label_width + 8, WIDTH - value_room
    x = _scale(chart, left, right)
    legend_y = 16
    parts = []
    cursor = left
    for index, name in enumerate(chart.series):
        parts.append(f'<rect class="chart-s{index % SERIES}" x="{cursor}" y="{legend_y - 9}" width="12" height="10"/>')
        parts.append(f'<text x="{cursor + 16}" y="{legend_y}">{escape(name)}</text>')
        cursor += 16 + len(name) * CHAR + 20
    y = legend_y + 14
    group = BAR * len(chart.series)
    for category, row in zip(chart.categories, chart.values):
        parts.append(f'<text x="{label_width}" y="{y + group / 2 + 4}" text-anchor="end">{escape(category)}</text>')
        for index, value in enumerate(row):
            top = y + index * BAR
            if value is None:
                continue
            end = round(x(value), 1)
            parts.append(f'<rect class="chart-s{index % SERIES}" x="{left}" y="{top + 1}" '
                         f'width="{max(round(end - left, 1), 1)}" height="{BAR - 2}"/>')
            parts.append(f'<text class="chart-value" x="{end + 4}" y="{top + BAR - 3}">{escape(chart.label(value))}'
                         "</text>")
        y += group + GAP
    parts.append(f'<line class="chart-axis" x1="{left}" y1="{legend_y + 8}" x2="{left}" y2="{y - GAP + 4}"/>')
    if chart.target is not None:
        tx = round(x(chart.target), 1)
        parts.append(f'<line class="chart-target" x1="{tx}" y1="{legend_y + 8}" x2="{tx}" y2="{y - GAP + 4}"/>')
        parts.append(f'<text class="chart-value" x="{tx}" y="{y + 10}" text-anchor="middle">'
                     f'{escape(chart.target_label)}</text>')
        y += 16
    style = f"<style>{css}</style>" if css else ""
    return (f'<svg class="chart-svg" viewBox="0 0 {WIDTH} {round(y)}" font-size="12" aria-hidden="true">'
            f'{style}{"".join(parts)}</svg>')


STANDALONE_CSS = (
    "text{font-family:sans-serif;fill:#222}.chart-s0{fill:#1565c0}.chart-s1{fill:#e07b00}.chart-s2{fill:#2e7d32}"
    ".chart-s3{fill:#8e24aa}.chart-axis{stroke:#555}.chart-target{stroke:#c62828;stroke-dasharray:4 3}"
    ".chart-value{fill:#444}"
)
"""Colours for a chart file opened on its own; on the site, the stylesheet gives them for both schemes."""
