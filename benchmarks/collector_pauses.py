"""Why pending tasks stretch the tail of the Performance page's first figure: the cyclic garbage collector's pauses,
measured in the server, with the settings that could shorten them side by side.

    ./scripts/benchmark-collector.sh [--seconds 4]

The server is the first figure's (`benchmarks.task_latency`), with two additions: a `gc.callbacks` hook that times
every collection, per generation, and `GET /collector`, which hands those timings over (and starts them afresh)
with the number of objects the collector tracks. Each setting gets a uvicorn process of its own, applied at startup
(`COLLECTOR_SETTING`), and the same load: wrk over 8 keep-alive connections, first with responses that carry no
task, then with responses whose task waits 2 s, so that about two seconds' worth of requests are pending at once.
Printed per setting: the client's median and p99 for both loads, the p99's ratio, the collections of each
generation with the longest and the total pause, the objects tracked at the end, and the server's peak memory.
`gc.disable()` is there as the bound, not as advice: without the collector, cycles are never freed.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib.metadata import version

from lilya.apps import Lilya
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from benchmarks import task_latency
from benchmarks.wrk import http_client, poll, run_wrk

SETTINGS: dict[str, Callable[[], None]] = {
    "default": lambda: None,
    "gc.freeze() at startup": gc.freeze,
    "thresholds 700, 100, 100": lambda: gc.set_threshold(700, 100, 100),
    "thresholds 20000, 10, 10": lambda: gc.set_threshold(20_000, 10, 10),
    "gc.disable() (the bound)": gc.disable,
}
"""Each setting by its name, as applied once the server has started (after its imports)."""
CONNECTIONS = 8
TASK_SECONDS = 2.0


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


async def collector(request: Request) -> JSONResponse:
    return JSONResponse({
        "generations": pauses.taken(),
        "tracked": len(gc.get_objects()),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    })


@asynccontextmanager
async def lifespan(app: Lilya) -> AsyncIterator[None]:
    SETTINGS[os.environ.get("COLLECTOR_SETTING", "default")]()
    gc.callbacks.append(pauses)
    yield
    gc.callbacks.remove(pauses)


app = Lilya(routes=[*task_latency.app.routes, Path("/collector", collector)], lifespan=lifespan)


def measure(setting: str, seconds: float) -> dict:
    """Both loads on a server of its own with `setting`: the client's figures and the collector's, for each."""
    from tests.processes import uvicorn  # here: the server imports this module, and needs no test machinery

    env = {**os.environ, "COLLECTOR_SETTING": setting}
    figures = {}
    with uvicorn("benchmarks.collector_pauses:app", "--no-access-log", env=env) as (url, _), \
            http_client(10) as client:
        run_wrk(url + task_latency.path(None), connections=CONNECTIONS, seconds=1)
        for name, task_s in (("no task", None), ("2 s task", TASK_SECONDS)):
            client.get(url + "/collector")
            result = run_wrk(url + task_latency.path(task_s), connections=CONNECTIONS, seconds=seconds)
            figures[name] = {"median_ms": result.median_ms, "p99_ms": result.p99_ms, "requests": result.requests,
                             **client.get(url + "/collector").json()}
            poll(lambda: client.get(url + "/pending").text == "0", 30, "the tasks to end")
    return figures


def report_line(setting: str, figures: dict, default_rss: float) -> str:
    calm, busy = figures["no task"], figures["2 s task"]
    full = busy["generations"]["2"]
    return (f"{setting:<26}{calm['median_ms']:>7.2f}{calm['p99_ms']:>8.2f}{busy['median_ms']:>8.2f}"
            f"{busy['p99_ms']:>9.2f}{busy['p99_ms'] / calm['p99_ms']:>8.1f}"
            f"{busy['generations']['0']['collections']:>6}{busy['generations']['1']['collections']:>6}"
            f"{full['collections']:>6}{full['longest_ms']:>9.1f}{full['total_ms']:>9.1f}"
            f"{busy['tracked']:>10}{busy['peak_rss_mb']:>8.0f}{busy['peak_rss_mb'] / default_rss:>7.2f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="wrk's run for each load")
    options = parser.parse_args(argv)
    results = {setting: measure(setting, options.seconds) for setting in SETTINGS}
    print(f"{platform.platform()}, {os.cpu_count()} CPUs; Python {platform.python_version()}, "
          f"lilya {version('lilya')}, uvicorn {version('uvicorn')}; {CONNECTIONS} connections, "
          f"{options.seconds:g} s per load\n")
    print(f"{'':<26}{'no task':>15}{'2 s task':>17}{'':>8}{'collections':>18}{'gen 2 pauses':>18}"
          f"{'':>10}{'peak':>8}")
    print(f"{'setting':<26}{'median':>7}{'p99':>8}{'median':>8}{'p99':>9}{'x p99':>8}{'gen0':>6}{'gen1':>6}"
          f"{'gen2':>6}{'longest':>9}{'total':>9}{'tracked':>10}{'MB':>8}{'x MB':>7}")
    default_rss = results["default"]["2 s task"]["peak_rss_mb"]
    for setting, figures in results.items():
        print(report_line(setting, figures, default_rss))
    print("\nms unless said; gen 2 pauses and collections while the 2 s tasks pile up; tracked: objects the collector"
          " follows at the end of that load")


if __name__ == "__main__":
    main()
