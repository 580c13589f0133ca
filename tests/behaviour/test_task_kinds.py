"""Lilya decides how to run a task from the callable given to `Task`, when the task is created: only an `async def`
function is awaited. A plain callable that returns a coroutine (a lambda, a decorator whose wrapper is a plain
`def`) is called in a worker thread, and the coroutine it returns is never awaited: the task does nothing, and
Python warns that the coroutine was never awaited."""

import functools
import gc

import pytest
from lilya.apps import Lilya
from lilya.background import Task
from lilya.responses import PlainText
from lilya.routing import Path

from tests.proof import call_asgi

sent: list[str] = []


async def send_welcome(email: str) -> None:
    sent.append(email)


def logged(function):
    """A decorator whose wrapper is a plain `def`: it returns the coroutine `function` makes."""

    def wrapper(*args, **kwargs):
        return function(*args, **kwargs)

    return wrapper


def logged_keeping_async(function):
    @functools.wraps(function)
    async def wrapper(*args, **kwargs):
        return await function(*args, **kwargs)

    return wrapper


def app_with(task: Task) -> Lilya:
    async def register() -> PlainText:
        return PlainText("registered", background=task)

    return Lilya(routes=[Path("/register", register)])


@pytest.mark.parametrize("task", [lambda: Task(lambda: send_welcome("ana@example.org")),
                                  lambda: Task(logged(send_welcome), "ana@example.org")],
                         ids=["lambda", "plain-def-wrapper"])
def test_a_plain_callable_returning_a_coroutine_runs_nothing_but_a_warning(recorder, task):
    sent.clear()
    with pytest.warns(RuntimeWarning, match="coroutine 'send_welcome' was never awaited"):
        result = call_asgi(app_with(task()), recorder.timeline, "GET", "/register")
        gc.collect()
    assert (result.status, result.error) == (200, None)
    assert sent == []


@pytest.mark.parametrize("task", [lambda: Task(send_welcome, "ana@example.org"),
                                  lambda: Task(logged_keeping_async(send_welcome), "ana@example.org")],
                         ids=["the-function-and-its-arguments", "async-def-wrapper"])
def test_an_async_def_function_and_its_arguments_run(recorder, task):
    sent.clear()
    result = call_asgi(app_with(task()), recorder.timeline, "GET", "/register")
    assert (result.status, result.error) == (200, None)
    assert sent == ["ana@example.org"]
