"""The blocking example's real checksum (docs_src/background_tasks/blocking.py), not a stand-in, as the Performance
page describes it: as a `def` task it runs in a worker thread while the event loop keeps answering, and as an
`async def` task it holds every other request until it is done.

The upload is 16 KiB, so that the checksum lasts long enough (about half a second here) for a request to be sent while
it runs; the examples take up to 1 MiB."""

from __future__ import annotations

import hashlib

import httpx2
import pytest

from docs_src.background_tasks import blocking
from tests.proof import TIMEOUT, Event, get_in_background, serve

UPLOAD = b"0123456789abcdef" * 1024


@pytest.fixture(autouse=True)
def no_digests():
    blocking.digests.clear()
    yield
    blocking.digests.clear()


def test_on_uvicorn_health_is_answered_while_the_real_checksum_runs_in_a_def_task(recorder):
    with serve(blocking.app) as served:
        assert httpx2.put(served.url + "/files/a", content=UPLOAD, timeout=TIMEOUT).status_code == 202
        recorder.timeline.wait_for("task-start", ["store_checksum"])
        health = get_in_background(served.url + "/health",
                                   lambda response: recorder.timeline.add(Event("client", "health")))
        assert health.answered.wait(TIMEOUT), "/health got no answer while the checksum ran"
        recorder.timeline.wait_for("task-end", ["store_checksum"])
    events = recorder.timeline.events
    assert events.index(Event("client", "health")) < events.index(Event("task-end", "store_checksum"))
    assert blocking.digests == {"a": hashlib.sha256(UPLOAD * 50_000).hexdigest()}


def test_on_uvicorn_health_waits_until_the_real_checksum_in_an_async_def_task_is_done(recorder):
    with serve(blocking.app) as served:
        assert httpx2.put(served.url + "/blocking/b", content=UPLOAD, timeout=TIMEOUT).status_code == 202
        recorder.timeline.wait_for("task-start", ["store_checksum_on_loop"])
        health = get_in_background(served.url + "/health",
                                   lambda response: recorder.timeline.add(Event("client", "health")))
        assert health.answered.wait(TIMEOUT)
    events = recorder.timeline.events
    assert events.index(Event("task-end", "store_checksum_on_loop")) < events.index(Event("client", "health"))
    assert blocking.digests == {"b": hashlib.sha256(UPLOAD * 50_000).hexdigest()}
