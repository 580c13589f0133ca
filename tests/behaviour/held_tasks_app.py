"""An app for the proofs of what becomes of a response's tasks when uvicorn stops or crashes
(tests/behaviour/test_uvicorn_stopping_or_crashing_with_running_tasks.py).

`GET /def` or `GET /async` answers at once with two tasks in sequence: a held task, a `def` or an `async def` function,
then `next_task`. The held task waits until the test writes a byte to the pipe whose reading end the environment
variable HELD_TASK_FD names. Each task says on standard output when it starts and how it ends, so that the test reads
what happened from uvicorn's output."""

import os

import anyio
from lilya.apps import Lilya
from lilya.background import Task, Tasks
from lilya.requests import Request
from lilya.responses import PlainText
from lilya.routing import Path

HELD = int(os.environ.get("HELD_TASK_FD", "-1"))


def say(text: str) -> None:
    print(text, flush=True)


def def_task() -> None:
    say("def task started")
    try:
        os.read(HELD, 1)  # blocks its worker thread until the test writes
        say("def task ended")
    except BaseException as error:
        say(f"def task raised {type(error).__name__}")
        raise
    finally:
        say("def task finally")


async def async_task() -> None:
    say("async task started")
    try:
        await anyio.wait_readable(HELD)  # awaits until the test writes
        os.read(HELD, 1)
        say("async task ended")
    except BaseException as error:
        say(f"async task raised {type(error).__name__}")
        raise
    finally:
        say("async task finally")


def next_task() -> None:
    say("next task started")


async def start(request: Request) -> PlainText:
    held = def_task if request.path_params["kind"] == "def" else async_task
    return PlainText("started", background=Tasks(tasks=[Task(held), Task(next_task)]))


app = Lilya(routes=[Path("/{kind}", start)])
