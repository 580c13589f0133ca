"""Which callables a `Task` awaits on the event loop: not only a function defined with `async def`, but also a
`functools.partial` of one and an object whose `__call__` is `async def` (Lilya's `is_async_callable` unwraps partials
and looks at `__call__`). Each of them runs on the event loop's thread, not in a worker thread."""

import functools
import threading

import pytest
from lilya.apps import Lilya
from lilya.background import Task
from lilya.responses import PlainText
from lilya.routing import Path

from tests.proof import call_asgi

sent: list[tuple[str, str]] = []


async def send_welcome(email: str) -> None:
    sent.append((email, threading.current_thread().name))


class Welcome:
    async def __call__(self, email: str) -> None:
        sent.append((email, threading.current_thread().name))


def app_with(task: Task) -> Lilya:
    async def register() -> PlainText:
        return PlainText("registered", background=task)

    return Lilya(routes=[Path("/register", register)])


@pytest.mark.parametrize("task", [lambda: Task(functools.partial(send_welcome, "ana@example.org")),
                                  lambda: Task(functools.partial(functools.partial(send_welcome), "ana@example.org")),
                                  lambda: Task(Welcome(), "ana@example.org")],
                         ids=["partial", "partial-of-a-partial", "object-with-async-call"])
def test_a_partial_of_an_async_def_function_and_an_object_with_an_async_call_are_awaited_on_the_event_loop(
        recorder, task):
    sent.clear()
    loop_thread = threading.current_thread().name
    result = call_asgi(app_with(task()), recorder.timeline, "GET", "/register")
    assert (result.status, result.error) == (200, None)
    assert sent == [("ana@example.org", loop_thread)]
    assert not loop_thread.startswith("AnyIO worker thread")
