"""The API of `lilya.background`, as the background reference page states it: what `Task` and `Tasks` keep when
they are created, and what awaiting them does.

The tests await tasks directly in an event loop of their own (`anyio.run`), bounded by `fail_after`; what a response
does with them is proven by the responses' own tests.
"""

from __future__ import annotations

import functools
import inspect
import threading
import typing
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import anyio.lowlevel
import anyio.to_thread
import lilya.background as background
import pytest
from lilya.background import Task, Tasks
from lilya.concurrency import AsyncCallable
from lilya.responses import JSONResponse

from tests.proof import TIMEOUT, call_asgi, wait_until_cancelled


def run(awaitable: Callable[[], Awaitable[Any]]) -> Any:
    """Await `awaitable()` in an event loop of its own, bounded in time; returns what it returns."""

    async def bounded() -> Any:
        with anyio.fail_after(TIMEOUT):
            return await awaitable()

    return anyio.run(bounded)


class Boom(Exception):
    pass


class OtherBoom(LookupError):
    pass


# --- the module --------------------------------------------------------------------------------------------------


async def job() -> None:
    """A task that does nothing."""


def test_the_module_defines_task_and_tasks_and_a_response_runs_either_as_background(recorder):
    defined = {name for name, value in vars(background).items()
               if inspect.isclass(value) and value.__module__ == background.__name__}
    assert defined == {"Task", "Tasks"}
    for given in (Task(job), Tasks([Task(job)])):
        result = call_asgi(JSONResponse({"ok": True}, background=given), recorder.timeline, "GET", "/")
        assert result.error is None
    assert recorder.timeline.of("task-end") == ["job", "job"]


def test_p_is_a_param_spec_binding_a_tasks_arguments_to_its_functions_parameters():
    assert isinstance(background.P, typing.ParamSpec)
    for signature in (Task.__init__, Tasks.add_task):
        hints = typing.get_type_hints(signature)
        assert hints["func"] == Callable[background.P, Any]
        assert hints["args"] == background.P.args
        assert hints["kwargs"] == background.P.kwargs


# --- Task ----------------------------------------------------------------------------------------------------------


async def async_function(*args: Any, **kwargs: Any) -> None:
    pass


class AsyncCallableObject:
    async def __call__(self, *args: Any, **kwargs: Any) -> None:
        pass


def plain_function(*args: Any, **kwargs: Any) -> None:
    pass


class PlainCallableObject:
    def __call__(self, *args: Any, **kwargs: Any) -> None:
        pass


ASYNC = {
    "async-def-function": lambda: async_function,
    "object-with-async-def-call": AsyncCallableObject,
    "partial-of-async-def-function": lambda: functools.partial(async_function, 1),
}
NOT_ASYNC = {
    "def-function": lambda: plain_function,
    "object-with-def-call": PlainCallableObject,
    "lambda": lambda: (lambda: None),
    "builtin": lambda: print,
    "partial-of-def-function": lambda: functools.partial(plain_function, 1),
}


@pytest.mark.parametrize("kind", sorted(ASYNC))
def test_an_async_callable_or_a_partial_of_one_is_kept_as_it_is(kind):
    func = ASYNC[kind]()
    assert Task(func).func is func


