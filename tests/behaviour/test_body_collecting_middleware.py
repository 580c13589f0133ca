"""Middleware that passes the app's messages on as they come leaves the response's timing alone
(tests/docs_src/background_tasks/test_middleware.py). One that collects the whole response before sending it on,
to rewrite it, sends nothing until the app's call returns, and that call returns after the tasks: behind it, the
client waits for them."""

import httpx2
from lilya.apps import Lilya
from lilya.background import Task
from lilya.middleware import DefineMiddleware
from lilya.responses import PlainText
from lilya.routing import Path

from tests.proof import TIMEOUT, get_in_background, serve


class CollectResponse:
    """Keeps every message the app sends, and sends them on once the app's call has returned."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        kept = []

        async def keep(message) -> None:
            kept.append(message)

        await self.app(scope, receive, keep)
        for message in kept:
            await send(message)


def write_audit_entry() -> None:
    pass


async def answer() -> PlainText:
    return PlainText("done", background=Task(write_audit_entry))


def test_behind_a_middleware_that_collects_the_response_the_client_waits_for_the_tasks(recorder):
    gate = recorder.hold_tasks()
    app = Lilya(routes=[Path("/", answer)], middleware=[DefineMiddleware(CollectResponse)])
    ended_when_answered: list[list[str]] = []
    with serve(app) as served:
        pending = get_in_background(served.url + "/",
                                    lambda _: ended_when_answered.append(recorder.timeline.of("task-end")))
        recorder.timeline.wait_for("task-start", ["write_audit_entry"])
        assert not pending.answered.is_set()
        gate.set()
        assert pending.answered.wait(TIMEOUT)
    assert pending.responses[0].text == "done"
    assert ended_when_answered == [["write_audit_entry"]]  # the answer came only once the task had ended


def test_without_it_the_same_app_answers_before_the_task_ends(recorder):
    gate = recorder.hold_tasks()
    app = Lilya(routes=[Path("/", answer)])
    with serve(app) as served:
        assert httpx2.get(served.url + "/", timeout=TIMEOUT).text == "done"  # while the task is held
        recorder.timeline.wait_for("task-start", ["write_audit_entry"])
        assert recorder.timeline.of("task-end") == []
        gate.set()
