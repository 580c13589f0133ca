"""How Lilya 0.29 closes a `yield` dependency: it registers the generator's closing with the request
(`Request.add_cleanup`), and `Request.close()` is the method that runs it; closing raises `GeneratorExit` at the
`yield`. The example's `request_session` is handed to the handler's `session` parameter and closed once the request is
discarded."""

from __future__ import annotations

import inspect
import json
import threading

import httpx2
import pytest
from lilya.apps import Lilya
from lilya.dependencies import Provide
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from docs_src.background_tasks import task_resources
from tests.proof import TIMEOUT, call_asgi, serve

done: list[str] = []


async def async_dependency():
    try:
        yield "resource"
    except GeneratorExit:
        done.append("GeneratorExit at yield")
        raise
    finally:
        done.append("finally")


def def_dependency():
    try:
        yield "resource"
    except GeneratorExit:
        done.append("GeneratorExit at yield")
        raise
    finally:
        done.append("finally")


async def closing_handler(request: Request, resource: str) -> JSONResponse:
    done.append("handler")
    await request.close()
    done.append("request closed")
    return JSONResponse({"resource": resource})


@pytest.mark.parametrize("dependency", [async_dependency, def_dependency], ids=["async-def", "def"])
def test_lilya_registers_the_generators_closing_with_add_cleanup_and_request_close_runs_it(recorder, monkeypatch,
                                                                                           dependency):
    done.clear()
    registered: list[object] = []
    add_cleanup = Request.add_cleanup

    def recording_add_cleanup(request: Request, fn) -> None:
        registered.append(fn.__self__)  # the generator whose close() or aclose() it is
        add_cleanup(request, fn)

    monkeypatch.setattr(Request, "add_cleanup", recording_add_cleanup)
    app = Lilya(routes=[Path("/", closing_handler)], dependencies={"resource": Provide(dependency)})
    result = call_asgi(app, recorder.timeline, "GET", "/")
    assert (result.status, result.error) == (200, None)
    [generator] = registered
    assert inspect.isasyncgen(generator) or inspect.isgenerator(generator)
    assert done == ["handler", "GeneratorExit at yield", "finally", "request closed"]


def test_the_examples_request_session_reaches_the_handler_and_is_closed_once_the_request_is_discarded(recorder,
                                                                                                    monkeypatch):
    """Served by uvicorn: the handler's `session` is the one `request_session` opened (the row "user created" goes
    through it); once the task has ended and nothing holds the request any more, that session is closed, while the
    server still runs."""
    opened: list[task_resources.Session] = []
    closed = threading.Event()

    class Tracked(task_resources.Session):
        def __init__(self) -> None:
            super().__init__()
            opened.append(self)

        def __setattr__(self, name: str, value: object) -> None:
            super().__setattr__(name, value)
            if name == "closed" and value and self is opened[0]:
                closed.set()

    monkeypatch.setattr(task_resources, "Session", Tracked)
    task_resources.table.clear()
    body = json.dumps({"email": "ana@example.com"}).encode()
    with serve(task_resources.app) as served:
        response = httpx2.post(served.url + "/users", content=body, headers={"content-type": "application/json"},
                               timeout=TIMEOUT)
        assert response.status_code == 201
        recorder.timeline.wait_for("task-end", ["record_sign_up"])
        assert closed.wait(TIMEOUT), "the request's session was not closed while the server ran"
    request_session, task_session = opened
    assert task_resources.table == [
        {"event": "user created", "email": "ana@example.com"},
        {"event": "signed up", "email": "ana@example.com", "agent": response.request.headers["user-agent"]},
    ]
    assert request_session.closed and task_session.closed
    task_resources.table.clear()
