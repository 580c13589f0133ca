"""Where Lilya calls a plain callable that returns a coroutine, given to `Task`: in a worker thread, as any plain
`def` task, and the coroutine it returns is never awaited."""

import gc
import threading

import pytest
from lilya.apps import Lilya
from lilya.background import Task
from lilya.responses import PlainText
from lilya.routing import Path

from tests.proof import call_asgi

sent: list[str] = []
called_in: list[str] = []


async def send_welcome(email: str) -> None:
    called_in.append(threading.current_thread().name)
    sent.append(email)


def app_with(task: Task) -> Lilya:
    async def register() -> PlainText:
        return PlainText("registered", background=task)

    return Lilya(routes=[Path("/register", register)])


def test_a_plain_callable_returning_a_coroutine_is_called_in_a_worker_thread_and_its_coroutine_never_awaited(
        recorder):
    sent.clear()
    called_in.clear()

    def plain(email: str):
        called_in.append(threading.current_thread().name)
        return send_welcome(email)

    with pytest.warns(RuntimeWarning, match="coroutine 'send_welcome' was never awaited"):
        result = call_asgi(app_with(Task(plain, "ana@example.org")), recorder.timeline, "GET", "/register")
        gc.collect()
    assert (result.status, result.error) == (200, None)
    assert len(called_in) == 1 and called_in[0].startswith("AnyIO worker thread")
    assert sent == []




def test_how_a_task_is_run_is_decided_when_the_task_is_created(recorder):
    """A callable object whose `__call__` becomes `async def` after its `Task` was created is still called as a plain
    callable, and its coroutine is never awaited; a `Task` created after the change awaits it."""
    sent.clear()

    class Welcome:
        def __call__(self, email: str) -> None:  # pragma: no cover - replaced before the task runs
            sent.append(f"plain {email}")

    async def awaited_call(self, email: str) -> None:
        sent.append(email)

    welcome = Welcome()
    created_before = Task(welcome, "ana@example.org")
    Welcome.__call__ = awaited_call
    created_after = Task(welcome, "bo@example.org")
    with pytest.warns(RuntimeWarning, match="coroutine '.*awaited_call' was never awaited"):
        result = call_asgi(app_with(created_before), recorder.timeline, "GET", "/register")
        gc.collect()
    assert (result.status, result.error) == (200, None)
    assert sent == []
    result = call_asgi(app_with(created_after), recorder.timeline, "GET", "/register")
    assert (result.status, result.error) == (200, None)
    assert sent == ["bo@example.org"]
