"""The Performance page's recipe (docs_src/performance/held_tasks.py) for the proofs that need uvicorn processes of
their own (tests/behaviour/test_held_tasks_recipe_in_processes.py).

Every answer names the process that gave it (header `x-process`), and each process says on standard output, with its
id, when its lifespan is told to shut down and every line the recipe logs. `POST /orders/{id}` is the recipe's own
route; `POST /sequence` answers at once with two tasks in sequence: the recipe's warehouse call, run on the response
(it waits 2 s), then a task that says it ran."""

import logging
import os
import sys

from lilya.apps import Lilya
from lilya.background import Task, Tasks
from lilya.responses import PlainText
from lilya.routing import Path

from docs_src.performance import held_tasks

PROCESS = os.getpid()
said = logging.StreamHandler(sys.stdout)
said.setFormatter(logging.Formatter(f"process {PROCESS}: %(message)s"))
held_tasks.log.addHandler(said)


def say(text: str) -> None:
    print(f"process {PROCESS}: {text}", flush=True)


def second_task() -> None:
    say("second task ran")


async def sequence(request) -> PlainText:
    return PlainText("accepted", 202, background=Tasks([Task(held_tasks.notify_warehouse, 0), Task(second_task)]))


sequences = Lilya(routes=[Path("/sequence", sequence, methods=["POST"])])


async def app(scope, receive, send):
    if scope["type"] == "lifespan":

        async def told() -> dict:
            message = await receive()
            if message["type"] == "lifespan.shutdown":
                say("lifespan shutdown")
            return message

        await held_tasks.app(scope, told, send)
        return

    async def naming_the_process(message: dict) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), (b"x-process", str(PROCESS).encode())]}
        await send(message)

    chosen = sequences if scope["type"] == "http" and scope["path"] == "/sequence" else held_tasks.app
    await chosen(scope, receive, naming_the_process)
