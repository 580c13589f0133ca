"""The Performance page's "The `async def` tasks are not limited this way": with every worker thread anyio lends held by
a `def` task, a second `def` task waits for a thread, while an `async def` task runs and ends at once."""

from __future__ import annotations

import threading

import anyio.lowlevel
import anyio.to_thread
import httpx2
from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import PlainText
from lilya.routing import Path

from tests.proof import STILL, TIMEOUT, serve


def test_with_every_worker_thread_held_a_def_task_waits_and_an_async_def_task_runs():
    gate = threading.Event()
    started = {"def": threading.Semaphore(0), "async def": threading.Semaphore(0)}
    ended = {"def": threading.Semaphore(0), "async def": threading.Semaphore(0)}

    def blocking() -> None:
        started["def"].release()
        gate.wait(TIMEOUT)
        ended["def"].release()

    async def waiting() -> None:
        started["async def"].release()
        await anyio.lowlevel.checkpoint()
        ended["async def"].release()

    async def one_thread(request: Request) -> PlainText:
        anyio.to_thread.current_default_thread_limiter().total_tokens = 1
        return PlainText("ok")

    async def def_task(request: Request) -> PlainText:
        return PlainText("ok", background=Task(blocking))

    async def async_task(request: Request) -> PlainText:
        return PlainText("ok", background=Task(waiting))

    app = Lilya(routes=[Path("/one-thread", one_thread), Path("/def", def_task), Path("/async", async_task)])
    try:
        with serve(app) as served, httpx2.Client(base_url=served.url, timeout=TIMEOUT) as client:
            client.get("/one-thread").raise_for_status()
            client.get("/def").raise_for_status()
            assert started["def"].acquire(timeout=TIMEOUT)  # the only worker thread is taken
            client.get("/def").raise_for_status()
            client.get("/async").raise_for_status()
            assert ended["async def"].acquire(timeout=TIMEOUT), "the async def task did not run"
            assert not started["def"].acquire(timeout=STILL), "a second def task got a thread past the limit"
            gate.set()
            assert all(ended["def"].acquire(timeout=TIMEOUT) for _ in range(2))
    finally:
        gate.set()
