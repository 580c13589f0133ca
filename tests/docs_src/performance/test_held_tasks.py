import asyncio
import gc
import logging
import threading
import weakref
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager

import anyio
import httpx2
import pytest
from lilya.apps import Lilya
from lilya.background import Task
from lilya.middleware import DefineMiddleware
from lilya.middleware.request_context import RequestContextMiddleware
from lilya.requests import Request
from lilya.responses import PlainText
from lilya.routing import Path

from docs_src.performance import held_tasks
from tests.proof import TIMEOUT, Timeline, call_asgi_in_loop, logged_by, opened, serve, wait_until_cancelled

RESPONSE_SENT = ["http.response.start", "http.response.body"]


class Gated:
    """Work that says when it starts and ends, and ends only once the test opens its gate."""

    def __init__(self) -> None:
        self.started, self.gate, self.ended = asyncio.Event(), asyncio.Event(), asyncio.Event()
        self.__name__ = "gated"

    async def __call__(self, *args: object) -> None:
        self.started.set()
        await self.gate.wait()
        self.ended.set()


def run(scenario: Callable[[], Awaitable[None]]) -> None:
    """The scenario in an event loop of its own, failed after TIMEOUT seconds rather than left hanging."""

    async def bounded() -> None:
        with anyio.fail_after(TIMEOUT):
            await scenario()

    anyio.run(bounded)


@pytest.fixture(autouse=True)
def nothing_held():
    yield
    assert not held_tasks.held, "a test left work held"


def test_the_call_returns_once_the_response_is_sent_and_the_work_goes_on_after_it(monkeypatch):
    async def scenario() -> None:
        work = Gated()
        monkeypatch.setattr(held_tasks, "notify_warehouse", work)
        timeline = Timeline()
        result = await call_asgi_in_loop(held_tasks.app, timeline, "POST", "/orders/7")
        assert result.status == 202 and result.error is None
        assert timeline.of("send") == RESPONSE_SENT
        assert len(held_tasks.held) == 1 and not work.ended.is_set()
        await work.started.wait()
        work.gate.set()
        await asyncio.gather(*held_tasks.held)
        assert work.ended.is_set()

    run(scenario)


@contextmanager
def collector_off() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def test_once_the_call_returns_the_request_is_freed_while_the_handed_off_work_still_waits():
    """Freed by reference counting alone: the collector is off for the test, so nothing else could free it."""
    requests: list[weakref.ref] = []
    work = None

    async def endpoint(request) -> PlainText:
        requests.append(weakref.ref(request))
        return PlainText("ok", background=Task(held_tasks.hand_off, work))

    async def scenario() -> None:
        nonlocal work
        work = Gated()
        await call_asgi_in_loop(Lilya(routes=[Path("/", endpoint)]), Timeline(), "GET", "/")
        await work.started.wait()
        assert requests[0]() is None, "the request outlived the call"
        work.gate.set()
        await asyncio.gather(*held_tasks.held)

    with collector_off():
        run(scenario)


def test_a_context_variable_that_holds_the_request_keeps_it_until_the_handed_off_work_ends():
    """On uvicorn, with Lilya's RequestContextMiddleware, which keeps each request in a context variable: the handed-off
    work starts from a copy of the request's context, so the request lives as long as the work waits."""
    gate, ended = threading.Event(), threading.Semaphore(0)

    async def waits() -> None:
        assert await opened(gate)
        ended.release()

    async def endpoint(request) -> PlainText:
        return PlainText("ok", background=Task(held_tasks.hand_off, waits))

    def requests_alive() -> int:
        gc.collect()
        return sum(isinstance(found, Request) and found.scope.get("app") is app for found in gc.get_objects())

    app = Lilya(routes=[Path("/", endpoint)], middleware=[DefineMiddleware(RequestContextMiddleware)])
    with serve(app) as served:
        try:
            for _ in range(3):
                assert httpx2.get(served.url + "/", timeout=TIMEOUT).status_code == 200
            assert len(held_tasks.held) == 3 and requests_alive() == 3
        finally:
            gate.set()
        assert all(ended.acquire(timeout=TIMEOUT) for _ in range(3))
    assert not held_tasks.held and requests_alive() == 0


def test_with_the_task_on_the_response_the_call_and_its_request_last_until_the_task_ends():
    requests: list[weakref.ref] = []
    work = Gated()

    async def endpoint(request) -> PlainText:
        requests.append(weakref.ref(request))
        return PlainText("ok", background=Task(work))

    async def scenario() -> None:
        timeline = Timeline()
        call = asyncio.get_running_loop().create_task(
            call_asgi_in_loop(Lilya(routes=[Path("/", endpoint)]), timeline, "GET", "/"))
        await work.started.wait()
        assert timeline.of("send") == RESPONSE_SENT
        assert not call.done() and requests[0]() is not None
        work.gate.set()
        await call

    run(scenario)


