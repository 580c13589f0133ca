"""An async generator function is defined with `async def`, yet a `Task` does not await it: Lilya's
`is_async_callable` is false for it, so the task calls it in a worker thread, gets an async generator back and drops
it. None of its body runs, and Python warns of nothing."""

import warnings

from lilya.apps import Lilya
from lilya.background import Task
from lilya.concurrency import AsyncCallable
from lilya.responses import PlainText
from lilya.routing import Path

from tests.proof import call_asgi

sent: list[str] = []


async def send_welcome(email: str):
    sent.append(email)
    yield email


def test_an_async_def_function_that_yields_is_not_awaited_and_its_body_never_runs(recorder):
    sent.clear()
    task = Task(send_welcome, "ana@example.org")
    assert isinstance(task.func, AsyncCallable)  # called through anyio.to_thread.run_sync, in a worker thread

    async def register() -> PlainText:
        return PlainText("registered", background=task)

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = call_asgi(Lilya(routes=[Path("/register", register)]), recorder.timeline, "GET", "/register")
    assert (result.status, result.error) == (200, None)
    assert sent == []
    assert recorder.timeline.assert_tasks_after_response() == ["send_welcome"]
