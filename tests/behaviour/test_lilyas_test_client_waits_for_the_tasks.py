"""Lilya's TestClient returns only once the application call has finished, its tasks included: a request whose task
is held does not return while the task waits. So a test with the TestClient alone shows that the tasks ran, not when:
the testing recipe's first test passes just as well on an app that runs its task before answering."""

import threading

import pytest
from lilya.apps import Lilya
from lilya.background import Task
from lilya.responses import PlainText
from lilya.routing import Path
from lilya.testclient import TestClient

from tests.proof import STILL, TIMEOUT, opened


@pytest.mark.parametrize("kind", ["def", "async def"])
def test_a_request_returns_only_once_its_held_task_has_ended(kind):
    started, gate, returned = threading.Event(), threading.Event(), threading.Event()
    order: list[str] = []

    def def_task() -> None:
        started.set()
        assert gate.wait(TIMEOUT)
        order.append("task ended")

    async def async_def_task() -> None:
        started.set()
        assert await opened(gate)
        order.append("task ended")

    task = def_task if kind == "def" else async_def_task

    async def answer() -> PlainText:
        return PlainText("done", background=Task(task))

    def open_the_gate_once_the_request_has_waited() -> None:
        assert started.wait(TIMEOUT)
        order.append(f"returned while the task waited: {returned.wait(STILL)}")
        gate.set()

    opener = threading.Thread(target=open_the_gate_once_the_request_has_waited)
    opener.start()
    response = TestClient(Lilya(routes=[Path("/", answer)])).get("/")
    returned.set()
    order.append("request returned")
    opener.join(TIMEOUT)
    assert response.text == "done"
    assert order == ["returned while the task waited: False", "task ended", "request returned"]
