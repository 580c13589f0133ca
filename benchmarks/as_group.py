"""How long until the last background task of a response has ended: `Tasks()` (one after another) versus
`Tasks(as_group=True)` (one anyio task group), for 1, 5, 20 and 50 `async def` tasks of 100 ms each.

    ./scripts/benchmark.sh --only as_group [--quick] [--output FOLDER]

Each task is `await anyio.sleep(0.1)`, standing for a network call: waiting, not computing, which is what a task
group can overlap. The app below runs under uvicorn in a process of its own on 127.0.0.1 (`tests.processes.uvicorn`),
so that the client's work never competes with the server's event loop. A measured span starts when the client is
about to send `POST /runs/ID` and ends when the run's last task ended, as the app records it; the client then asks
`GET /runs/ID`, which waits (bounded) until that moment has come and returns it.

Both ends read `time.monotonic()`, which is one clock for every process of a machine (CLOCK_MONOTONIC on Linux):
each measurement checks that the server's arrival time lies between the client's send and its answer, so that a
clock not shared would fail loudly rather than give figures. Every point runs `repeats` times; within a round the
two variants take turns (which one goes first alternates), and the median is reported. The app also counts how many
of a run's tasks ran at once, and the benchmark checks it: 1 for the sequence, all of them for the group.
A full run takes about 25 s, most of it the sequences (7.6 s of tasks per round); `--quick` runs every point once
with 20 ms tasks, as a smoke run.
"""

from __future__ import annotations

import statistics
import time
import uuid
from dataclasses import dataclass, field

import anyio
import httpx2
from lilya.apps import Lilya
from lilya.background import Tasks
from lilya.logging import StandardLoggingConfig
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from tests.processes import uvicorn
from tests.proof import TIMEOUT

TASK_S = 0.1
QUICK_TASK_S = 0.02
TASK_COUNTS = (1, 5, 20, 50)
REPEATS = 3
KINDS = ("sequence", "group")
MAX_TASKS = 100
MAX_TASK_S = 1.0


@dataclass
class Run:
    """One request's background tasks: how many ran at once, and when the last one ended."""

    tasks: int
    kind: str
    arrived: float
    running: int = 0
    most_running: int = 0
    ended_tasks: int = 0
    ended: float | None = None
    done: anyio.Event = field(default_factory=anyio.Event)

    def task_started(self) -> None:
        self.running += 1
        self.most_running = max(self.most_running, self.running)

    def task_ended(self) -> None:
        """The last task's end is the run's end: `done` is set then, never before."""
        self.running -= 1
        self.ended_tasks += 1
        if self.ended_tasks == self.tasks:
            self.ended = time.monotonic()
            self.done.set()

    def summary(self) -> dict:
        return {"tasks": self.tasks, "kind": self.kind, "arrived": self.arrived, "ended": self.ended,
                "ended_tasks": self.ended_tasks, "most_running": self.most_running}


runs: dict[str, Run] = {}


async def network_call(run: Run, seconds: float) -> None:
    run.task_started()
    try:
        await anyio.sleep(seconds)
    finally:
        run.task_ended()


class BadQuery(ValueError):
    pass


def query_number(request: Request, name: str, kind: type, low: float, high: float, default: float) -> float:
    written = request.query_params.get(name)
    if written is None:
        return default
    try:
        value = kind(written)
    except ValueError:
        raise BadQuery(f"{name}={written!r} is not a {kind.__name__}") from None
    if not low <= value <= high:
        raise BadQuery(f"{name}={written!r} is not between {low} and {high}")
    return value


async def start_run(request: Request) -> JSONResponse:
    """Answer at once; the response carries `tasks` tasks of `seconds` each, in a sequence or as a group."""
    arrived = time.monotonic()
    run_id = request.path_params["run_id"]
    kind = request.query_params.get("kind", "sequence")
    try:
        if kind not in KINDS:
            raise BadQuery(f"kind={kind!r} is not one of {', '.join(KINDS)}")
        count = query_number(request, "tasks", int, 1, MAX_TASKS, 1)
        seconds = query_number(request, "seconds", float, 0.001, MAX_TASK_S, TASK_S)
    except BadQuery as error:
        return JSONResponse({"error": str(error)}, 400)
    if run_id in runs:
        return JSONResponse({"error": f"run {run_id!r} exists already"}, 409)
    run = runs[run_id] = Run(count, kind, arrived)
    tasks = Tasks(as_group=kind == "group")
    for _ in range(count):
        tasks.add_task(network_call, run, seconds)
    return JSONResponse({"run": run_id}, 202, background=tasks)


