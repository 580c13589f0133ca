"""A `Task` only stores the function and its arguments, and `add_task` appends such a `Task`: nothing runs until the
response calls it. A response's `background` takes one object, a `Task` or a `Tasks`; a plain list of tasks is not
run."""

import anyio
import pytest
from lilya.apps import Lilya
from lilya.background import Task, Tasks
from lilya.responses import PlainText
from lilya.routing import Path

from docs_src.background_tasks.response import via_handlers
from tests.proof import call_asgi

ran: list[str] = []


def audit() -> None:
    ran.append("audit")


async def confirm() -> None:
    ran.append("confirm")


@pytest.fixture(autouse=True)
def nothing_ran():
    ran.clear()
    via_handlers.outbox.clear()
    yield
    via_handlers.outbox.clear()


def test_a_task_stores_the_function_and_its_arguments_without_calling_it():
    task = Task(via_handlers.send_confirmation, email="ana@example.com")
    assert (task.func, task.args, task.kwargs) == (via_handlers.send_confirmation, (), {"email": "ana@example.com"})
    assert via_handlers.outbox == []  # made, not called
    anyio.run(task)
    assert via_handlers.outbox == [{"to": "ana@example.com", "subject": "Confirm your account"}]


@pytest.mark.parametrize(("background", "expected"), [
    (lambda: Task(audit), ["audit"]),
    (lambda: Tasks(tasks=[Task(audit), Task(confirm)]), ["audit", "confirm"]),
], ids=["a-Task", "a-Tasks-holding-several"])
def test_background_takes_one_task_or_one_tasks_holding_several(recorder, background, expected):
    app = Lilya(routes=[Path("/", lambda: PlainText("ok", background=background()))])
    result = call_asgi(app, recorder.timeline, "GET", "/")
    assert (result.status, result.error) == (200, None)
    assert recorder.timeline.assert_tasks_after_response() == expected and ran == expected


def test_a_list_of_tasks_given_as_background_runs_none_of_them(recorder):
    async def handler() -> PlainText:
        return PlainText("ok", background=[Task(audit), Task(confirm)])

    result = call_asgi(Lilya(routes=[Path("/", handler)]), recorder.timeline, "GET", "/")
    assert result.status == 200  # the response went out; calling the list then failed
    assert isinstance(result.error, TypeError) and "'list' object is not callable" in str(result.error)
    assert recorder.timeline.of("task-start") == [] and ran == []


def subscribe(email: str, topic: str) -> None:
    ran.append(f"{email}:{topic}")


def test_add_task_takes_what_task_takes_and_appends_a_task_of_the_function_and_its_arguments():
    tasks = Tasks()
    tasks.add_task(subscribe, "ana@example.com", topic="releases")
    (task,) = tasks.tasks
    made = Task(subscribe, "ana@example.com", topic="releases")
    assert type(task) is Task
    assert (task.args, task.kwargs) == (made.args, made.kwargs) == (("ana@example.com",), {"topic": "releases"})
    assert ran == []
    anyio.run(tasks)
    assert ran == ["ana@example.com:releases"]
