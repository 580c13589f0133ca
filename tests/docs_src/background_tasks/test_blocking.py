import hashlib
import threading
import tracemalloc

import httpx2
import pytest

from docs_src.background_tasks import blocking
from tests.large_bodies import peak_memory, send_body
from tests.processes import uvicorn
from tests.proof import STILL, TIMEOUT, Event, Pending, Timeline, call_asgi, get_in_background, logged_by, serve


@pytest.fixture(autouse=True)
def no_digests():
    blocking.digests.clear()


@pytest.fixture
def held_work(monkeypatch):
    """The checksum blocks whatever thread runs it until the test opens the gate, as long work would."""
    gate = threading.Event()
    monkeypatch.setattr(blocking, "checksum", lambda data: "held" if gate.wait(TIMEOUT) else "timed out")
    yield gate
    gate.set()


def health_in_background(url: str, timeline) -> Pending:
    """GET /health from another thread, its answer recorded on the timeline when it arrives."""
    return get_in_background(url + "/health", lambda response: timeline.add(Event("client", "health")))


def test_a_def_task_leaves_the_server_free_for_other_requests(recorder, held_work):
    with serve(blocking.app) as served:
        assert httpx2.put(served.url + "/files/a", content=b"data", timeout=TIMEOUT).status_code == 202
        recorder.timeline.wait_for("task-start", ["store_checksum"])
        health = health_in_background(served.url, recorder.timeline)
        assert health.answered.wait(TIMEOUT), "/health got no answer while a def task was running"
        assert health.responses[0].json() == {"status": "ok"}
        assert recorder.timeline.of("task-end") == []  # answered while the task still runs
        held_work.set()
        recorder.timeline.wait_for("task-end", ["store_checksum"])
    assert blocking.digests == {"a": "held"}


def test_a_blocking_async_def_task_holds_up_every_other_request(recorder, held_work):
    with serve(blocking.app) as served:
        assert httpx2.put(served.url + "/blocking/b", content=b"data", timeout=TIMEOUT).status_code == 202
        recorder.timeline.wait_for("task-start", ["store_checksum_on_loop"])
        health = health_in_background(served.url, recorder.timeline)
        assert not health.answered.wait(STILL), "/health was answered while an async def task blocked the event loop"
        held_work.set()
        assert health.answered.wait(TIMEOUT)
        assert health.responses[0].json() == {"status": "ok"}
    events = recorder.timeline.events
    assert events.index(Event("task-end", "store_checksum_on_loop")) < events.index(Event("client", "health"))
    assert blocking.digests == {"b": "held"}


def test_the_checksum_is_the_sha256_of_the_repeated_data(recorder):
    with logged_by(blocking) as logged:
        result = call_asgi(blocking.app, recorder.timeline, "PUT", "/files/c", body=b"ab")
    assert (result.status, result.error) == (202, None)
    recorder.timeline.assert_tasks_after_response(["store_checksum"])
    assert blocking.digests == {"c": hashlib.sha256(b"ab" * 50_000).hexdigest()}
    assert logged.lines == ["checksum of c stored"]


def test_the_checksum_holds_neither_the_repeated_data_nor_a_copy_of_the_upload_in_memory():
    """50,000 repetitions of 16 KiB would be 781 MiB, and one copy of the upload (a bytearray, as the handler hands it
    to the task) 16 KiB; the digest is fed the upload itself 50,000 times instead."""
    data = bytearray(b"x" * 16 * 1024)
    tracemalloc.start()
    try:
        digest = blocking.checksum(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert digest == hashlib.sha256(bytes(data) * 50_000).hexdigest()
    assert peak < len(data) / 4, peak


@pytest.mark.parametrize("path", ["/files/f", "/blocking/f"])
def test_a_file_of_exactly_the_limit_is_accepted(path, monkeypatch):
    monkeypatch.setattr(blocking, "checksum", len)
    result = call_asgi(blocking.app, Timeline(), "PUT", path, b"x" * blocking.MAX_FILE_BYTES)
    assert result.status == 202
    assert blocking.digests.pop("f") == blocking.MAX_FILE_BYTES


@pytest.mark.parametrize("path", ["/files/f", "/blocking/f"])
def test_one_byte_over_the_limit_is_refused_with_413_and_no_task(recorder, path):
    result = call_asgi(blocking.app, recorder.timeline, "PUT", path, b"x" * (blocking.MAX_FILE_BYTES + 1))
    assert (result.status, result.body) == (413, b'{"detail":"file too large"}')
    assert recorder.timeline.of("task-start") == []


def test_on_uvicorn_a_300_mib_file_raises_the_servers_memory_by_at_most_the_limit_and_4_mib():
    with uvicorn("docs_src.background_tasks.blocking:app") as (url, server):
        before = peak_memory(server.process.pid)
        assert send_body(url, "/files/large", size=300 * 1024 * 1024, chunked=True, method="PUT") == 413
        grown = peak_memory(server.process.pid) - before
    assert grown <= blocking.MAX_FILE_BYTES + 4 * 1024 * 1024, grown
