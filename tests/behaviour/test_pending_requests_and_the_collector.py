"""What a pending task on the response keeps alive, and what that means for Python's cyclic garbage collector, as the
Performance page says: until the task ends, uvicorn's cycle for the request, the ASGI scope, Lilya's request and
response and the task's coroutine stay alive, all tracked by the collector; once past the young collections they sit
in the oldest generation, which grows with the number of tasks pending; and served without tasks, requests leave
nothing behind that would set off a collection, while with tasks young collections run."""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import Iterator

import httpx2
import pytest
from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import PlainText, Response
from lilya.routing import Path

from tests.processes import uvicorn
from tests.proof import TIMEOUT, serve

PATH = "/pending-proof"


class HeldTasks:
    """Tasks that say when they start, then wait at one gate, an asyncio event of the server's loop, that the test
    opens: nothing but the task itself waits, as with a task that awaits the network."""

    def __init__(self) -> None:
        self.started = threading.Semaphore(0)
        self.ended = threading.Semaphore(0)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.gate: asyncio.Event | None = None

    async def waits(self, order: int) -> None:
        if self.gate is None:
            self.loop, self.gate = asyncio.get_running_loop(), asyncio.Event()
        self.started.release()
        await self.gate.wait()
        self.ended.release()

    def all_started(self, count: int) -> bool:
        return all(self.started.acquire(timeout=TIMEOUT) for _ in range(count))

    def open(self) -> None:
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.gate.set)


@pytest.fixture
def held() -> Iterator[HeldTasks]:
    tasks = HeldTasks()
    yield tasks
    tasks.open()


def app_with(held: HeldTasks) -> Lilya:
    async def endpoint(request: Request) -> PlainText:
        return PlainText("ok", background=Task(held.waits, 7))

    return Lilya(routes=[Path(PATH, endpoint)])


def kept_for_the_request() -> dict[str, list[object]]:
    """The objects of the request to PATH that the collector tracks, by what they are, after a full collection."""
    gc.collect()
    found: dict[str, list[object]] = {}
    for tracked in gc.get_objects():
        if type(tracked).__name__ == "RequestResponseCycle" and tracked.scope.get("path") == PATH:
            found.setdefault("uvicorn's cycle", []).append(tracked)
        elif isinstance(tracked, dict) and tracked.get("type") == "http" and tracked.get("path") == PATH:
            found.setdefault("scope", []).append(tracked)
        elif isinstance(tracked, Request) and tracked.scope.get("path") == PATH:
            found.setdefault("request", []).append(tracked)
        elif isinstance(tracked, Response) and tracked.body == b"ok":
            found.setdefault("response", []).append(tracked)
        elif asyncio.iscoroutine(tracked) and getattr(tracked, "cr_code", None) is HeldTasks.waits.__code__:
            found.setdefault("coroutine", []).append(tracked)
    return found


def test_until_the_task_ends_uvicorns_cycle_the_scope_the_request_the_response_and_the_coroutine_stay_tracked(held):
    with serve(app_with(held)) as served:
        with httpx2.Client(timeout=TIMEOUT) as client:
            assert client.get(served.url + PATH).text == "ok"  # the whole response, and the connection closed
        assert held.all_started(1)
        kept = kept_for_the_request()
        assert {name: len(objects) for name, objects in kept.items()} == {
            "uvicorn's cycle": 1, "scope": 1, "request": 1, "response": 1, "coroutine": 1}, kept
        assert kept["uvicorn's cycle"][0].scope is kept["scope"][0] is kept["request"][0].scope
        assert all(gc.is_tracked(found) for objects in kept.values() for found in objects)
        del kept
        held.open()
        assert held.ended.acquire(timeout=TIMEOUT)
    assert kept_for_the_request() == {}


def requests_in(generation: int) -> int:
    return sum(isinstance(found, Request) and found.scope.get("path") == PATH
               for found in gc.get_objects(generation=generation))


def test_pending_tasks_objects_outlive_the_young_collections_into_the_oldest_generation_growing_with_their_number(held):
    """The younger generations' collections run as they would while tasks wait for seconds; then what a full
    collection walks is counted: 20 tasks pending more, twice, after 20 that make what the server makes once for
    good."""
    with serve(app_with(held)) as served, httpx2.Client(base_url=served.url, timeout=TIMEOUT) as client:
        walked: list[int] = []
        for pending in (20, 40, 60):
            for _ in range(20):
                assert client.get(PATH).text == "ok"
            assert held.all_started(20)
            gc.collect(0)
            gc.collect(1)
            assert (requests_in(0), requests_in(1), requests_in(2)) == (0, 0, pending)
            gc.collect()  # what is left is what the next full collection walks
            walked.append(len(gc.get_objects()))
        held.open()
    first, second = walked[1] - walked[0], walked[2] - walked[1]
    assert first >= 20 * 30 and second >= 20 * 30, walked
    assert 0.8 < second / first < 1.25, walked


def test_served_without_tasks_requests_set_off_no_collection_and_with_tasks_young_collections_run():
    """The collector_pauses benchmark's server in a uvicorn process of its own: `GET /work` answers with no task,
    `GET /work/task` with one that waits 2 s, and `GET /collector` hands over the collections made since it was
    last asked. The first requests are a warm-up: what a server makes once for good is not what requests leave."""
    with uvicorn("benchmarks.collector_pauses:app", "--no-access-log") as (url, _), \
            httpx2.Client(base_url=url, timeout=TIMEOUT) as client:
        for _ in range(300):
            client.get("/work").raise_for_status()
        client.get("/collector").raise_for_status()
        for _ in range(2000):
            client.get("/work").raise_for_status()
        without_tasks = client.get("/collector").json()["generations"]
        for _ in range(200):
            client.get("/work/task").raise_for_status()
        with_tasks = client.get("/collector").json()
    assert [without_tasks[generation]["collections"] for generation in "012"] == [0, 0, 0], without_tasks
    assert with_tasks["pending"] > 0 and with_tasks["generations"]["0"]["collections"] > 0, with_tasks