def test_a_failing_work_is_logged_with_its_traceback_and_asyncio_has_nothing_left_to_say(caplog):
    """Nothing awaits the task: it is only watched, through a done callback of the test's own, until it has ended."""

    async def fails(order_id: int) -> None:
        raise RuntimeError(f"warehouse refused order {order_id}")

    async def scenario() -> None:
        await held_tasks.hand_off(fails, 7)
        [task] = held_tasks.held
        ended = asyncio.Event()
        task.add_done_callback(lambda _: ended.set())
        await ended.wait()
        del task
        gc.collect()  # asyncio would log "Task exception was never retrieved" here, were it left to

    with caplog.at_level(logging.ERROR):
        run(scenario)
    [record] = caplog.records
    assert (record.name, record.getMessage()) == (held_tasks.__name__, "fails failed")
    assert str(record.exc_info[1]) == "warehouse refused order 7" and record.exc_info[2] is not None


def test_at_shutdown_the_app_waits_for_held_work_then_cancels_what_is_still_waiting(monkeypatch, caplog):
    monkeypatch.setattr(held_tasks, "SHUTDOWN_WAIT_S", 0.5)
    ending, endless = Gated(), Gated()
    endless.__name__ = "endless"

    async def scenario() -> None:
        async with held_tasks.lifespan(held_tasks.app):
            await held_tasks.hand_off(ending)
            await held_tasks.hand_off(endless)
            await ending.started.wait()
            await endless.started.wait()
            ending.gate.set()  # ends during the wait; `endless` never does
        assert ending.ended.is_set() and not endless.ended.is_set()

    with caplog.at_level(logging.WARNING, logger=held_tasks.__name__):
        run(scenario)
    assert [record.getMessage() for record in caplog.records] == ["endless cancelled at shutdown"]


def test_at_shutdown_with_nothing_held_the_app_ends_at_once_and_logs_nothing(caplog):
    async def scenario() -> None:
        with anyio.fail_after(held_tasks.SHUTDOWN_WAIT_S / 2):
            async with held_tasks.lifespan(held_tasks.app):
                pass

    with caplog.at_level(logging.DEBUG, logger=held_tasks.__name__):
        run(scenario)
    assert caplog.records == []


def test_served_the_client_has_its_answer_first_and_shutdown_waits_for_the_warehouse_call(monkeypatch):
    """On uvicorn, with the app's lifespan: the warehouse call (the example's 2 s sleep) waits at a gate that opens
    only once uvicorn says it is waiting for the app's shutdown, after the client has had its answer."""
    gate, asked = threading.Event(), []

    async def held_sleep(seconds: float) -> None:
        asked.append(seconds)
        assert await opened(gate), "the gate was never opened"

    monkeypatch.setattr(held_tasks.anyio, "sleep", held_sleep)
    with logged_by(held_tasks) as logged:
        with serve(held_tasks.app, lifespan="on") as served:
            try:
                response = httpx2.post(served.url + "/orders/41", timeout=TIMEOUT)
                assert (response.status_code, response.json()) == (202, {"order": 41, "status": "accepted"})
                assert logged.lines == []
                threading.Thread(target=open_at_shutdown, args=(served, gate), daemon=True).start()
            except BaseException:
                gate.set()
                raise
        assert logged.lines == ["warehouse notified of order 41"]
    assert asked == [2]


def open_at_shutdown(served, gate: threading.Event) -> None:
    try:
        served.log.wait_for("Waiting for application shutdown.")
    finally:
        gate.set()


def test_without_the_lifespan_held_work_is_cancelled_at_shutdown_without_being_waited_for(monkeypatch):
    """uvicorn with `lifespan="off"`: once the server stops, its event loop ends and cancels the work still held."""
    outcome: list[str] = []

    async def endless_sleep(seconds: float) -> None:
        await wait_until_cancelled(outcome)

    monkeypatch.setattr(held_tasks.anyio, "sleep", endless_sleep)
    with logged_by(held_tasks) as logged:
        with serve(held_tasks.app, lifespan="off") as served:
            assert httpx2.post(served.url + "/orders/41", timeout=TIMEOUT).status_code == 202
        assert logged.lines == []
    assert outcome == ["cancelled"]
    held_tasks.held.clear()  # the ended loop's tasks, cancelled: nothing else would forget them


def test_an_order_id_that_is_not_a_whole_number_is_not_found():
    async def scenario() -> None:
        result = await call_asgi_in_loop(held_tasks.app, Timeline(), "POST", "/orders/seven")
        assert result.status == 404 and not held_tasks.held

    run(scenario)
