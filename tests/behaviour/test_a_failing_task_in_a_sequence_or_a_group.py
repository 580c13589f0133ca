"""A task that raises, whatever it raises and whether it is a `def` or an `async def` function, ends its sequence: the
tasks after it never start, and the error comes out of the app's call. In a group, it cancels the tasks still running,
and the error comes out as an exception group. A `def` task of the group, running in its worker thread when the group
is cancelled, still finishes its work, and the call ends only once every task has stopped."""

import threading

import pytest
from lilya.background import Task, Tasks
from lilya.responses import PlainText

from docs_src.background_tasks import errors
from tests.proof import Event, call_asgi, observed_app, wait_until_cancelled


class MailServerDown(Exception):
    pass


RAISED = [ValueError("bad value"), ConnectionError("mail server down"), KeyError("order"), MailServerDown("down"),
          RuntimeError("failed")]
IDS = [type(error).__name__ for error in RAISED]


def before() -> None:
    pass


def after() -> None:
    pass


def failing(kind: str, error: Exception):
    def failing_def() -> None:
        raise error

    async def failing_async_def() -> None:
        raise error

    return failing_def if kind == "def" else failing_async_def


@pytest.mark.parametrize("kind", ["def", "async def"])
@pytest.mark.parametrize("error", RAISED, ids=IDS)
def test_in_a_sequence_any_error_of_a_def_or_async_def_task_stops_the_tasks_after_it(recorder, kind, error):
    fails = failing(kind, error)
    tasks = Tasks(tasks=[Task(before), Task(fails), Task(after)])
    result = call_asgi(PlainText("paid", background=tasks), recorder.timeline, "POST", "/")
    assert (result.status, result.body) == (200, b"paid")
    assert result.error is error
    assert recorder.timeline.of("task-start") == ["before", fails.__name__]
    assert recorder.timeline.of("task-error") == [fails.__name__]


@pytest.mark.parametrize("kind", ["def", "async def"])
@pytest.mark.parametrize("error", RAISED, ids=IDS)
def test_in_a_group_any_error_cancels_the_running_tasks_and_comes_out_as_an_exception_group(recorder, kind, error):
    cancelled: list[str] = []

    async def slow() -> None:
        await wait_until_cancelled(cancelled)

    fails = failing(kind, error)
    tasks = Tasks(tasks=[Task(slow), Task(fails)], as_group=True)
    result = call_asgi(PlainText("paid", background=tasks), recorder.timeline, "POST", "/")
    assert (result.status, result.body) == (200, b"paid")
    assert isinstance(result.error, BaseExceptionGroup)
    assert list(result.error.exceptions) == [error]
    assert cancelled == ["cancelled"]
    assert recorder.timeline.of("task-cancelled") == ["slow"]


def test_in_the_examples_group_reserve_stock_finishes_in_its_worker_thread_before_the_call_ends(recorder, monkeypatch):
    """reserve_stock is held in its thread until the group has cancelled update_recommendations: it still does its
    work, and the app's call ends with the exception group only after that."""
    threads: list[str] = []
    cancelled = Event("task-cancelled", "update_recommendations")

    class HeldDone(list):
        def append(self, item: str) -> None:
            recorder.timeline.wait_until(lambda events: cancelled in events)
            threads.append(threading.current_thread().name)
            super().append(item)

    monkeypatch.setattr(errors, "done", HeldDone())
    app = observed_app(errors.app, recorder.timeline)
    result = call_asgi(app, recorder.timeline, "POST", "/orders/42/pay?mode=group")
    assert result.status == 200
    assert isinstance(result.error, ExceptionGroup)
    assert errors.done == ["stock reserved for 42"]
    (thread,) = threads
    assert thread.startswith("AnyIO worker thread")
    events = recorder.timeline.events
    stock_done = events.index(Event("task-end", "reserve_stock"))
    assert events.index(cancelled) < stock_done < events.index(Event("app", "ExceptionGroup"))
