"""A recording drawn as a figure: an inline SVG on one time axis, its caption, and the events in order as a list.

The SVG is inline, not an image file, so that its colours come from the page's stylesheet and follow the reader's
light or dark scheme, and so that its words are in the page's language. Screen readers get the list: the SVG is
labelled by the caption and described by the list, which sighted readers can open too. The axis is logarithmic:
a response takes a few milliseconds and a task may take hundreds, and both must be visible on one axis.
"""

from __future__ import annotations

import math
from collections import Counter
from html import escape

from docs_tools.figures.texts import Texts
from docs_tools.timelines.recording import RecordedEvent, Recording

WIDTH = 760
ROW = 26
FONT = 12
CHAR = 6.8
"""An upper estimate of a character's width at FONT pixels, to fit labels without measuring text."""
UNIT_MS = 0.1
"""Below this the axis is nearly linear, above it logarithmic."""


def _upper(last_ms: float) -> float:
    upper = 1.0
    while upper < last_ms:
        upper *= 10
    return upper


class _Axis:
    def __init__(self, left: float, right: float, last_ms: float) -> None:
        self.left, self.right = left, right
        self.upper = _upper(last_ms)

    def x(self, ms: float) -> float:
        share = math.log10(1 + ms / UNIT_MS) / math.log10(1 + self.upper / UNIT_MS)
        return round(self.left + (self.right - self.left) * share, 1)

    def ticks(self) -> list[float]:
        ticks, value = [0.0], 1.0
        while value <= self.upper:
            ticks.append(value)
            value *= 10
        return ticks


def task_labels(recording: Recording) -> dict[str, str]:
    """Each task source's label: its function's name, numbered only where one function ran more than once."""
    sources = {event.source: event.name for event in recording.events if event.kind.startswith("task-")}
    counts = Counter(sources.values())
    seen: Counter[str] = Counter()
    labels = {}
    for source, name in sources.items():
        seen[name] += 1
        labels[source] = f"{name} ({seen[name]})" if counts[name] > 1 else name
    return labels


def _lane_label(lane: tuple[str, str], tasks: dict[str, str], texts: Texts) -> str:
    kind, source = lane
    if kind == "client":
        return texts.text("timeline_client", request=source)
    if kind == "server":
        return texts.text("timeline_server", request=source)
    return texts.text("timeline_task", task=tasks[source])


def sentence(event: RecordedEvent, tasks: dict[str, str], texts: Texts) -> str:
    """The event in words, as HTML (names of code in <code>)."""
    code = {"request": f"<code>{escape(event.source)}</code>", "message": f"<code>{escape(event.name)}</code>"}
    if event.kind.startswith("task-"):
        task = f"<code>{escape(tasks[event.source])}</code>"
        key = {"task-start": "event_task_start", "task-end": "event_task_end", "task-error": "event_task_error",
               "task-cancelled": "event_task_cancelled"}[event.kind]
        return texts.text(key, task=task)
    if event.kind == "client":
        key = "event_client_request" if event.name == "request" else "event_client_response"
        return texts.text(key, request=code["request"])
    if event.kind == "request":
        return texts.text("event_request", request=code["request"])
    if event.kind == "app":
        if event.name == "returned":
            return texts.text("event_returned", request=code["request"])
        return texts.text("event_raised", request=code["request"], error=f"<code>{escape(event.name)}</code>")
    if event.name == "http.response.body":
        return texts.text("event_body" if event.more_body else "event_final_body", message=code["message"])
    return texts.text("event_start", message=code["message"])


def _draw_lane(kind: str, events: list[RecordedEvent], axis: _Axis, y: float) -> list[str]:
    parts = []
    if kind == "client":
        sent, held = events[0], events[-1]
        parts.append(f'<line class="tl-wait" x1="{axis.x(sent.ms)}" y1="{y}" x2="{axis.x(held.ms)}" y2="{y}"/>')
        parts.append(f'<circle class="tl-client" cx="{axis.x(sent.ms)}" cy="{y}" r="4"/>')
        x = axis.x(held.ms)
        parts.append(f'<path class="tl-held" d="M{x} {y - 6}L{x + 6} {y}L{x} {y + 6}L{x - 6} {y}Z"/>')
    elif kind == "server":
        start, end = events[0], events[-1]
        error = " tl-failed" if end.kind == "app" and end.name != "returned" else ""
        left, right = axis.x(start.ms), max(axis.x(end.ms), axis.x(start.ms) + 2)
        parts.append(f'<rect class="tl-call{error}" x="{left}" y="{y - 5}" width="{round(right - left, 1)}" '
                     'height="10" rx="2"/>')
        for event in events:
            if event.kind == "send":
                final = event.name == "http.response.body" and not event.more_body
                height = 9 if final else 7
                parts.append(f'<line class="tl-message{" tl-final" if final else ""}" x1="{axis.x(event.ms)}" '
                             f'y1="{y - height}" x2="{axis.x(event.ms)}" y2="{y + height}"/>')
    else:
        start, end = events[0], events[-1]
        state = {"task-end": "tl-task", "task-error": "tl-task tl-failed", "task-cancelled": "tl-task tl-cancelled"}
        left = axis.x(start.ms)
        width = round(max(axis.x(end.ms) - left, 3), 1)
        parts.append(f'<rect class="{state.get(end.kind, "tl-task")}" x="{left}" y="{y - 6}" width="{width}" '
                     'height="12" rx="2"/>')
    return parts


