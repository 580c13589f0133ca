"""What the Performance page's recipe (docs_src/performance/held_tasks.py) relies on in asyncio: the event loop keeps
only a weak reference to a task, so that a pending task nothing else refers to is destroyed before it ends, while one
in `held` lives on; every task starts from a copy of the context it was created in; and `asyncio.get_running_loop()`
needs a running asyncio event loop, which uvicorn runs."""

from __future__ import annotations

import asyncio
import contextvars
import gc
import weakref

import anyio
import httpx2
import pytest
from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import PlainText
from lilya.routing import Path

from docs_src.performance import held_tasks
from tests.proof import TIMEOUT, serve

request_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_var")


def run(scenario) -> None:
    async def bounded() -> None:
        with anyio.fail_after(TIMEOUT):
            await scenario()

    asyncio.run(bounded())


@pytest.fixture(autouse=True)
def nothing_held():
    yield
    assert not held_tasks.held, "a test left work held"


def test_the_event_loop_keeps_only_a_weak_reference_so_a_pending_task_without_one_of_its_own_is_destroyed():
    """The task waits for a future that only its own coroutine refers to, as a call waiting on the network does
    through objects of its own: once the caller drops the task, nothing but the loop's weak set refers to it."""
    reported: list[str] = []

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(lambda _, context: reported.append(context["message"]))
        started, ended = asyncio.Event(), []

        async def waits() -> None:
            started.set()
            await loop.create_future()  # never resolved, and known to this coroutine only
            ended.append(True)

        task = loop.create_task(waits())
        await started.wait()
        assert task in asyncio.all_tasks() and not task.done()
        destroyed = weakref.ref(task)
        del task
        gc.collect()
        assert destroyed() is None, "the event loop kept the pending task alive"
        assert ended == [] and reported == ["Task was destroyed but it is pending!"]

    run(scenario)


def test_a_task_kept_in_held_outlives_a_collection_and_goes_on_until_it_ends():
    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        started, ended = asyncio.Event(), []
        known: list[asyncio.Future] = []

        async def waits() -> None:
            future = loop.create_future()
            known.append(weakref.ref(future))  # a weak reference: the coroutine alone holds the future
            started.set()
            await future
            ended.append(True)

        await held_tasks.hand_off(waits)
        await started.wait()
        gc.collect()
        [task] = held_tasks.held
        assert not task.done()
        known[0]().set_result(None)
        await task
        assert ended == [True] and not held_tasks.held

    run(scenario)


def test_a_task_starts_from_a_copy_of_the_context_it_was_created_in():
    async def scenario() -> None:
        seen: list[str] = []

        async def reads_and_sets() -> None:
            seen.append(request_var.get())
            request_var.set("set by the task")

        request_var.set("at creation")
        task = asyncio.get_running_loop().create_task(reads_and_sets())
        request_var.set("after creation")
        await task
        assert seen == ["at creation"]
        assert request_var.get() == "after creation"

    run(scenario)


def test_hand_off_needs_a_running_asyncio_event_loop_and_on_uvicorn_there_is_one():
    ran: list[str] = []

    async def work() -> None:
        ran.append(type(asyncio.get_running_loop()).__module__)

    outside_a_loop = held_tasks.hand_off(work)
    with pytest.raises(RuntimeError, match="no running event loop"):
        outside_a_loop.send(None)
    outside_a_loop.close()

    async def loop_kind(request: Request) -> PlainText:
        loop = asyncio.get_running_loop()
        return PlainText(f"{isinstance(loop, asyncio.AbstractEventLoop)} {type(loop).__module__}",
                         background=Task(held_tasks.hand_off, work))

    with serve(Lilya(routes=[Path("/", loop_kind)])) as served:
        answer = httpx2.get(served.url + "/", timeout=TIMEOUT).text
    assert answer.split()[0] == "True", answer
    assert ran == [answer.split()[1]] and not held_tasks.held