@pytest.mark.parametrize("kind", sorted(NOT_ASYNC))
def test_any_other_callable_is_wrapped_when_the_task_is_created_and_called_in_a_worker_thread_by_to_thread_run_sync(
    kind, monkeypatch
):
    func = NOT_ASYNC[kind]()
    task = Task(func)
    assert isinstance(task.func, AsyncCallable) and task.func._callable is func  # wrapped at creation
    threads: list[str] = []
    through: list[Any] = []
    original = anyio.to_thread.run_sync

    async def recorded(call: Callable[[], Any], *args: Any, **kwargs: Any) -> Any:
        through.append(call)
        return await original(lambda: (threads.append(threading.current_thread().name), call())[1], *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", recorded)
    run(task)
    assert len(through) == 1
    (thread,) = threads
    assert thread.startswith("AnyIO worker thread")


@pytest.mark.parametrize("kind", ["async", "def"])
def test_positional_and_keyword_arguments_are_kept_as_given_and_the_function_is_called_only_when_awaited(kind):
    calls: list[tuple[Any, ...]] = []

    async def async_record(items: list[str], *, note: dict[str, str], **extra: Any) -> None:
        calls.append((items, note, extra, threading.current_thread().name))

    def def_record(items: list[str], *, note: dict[str, str], **extra: Any) -> None:
        calls.append((items, note, extra, threading.current_thread().name))

    items, note = ["a"], {"to": "ana"}
    task = Task(async_record if kind == "async" else def_record, items, note=note, args=1, kwargs=2, as_group=3)
    assert calls == []  # created, not called
    assert task.args[0] is items and task.kwargs["note"] is note  # stored as given, not copied
    items.append("added later")
    note["to"] = "bob"
    run(task)
    ((got_items, got_note, extra, _),) = calls
    assert got_items is items and got_items == ["a", "added later"]
    assert got_note is note and got_note == {"to": "bob"}
    assert extra == {"args": 1, "kwargs": 2, "as_group": 3}  # every other keyword goes to the function


@pytest.mark.parametrize("keyword", ["func", "self"])
@pytest.mark.parametrize("create", ["Task", "add_task"])
def test_the_keywords_func_and_self_cannot_be_passed_to_the_function(keyword, create):
    async def takes_anything(**kwargs: Any) -> None:
        pass

    with pytest.raises(TypeError, match=f"got multiple values for argument '{keyword}'"):
        if create == "Task":
            Task(takes_anything, **{keyword: 1})
        else:
            Tasks().add_task(takes_anything, **{keyword: 1})


@pytest.mark.parametrize("kind", ["async", "def"])
def test_awaiting_a_task_discards_the_functions_return_value(kind):
    async def async_answer() -> int:
        return 42

    def def_answer() -> int:
        return 42

    assert run(Task(async_answer if kind == "async" else def_answer)) is None


@pytest.mark.parametrize("error", [Boom("failed"), OtherBoom("missing")], ids=["Exception", "LookupError"])
@pytest.mark.parametrize("kind", ["async", "def"])
def test_an_exception_of_the_function_propagates_to_whoever_awaits_the_task(kind, error):
    async def async_fail() -> None:
        raise error

    def def_fail() -> None:
        raise error

    with pytest.raises(type(error)) as raised:
        run(Task(async_fail if kind == "async" else def_fail))
    assert raised.value is error


# --- Tasks ---------------------------------------------------------------------------------------------------------


def test_tasks_is_a_task_and_runs_inside_another_tasks_and_as_a_responses_background(recorder):
    assert issubclass(Tasks, Task)
    said: list[str] = []

    async def say(word: str) -> None:
        said.append(word)

    inner = Tasks([Task(say, "two"), Task(say, "three")])
    outer = Tasks([Task(say, "one"), inner, Task(say, "four")])
    result = call_asgi(JSONResponse({"ok": True}, background=outer), recorder.timeline, "GET", "/")
    assert result.error is None
    recorder.timeline.assert_tasks_after_response()
    assert said == ["one", "two", "three", "four"]


def test_the_tasks_given_are_copied_into_a_new_list():
    given = [Task(job), Task(job)]
    tasks = Tasks(given)
    assert type(tasks.tasks) is list and tasks.tasks == given and tasks.tasks is not given
    given.append(Task(job))
    assert len(tasks.tasks) == 2
    from_a_tuple = Tasks(tuple(given))
    assert type(from_a_tuple.tasks) is list and from_a_tuple.tasks == given


@pytest.mark.parametrize("given", [None, [], ()], ids=["nothing", "empty-list", "empty-tuple"])
def test_no_tasks_or_an_empty_sequence_gives_an_empty_list(given):
    tasks = Tasks() if given is None else Tasks(given)
    assert type(tasks.tasks) is list and tasks.tasks == []
    assert tasks.tasks is not given
    assert Tasks().tasks is not Tasks().tasks  # a list of its own each time


def test_add_task_creates_a_task_of_its_arguments_and_appends_it():
    first = Task(job)
    tasks = Tasks([first])
    items = ["a"]
    tasks.add_task(async_function, items, note="n")
    assert tasks.tasks[0] is first and len(tasks.tasks) == 2
    added = tasks.tasks[1]
    assert type(added) is Task
    assert (added.func, added.args, added.kwargs) == (async_function, (items,), {"note": "n"})
    assert added.args[0] is items


def test_a_def_function_added_with_add_task_runs_in_a_worker_thread():
    threads: list[str] = []
    tasks = Tasks()
    tasks.add_task(lambda: threads.append(threading.current_thread().name))
    run(tasks)
    (thread,) = threads
    assert thread.startswith("AnyIO worker thread") and thread != threading.current_thread().name


def steps_of(as_group: bool | None, count: int = 3) -> tuple[Tasks, list[str]]:
    """Tasks that each yield to the event loop a few times between their start and their end."""
    steps: list[str] = []

    async def step(name: str) -> None:
        steps.append(f"{name} starts")
        for _ in range(5):
            await anyio.lowlevel.checkpoint()
        steps.append(f"{name} ends")

    tasks = Tasks() if as_group is None else Tasks(as_group=as_group)
    for n in range(1, count + 1):
        tasks.add_task(step, f"task {n}")
    return tasks, steps


@pytest.mark.parametrize("as_group", [None, False], ids=["default", "false"])
def test_without_as_group_tasks_run_one_after_another_in_list_order(as_group):
    tasks, steps = steps_of(as_group)
    assert tasks.as_group is False
    run(tasks)
    assert steps == ["task 1 starts", "task 1 ends", "task 2 starts", "task 2 ends", "task 3 starts", "task 3 ends"]


def test_without_as_group_a_failing_task_raises_at_once_and_the_tasks_after_it_do_not_run():
    ran: list[str] = []
    error = Boom("failed")

    async def fail() -> None:
        raise error

    tasks = Tasks([Task(ran.append, "before"), Task(fail), Task(ran.append, "after")])
    with pytest.raises(Boom) as raised:
        run(tasks)
    assert raised.value is error  # itself, not in an exception group
    assert ran == ["before"]


def test_as_group_runs_every_task_at_once_in_one_task_group_and_returns_when_all_have_finished(monkeypatch):
    count = 3
    groups: list[Any] = []
    original = anyio.create_task_group

    def counted() -> Any:
        groups.append(original())
        return groups[-1]

    monkeypatch.setattr(anyio, "create_task_group", counted)
    started, all_started = [0], anyio.Event()
    ended: list[int] = []

    async def meet(n: int) -> None:
        started[0] += 1
        if started[0] == count:
            all_started.set()
        await all_started.wait()  # passes only once every task has started: they all run at once
        for _ in range(n * 3):  # then they end at different times, the first one last
            await anyio.lowlevel.checkpoint()
        ended.append(n)

    tasks = Tasks([Task(meet, n) for n in (3, 2, 1)], as_group=True)
    assert run(tasks) is None
    assert sorted(ended) == [1, 2, 3] and ended[-1] == 3  # the call returned after the last one finished
    assert len(groups) == 1


def test_as_group_a_failing_task_cancels_the_running_ones_and_raises_an_exception_group():
    said: list[str] = []
    error = Boom("failed")
    running = anyio.Event()

    async def finishes() -> None:
        said.append("finished")

    async def runs_until_cancelled() -> None:
        running.set()
        await wait_until_cancelled(said)

    async def fails() -> None:
        await running.wait()
        raise error

    tasks = Tasks([Task(finishes), Task(runs_until_cancelled), Task(fails)], as_group=True)
    with pytest.raises(ExceptionGroup) as raised:
        run(tasks)
    assert raised.value.exceptions == (error,)
    assert said == ["finished", "cancelled"]


@pytest.mark.parametrize("as_group", [False, True])
def test_an_empty_tasks_does_nothing_when_awaited(as_group, monkeypatch):
    def no_thread(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("an empty Tasks started a thread")

    monkeypatch.setattr(anyio.to_thread, "run_sync", no_thread)
    tasks = Tasks(as_group=as_group)
    assert run(tasks) is None
    assert tasks.tasks == []
