"""Benchmark 5: under load, does every background task run, and only once?

    ./scripts/benchmark.sh --only exactly_once [--quick] [--output FOLDER]

wrk sends `POST /work/{id}` over 64 keep-alive connections (2 threads) for a few seconds, every id unique: its Lua
`request()` builds the path from the number of its thread and a counter of that thread. The handler records the id
as accepted, and its response carries k = 3 tasks, a mix of the ways Lilya runs them: a `Tasks()` that first runs
`record_in_thread` (a `def` task: in a worker thread), then a `Tasks(as_group=True)` of `record_on_loop` (an
`async def` task: on the event loop) and `record_in_group` (a `def` task), which run at the same time. Each task
records (id, its name) in the app's ledger, in memory.

Once wrk has stopped, `GET /ledger` is polled (with a deadline) until the runs recorded reach accepted ids x k, or
stop changing for a while; then its audit counts, over every accepted id and task name, the runs that are missing
(`lost`) and those beyond the first (`doubled`). A run for an id the handler never accepted, or an id accepted
twice, would mean the measurement itself is broken: that is an error, not a figure. `requests_answered` is wrk's
count of responses; it may be a little lower than `requests_accepted`, since requests still in flight when wrk
stops can reach the handler without their responses being counted.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

from lilya.apps import Lilya
from lilya.background import Task, Tasks
from lilya.requests import Request
from lilya.responses import JSONResponse, PlainText
from lilya.routing import Path

from benchmarks.wrk import http_client, poll, run_wrk, server

TASK_NAMES = ("record_in_thread", "record_on_loop", "record_in_group")
CONNECTIONS = 64
THREADS = 2
SETTLE_DEADLINE_S = 10.0
QUIET_S = 1.0
"""How long the ledger must stay unchanged, short of accepted x k runs, for the missing runs to count as lost."""
HTTP_TIMEOUT_S = 10.0

UNIQUE_IDS = """
local threads_set_up = 0

function setup(thread)
  threads_set_up = threads_set_up + 1
  thread:set("thread_number", threads_set_up)
end

local sent = 0

function request()
  sent = sent + 1
  return wrk.format("POST", "/work/" .. thread_number .. "-" .. sent)
end
"""
"""wrk's Lua: `setup()` runs once per thread in wrk's main Lua state and numbers the thread; `request()` runs in the
thread's own state, where `thread_number` is a global and `sent` counts that thread's requests."""


@dataclass(frozen=True)
class Audit:
    accepted: int
    runs: int
    lost: int
    """(accepted id, task name) pairs that never ran."""
    doubled: int
    """Runs of an (accepted id, task name) pair beyond its first."""
    unknown: int
    """Runs for an id the handler never accepted, or of a task name the response never carried."""
    repeated: int
    """Ids accepted more than once."""


def audit(accepted: Iterable[str], runs: Iterable[tuple[str, str]], names: Iterable[str] = TASK_NAMES) -> Audit:
    """Check every accepted id against the runs recorded: exactly one run of each task name."""
    accepted, names = list(accepted), tuple(names)
    ids = set(accepted)
    counted = Counter(runs)
    lost = doubled = 0
    for request_id in ids:
        for name in names:
            times = counted.get((request_id, name), 0)
            lost += times == 0
            doubled += max(times - 1, 0)
    unknown = sum(times for (request_id, name), times in counted.items() if request_id not in ids or name not in names)
    return Audit(accepted=len(ids), runs=sum(counted.values()), lost=lost, doubled=doubled, unknown=unknown,
                 repeated=len(accepted) - len(ids))


@dataclass
class Ledger:
    """Ids accepted by the handler and task runs, appended from the event loop and from worker threads."""

    accepted: list[str] = field(default_factory=list)
    runs: list[tuple[str, str]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def accept(self, request_id: str) -> None:
        with self._lock:
            self.accepted.append(request_id)

    def ran(self, request_id: str, name: str) -> None:
        with self._lock:
            self.runs.append((request_id, name))

    def audit(self) -> Audit:
        with self._lock:
            accepted, runs = list(self.accepted), list(self.runs)
        return audit(accepted, runs)


ledger = Ledger()


def record_in_thread(request_id: str) -> None:
    ledger.ran(request_id, "record_in_thread")


async def record_on_loop(request_id: str) -> None:
    ledger.ran(request_id, "record_on_loop")


def record_in_group(request_id: str) -> None:
    ledger.ran(request_id, "record_in_group")


async def work(request: Request) -> PlainText:
    request_id = request.path_params["request_id"]
    ledger.accept(request_id)
    group = Tasks([Task(record_on_loop, request_id), Task(record_in_group, request_id)], as_group=True)
    return PlainText("accepted", status_code=202, background=Tasks([Task(record_in_thread, request_id), group]))


async def read_ledger(request: Request) -> JSONResponse:
    return JSONResponse(asdict(ledger.audit()))


app = Lilya(routes=[Path("/work/{request_id}", work, methods=["POST"]), Path("/ledger", read_ledger)])


class Settling:
    """Whether the ledger is done changing: two audits in a row the same with every accepted id's runs in, or
    nothing changed for QUIET_S."""

    def __init__(self, read: Callable[[], Audit]) -> None:
        self.read = read
        self.last: Audit | None = None
        self.changed = time.perf_counter()

    def __call__(self) -> bool:
        now = self.read()
        if now != self.last:
            self.last, self.changed = now, time.perf_counter()
            return False
        return now.runs >= now.accepted * len(TASK_NAMES) or time.perf_counter() - self.changed >= QUIET_S


def measure(quick: bool = False) -> dict:
    seconds = 1 if quick else 4
    with server("benchmarks.exactly_once:app") as url, http_client(HTTP_TIMEOUT_S) as client:
        load = run_wrk(url + "/", connections=CONNECTIONS, threads=THREADS, seconds=seconds, script=UNIQUE_IDS)
        settled = Settling(lambda: Audit(**client.get(url + "/ledger").raise_for_status().json()))
        poll(settled, SETTLE_DEADLINE_S, "the ledger settling")
    final = settled.last
    if final.unknown or final.repeated:
        raise RuntimeError(f"the ledger does not match the requests sent, so it cannot tell lost or doubled runs: "
                           f"{final}")
    return {
        "connections": CONNECTIONS,
        "seconds": float(seconds),
        "tasks_per_request": len(TASK_NAMES),
        "requests_answered": load.requests,
        "requests_accepted": final.accepted,
        "task_runs": final.runs,
        "expected_runs": final.accepted * len(TASK_NAMES),
        "lost": final.lost,
        "doubled": final.doubled,
    }
