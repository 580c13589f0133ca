"""The Performance page's figures, drawn at build time from the benchmark results (`benchmarks/results/results.json`,
written by `./scripts/benchmark.sh`): a chart, the table of its numbers, and what it was measured on.

No number on the page is typed by hand: every one comes from the results file, and every ratio and verdict against a
target is computed here, the same way for the page and for the benchmark command's summary.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from docs_tools.figures.charts import Chart
from docs_tools.figures.charts import render as render_chart
from docs_tools.figures.texts import Texts

RESULTS = "benchmarks/results/results.json"
LATENCY_TARGET = 1.1
GROUP_TARGET = 1.3
INCLUDES_TARGET = 1.0
COLLECTOR_P99_TARGET = 3.0
COLLECTOR_MEMORY_TARGET = 1.5
SECTIONS = ("task_latency", "collector_pauses", "as_group", "thread_limit", "blocking", "exactly_once", "build_cost")


class ResultsError(ValueError):
    """The results file cannot be used; the message names the file and the value."""


@dataclass(frozen=True)
class Ratio:
    what: str
    value: float
    target: float

    @property
    def met(self) -> bool:
        return self.value <= self.target


def _get(results: dict[str, Any], *keys: str | int) -> Any:
    value: Any = results
    for key in keys:
        try:
            value = value[key]
        except (KeyError, IndexError, TypeError):
            raise ResultsError(f"{RESULTS}: no {'.'.join(str(k) for k in keys)}") from None
    return value


def check(results: Any) -> dict[str, Any]:
    """The results, once every section the page draws is there."""
    if not isinstance(results, dict):
        raise ResultsError(f"{RESULTS}: must be an object with 'measured_on' and {', '.join(SECTIONS)}")
    missing = [name for name in ("measured_on", *SECTIONS) if not isinstance(results.get(name), dict)]
    if missing:
        raise ResultsError(f"{RESULTS}: missing {', '.join(missing)}; run ./scripts/benchmark.sh")
    return results


def load(root: Path) -> dict[str, Any]:
    path = root / RESULTS
    try:
        return check(json.loads(path.read_text(encoding="utf-8")))
    except OSError as error:
        raise ResultsError(f"{RESULTS}: cannot be read ({error.strerror}); run ./scripts/benchmark.sh") from None
    except json.JSONDecodeError as error:
        raise ResultsError(f"{RESULTS}:{error.lineno}: not JSON: {error.msg}") from None


def ratios(results: dict[str, Any]) -> list[Ratio]:
    """Every ratio the page compares with a target."""
    found = []
    latency = _get(results, "task_latency", "variants")
    base = next(v for v in latency if v["task_s"] is None)
    for variant in latency:
        if variant["task_s"] is not None:
            for stat in ("median_ms", "p99_ms"):
                found.append(Ratio(f"task of {variant['task_s']:g} s / no task, {stat.removesuffix('_ms')}",
                                   variant[stat] / base[stat], LATENCY_TARGET))
    pauses = _get(results, "collector_pauses")
    variants = {variant["name"]: variant for variant in pauses["variants"]}
    remedy = variants[pauses["recommended"]]
    found.append(Ratio(f"{remedy['name']}: p99 with 2 s tasks / no task",
                       remedy["task"]["p99_ms"] / remedy["no_task"]["p99_ms"], COLLECTOR_P99_TARGET))
    found.append(Ratio(f"{remedy['name']}: peak memory / default's",
                       remedy["task"]["peak_rss_mb"] / variants["default"]["task"]["peak_rss_mb"],
                       COLLECTOR_MEMORY_TARGET))
    points = {point["tasks"]: point for point in _get(results, "as_group", "points")}
    found.append(Ratio("as_group with 20 tasks / one task", points[20]["group_ms"] / points[1]["group_ms"],
                       GROUP_TARGET))
    includes = _get(results, "build_cost", "includes")
    found.append(Ratio("include extension / pymdownx.snippets, 1,000 includes", includes["extension_s"] / includes["snippets_s"],
                       INCLUDES_TARGET))
    return found


def measured_on(results: dict[str, Any], texts: Texts) -> str:
    machine = _get(results, "measured_on")
    packages = ", ".join(f"{name} {version}" for name, version in machine["packages"].items())
    return texts.text("perf_measured_on", date=machine["date"], cpu=machine["cpu"], cpus=str(machine["cpus"]),
                      system=machine["system"], python=machine["python"], packages=packages)


def _table(headers: list[str], rows: list[list[str]]) -> str:
    """A table whose data cells carry their column heading, like the pages' Markdown tables (see
    `docs_tools.extensions.table_labels`): a phone shows each row as "heading: value" lines."""
    head = "".join(f"<th>{escape(header)}</th>" for header in headers)
    labels = [escape(header, quote=True) for header in headers]
    body = "".join("<tr>" + "".join(f'<td data-label="{label}">{cell}</td>' for label, cell in zip(labels, row))
                   + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _verdict(ratio: Ratio, texts: Texts, target: str) -> str:
    key = "perf_target_met" if ratio.met else "perf_target_missed"
    return texts.text(key, target=target, ratio=texts.number(ratio.value))


@dataclass(frozen=True)
class Figure:
    name: str
    caption: str
    chart: Chart | None
    table: str
    notes: list[str]
    """HTML paragraphs under the caption: how it was measured, and the verdict against its target."""

    def html(self, results: dict[str, Any], texts: Texts) -> str:
        chart = f'<div class="chart-scroll">{render_chart(self.chart)}</div>' if self.chart is not None else ""
        notes = "".join(f"<p>{note}</p>" for note in self.notes)
        return (f'<figure class="performance" id="performance-{self.name.replace("_", "-")}">{chart}{self.table}'
                f"<figcaption><strong>{escape(self.caption)}</strong>{notes}"
                f"<p>{escape(measured_on(results, texts))}</p></figcaption></figure>")


def _task_latency(results, texts: Texts) -> str:
    data = _get(results, "task_latency")
    variants = data["variants"]
    base = variants[0]
    ms = texts.milliseconds

    def name(variant) -> str:
        if variant["task_s"] is None:
            return texts.text("perf_no_task")
        return texts.text("perf_task_of", seconds=texts.number(variant["task_s"], 1))

    rows, chart_rows = [], []
    for variant in variants:
        median, p99 = variant["median_ms"] / base["median_ms"], variant["p99_ms"] / base["p99_ms"]
        requests = texts.number(variant["requests"], 0)
        rows.append([escape(name(variant)), escape(ms(variant["median_ms"])), escape(texts.number(median)),
                     escape(ms(variant["p99_ms"])), escape(texts.number(p99)), escape(requests)])
        chart_rows.append([median, p99])
    chart = Chart([name(v) for v in variants], [texts.text("perf_median_ratio"), texts.text("perf_p99_ratio")],
                  chart_rows, lambda value: texts.number(value), target=LATENCY_TARGET,
                  target_label=texts.text("perf_target_line", value=texts.number(LATENCY_TARGET, 1)))
    table = _table([texts.text(k) for k in ("perf_col_task", "perf_col_median", "perf_col_ratio", "perf_col_p99",
                                            "perf_col_ratio", "perf_col_requests")], rows)
    worst = max((r for r in ratios(results) if r.target == LATENCY_TARGET), key=lambda r: r.value)
    verdict = _verdict(worst, texts, texts.text("perf_latency_target", value=texts.number(LATENCY_TARGET, 1)))
    setting = texts.text("perf_latency_setting", connections=str(data["connections"]),
                         seconds=texts.number(data["seconds_per_round"], 0), rounds=str(data["rounds"]))
    return Figure("task_latency", texts.text("perf_latency_caption"), chart, table, [escape(setting),
                   escape(verdict)])


def _collector_pauses(results, texts: Texts) -> str:
    data = _get(results, "collector_pauses")
    variants = data["variants"]
    default = next(v for v in variants if v["name"] == "default")

    def name(variant) -> str:
        return texts.text(f"perf_gc_{variant['name']}", cap=texts.number(data["cap"], 0),
                          thresholds=", ".join(str(value) for value in data["thresholds"]))

    def longest_pause(load) -> float:
        return max(generation["longest_ms"] for generation in load["generations"].values())

    def p99_ratio(variant) -> float:
        return variant["task"]["p99_ms"] / variant["no_task"]["p99_ms"]

    rows = []
    for variant in variants:
        busy, calm, full = variant["task"], variant["no_task"], variant["task"]["generations"]["2"]
        memory = texts.text("perf_gc_memory", value=texts.number(busy["peak_rss_mb"], 0),
                            ratio=texts.number(busy["peak_rss_mb"] / default["task"]["peak_rss_mb"]))
        rows.append([escape(name(variant)), escape(texts.number(busy["median_ms"] / calm["median_ms"])),
                     escape(texts.text("perf_gc_p99", value=texts.milliseconds(busy["p99_ms"]),
                                       ratio=texts.number(p99_ratio(variant), 1))),
                     escape(texts.text("perf_gc_full", count=str(full["collections"]),
                                       longest=texts.milliseconds(longest_pause(busy), 0))),
                     escape(texts.number(variant["objects_per_pending_task"], 0)), escape(memory),
                     escape(texts.number(busy["errors"], 0))])
    chart = Chart([name(v) for v in variants], [texts.text("perf_p99_ratio")], [[p99_ratio(v)] for v in variants],
                  lambda value: texts.number(value, 1), log=True, target=COLLECTOR_P99_TARGET,
                  target_label=texts.text("perf_target_line", value=texts.number(COLLECTOR_P99_TARGET, 0)))
    table = _table([texts.text(k) for k in ("perf_col_variant", "perf_col_median_ratio", "perf_col_p99_tasks",
                                            "perf_col_collections", "perf_col_objects_per_task",
                                            "perf_col_peak_memory", "perf_col_errors")], rows)
    p99, memory = (r for r in ratios(results) if r.target in (COLLECTOR_P99_TARGET, COLLECTOR_MEMORY_TARGET))
    remedy = next(name(v) for v in variants if v["name"] == data["recommended"])
    verdicts = [_verdict(p99, texts, texts.text("perf_gc_p99_target", variant=remedy,
                                                value=texts.number(COLLECTOR_P99_TARGET, 0))),
                _verdict(memory, texts, texts.text("perf_gc_memory_target",
                                                   value=texts.number(COLLECTOR_MEMORY_TARGET, 1)))]
    setting = texts.text("perf_gc_setting", connections=str(data["connections"]), pace=str(data["pace_ms"]),
                         seconds=texts.number(data["seconds"], 0), task=texts.number(data["task_s"], 0))
    return Figure("collector_pauses", texts.text("perf_gc_caption"), chart, table,
                  [escape(setting), *(escape(verdict) for verdict in verdicts)])


def _as_group(results, texts: Texts) -> str:
    data = _get(results, "as_group")
    points = data["points"]
    task = texts.milliseconds(data["task_s"] * 1000, 0)
    categories = [texts.text("perf_tasks_of", count=str(point["tasks"]), task=task) for point in points]
    rows = [[escape(category), escape(texts.milliseconds(p["sequence_ms"], 0)),
             escape(texts.milliseconds(p["group_ms"], 0))] for category, p in zip(categories, points)]
    chart = Chart(categories, [texts.text("perf_in_sequence"), texts.text("perf_as_group")],
                  [[p["sequence_ms"], p["group_ms"]] for p in points], lambda v: texts.milliseconds(v, 0), log=True)
    table = _table([texts.text("perf_col_tasks"), texts.text("perf_in_sequence"), texts.text("perf_as_group")], rows)
    ratio = next(r for r in ratios(results) if r.target == GROUP_TARGET)
    verdict = _verdict(ratio, texts, texts.text("perf_group_target", value=texts.number(GROUP_TARGET, 1)))
    setting = texts.text("perf_group_setting", repeats=str(data["repeats"]))
    return Figure("as_group", texts.text("perf_group_caption"), chart, table, [escape(setting), escape(verdict)])


def _thread_limit(results, texts: Texts) -> str:
    data = _get(results, "thread_limit")
    variants = data["variants"]
    levels = sorted({v["connections"] for v in variants})
    kinds = ["def", "async def"]
    by = {(v["kind"], v["connections"]): v for v in variants}
    categories = [texts.text("perf_connections", count=str(level)) for level in levels]
    chart = Chart(categories, [texts.text("perf_tasks_kind", kind=kind) for kind in kinds],
                  [[by[(kind, level)]["tasks_per_s"] for kind in kinds] for level in levels],
                  lambda v: texts.text("perf_per_second", value=texts.number(v, 0)))
    rows = []
    for level in levels:
        for kind in kinds:
            v = by[(kind, level)]
            rows.append([str(level), f"<code>{kind}</code>", escape(texts.number(v["tasks_per_s"], 0)),
                         escape(texts.milliseconds(v["drain_s"] * 1000, 0)),
                         escape(texts.milliseconds(v["sync_median_ms"])), escape(texts.milliseconds(v["sync_p99_ms"]))])
    table = _table([texts.text(k) for k in ("perf_col_connections", "perf_col_kind", "perf_col_tasks_per_s",
                                            "perf_col_drain",
                                            "perf_col_sync_median", "perf_col_sync_p99")], rows)
    setting = texts.text("perf_threads_setting", limit=str(data["thread_limit"]),
                         task=texts.milliseconds(data["task_s"] * 1000, 0), seconds=texts.number(data["seconds"], 0))
    return Figure("thread_limit", texts.text("perf_threads_caption"), chart, table, [escape(setting)])


def _blocking(results, texts: Texts) -> str:
    data = _get(results, "blocking")
    variants = data["variants"]
    names = {"none": texts.text("perf_no_uploads"), "def": "def", "async def": "async def"}
    stats = ("median_ms", "p99_ms", "max_ms")
    chart = Chart([names[v["kind"]] for v in variants],
                  [texts.text(k) for k in ("perf_col_median", "perf_col_p99", "perf_col_longest")],
                  [[v[stat] for stat in stats] for v in variants], lambda v: texts.milliseconds(v), log=True)
    rows = [[escape(names[v["kind"]]) if v["kind"] == "none" else f"<code>{v['kind']}</code>",
             *(escape(texts.milliseconds(v[stat])) for stat in stats), escape(texts.number(v["requests"], 0)),
             escape(texts.number(v["uploads"], 0))] for v in variants]
    table = _table([texts.text(k) for k in ("perf_col_upload_task", "perf_col_median", "perf_col_p99",
                                            "perf_col_longest", "perf_col_requests", "perf_col_uploads")], rows)
    setting = texts.text("perf_blocking_setting", checksum=texts.milliseconds(data["checksum_ms"], 0),
                         seconds=texts.number(data["seconds_per_round"], 0), rounds=str(data["rounds"]))
    return Figure("blocking", texts.text("perf_blocking_caption"), chart, table, [escape(setting)])


def _exactly_once(results, texts: Texts) -> str:
    data = _get(results, "exactly_once")
    keys = ("requests_answered", "requests_accepted", "expected_runs", "task_runs", "lost", "doubled")
    rows = [[escape(texts.text(f"perf_{key}")), escape(texts.number(data[key], 0))] for key in keys]
    table = _table([texts.text("perf_col_count"), texts.text("perf_col_number")], rows)
    met = data["lost"] == 0 and data["doubled"] == 0 and data["task_runs"] == data["expected_runs"]
    verdict = texts.text("perf_once_met" if met else "perf_once_missed")
    setting = texts.text("perf_once_setting", connections=str(data["connections"]),
                         seconds=texts.number(data["seconds"], 0), tasks=str(data["tasks_per_request"]))
    unanswered = data["requests_accepted"] - data["requests_answered"]
    in_flight = texts.text("perf_once_in_flight", count=texts.number(unanswered, 0),
                           connections=str(data["connections"]))
    return Figure("exactly_once", texts.text("perf_once_caption"), None, table,
                  [escape(setting), escape(in_flight), escape(verdict)])


def _build_cost(results, texts: Texts) -> str:
    data = _get(results, "build_cost")
    site, includes = data["site"], data["includes"]
    seconds = lambda value: texts.text("perf_seconds", value=texts.number(value))  # noqa: E731
    entries = [
        (texts.text("perf_build_all", languages=str(site["languages"])), site["all_languages_s"]),
        (texts.text("perf_build_preview", language=site["preview_language"]), site["preview_s"]),
        (texts.text("perf_build_baseline", includes=texts.number(includes["includes"], 0)), includes["baseline_s"]),
        (texts.text("perf_build_extension"), includes["extension_s"]),
        (texts.text("perf_build_snippets"), includes["snippets_s"]),
    ]
    chart = Chart([name for name, _ in entries], [texts.text("perf_col_time")], [[value] for _, value in entries],
                  seconds)
    table = _table([texts.text("perf_col_build"), texts.text("perf_col_time")],
                   [[escape(name), escape(seconds(value))] for name, value in entries])
    ratio = next(r for r in ratios(results) if r.target == INCLUDES_TARGET)
    verdict = _verdict(ratio, texts, texts.text("perf_includes_target", value=texts.number(INCLUDES_TARGET, 1)))
    setting = texts.text("perf_build_setting", runs=str(data["runs"]), pages=str(includes["pages"]))
    return Figure("build_cost", texts.text("perf_build_caption"), chart, table, [escape(setting), escape(verdict)])


FIGURES: dict[str, Callable[[dict[str, Any], Texts], Figure]] = {
    "task_latency": _task_latency, "collector_pauses": _collector_pauses, "as_group": _as_group, "thread_limit": _thread_limit, "blocking": _blocking,
    "exactly_once": _exactly_once, "build_cost": _build_cost,
}


def figure(results: dict[str, Any], name: str, texts: Texts) -> Figure:
    if name not in FIGURES:
        raise ResultsError(f"no Performance figure called '{name}'; one of {', '.join(FIGURES)}")
    try:
        return FIGURES[name](results, texts)
    except (KeyError, TypeError, StopIteration, ZeroDivisionError) as error:
        raise ResultsError(f"{RESULTS}: {name} cannot be drawn: {type(error).__name__}: {error}") from None


def render(results: dict[str, Any], name: str, texts: Texts) -> str:
    """The figure as one line of HTML, in the language of `texts`."""
    return figure(results, name, texts).html(results, texts)