async def finished_run(request: Request) -> JSONResponse:
    """The run once its last task ended, waiting at most `timeout` seconds for it (504 with its state if not)."""
    run = runs.get(request.path_params["run_id"])
    if run is None:
        return JSONResponse({"error": "no such run"}, 404)
    try:
        timeout = query_number(request, "timeout", float, 0, 60, TIMEOUT)
    except BadQuery as error:
        return JSONResponse({"error": str(error)}, 400)
    with anyio.move_on_after(timeout):
        await run.done.wait()
    if not run.done.is_set():
        return JSONResponse(run.summary(), 504)
    del runs[request.path_params["run_id"]]
    return JSONResponse(run.summary())


app = Lilya(
    routes=[
        Path("/runs/{run_id}", start_run, methods=["POST"]),
        Path("/runs/{run_id}", finished_run, methods=["GET"]),
    ],
    # Lilya would otherwise configure the root logger on import, and the runner importing this module would log
    # every request its HTTP client makes.
    logging_config=StandardLoggingConfig(skip_setup_configure=True),
)


def measured_span(client: httpx2.Client, url: str, tasks: int, kind: str, task_s: float) -> float:
    """Seconds from the client sending the request until the run's last task ended."""
    run_url = f"{url}/runs/{uuid.uuid4().hex}"
    sent = time.monotonic()
    response = client.post(run_url, params={"tasks": tasks, "kind": kind, "seconds": task_s})
    answered = time.monotonic()
    if response.status_code != 202:
        raise RuntimeError(f"POST {run_url} answered {response.status_code}: {response.text}")
    wait = tasks * task_s + TIMEOUT
    done = client.get(run_url, params={"timeout": wait}, timeout=wait + TIMEOUT)
    if done.status_code != 200:
        raise RuntimeError(f"the run of {tasks} {kind} tasks did not end within {wait}s: {done.text}")
    run = done.json()
    if not sent <= run["arrived"] <= answered:
        raise RuntimeError(f"the server's monotonic clock is not the client's: it read {run['arrived']} on arrival, "
                           f"the client {sent} before sending and {answered} after the answer")
    expected_at_once = tasks if kind == "group" else 1
    if run["ended_tasks"] != tasks or run["most_running"] != expected_at_once:
        raise RuntimeError(f"{tasks} {kind} tasks: {run['ended_tasks']} ended, at most {run['most_running']} at "
                           f"once (expected {expected_at_once})")
    return run["ended"] - sent


def measure(quick: bool = False) -> dict:
    """Median span per task count and variant, in milliseconds; `quick` runs each point once, with 20 ms tasks."""
    task_s = QUICK_TASK_S if quick else TASK_S
    repeats = 1 if quick else REPEATS
    spans: dict[tuple[int, str], list[float]] = {}
    with uvicorn("benchmarks.as_group:app") as (url, _), httpx2.Client(timeout=TIMEOUT) as client:
        for kind in KINDS:
            measured_span(client, url, 1, kind, task_s)  # warm-up: connection, first-request code paths
        for round_number in range(repeats):
            kinds = KINDS if round_number % 2 == 0 else KINDS[::-1]
            for tasks in TASK_COUNTS:
                for kind in kinds:
                    spans.setdefault((tasks, kind), []).append(measured_span(client, url, tasks, kind, task_s))
    points = [
        {"tasks": tasks,
         "sequence_ms": round(statistics.median(spans[tasks, "sequence"]) * 1000, 3),
         "group_ms": round(statistics.median(spans[tasks, "group"]) * 1000, 3)}
        for tasks in TASK_COUNTS
    ]
    return {"task_s": task_s, "repeats": repeats, "points": points}
