import gc
import json

import anyio
import pytest
from lilya.requests import Request
from lilya.testclient import TestClient

from benchmarks import collector_pauses, task_latency
from benchmarks.collector_pauses import VARIANTS, Pauses, app, collector, lifespan, objects_per_pending_task, with_task
from docs_src.performance.held_tasks import hand_off


@pytest.fixture
def collector_restored():
    """Whatever a variant changes in this process's collector, put back."""
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    yield
    gc.set_threshold(*thresholds)
    gc.unfreeze()
    (gc.enable if enabled else gc.disable)()


@pytest.fixture
def nothing_pending():
    task_latency.pending["tasks"] = 0
    yield
    task_latency.pending["tasks"] = 0


def test_a_full_collection_is_timed_under_generation_2_and_the_timings_start_afresh_once_taken():
    pauses = Pauses()
    gc.callbacks.append(pauses)
    try:
        gc.collect(2)
    finally:
        gc.callbacks.remove(pauses)
    taken = pauses.taken()
    assert taken["2"]["collections"] == 1 and taken["2"]["longest_ms"] == pytest.approx(taken["2"]["total_ms"], abs=0.1)
    assert pauses.taken()["2"] == {"collections": 0, "longest_ms": 0.0, "total_ms": 0.0}


@pytest.mark.parametrize(("name", "effect"), [
    ("default", lambda: gc.isenabled() and gc.get_freeze_count() == 0 and gc.get_threshold() == (700, 10, 10)),
    ("freeze", lambda: gc.get_freeze_count() > 0),
    ("thresholds", lambda: gc.get_threshold() == (700, 100, 100)),
    ("cap", lambda: gc.isenabled() and gc.get_freeze_count() == 0),
    ("hand_off", lambda: gc.isenabled() and gc.get_freeze_count() == 0),
    ("disable", lambda: not gc.isenabled()),
])
def test_each_variant_sets_the_collector_as_its_name_says(collector_restored, name, effect):
    gc.set_threshold(700, 10, 10)
    VARIANTS[name].setting()
    assert effect()


def handled(monkeypatch, name: str):
    monkeypatch.setenv("COLLECTOR_VARIANT", name)
    scope = {"type": "http", "method": "GET", "path": "/work/task", "headers": []}
    return anyio.run(with_task, Request(scope))


@pytest.mark.parametrize(("name", "task"), [("default", task_latency.pause), ("hand_off", hand_off)])
def test_the_response_carries_the_task_or_hands_it_off_as_the_variant_says(monkeypatch, nothing_pending, name, task):
    response = handled(monkeypatch, name)
    assert response.status_code == 200 and response.background.func is task
    assert response.background.args[-1] == collector_pauses.TASK_SECONDS
    assert task_latency.pending["tasks"] == 1


def test_over_the_cap_a_request_is_refused_with_no_task(monkeypatch, nothing_pending):
    task_latency.pending["tasks"] = collector_pauses.CAP - 1
    assert handled(monkeypatch, "cap").background is not None
    refused = handled(monkeypatch, "cap")
    assert (refused.status_code, refused.background) == (503, None)
    assert task_latency.pending["tasks"] == collector_pauses.CAP


def test_served_a_handed_off_task_runs_once_and_ends_the_pending_count(monkeypatch, nothing_pending):
    """The task of 2 s is a pause that returns at once here; it still runs in a task of its own."""
    paused = []

    async def pause(seconds: float) -> None:
        paused.append(seconds)
        task_latency.pending["tasks"] -= 1

    monkeypatch.setattr(task_latency, "pause", pause)
    monkeypatch.setenv("COLLECTOR_VARIANT", "hand_off")
    client = TestClient(app)
    assert client.get("/work/task").text == "done"
    assert client.get("/work").text == "done"
    assert paused == [collector_pauses.TASK_SECONDS]


def test_the_server_applies_its_variant_at_startup_and_reports_the_collector(collector_restored, monkeypatch,
                                                                             nothing_pending):
    """The lifespan run by hand: Lilya's TestClient, run as a context manager, leaves anyio streams for the collector
    to find, and their ResourceWarning would fail whichever test it runs in."""
    monkeypatch.setenv("COLLECTOR_VARIANT", "thresholds")
    task_latency.pending["tasks"] = 3

    async def serve_once() -> dict:
        async with lifespan(app):
            assert gc.get_threshold() == collector_pauses.THRESHOLDS
            assert collector_pauses.pauses in gc.callbacks
            collector_pauses.pauses("start", {"generation": 2})  # as the collector reports a full collection
            collector_pauses.pauses("stop", {"generation": 2})
            response = await collector(Request({"type": "http", "method": "GET", "path": "/collector", "headers": []}))
        return json.loads(response.body)

    report = anyio.run(serve_once)
    assert collector_pauses.pauses not in gc.callbacks
    assert report["generations"]["2"]["collections"] == 1
    assert report["pending"] == 3 and report["tracked"] > 0 and report["peak_rss_mb"] > 0


def test_objects_per_pending_task_are_the_tracked_objects_the_tasks_added_over_the_tasks_pending():
    calm = {"tracked": 40_000, "pending": 0}
    assert objects_per_pending_task(calm, {"tracked": 140_000, "pending": 800}) == 125.0
    assert objects_per_pending_task(calm, {"tracked": 40_500, "pending": 0}) is None
