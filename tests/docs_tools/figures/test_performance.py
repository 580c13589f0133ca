"""The Performance figures: every number from the results, every ratio and verdict computed, words in the page's
language, and a results file that lacks something named with what it lacks."""

from __future__ import annotations

import copy
import json
import re
from html import unescape
from xml.etree import ElementTree

import pytest

from docs_tools.figures import performance
from docs_tools.figures.texts import Texts, for_language, load
from tests.mkdocs_site import ROOT

ENGLISH = for_language(load(ROOT), "en")

def collector_variant(name: str, *, median_ms: float, p99_ms: float, rss_mb: float, full: tuple[int, float],
                      per_task: float, errors: int = 0) -> dict:
    """One variant of the collector figure, measured against a no-task load of median 1 ms and p99 2 ms."""
    generations = {"0": {"collections": 90, "longest_ms": 2.0, "total_ms": 50.0},
                   "1": {"collections": 9, "longest_ms": 9.0, "total_ms": 40.0},
                   "2": {"collections": full[0], "longest_ms": full[1], "total_ms": full[0] * full[1]}}
    calm = {"median_ms": 1.0, "p99_ms": 2.0, "requests": 6800, "errors": 0, "tracked": 42000, "pending": 0,
            "peak_rss_mb": 50.0, "generations": generations}
    busy = {**calm, "median_ms": median_ms, "p99_ms": p99_ms, "errors": errors, "peak_rss_mb": rss_mb}
    return {"name": name, "no_task": calm, "task": busy, "objects_per_pending_task": per_task}


RESULTS = {
    "measured_on": {"date": "2026-11-23", "cpu": "Test CPU", "cpus": 2, "system": "Linux 6.1 x86_64",
                    "python": "3.11.7", "packages": {"lilya": "0.29.0", "wrk": "4.1.0"}},
    "task_latency": {"connections": 8, "seconds_per_round": 3.0, "rounds": 3, "variants": [
        {"task_s": None, "median_ms": 1.0, "p99_ms": 2.0, "requests": 1000, "errors": 0},
        {"task_s": 0.0, "median_ms": 1.05, "p99_ms": 2.0, "requests": 990, "errors": 0},
        {"task_s": 0.1, "median_ms": 1.0, "p99_ms": 2.1, "requests": 1000, "errors": 0},
        {"task_s": 1.0, "median_ms": 1.0, "p99_ms": 2.4, "requests": 1000, "errors": 0},
        {"task_s": 2.0, "median_ms": 1.1, "p99_ms": 2.2, "requests": 1000, "errors": 0}]},
    "collector_pauses": {"connections": 8, "pace_ms": 4, "task_s": 2.0, "seconds": 4.0, "thresholds": [700, 100, 100],
                         "cap": 1000, "recommended": "hand_off", "variants": [
        collector_variant("default", median_ms=1.3, p99_ms=250.0, rss_mb=100.0, full=(6, 220.0), per_task=126.5),
        collector_variant("cap", median_ms=1.0, p99_ms=20.0, rss_mb=60.0, full=(2, 59.0), per_task=127.0, errors=4785),
        collector_variant("hand_off", median_ms=1.0, p99_ms=5.0, rss_mb=160.0, full=(1, 21.0), per_task=17.4)]},
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
    assert found["hand_off: p99 with 2 s tasks / no task"] == 2.5
    assert found["hand_off: peak memory / default's"] == 1.6
    assert len(found) == 12


def test_the_collector_figure_shows_each_variant_and_judges_the_recommended_one_against_both_targets():
    html = unescape(performance.render(RESULTS, "collector_pauses", ENGLISH))
    assert cells(html)[0] == ["Variant", "Median, ratio to no task", "p99 with tasks (ratio to no task)",
                              "Full collections; longest pause", "Objects per pending task",
                              "Peak memory (ratio to default)", "Errors"]
    assert cells(html)[1] == ["task on the response (default)", "1.30", "250.00 ms (125.0 ×)", "6; 220 ms", "126",
                              "100 MB (1.00 ×)", "0"]
    assert cells(html)[2][0] == "at most 1 000 tasks pending" and cells(html)[2][-1] == "4 785"
    assert "with task handed off (recipe), a p99 at most 3 times the no-task p99. Measured: 2.50, met." in html
    assert "a peak memory at most 1.5 times the default's. Measured: 1.60, not met." in html


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


def test_the_accepted_requests_wrk_did_not_count_are_named_with_the_connections_that_bound_them():
    html = unescape(performance.render(RESULTS, "exactly_once", ENGLISH))
    assert ("10 accepted requests are missing from wrk's count of answers: the requests still in flight when wrk "
            "stopped, at most one per connection (64).") in html


def test_numbers_follow_the_page_language():
    texts = Texts("xx", {**ENGLISH.words, "decimal_mark": ","})
    assert cells(performance.render(RESULTS, "as_group", texts))[3][2] == "104 ms"
    assert cells(performance.render(RESULTS, "task_latency", texts))[2][2] == "1,05"


def test_missing_sections_are_named_all_at_once(tmp_path):
    (tmp_path / "benchmarks" / "results").mkdir(parents=True)
    (tmp_path / performance.RESULTS).write_text(json.dumps({"measured_on": {}, "as_group": {}}))
    with pytest.raises(performance.ResultsError, match="missing task_latency, collector_pauses, thread_limit, blocking, exactly_once, "
                                                       "build_cost; run ./scripts/benchmark.sh"):
        performance.load(tmp_path)


def test_a_section_without_a_value_it_needs_names_it():
    results = copy.deepcopy(RESULTS)
    del results["blocking"]["variants"][0]["p99_ms"]
    with pytest.raises(performance.ResultsError, match=r"blocking cannot be drawn: KeyError: 'p99_ms'"):
        performance.render(results, "blocking", ENGLISH)


def test_an_unknown_figure_lists_the_known_ones():
    with pytest.raises(performance.ResultsError, match="one of task_latency, collector_pauses, as_group"):
        performance.render(RESULTS, "speed", ENGLISH)


def test_the_committed_results_draw_every_figure():
    results = performance.load(ROOT)
    for name in performance.FIGURES:
        assert performance.render(results, name, ENGLISH).startswith("<figure")
