"""An app for the graceful-shutdown proof: each request's task says on standard output when it starts, at each step,
and how it ends, so that the test reads what happened from uvicorn's output."""

import time

import anyio
from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import PlainText
from lilya.routing import Path

STEPS = 8
STEP_S = 0.5


def say(text: str) -> None:
    print(text, flush=True)


def def_task() -> None:
    say("def task started")
    try:
        for step in range(STEPS):
            time.sleep(STEP_S)  # stands for blocking work
            say(f"def task step {step}")
        say("def task ended")
    except BaseException as error:
        say(f"def task raised {type(error).__name__}")
        raise
    finally:
        say("def task finally")


async def async_task() -> None:
    say("async task started")
    try:
        await anyio.sleep(STEPS * STEP_S)
        say("async task ended")
    except BaseException as error:
        say(f"async task raised {type(error).__name__}")
        raise


async def start(request: Request) -> PlainText:
    task = def_task if request.path_params["kind"] == "def" else async_task
    return PlainText("started", background=Task(task))


app = Lilya(routes=[Path("/{kind}", start)])