def _legend(texts: Texts, left: float, y: float) -> tuple[list[str], float]:
    """The key to the marks, wrapped onto as many lines as it needs; returns its parts and the y below it."""
    items = [
        ('<rect class="tl-call" x="{x}" y="{top}" width="16" height="10" rx="2"/>', "timeline_legend_call"),
        ('<line class="tl-message" x1="{mid}" y1="{top}" x2="{mid}" y2="{bottom}"/>', "timeline_legend_message"),
        ('<path class="tl-held" d="M{mid} {top}L{right} {y}L{mid} {bottom}L{x} {y}Z"/>', "timeline_legend_response"),
        ('<rect class="tl-task" x="{x}" y="{top}" width="16" height="10" rx="2"/>', "timeline_legend_task"),
        ('<rect class="tl-task tl-failed" x="{x}" y="{top}" width="16" height="10" rx="2"/>', "timeline_legend_error"),
        ('<rect class="tl-task tl-cancelled" x="{x}" y="{top}" width="16" height="10" rx="2"/>',
         "timeline_legend_cancelled"),
    ]
    parts, x = [], left
    for mark, key in items:
        words = texts.text(key)
        width = 22 + len(words) * CHAR + 18
        if x + width > WIDTH and x > left:
            x, y = left, y + 20
        parts.append(mark.format(x=x, mid=x + 8, right=x + 16, top=y - 5, bottom=y + 5, y=y))
        parts.append(f'<text x="{x + 22}" y="{y + 4}">{escape(words)}</text>')
        x += width
    return parts, y + 14


def render(recording: Recording, texts: Texts) -> str:
    """The figure's HTML on one line: one raw HTML block for Markdown, taking the place of the block's lines."""
    name = f"timeline-{recording.case.replace('_', '-')}"
    tasks = task_labels(recording)
    lanes = recording.lanes()
    labels = [_lane_label(lane, tasks, texts) for lane in lanes]
    label_width = min(max(len(label) for label in labels) * CHAR + 16, 300)
    axis = _Axis(label_width + 8, WIDTH - 36, recording.events[-1].ms)
    top = 14
    bottom = top + ROW * len(lanes)
    parts = []
    for tick in axis.ticks():
        x = axis.x(tick)
        parts.append(f'<line class="tl-grid" x1="{x}" y1="{top - 8}" x2="{x}" y2="{bottom}"/>')
        parts.append(f'<text class="tl-tick" x="{x}" y="{bottom + 16}" text-anchor="middle">'
                     f'{escape(texts.milliseconds(tick, 0))}</text>')
    for event in recording.events:
        if event.kind == "send" and event.name == "http.response.body" and not event.more_body:
            x = axis.x(event.ms)
            parts.append(f'<line class="tl-guide" x1="{x}" y1="{top - 8}" x2="{x}" y2="{bottom}"/>')
    for row, (lane, label) in enumerate(zip(lanes, labels)):
        y = top + ROW * row + ROW / 2
        parts.append(f'<text x="{label_width}" y="{y + 4}" text-anchor="end">{escape(label)}</text>')
        events = [event for event in recording.events if event.lane == lane]
        parts += _draw_lane(lane[0], events, axis, y)
    axis_title = escape(texts.text("timeline_axis"))
    parts.append(f'<text class="tl-tick" x="{axis.left}" y="{bottom + 36}">{axis_title}</text>')
    legend, height = _legend(texts, axis.left, bottom + 60)
    parts += legend
    svg = (f'<svg class="timeline-svg" viewBox="0 0 {WIDTH} {round(height)}" role="img" font-size="{FONT}" '
           f'aria-labelledby="{name}-caption" aria-describedby="{name}-events">' + "".join(parts) + "</svg>")
    example = f"<code>{escape(recording.example)}</code>"
    items = "".join(f"<li>{escape(texts.milliseconds(event.ms))}: {sentence(event, tasks, texts)}</li>"
                    for event in recording.events)
    return "".join([
        f'<figure class="timeline" id="{name}">',
        f'<div class="timeline-scroll" tabindex="0" role="group" aria-labelledby="{name}-caption">{svg}</div>',
        f'<figcaption id="{name}-caption">{texts.text("timeline_caption", example=example)}</figcaption>',
        f'<details class="timeline-events"><summary>{escape(texts.text("timeline_events"))}</summary>',
        f'<ol id="{name}-events">{items}</ol>',
        "</details>",
        "</figure>",
    ])
