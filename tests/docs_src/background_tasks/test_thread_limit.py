import threading

import httpx2
import pytest

from docs_src.background_tasks import thread_limit
from tests.proof import STILL, TIMEOUT, get_in_background, logged_by, serve


@pytest.fixture(autouse=True)
def nothing_resized():
    thread_limit.resized.clear()


def test_the_default_limit_is_40_worker_threads_and_the_startup_hook_raises_it():
    with serve(thread_limit.app) as served:  # no lifespan: the startup hook does not run
        assert httpx2.get(served.url + "/threads", timeout=TIMEOUT).json() == {"limit": 40, "busy": 0}
    with serve(thread_limit.app, lifespan="on") as served:
        assert httpx2.get(served.url + "/threads", timeout=TIMEOUT).json() == {"limit": 100, "busy": 0}


def test_past_the_limit_def_tasks_and_def_handlers_wait_for_a_thread(monkeypatch):
    """With a limit of 2 and two resize tasks holding both threads, a third task does not start its work and a
    request to a def handler gets no answer until a task lets its thread go; an async def handler is answered
    meanwhile."""
    monkeypatch.setattr(thread_limit, "WORKER_THREADS", 2)
    gate, holding = threading.Event(), threading.Condition()
    running: list[str] = []

    def held(seconds: float) -> None:
        with holding:
            running.append(threading.current_thread().name)
            holding.notify_all()
        gate.wait(TIMEOUT)

    monkeypatch.setattr(thread_limit.time, "sleep", held)
    try:
        with logged_by(thread_limit) as logged, serve(thread_limit.app, lifespan="on") as served:
            for photo in ("a", "b"):
                httpx2.put(f"{served.url}/photos/{photo}", timeout=TIMEOUT).raise_for_status()
            with holding:
                assert holding.wait_for(lambda: len(running) == 2, TIMEOUT), running
            threads = httpx2.get(served.url + "/threads", timeout=TIMEOUT).json()
            assert threads == {"limit": 2, "busy": 2}
            httpx2.put(f"{served.url}/photos/c", timeout=TIMEOUT).raise_for_status()

            count = get_in_background(served.url + "/photos")
            assert not count.answered.wait(STILL), "a def handler was answered while every worker thread was taken"
            assert len(running) == 2, "a third task got a worker thread past the limit"
            gate.set()
            assert count.answered.wait(TIMEOUT)
            assert count.responses[0].json()["resized"] >= 1  # it ran once a task had let its thread go
    finally:
        gate.set()
    with holding:
        assert holding.wait_for(lambda: len(running) == 3, TIMEOUT)
    assert sorted(thread_limit.resized) == ["a", "b", "c"]
    logged.wait_for("c resized")
    assert sorted(logged.lines) == ["a resized", "b resized", "c resized"]
