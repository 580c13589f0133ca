"""The tasks of the `with_background` recipe follow the rules of a response's own task: they run after a `GET`, but
not for `HEAD` or `OPTIONS`, and neither they nor a task the handler prepared run when the handler raises, whatever
the error and whether or not an exception handler answers it."""

from __future__ import annotations

import pytest
from lilya.apps import Lilya
from lilya.background import Task
from lilya.exceptions import HTTPException
from lilya.requests import Request
from lilya.responses import PlainText
from lilya.routing import Path

from docs_src.background_tasks.handler_tasks import with_background
from tests.proof import call_asgi

ran: list[str] = []


def write_audit_entry() -> None:
    ran.append("write_audit_entry")


async def send_welcome(name: str) -> None:
    ran.append("send_welcome")


@with_background(Task(write_audit_entry))
async def greet(name: str) -> PlainText:
    return PlainText(f"hello {name}", background=Task(send_welcome, name))


def failing(error: Exception):
    @with_background(Task(write_audit_entry))
    async def greet(name: str) -> PlainText:
        Task(send_welcome, name)  # prepared, never handed to a response
        raise error

    return greet


async def answer(request: Request, error: Exception) -> PlainText:
    return PlainText("answered", status_code=503)


@pytest.fixture(autouse=True)
def nothing_ran():
    ran.clear()


@pytest.mark.parametrize(("method", "tasks"), [("GET", ["send_welcome", "write_audit_entry"]), ("HEAD", []),
                                               ("OPTIONS", [])])
def test_with_backgrounds_tasks_like_the_responses_own_run_after_get_but_not_for_head_or_options(recorder, method,
                                                                                                tasks):
    route = Path("/hello/{name}", greet, methods=["GET", "OPTIONS"])
    result = call_asgi(Lilya(routes=[route]), recorder.timeline, method, "/hello/ana")
    assert (result.status, result.error) == (200, None)
    assert recorder.timeline.of("task-start") == tasks
    assert ran == tasks


@pytest.mark.parametrize(("error", "app_options", "status"), [
    (HTTPException(status_code=409), {}, 409),
    (RuntimeError("boom"), {}, 500),
    (ValueError("bad"), {}, 500),
    (ValueError("bad"), {"exception_handlers": {ValueError: answer}}, 503),
], ids=["HTTPException", "RuntimeError", "ValueError", "ValueError-answered-by-an-exception-handler"])
def test_when_the_handler_raises_neither_its_prepared_task_nor_with_backgrounds_runs(recorder, error, app_options,
                                                                                      status):
    app = Lilya(routes=[Path("/hello/{name}", failing(error))], **app_options)
    result = call_asgi(app, recorder.timeline, "GET", "/hello/ana")
    assert result.status == status
    assert recorder.timeline.of("task-start") == []
    assert ran == []
