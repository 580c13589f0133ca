"""Benchmark: why pending tasks stretch the tail of the first figure, and what shortens it.

    ./scripts/benchmark.sh --only collector_pauses [--quick]

The server is the first figure's (`benchmarks.task_latency`): `GET /work` answered at once, and `GET /work/task`,
whose response carries an `async def` task that awaits `anyio.sleep` for 2 s. Each variant gets a uvicorn process of
its own (`COLLECTOR_VARIANT` names it) and the same two loads: wrk over 8 keep-alive connections, first on `/work`,
then on `/work/task`, so that about two seconds' worth of requests have a task pending at any time. The load is
paced (each connection pauses PACE_MS between a response and its next request) so that the variants serve loads of
the same order and their memory compares; a variant slowed by its pauses still serves fewer requests, and so holds
fewer pending tasks.

In the server, a `gc.callbacks` hook times every collection, per generation, and `GET /collector` hands those
timings over (starting them afresh) with the objects the collector tracks, the pending tasks and the peak memory.
The variants:

* `default`: the response carries the task, as in the first figure, with the collector as it starts;
* `freeze`: `gc.freeze()` once the app has started, so that full collections skip everything tracked by then;
* `thresholds`: `gc.set_threshold(*THRESHOLDS)`, collections ten times rarer in the older generations;
* `cap`: no more than CAP tasks pending; a request over the cap is answered 503 with no task;
* `hand_off`: the recipe of the page (`docs_src/performance/held_tasks.py`), whose response task hands the waiting
  to an asyncio task that the app holds, so the request is freed once its response is sent;
* `disable`: `gc.disable()`, the bound and not advice: without the collector, no cycle is ever freed.

Targets, stated on the page and not enforced here (`COLLECTOR_P99_TARGET` and `COLLECTOR_MEMORY_TARGET` in
`docs_tools.figures.performance`): with the recommended variant (RECOMMENDED), the p99 with the 2 s tasks against the
no-task p99, and the peak memory against `default`'s.
"""

from __future__ import annotations

import gc
import os
import resource
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import JSONResponse, PlainText
from lilya.routing import Path

from benchmarks import task_latency
from benchmarks.wrk import http_client, poll, run_wrk
from docs_src.performance.held_tasks import hand_off

CONNECTIONS = 8
PACE_MS = 4
"""Each connection's pause between a response and its next request (wrk's `delay()`)."""
TASK_SECONDS = 2.0
THRESHOLDS = (700, 100, 100)
"""CPython's defaults are (700, 10, 10)."""
CAP = 1000
RECOMMENDED = "hand_off"
PACED = f"delay = function() return {PACE_MS} end"


@dataclass(frozen=True)
class Variant:
    setting: Callable[[], None] = lambda: None
    """Applied once the app has started (after its imports)."""
    hands_off: bool = False
    cap: int | None = None


VARIANTS = {
    "default": Variant(),
    "freeze": Variant(setting=gc.freeze),
    "thresholds": Variant(setting=lambda: gc.set_threshold(*THRESHOLDS)),
    "cap": Variant(cap=CAP),
    "hand_off": Variant(hands_off=True),
    "disable": Variant(setting=gc.disable),
}


@dataclass
class Pauses:
    """Every collection's duration, by generation, as `gc.callbacks` reports its start and stop."""

    seconds: dict[int, list[float]] = field(default_factory=lambda: {0: [], 1: [], 2: []})
    _started: float = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds[info["generation"]].append(time.perf_counter() - self._started)

    def taken(self) -> dict[str, dict[str, float]]:
        """Per generation: how many collections, the longest and the total pause in ms; then starts afresh."""
        report = {
            str(generation): {
                "collections": len(durations),
                "longest_ms": round(max(durations, default=0.0) * 1000, 2),
                "total_ms": round(sum(durations) * 1000, 1),
            }
            for generation, durations in self.seconds.items()
        }
        for durations in self.seconds.values():
            durations.clear()
        return report


pauses = Pauses()


def variant() -> Variant:
    return VARIANTS[os.environ.get("COLLECTOR_VARIANT", "default")]


async def no_task(request: Request) -> PlainText:
    return PlainText("done")


async def with_task(request: Request) -> PlainText:
    """The first figure's task of TASK_SECONDS, carried by the response or handed off, as the variant says."""
    chosen = variant()
    if chosen.cap is not None and task_latency.pending["tasks"] >= chosen.cap:
        return PlainText("too many tasks pending", status_code=503)
    task_latency.pending["tasks"] += 1
    if chosen.hands_off:
        return PlainText("done", background=Task(hand_off, task_latency.pause, TASK_SECONDS))
    return PlainText("done", background=Task(task_latency.pause, TASK_SECONDS))


async def collector(request: Request) -> JSONResponse:
    return JSONResponse({
        "generations": pauses.taken(),
        "tracked": len(gc.get_objects()),
        "pending": task_latency.pending["tasks"],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    })


@asynccontextmanager
async def lifespan(app: Lilya) -> AsyncIterator[None]:
    variant().setting()
    gc.callbacks.append(pauses)
    yield
    gc.callbacks.remove(pauses)


app = Lilya(routes=[Path("/work", no_task), Path("/work/task", with_task),
                    Path("/pending", task_latency.pending_tasks), Path("/collector", collector)], lifespan=lifespan)


def load_figures(result, collected: dict) -> dict:
    """One load's figures: the client's, then the collector's in the server."""
    return {"median_ms": result.median_ms, "p99_ms": result.p99_ms, "requests": result.requests,
            "errors": result.errors, "generations": collected["generations"], "tracked": collected["tracked"],
            "pending": collected["pending"], "peak_rss_mb": collected["peak_rss_mb"]}


def measure_variant(name: str, seconds: float) -> dict:
    """Both loads on a server of its own running variant `name`."""
    from tests.processes import uvicorn  # here: the server imports this module, and needs no test machinery

    env = {**os.environ, "COLLECTOR_VARIANT": name}
    loads = {}
    with uvicorn("benchmarks.collector_pauses:app", "--no-access-log", env=env) as (url, _), \
            http_client(10) as client:
        run_wrk(url + "/work", connections=CONNECTIONS, seconds=1, script=PACED)
        for load, path in (("no_task", "/work"), ("task", "/work/task")):
            client.get(url + "/collector")
            result = run_wrk(url + path, connections=CONNECTIONS, seconds=seconds, script=PACED)
            loads[load] = load_figures(result, client.get(url + "/collector").json())
            poll(lambda: client.get(url + "/pending").text == "0", 30, "the tasks to end")
    return {"name": name, **loads, "objects_per_pending_task": objects_per_pending_task(loads["no_task"], loads["task"])}


def objects_per_pending_task(calm: dict, busy: dict) -> float | None:
    """The objects the collector tracked beyond the no-task load's, per task pending when they were counted."""
    if not busy["pending"]:
        return None
    return round((busy["tracked"] - calm["tracked"]) / busy["pending"], 1)


def measure(quick: bool = False) -> dict:
    seconds = 1 if quick else 4
    return {
        "connections": CONNECTIONS,
        "pace_ms": PACE_MS,
        "task_s": TASK_SECONDS,
        "seconds": float(seconds),
        "thresholds": list(THRESHOLDS),
        "cap": CAP,
        "recommended": RECOMMENDED,
        "variants": [measure_variant(name, seconds) for name in VARIANTS],
    }
