"""The proof machinery fails for an app that runs its task before sending the response."""

import httpx2
import pytest
from lilya.apps import Lilya
from lilya.background import Task
from lilya.responses import PlainText
from lilya.routing import Path

from tests.proof import call_asgi, prove_end_to_end


async def write_audit_entry() -> None:
    """The task of both apps."""


async def task_first(request) -> PlainText:
    """Wrong on purpose: awaits the task inside the handler, before any response exists."""
    await Task(write_audit_entry)()
    return PlainText("done")


async def task_after(request) -> PlainText:
    return PlainText("done", background=Task(write_audit_entry))


WRONG = Lilya(routes=[Path("/", task_first)])
RIGHT = Lilya(routes=[Path("/", task_after)])


def test_asgi_order_rejects_a_task_that_runs_first(recorder):
    call_asgi(WRONG, recorder.timeline)
    with pytest.raises(AssertionError, match="tasks started before the response was complete"):
        recorder.timeline.assert_tasks_after_response(["write_audit_entry"])


def test_end_to_end_rejects_a_task_that_runs_first(recorder):
    """The task holds the response until the client has it, which never happens: any timeout ends the wait."""
    with pytest.raises(httpx2.ReadTimeout):
        prove_end_to_end(WRONG, recorder, "GET", "/", ["write_audit_entry"], response_timeout=0.25)


def test_both_accept_a_task_that_runs_after(recorder):
    response = prove_end_to_end(RIGHT, recorder, "GET", "/", ["write_audit_entry"], response_timeout=1)
    assert response.text == "done"
