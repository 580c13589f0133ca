import threading

import pytest
from lilya.testclient import TestClient

from benchmarks import thread_limit
from benchmarks.thread_limit import Counts, SyncProbe, app, percentiles_ms
from benchmarks.wrk import http_client, poll
from tests.proof import TIMEOUT, serve

WORKER_THREAD = "AnyIO worker thread"


@pytest.fixture(autouse=True)
def fresh_counts(monkeypatch) -> Counts:
    counts = Counts()
    monkeypatch.setattr(thread_limit, "counts", counts)
    return counts


@pytest.fixture
def slept_in(monkeypatch) -> list[tuple[str, float]]:
    """Where and how long each task slept (the thread's name and the seconds asked), instead of sleeping."""
    sleeps: list[tuple[str, float]] = []

    def sleep(seconds: float) -> None:
        sleeps.append((threading.current_thread().name, seconds))

    async def anyio_sleep(seconds: float) -> None:
        sleeps.append((threading.current_thread().name, seconds))

    monkeypatch.setattr(thread_limit.time, "sleep", sleep)
    monkeypatch.setattr(thread_limit.anyio, "sleep", anyio_sleep)
    return sleeps


def test_a_def_task_sleeps_0_1_s_in_a_worker_thread(slept_in):
    assert TestClient(app).post("/task/def").status_code == 202
    assert slept_in == [(WORKER_THREAD, 0.1)]


def test_an_async_def_task_awaits_0_1_s_on_the_event_loop_not_in_a_worker_thread(slept_in):
    assert TestClient(app).post("/task/async").status_code == 202
    [(thread, seconds)] = slept_in
    assert (thread != WORKER_THREAD, seconds) == (True, 0.1)


def test_the_count_has_every_task_scheduled_and_finished_and_anyios_default_limit_of_40_threads(slept_in):
    client = TestClient(app)
    for kind in ("def", "async", "def"):
        client.post(f"/task/{kind}")
    assert client.get("/count").json() == {"scheduled": 3, "finished": 3, "thread_limit": 40, "threads_busy": 0}


def test_a_task_is_counted_finished_only_once_it_has_slept(fresh_counts, monkeypatch):
    seen: list[tuple[int, int]] = []
    monkeypatch.setattr(thread_limit.time, "sleep", lambda seconds: seen.append(
        (fresh_counts.scheduled, fresh_counts.finished)))
    TestClient(app).post("/task/def")
    assert seen == [(1, 0)]
    assert (fresh_counts.scheduled, fresh_counts.finished) == (1, 1)


def test_sync_is_a_def_handler_that_runs_in_a_worker_thread():
    assert TestClient(app).get("/sync").text == WORKER_THREAD


def test_an_unknown_task_kind_is_refused_and_not_counted(fresh_counts):
    assert TestClient(app).post("/task/thread").status_code == 404
    assert fresh_counts.scheduled == 0


def test_percentiles_are_the_median_and_the_inclusive_99th_percentile_in_milliseconds():
    assert percentiles_ms([0.001, 0.003, 0.002]) == (2.0, 2.98)
    assert percentiles_ms([0.0123456]) == (12.346, 12.346)


def test_without_any_answered_request_there_are_no_percentiles():
    assert percentiles_ms([]) == (None, None)


def test_the_sync_probe_times_every_request_it_sent(monkeypatch):
    monkeypatch.setattr(thread_limit, "SYNC_EVERY_S", 0.001)
    with serve(app) as served, http_client(TIMEOUT) as client:
        with SyncProbe(client, served.url) as probe:
            poll(lambda: len(probe.sent) >= 3, TIMEOUT, "three /sync requests sent")
            probe.stop()
            times, failed = probe.results()
    assert (len(times), failed) == (len(probe.sent), 0)
    assert all(seconds > 0 for seconds in times)


def test_the_sync_probe_counts_a_failed_request(monkeypatch):
    monkeypatch.setattr(thread_limit, "SYNC_EVERY_S", 0.001)
    with serve(app) as served, http_client(TIMEOUT) as client:
        with SyncProbe(client, served.url + "/missing") as probe:
            poll(lambda: len(probe.sent) >= 1, TIMEOUT, "a request sent")
            probe.stop()
            times, failed = probe.results()
    assert (times, failed) == ([], len(probe.sent))
