"""What `Tasks(as_group=True)` does when one of its tasks raises, beyond an `async def` sibling and an `Exception`:

- a `def` sibling, in its worker thread, is not stopped by the group's cancellation: it runs to its end, and the
  exception group comes out only after that;
- a task that raises a `BaseException` that is not an `Exception` makes the group raise a `BaseExceptionGroup`, which
  `except ExceptionGroup` does not catch.

Order is proven by events and a threading.Event the cancelled async sibling sets, never by sleeping."""

from __future__ import annotations

import threading

import anyio
import pytest
from lilya.background import Task, Tasks

from tests.proof import TIMEOUT


def run(tasks: Tasks) -> None:
    async def main() -> None:
        with anyio.fail_after(TIMEOUT):
            await tasks()

    anyio.run(main)


def test_in_a_group_a_def_task_is_not_stopped_by_the_failure_it_runs_to_its_end_before_the_group_raises():
    said: list[str] = []
    def_started = threading.Event()
    release = threading.Event()
    error = ConnectionError("mail server down")

    def def_sibling() -> None:
        def_started.set()
        assert release.wait(TIMEOUT), "the async sibling was never cancelled"
        said.append("def task finished its work")

    async def async_sibling() -> None:
        try:
            await anyio.sleep_forever()
        except anyio.get_cancelled_exc_class():
            said.append("async task cancelled")
            release.set()  # only now, with the group cancelled, may the def task go on
            raise

    async def fails() -> None:
        await anyio.to_thread.run_sync(def_started.wait)  # the def task is running in its thread
        raise error

    with pytest.raises(ExceptionGroup) as raised:
        run(Tasks([Task(def_sibling), Task(async_sibling), Task(fails)], as_group=True))
        said.append("unreachable")  # pragma: no cover
    said.append("group raised")
    assert raised.value.exceptions == (error,)
    assert said == ["async task cancelled", "def task finished its work", "group raised"]


class Stop(BaseException):
    """A BaseException that is not an Exception."""


def test_in_a_group_a_base_exception_that_is_not_an_exception_comes_out_as_a_base_exception_group():
    stop = Stop("stop")

    async def stops() -> None:
        raise stop

    with pytest.raises(BaseException) as raised:
        run(Tasks([Task(stops)], as_group=True))
    assert type(raised.value) is BaseExceptionGroup
    assert not isinstance(raised.value, ExceptionGroup)
    assert raised.value.exceptions == (stop,)
