"""Benchmark 3: slow `def` tasks past anyio's worker-thread limit, versus the same wait as `async def`.

    ./scripts/benchmark.sh --only thread_limit [--quick] [--output FOLDER]

Every response of `POST /task/def` carries a task that calls `time.sleep(0.1)`: Lilya runs a `def` task in one of
anyio's worker threads (40 per event loop by default) and holds it meanwhile; `POST /task/async` carries a task
that awaits `anyio.sleep(0.1)` on the event loop instead. The app counts the tasks scheduled and finished
(`GET /count`, an `async def` handler, answered on the loop) and has a `def` handler, `GET /sync`, which needs a
worker thread too, as `photo_count` in `docs_src/background_tasks/thread_limit.py` does.

For each number of wrk connections (10, 40, 80, 160: up to four times as many requests at once as threads), the
`def` and `async def` variants take turns (the one that goes first alternates), each in a fresh uvicorn process, so
that neither inherits the other's backlog or threads. One run measures:
- the task endpoint as wrk sees it: requests per second, median and p99 latency, errors;
- the tasks: finished per second while wrk ran (the app's counter read just before and just after wrk), and the
  drain time, from wrk's exit until every task scheduled has finished (`GET /count` polled, with a deadline);
- a `def` handler under that load: while wrk runs, this process sends `GET /sync` every 50 ms, each request on its
  own (a new one goes out whether the ones before were answered or not, so that a slow answer does not hide the
  ones behind it), and times each until answered; the median and p99 of those times.
`errors` counts wrk's errors and the `/sync` requests that failed. wrk runs for 1 s: the `def` variant's backlog
grows by about (requests per second - 400) every second and then drains at 400 per second, so that a longer run
would not fit the time this benchmark may take.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import anyio
import anyio.to_thread
import httpx2
from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import JSONResponse, PlainText
from lilya.routing import Path

from benchmarks.wrk import http_client, poll, run_wrk, server

TASK_S = 0.1
KINDS = {"def": "/task/def", "async def": "/task/async"}
CONNECTIONS = (10, 40, 80, 160)
SYNC_EVERY_S = 0.05
DRAIN_DEADLINE_S = 60.0
SYNC_TIMEOUT_S = DRAIN_DEADLINE_S


@dataclass
class Counts:
    """Tasks scheduled by the handler and finished by the task, counted from the loop and from worker threads."""

    scheduled: int = 0
    finished: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def schedule(self) -> None:
        with self._lock:
            self.scheduled += 1

    def finish(self) -> None:
        with self._lock:
            self.finished += 1


counts = Counts()


def sleep_in_thread() -> None:
    time.sleep(TASK_S)  # blocking work: it holds its worker thread meanwhile
    counts.finish()


async def sleep_on_loop() -> None:
    await anyio.sleep(TASK_S)  # awaited I/O: no thread is held
    counts.finish()


TASKS: dict[str, Callable[[], object]] = {"def": sleep_in_thread, "async": sleep_on_loop}


async def with_task(request: Request) -> PlainText:
    kind = request.path_params["kind"]
    if kind not in TASKS:
        return PlainText(f"no task kind {kind!r}: def or async", status_code=404)
    counts.schedule()
    return PlainText("accepted", status_code=202, background=Task(TASKS[kind]))


def sync(request: Request) -> PlainText:  # def: Lilya runs it in a worker thread
    return PlainText(threading.current_thread().name)


async def count(request: Request) -> JSONResponse:
    limiter = anyio.to_thread.current_default_thread_limiter()
    return JSONResponse({"scheduled": counts.scheduled, "finished": counts.finished,
                         "thread_limit": limiter.total_tokens, "threads_busy": limiter.borrowed_tokens})


app = Lilya(
    routes=[
        Path("/task/{kind}", with_task, methods=["POST"]),
        Path("/sync", sync),
        Path("/count", count),
    ]
)


def percentiles_ms(seconds: Sequence[float]) -> tuple[float | None, float | None]:
    """The median and the 99th percentile (inclusive method) of durations in seconds, in milliseconds rounded to
    3 decimals; None when there are none (no `/sync` request was answered)."""
    if not seconds:
        return None, None
    cuts = statistics.quantiles(seconds, n=100, method="inclusive") if len(seconds) > 1 else [seconds[0]] * 99
    return round(statistics.median(seconds) * 1000, 3), round(cuts[98] * 1000, 3)


class SyncProbe:
    """`GET /sync` every SYNC_EVERY_S from a thread of its own, each request in a pool thread, until `stop()`."""

    def __init__(self, client: httpx2.Client, url: str) -> None:
        self.client, self.url = client, url
        self.stopped = threading.Event()
        self.pool = ThreadPoolExecutor(max_workers=256, thread_name_prefix="sync-probe")
        self.sent: list[Future[float]] = []
        self.pacer = threading.Thread(target=self._pace, daemon=True)

    def _time_one(self) -> float:
        started = time.perf_counter()
        self.client.get(self.url + "/sync").raise_for_status()
        return time.perf_counter() - started

    def _pace(self) -> None:
        while not self.stopped.wait(SYNC_EVERY_S):
            self.sent.append(self.pool.submit(self._time_one))

    def __enter__(self) -> SyncProbe:
        self.pacer.start()
        return self

    def stop(self) -> None:
        self.stopped.set()
        self.pacer.join()

    def results(self) -> tuple[list[float], int]:
        """The times of the answered requests, and how many failed; waits for every request sent."""
        times, failed = [], 0
        for sent in self.sent:
            try:
                times.append(sent.result())
            except httpx2.HTTPError:
                failed += 1
        return times, failed

    def __exit__(self, *exc: object) -> None:
        self.stop()
        self.pool.shutdown(wait=True)


def measure_one(kind: str, connections: int, seconds: float) -> tuple[dict, int]:
    """One run in a fresh server: the variant's figures, and the server's thread limit."""
    with server("benchmarks.thread_limit:app") as url, http_client(SYNC_TIMEOUT_S) as client:
        def read_count() -> dict:
            return client.get(url + "/count").raise_for_status().json()

        before, started = read_count(), time.perf_counter()
        with SyncProbe(client, url) as probe:
            load = run_wrk(url + KINDS[kind], connections=connections, seconds=seconds,
                           script='wrk.method = "POST"')
            wrk_ended = time.perf_counter()
            probe.stop()
            after, ended = read_count(), time.perf_counter()
            poll(lambda: (now := read_count())["finished"] == now["scheduled"], DRAIN_DEADLINE_S,
                 f"the {kind} tasks of {connections} connections finishing")
            drain_s = time.perf_counter() - wrk_ended
            sync_times, sync_failed = probe.results()
    sync_median, sync_p99 = percentiles_ms(sync_times)
    figures = {
        "kind": kind,
        "connections": connections,
        "requests_per_s": round(load.requests_per_s, 3),
        "median_ms": round(load.median_ms, 3),
        "p99_ms": round(load.p99_ms, 3),
        "tasks_per_s": round((after["finished"] - before["finished"]) / (ended - started), 3),
        "drain_s": round(drain_s, 3),
        "sync_median_ms": sync_median,
        "sync_p99_ms": sync_p99,
        "errors": load.errors + sync_failed,
    }
    return figures, after["thread_limit"]


def measure(quick: bool = False) -> dict:
    levels, seconds = ((40,), 0.5) if quick else (CONNECTIONS, 1)
    variants, limits = [], set()
    for turn, connections in enumerate(levels):
        kinds = list(KINDS) if turn % 2 == 0 else list(reversed(KINDS))
        measured = {}
        for kind in kinds:
            measured[kind], limit = measure_one(kind, connections, seconds)
            limits.add(limit)
        variants.extend(measured[kind] for kind in KINDS)
    (thread_limit,) = limits
    return {"task_s": TASK_S, "thread_limit": thread_limit, "seconds": float(seconds), "variants": variants}
