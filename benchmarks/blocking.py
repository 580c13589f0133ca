"""Benchmark 4: a blocking `async def` task versus the same work as a `def` task, seen from another endpoint.

    ./scripts/benchmark.sh --only blocking [--quick] [--output FOLDER]

The app is `docs_src/background_tasks/blocking.py`'s own handlers: `PUT /files/{name}` answers 202 with a `def`
task that computes the upload's checksum (Lilya runs it in a worker thread), `PUT /blocking/{name}` the same work
as an `async def` task (on the event loop), and `GET /health`; plus `GET /digests`, how many checksums are stored,
so that the benchmark knows when the last one is done. The checksum is CPU work: SHA-256 of the body repeated
50,000 times. The body's size is chosen on this machine so that one checksum takes about 75 ms (timed here, in
this process, then reported as `checksum_ms`).

While a thread of this process sends one upload every 200 ms (the next goes at once if an upload took longer;
uploads are sequential), wrk measures `GET /health` over 8 keep-alive connections for a few seconds: its median,
p99 and maximum latency. Variants: uploads to `/files` (`def`), to `/blocking` (`async def`), and none (the
baseline). They take turns, a few rounds, each round in a rotated order, on one server; after each variant, the
benchmark waits until every upload's checksum is stored. Per variant: the median over rounds of the rounds' median
and p99, the largest maximum, and requests and uploads summed.

wrk sends a connection's next request only once the previous one is answered, so a stall of the event loop delays
one request per connection and then wrk catches up: the maximum shows a stall's length, while the p99 moves only
if the stalled requests are more than 1% of all.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Sequence

import httpx2
from lilya.apps import Lilya
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from benchmarks.wrk import WrkResult, http_client, poll, run_wrk, server
from docs_src.background_tasks import blocking as example

KINDS = {"none": None, "def": "/files/", "async def": "/blocking/"}
"""Each variant's upload path, in the order of the result."""
CONNECTIONS = 8
UPLOAD_EVERY_S = 0.2
TARGET_CHECKSUM_MS = 75.0
CALIBRATION_SIZE = 1024
DRAIN_DEADLINE_S = 30.0
HTTP_TIMEOUT_S = 30.0


async def digest_count(request: Request) -> JSONResponse:
    return JSONResponse({"digests": len(example.digests)})


app = Lilya(
    routes=[
        Path("/files/{name}", example.upload, methods=["PUT"]),
        Path("/blocking/{name}", example.upload_blocking, methods=["PUT"]),
        Path("/health", example.health),
        Path("/digests", digest_count),
    ]
)


def checksum_ms(size: int, times: int) -> float:
    """The median time of `times` checksums of a body of `size` bytes, in milliseconds."""
    body = b"x" * size
    spent = []
    for _ in range(times):
        started = time.perf_counter()
        example.checksum(body)
        spent.append(time.perf_counter() - started)
    return statistics.median(spent) * 1000


def body_size(ms_for_calibration_size: float, target_ms: float = TARGET_CHECKSUM_MS) -> int:
    """The body size whose checksum takes about `target_ms`, the time being proportional to the size."""
    return max(1, round(CALIBRATION_SIZE * target_ms / ms_for_calibration_size))


class Uploads:
    """Sequential uploads from a thread of their own, one every UPLOAD_EVERY_S, until `stop()`."""

    def __init__(self, client: httpx2.Client, url: str, prefix: str, body: bytes) -> None:
        self.client, self.url, self.prefix, self.body = client, url, prefix, body
        self.sent = 0
        self.failure: BaseException | None = None
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._send, daemon=True)

    def _send(self) -> None:
        due = time.perf_counter()
        try:
            while not self.stopped.is_set():
                response = self.client.put(f"{self.url}{self.prefix}-{self.sent}", content=self.body)
                response.raise_for_status()
                self.sent += 1
                due = max(due + UPLOAD_EVERY_S, time.perf_counter())
                self.stopped.wait(due - time.perf_counter())  # the pace of the uploads, or the order to stop
        except BaseException as error:  # noqa: BLE001 - raised in the benchmark's thread by stop()
            self.failure = error

    def __enter__(self) -> Uploads:
        self.thread.start()
        return self

    def __exit__(self, error_type: object, *exc: object) -> None:
        self.stopped.set()
        self.thread.join(HTTP_TIMEOUT_S)
        if self.failure is not None and error_type is None:
            raise RuntimeError(f"an upload to {self.url} failed: {self.failure!r}") from self.failure


def summarize(kind: str, rounds: Sequence[WrkResult], uploads: int) -> dict:
    """One variant: the median over rounds of the medians and p99s, the largest maximum, sums of the counts."""
    return {
        "kind": kind,
        "median_ms": round(statistics.median(result.median_ms for result in rounds), 3),
        "p99_ms": round(statistics.median(result.p99_ms for result in rounds), 3),
        "max_ms": round(max(result.max_ms for result in rounds), 3),
        "requests": sum(result.requests for result in rounds),
        "uploads": uploads,
    }


def measure(quick: bool = False) -> dict:
    rounds, seconds = (1, 1) if quick else (2, 3)
    size = body_size(checksum_ms(CALIBRATION_SIZE, 3))
    body, measured_ms = b"x" * size, checksum_ms(size, 5)
    results: dict[str, list[WrkResult]] = {kind: [] for kind in KINDS}
    uploads = dict.fromkeys(KINDS, 0)
    with server("benchmarks.blocking:app") as url, http_client(HTTP_TIMEOUT_S) as client:
        for turn in range(rounds):
            kinds = list(KINDS)[turn % len(KINDS):] + list(KINDS)[:turn % len(KINDS)]
            for kind in kinds:
                if KINDS[kind] is None:
                    results[kind].append(run_wrk(url + "/health", connections=CONNECTIONS, seconds=seconds))
                    continue
                names = f"{KINDS[kind].strip('/')}-{turn}"  # unique: the server stores one checksum per name
                with Uploads(client, url + KINDS[kind], names, body) as driver:
                    results[kind].append(run_wrk(url + "/health", connections=CONNECTIONS, seconds=seconds))
                uploads[kind] += driver.sent
                stored = sum(uploads.values())
                poll(lambda: client.get(url + "/digests").json()["digests"] >= stored, DRAIN_DEADLINE_S,
                     f"the checksums of the {kind} uploads")
    return {
        "checksum_ms": round(measured_ms, 3),
        "seconds_per_round": float(seconds),
        "rounds": rounds,
        "variants": [summarize(kind, results[kind], uploads[kind]) for kind in KINDS],
    }
