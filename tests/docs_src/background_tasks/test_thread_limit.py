import threading

import httpx2
import pytest
from lilya.apps import Lilya
from lilya.responses import FileResponse
from lilya.routing import Path

from docs_src.background_tasks import thread_limit
from tests.proof import STILL, TIMEOUT, get_in_background, logged_by, serve


@pytest.fixture(autouse=True)
def nothing_resized():
    thread_limit.resized.clear()


def two_threads_held_by_resizing(monkeypatch) -> tuple[threading.Event, threading.Condition, list[str]]:
    """A limit of 2 worker threads, and each resize held in its thread until the gate opens; `running` names the
    threads that started a resize, `holding` is notified at each start."""
    monkeypatch.setattr(thread_limit, "WORKER_THREADS", 2)
    gate, holding = threading.Event(), threading.Condition()
    running: list[str] = []

    def held(seconds: float) -> None:
        with holding:
            running.append(threading.current_thread().name)
            holding.notify_all()
        gate.wait(TIMEOUT)

    monkeypatch.setattr(thread_limit.time, "sleep", held)
    return gate, holding, running


def test_the_default_limit_is_40_worker_threads_and_the_startup_hook_raises_it():
    with serve(thread_limit.app) as served:  # no lifespan: the startup hook does not run
        assert httpx2.get(served.url + "/threads", timeout=TIMEOUT).json() == {"limit": 40, "busy": 0}
    with serve(thread_limit.app, lifespan="on") as served:
        assert httpx2.get(served.url + "/threads", timeout=TIMEOUT).json() == {"limit": 100, "busy": 0}


def test_past_the_limit_def_tasks_and_def_handlers_wait_for_a_thread(monkeypatch):
    """With a limit of 2 and two resize tasks holding both threads, a third task does not start its work and a
    request to a def handler gets no answer until a task lets its thread go; an async def handler is answered
    meanwhile."""
    gate, holding, running = two_threads_held_by_resizing(monkeypatch)
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


def test_past_the_limit_an_async_def_handler_returning_a_file_response_waits_for_a_thread(monkeypatch, tmp_path):
    """Not every async def handler keeps being answered: one that returns a FileResponse needs a worker thread too
    (Lilya stats and reads the file through anyio's threads), so it waits until a task lets a thread go."""
    photo_file = tmp_path / "photo.txt"
    photo_file.write_text("a photo", encoding="utf-8")

    async def download(request) -> FileResponse:
        return FileResponse(photo_file)

    app = Lilya(
        routes=[
            Path("/photos/{photo}", thread_limit.upload, methods=["PUT"]),
            Path("/threads", thread_limit.threads),
            Path("/download", download),
        ],
        on_startup=[thread_limit.more_worker_threads],
    )
    gate, holding, running = two_threads_held_by_resizing(monkeypatch)
    try:
        with serve(app, lifespan="on") as served:
            for photo in ("a", "b"):
                httpx2.put(f"{served.url}/photos/{photo}", timeout=TIMEOUT).raise_for_status()
            with holding:
                assert holding.wait_for(lambda: len(running) == 2, TIMEOUT), running
            download_request = get_in_background(served.url + "/download")
            assert httpx2.get(served.url + "/threads", timeout=TIMEOUT).json() == {"limit": 2, "busy": 2}
            assert not download_request.answered.wait(STILL), "the FileResponse was sent without a worker thread"
            gate.set()
            assert download_request.answered.wait(TIMEOUT)
            assert download_request.responses[0].text == "a photo"
    finally:
        gate.set()
