"""What moving the upload example to a job queue costs the client, measured side by side in one run.

    ./scripts/benchmark-uploads.sh [--requests 200] [--rounds 3]

Each variant runs under uvicorn in a process of its own on 127.0.0.1, and one client posts uploads to it one after
another (a fresh connection each, as a browser's first upload makes it):
- `docs_src/background_tasks/upload.py`, the upload kept in memory and processed by a background task;
- `docs_src/job_queue/web.py`, the upload stored in Redis and a job queued (a Dramatiq worker, with Dramatiq's own
  polling delay, and the stand-in scanner run beside it), with Redis syncing its append-only file to disk on every
  write (`appendfsync always`) and once a second (`everysec`).
The variants take turns within each round, so that they share the machine's state. Printed: the median and the 99th
percentile of the time until the client has the 202, for a 1 KiB and a 1 MiB upload, with each queue variant's ratio
to the background task; then how long after its 202 a queued upload's outcome was recorded (the worker's pick-up
delay included). Everything runs in a temporary folder, removed at the end, and every process is stopped.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import httpx2
import redis

from docs_src.job_queue.storage import NOTIFICATIONS
from tests.docs_src.job_queue.processes import environment, worker
from tests.processes import uvicorn
from tests.proof import TIMEOUT
from tests.redis_server import redis_server

SIZES = {"1 KiB": 1024, "1 MiB": 1024 * 1024}
IN_PROCESS = "background task"
POLL_DELAY = 1.0  # seconds: at most this long between an idle Dramatiq worker's looks for new jobs
PICK_UPS = 40
QUEUE = {"always": "job queue, fsync always", "everysec": "job queue, fsync everysec"}


def post_times(url: str, body: bytes, count: int) -> list[float]:
    """Seconds from sending each POST until the whole 202 response is in."""
    times = []
    for _ in range(count):
        with httpx2.Client(timeout=TIMEOUT) as client:
            started = time.perf_counter()
            response = client.post(url + "/uploads", content=body)
            times.append(time.perf_counter() - started)
        assert response.status_code == 202, response.text
    return times


def outcome_delays(url: str, redis_url: str, backlog: int, count: int) -> list[float]:
    """Seconds from each 202 until the worker has recorded that upload's outcome, one upload at a time, once the
    `backlog` uploads posted before have all been recorded. Each upload is posted at a random moment of the worker's
    polling cycle (an idle Dramatiq worker looks for new jobs less and less often, at most 1 s apart): right after the
    last outcome, every upload would find the worker looking at once."""
    delays = []
    with redis.Redis.from_url(redis_url) as client, httpx2.Client(timeout=TIMEOUT) as http:
        for _ in range(backlog):
            assert client.blpop([NOTIFICATIONS], timeout=TIMEOUT) is not None
        for _ in range(count):
            time.sleep(random.uniform(0, POLL_DELAY))
            assert http.post(url + "/uploads", content=b"x" * 1024).status_code == 202
            accepted = time.perf_counter()
            assert client.blpop([NOTIFICATIONS], timeout=TIMEOUT) is not None
            delays.append(time.perf_counter() - accepted)
    return delays


def server_libraries() -> str:
    """The event loop and HTTP parser uvicorn picks on its own: uvloop and httptools when they are installed."""
    picked = []
    for library, fallback in (("uvloop", "asyncio"), ("httptools", "h11")):
        try:
            picked.append(f"{library} {version(library)}")
        except PackageNotFoundError:
            picked.append(fallback)
    return ", ".join(picked)


def milliseconds(times: list[float]) -> tuple[float, float]:
    """The median and the 99th percentile, in milliseconds."""
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return statistics.median(times) * 1000, cuts[98] * 1000


@contextlib.contextmanager
def queue_deployment(folder: Path) -> Iterator[tuple[str, str]]:
    """Redis, the stand-in scanner, one worker and the web app; yields the web app's URL and Redis's."""
    with (
        redis_server(folder / "redis") as server,
        uvicorn("docs_src.job_queue.scanner:app") as (scanner_url, _),
        worker(server.url, scanner_url + "/scan", poll={}),
        uvicorn("docs_src.job_queue.web:app", env=environment(server.url)) as (url, _),
    ):
        yield url, server.url


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="uploads per variant, size and round")
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args(argv)
    times: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as folder, \
            uvicorn("docs_src.background_tasks.upload:app") as (in_process_url, _), \
            queue_deployment(Path(folder)) as (queue_url, redis_url):
        with redis.Redis.from_url(redis_url) as client:
            redis_version = f"Redis {client.info('server')['redis_version']}"
            for _ in range(options.rounds):
                for size, length in SIZES.items():
                    body = b"x" * length
                    times.setdefault((IN_PROCESS, size), []).extend(post_times(in_process_url, body, options.requests))
                    for fsync, name in QUEUE.items():
                        client.config_set("appendfsync", fsync)
                        times.setdefault((name, size), []).extend(post_times(queue_url, body, options.requests))
            client.config_set("appendfsync", "always")
            queued = options.rounds * len(SIZES) * len(QUEUE) * options.requests
            delays = outcome_delays(queue_url, redis_url, queued, PICK_UPS)
    print(f"{platform.platform()}, {os.cpu_count()} CPUs; Python {platform.python_version()}, lilya {version('lilya')}, "
          f"uvicorn {version('uvicorn')} ({server_libraries()}), dramatiq {version('dramatiq')}, "
          f"redis-py {version('redis')}, {redis_version}")
    print(f"{options.requests} uploads per variant, size and round; {options.rounds} rounds\n")
    print(f"{'time until the client has the 202':<34}{'size':>7}{'median ms':>11}{'p99 ms':>9}{'x median':>10}"
          f"{'x p99':>7}")
    for size in SIZES:
        base = milliseconds(times[(IN_PROCESS, size)])
        for name in (IN_PROCESS, *QUEUE.values()):
            median, p99 = milliseconds(times[(name, size)])
            print(f"{name:<34}{size:>7}{median:>11.2f}{p99:>9.2f}{median / base[0]:>10.2f}{p99 / base[1]:>7.2f}")
    median, p99 = milliseconds(delays)
    print(f"\nfrom the 202 until the queued upload's outcome is recorded ({PICK_UPS} uploads): median {median:.0f} ms, "
          f"p99 {p99:.0f} ms, longest {max(delays) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
