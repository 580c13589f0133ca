"""A task sees a context variable the handler set only when the handler is an `async def` function: then `def` and
`async def` tasks alike see it. A plain `def` handler runs in a worker thread, and what it sets is seen by no task."""

import contextvars

import pytest
from lilya.apps import Lilya
from lilya.background import Task, Tasks
from lilya.responses import PlainText
from lilya.routing import Path

from tests.proof import call_asgi

user = contextvars.ContextVar("user", default="nobody")
seen: dict[str, str] = {}


def def_task() -> None:
    seen["def task"] = user.get()


async def async_task() -> None:
    seen["async def task"] = user.get()


def tasks() -> Tasks:
    return Tasks(tasks=[Task(def_task), Task(async_task)])


def def_handler() -> PlainText:
    user.set("ana")
    return PlainText("ok", background=tasks())


async def async_handler() -> PlainText:
    user.set("ana")
    return PlainText("ok", background=tasks())


@pytest.mark.parametrize(("handler", "expected"), [(async_handler, "ana"), (def_handler, "nobody")],
                         ids=["async-def-handler", "def-handler"])
def test_tasks_see_what_an_async_def_handler_set_and_nothing_a_def_handler_set(recorder, handler, expected):
    seen.clear()
    result = call_asgi(Lilya(routes=[Path("/", handler)]), recorder.timeline, "GET", "/")
    assert (result.status, result.error) == (200, None)
    assert seen == {"def task": expected, "async def task": expected}
