import gc
import json

import anyio
import pytest
from lilya.requests import Request

from benchmarks import collector_pauses
from benchmarks.collector_pauses import SETTINGS, Pauses, app, collector, lifespan, report_line


@pytest.fixture
def collector_restored():
    """Whatever a setting changes in this process's collector, put back."""
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    yield
    gc.set_threshold(*thresholds)
    gc.unfreeze()
    (gc.enable if enabled else gc.disable)()


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


@pytest.mark.parametrize(("setting", "effect"), [
    ("default", lambda: gc.isenabled() and gc.get_freeze_count() == 0),
    ("gc.freeze() at startup", lambda: gc.get_freeze_count() > 0),
    ("thresholds 700, 100, 100", lambda: gc.get_threshold() == (700, 100, 100)),
    ("thresholds 20000, 10, 10", lambda: gc.get_threshold() == (20_000, 10, 10)),
    ("gc.disable() (the bound)", lambda: not gc.isenabled()),
])
def test_each_setting_does_what_its_name_says(collector_restored, setting, effect):
    SETTINGS[setting]()
    assert effect()


def test_every_setting_is_measured():
    assert len(SETTINGS) == 5 and "default" in SETTINGS


def test_the_server_applies_its_setting_at_startup_and_reports_the_collector(collector_restored, monkeypatch):
    """The lifespan run by hand: Lilya's TestClient, run as a context manager, leaves anyio streams for the collector
    to find, and their ResourceWarning would fail whichever test it runs in."""
    monkeypatch.setenv("COLLECTOR_SETTING", "thresholds 700, 100, 100")

    async def serve_once() -> dict:
        async with lifespan(app):
            assert gc.get_threshold() == (700, 100, 100)
            assert collector_pauses.pauses in gc.callbacks
            collector_pauses.pauses("start", {"generation": 2})  # as the collector reports a full collection
            collector_pauses.pauses("stop", {"generation": 2})
            response = await collector(Request({"type": "http", "method": "GET", "path": "/collector", "headers": []}))
        return json.loads(response.body)

    report = anyio.run(serve_once)
    assert collector_pauses.pauses not in gc.callbacks
    assert report["generations"]["2"]["collections"] == 1
    assert report["tracked"] > 0 and report["peak_rss_mb"] > 0


def test_a_report_line_gives_the_p99_ratio_and_the_memory_against_the_default():
    load = {"median_ms": 1.0, "p99_ms": 2.0, "requests": 10, "tracked": 1000, "peak_rss_mb": 150.0,
            "generations": {"0": {"collections": 5}, "1": {"collections": 2},
                            "2": {"collections": 1, "longest_ms": 30.0, "total_ms": 30.0}}}
    line = report_line("default", {"no task": load, "2 s task": {**load, "p99_ms": 20.0}}, default_rss=100.0)
    assert line.split() == [
        "default", "1.00", "2.00", "1.00", "20.00", "10.0", "5", "2", "1", "30.0", "30.0", "1000", "150", "1.50"]
