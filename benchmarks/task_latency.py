"""Benchmark 1: does a background task make the client wait?

    ./scripts/benchmark.sh --only task_latency [--quick] [--output FOLDER]

One uvicorn process serves `GET /work`, answered at once, whose response carries a background task of 0, 0.1, 1
or 2 s (`?task=SECONDS`: an `async def` task that awaits `anyio.sleep`, standing for awaited I/O), or no task at all
(no query). wrk drives it over 8 keep-alive connections with one thread and measures the client's latency: from a
request sent until its response is in, i.e. whether the next request on a connection waits for the task of the one
before. The five variants take turns: each round runs every variant for a few seconds, in an order shuffled per
round (a seeded shuffle, so runs are comparable), after an unreported 1 s warm-up (none in a quick run). The median
and p99 reported per variant are the median over the rounds of each round's median and of each round's p99;
`requests` and `errors` are summed over the rounds.

The variants share one server, as an app's endpoints do, but each starts on a quiet server: while wrk runs a 2 s
variant, its tasks pile up (every request adds one, for 2 s), and the next variant starts only once `GET /pending`
says they have all ended, so that no variant pays for another's tasks. `requests` says how many tasks each variant
started. Target, stated on the page and not enforced here: at every task duration, a ratio
to the no-task variant of at most 1.1, on the median and on the p99.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Sequence

import anyio
from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import PlainText
from lilya.routing import Path

from benchmarks.wrk import WrkResult, http_client, poll, run_wrk, server

TASK_SECONDS: tuple[float | None, ...] = (None, 0.0, 0.1, 1.0, 2.0)
"""The variants, in the order of the result: None is the response without a task."""
CONNECTIONS = 8
SHUFFLE_SEED = 1
pending = {"tasks": 0}
"""Tasks handed to a response and not ended yet."""


async def pause(seconds: float) -> None:
    try:
        await anyio.sleep(seconds)  # stands for awaited I/O: the event loop goes on meanwhile
    finally:
        pending["tasks"] -= 1


async def pending_tasks(request: Request) -> PlainText:
    return PlainText(str(pending["tasks"]))


async def work(request: Request) -> PlainText:
    """Answered at once; with `?task=SECONDS`, the response carries one task that awaits that long."""
    asked = request.query_params.get("task")
    if asked is None:
        return PlainText("done")
    try:
        seconds = float(asked)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds >= 0):
        return PlainText(f"task must be a number of seconds >= 0, not {asked!r}", status_code=400)
    pending["tasks"] += 1
    return PlainText("done", background=Task(pause, seconds))


app = Lilya(routes=[Path("/work", work), Path("/pending", pending_tasks)])


def path(task_s: float | None) -> str:
    return "/work" if task_s is None else f"/work?task={task_s}"


def summarize(task_s: float | None, rounds: Sequence[WrkResult]) -> dict:
    """One variant's figures: the median over rounds of the rounds' medians and p99s; requests and errors summed."""
    return {
        "task_s": task_s,
        "median_ms": round(statistics.median(result.median_ms for result in rounds), 3),
        "p99_ms": round(statistics.median(result.p99_ms for result in rounds), 3),
        "requests": sum(result.requests for result in rounds),
        "errors": sum(result.errors for result in rounds),
    }


def measure(quick: bool = False) -> dict:
    rounds, seconds = (1, 1) if quick else (3, 2)
    order = random.Random(SHUFFLE_SEED)
    results: dict[float | None, list[WrkResult]] = {task_s: [] for task_s in TASK_SECONDS}
    with server("benchmarks.task_latency:app") as url:
        if not quick:
            run_wrk(url + path(None), connections=CONNECTIONS, seconds=1)
        for _ in range(rounds):
            variants = list(TASK_SECONDS)
            order.shuffle(variants)
            for task_s in variants:
                results[task_s].append(run_wrk(url + path(task_s), connections=CONNECTIONS, seconds=seconds))
                with http_client(10) as client:
                    poll(lambda: client.get(url + "/pending").text == "0", 30, "the tasks of a variant to end")
    return {
        "connections": CONNECTIONS,
        "seconds_per_round": float(seconds),
        "rounds": rounds,
        "variants": [summarize(task_s, results[task_s]) for task_s in TASK_SECONDS],
    }
