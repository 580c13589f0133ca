"""The Performance figures: every number from the results, every ratio and verdict computed, words in the page's
language, and a results file that lacks something named with what it lacks."""

from __future__ import annotations

import copy
import json
import re
from xml.etree import ElementTree

import pytest

from docs_tools.figures import performance
from docs_tools.figures.texts import Texts, for_language, load
from tests.mkdocs_site import ROOT

ENGLISH = for_language(load(ROOT), "en")

RESULTS = {
    "measured_on": {"date": "2026-11-23", "cpu": "Test CPU", "cpus": 2, "system": "Linux 6.1 x86_64",
                    "python": "3.11.7", "packages": {"lilya": "0.29.0", "wrk": "4.1.0"}},
    "task_latency": {"connections": 8, "seconds_per_round": 3.0, "rounds": 3, "variants": [
        {"task_s": None, "median_ms": 1.0, "p99_ms": 2.0, "requests": 1000, "errors": 0},
        {"task_s": 0.0, "median_ms": 1.05, "p99_ms": 2.0, "requests": 990, "errors": 0},
        {"task_s": 0.1, "median_ms": 1.0, "p99_ms": 2.1, "requests": 1000, "errors": 0},
        {"task_s": 1.0, "median_ms": 1.0, "p99_ms": 2.4, "requests": 1000, "errors": 0},
        {"task_s": 2.0, "median_ms": 1.1, "p99_ms": 2.2, "requests": 1000, "errors": 0}]},
    "as_group": {"task_s": 0.1, "repeats": 3, "points": [
        {"tasks": 1, "sequence_ms": 101.0, "group_ms": 100.0}, {"tasks": 5, "sequence_ms": 505.0, "group_ms": 101.0},
        {"tasks": 20, "sequence_ms": 2020.0, "group_ms": 104.0},
        {"tasks": 50, "sequence_ms": 5050.0, "group_ms": 110.0}]},
    "thread_limit": {"task_s": 0.1, "thread_limit": 40, "seconds": 3.0, "variants": [
        {"kind": kind, "connections": c, "requests_per_s": 900.0, "median_ms": 1.0, "p99_ms": 3.0,
         "tasks_per_s": 390.0 if kind == "def" else 900.0, "drain_s": 4.0, "sync_median_ms": 1.0, "sync_p99_ms": 2.0,
         "errors": 0} for c in (10, 160) for kind in ("def", "async def")]},
    "blocking": {"checksum_ms": 80.0, "seconds_per_round": 3.0, "rounds": 2, "variants": [
        {"kind": "none", "median_ms": 0.5, "p99_ms": 1.0, "max_ms": 2.0, "requests": 5000, "uploads": 0},
        {"kind": "def", "median_ms": 0.6, "p99_ms": 20.0, "max_ms": 40.0, "requests": 4000, "uploads": 50},
        {"kind": "async def", "median_ms": 30.0, "p99_ms": 80.0, "max_ms": 90.0, "requests": 200, "uploads": 40}]},
    "exactly_once": {"connections": 64, "seconds": 4.0, "tasks_per_request": 3, "requests_answered": 9000,
                     "requests_accepted": 9010, "task_runs": 27030, "expected_runs": 27030, "lost": 0, "doubled": 0},
    "build_cost": {"runs": 3, "site": {"languages": 4, "pages": 24, "all_languages_s": 3.0, "preview_s": 1.5,
                                       "preview_language": "pt"},
                   "includes": {"pages": 100, "includes": 1000, "baseline_s": 2.0, "extension_s": 2.2, "snippets_s": 2.4}},
}


def cells(html: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", html)
    return [[re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", row)] for row in rows]


def test_every_ratio_is_computed_from_the_results():
    found = {ratio.what: round(ratio.value, 3) for ratio in performance.ratios(RESULTS)}
    assert found["task of 1 s / no task, p99"] == 1.2
    assert found["task of 0 s / no task, median"] == 1.05
    assert found["as_group with 20 tasks / one task"] == 1.04
    assert found["include extension / pymdownx.snippets, 1,000 includes"] == round(2.2 / 2.4, 3)
    assert len(found) == 10


def test_the_latency_figure_shows_each_ratio_and_the_worst_against_its_target():
    html = performance.render(RESULTS, "task_latency", ENGLISH)
    assert cells(html)[4] == ["task of 1.0 s", "1.00 ms", "1.00", "2.40 ms", "1.20", "1 000"]
    assert "Measured: 1.20, not met." in html
    results = copy.deepcopy(RESULTS)
    results["task_latency"]["variants"][3]["p99_ms"] = 2.1
    assert "Measured: 1.10, met." in performance.render(results, "task_latency", ENGLISH)


def test_every_figure_is_one_line_of_well_formed_html_stating_the_machine():
    for name in performance.FIGURES:
        html = performance.render(RESULTS, name, ENGLISH)
        assert "\n" not in html
        ElementTree.fromstring(html)
        assert "Test CPU (2 CPUs), Linux 6.1 x86_64; Python 3.11.7, lilya 0.29.0, wrk 4.1.0" in html


def test_every_data_cell_of_every_figure_carries_its_column_heading():
    for name in performance.FIGURES:
        for table in ElementTree.fromstring(performance.render(RESULTS, name, ENGLISH)).iter("table"):
            headings = ["".join(th.itertext()) for th in table.iter("th")]
            rows = [row.findall("td") for row in table.find("tbody").iter("tr")]
            assert rows and all([td.get("data-label") for td in row] == headings for row in rows), name


def test_a_task_lost_under_load_is_reported_as_missing_the_target():
    results = copy.deepcopy(RESULTS)
    results["exactly_once"].update(lost=1, task_runs=27029)
    assert "Not met." in performance.render(results, "exactly_once", ENGLISH)
    assert "none lost, none doubled" in performance.render(RESULTS, "exactly_once", ENGLISH)


def test_numbers_follow_the_page_language():
    texts = Texts("xx", {**ENGLISH.words, "decimal_mark": ","})
    assert cells(performance.render(RESULTS, "as_group", texts))[3][2] == "104 ms"
    assert cells(performance.render(RESULTS, "task_latency", texts))[2][2] == "1,05"


def test_missing_sections_are_named_all_at_once(tmp_path):
    (tmp_path / "benchmarks" / "results").mkdir(parents=True)
    (tmp_path / performance.RESULTS).write_text(json.dumps({"measured_on": {}, "as_group": {}}))
    with pytest.raises(performance.ResultsError, match="missing task_latency, thread_limit, blocking, exactly_once, "
                                                       "build_cost; run ./scripts/benchmark.sh"):
        performance.load(tmp_path)


def test_a_section_without_a_value_it_needs_names_it():
    results = copy.deepcopy(RESULTS)
    del results["blocking"]["variants"][0]["p99_ms"]
    with pytest.raises(performance.ResultsError, match=r"blocking cannot be drawn: KeyError: 'p99_ms'"):
        performance.render(results, "blocking", ENGLISH)


def test_an_unknown_figure_lists_the_known_ones():
    with pytest.raises(performance.ResultsError, match="one of task_latency, as_group"):
        performance.render(RESULTS, "speed", ENGLISH)


def test_the_committed_results_draw_every_figure():
    results = performance.load(ROOT)
    for name in performance.FIGURES:
        assert performance.render(results, name, ENGLISH).startswith("<figure")
