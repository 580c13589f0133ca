"""wrk, the HTTP load generator, as the benchmarks run it (one call, one frozen result), and what runs beside it:
the server it loads, and this process's own requests to that server.

The figures come from wrk itself, not from its human-readable report: a Lua `done()` function, appended to every
script, prints one line of JSON after a marker (requests, duration, error counts, and the latency's median, 99th
percentile and maximum, in microseconds). That line is parsed by `read_result`, a pure function. The Lua text lives
here as constants rather than in `.lua` files: the reporter is only ever used together with this parser, so the two
change together, and each benchmark's own request script is a few lines kept beside the benchmark that needs it.
Scripts are written to a temporary folder that is removed when wrk has finished.

The server under wrk's load is started by `server`. Beside wrk, a benchmark reads the app's counters or times a
request of its own with `http_client`, and waits for a condition on the server with `poll`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parent.parent

MARKER = "WRK-RESULT "
"""What starts the reporter's line (written by REPORTER's `io.write`)."""
DEFAULT_TIMEOUT_S = 5
"""Seconds after which wrk counts a request as a timeout error instead of waiting for it."""
GRACE_S = 15
"""Seconds that wrk may run past its duration and timeout before it is killed and reported as stuck."""
POLL_EVERY_S = 0.01

REPORTER = """
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write("WRK-RESULT ", string.format(
    '{"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, '
      .. '"median_us": %d, "p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, errors.connect, errors.read, errors.write, errors.status,
    errors.timeout, latency:percentile(50), latency:percentile(99), latency.max))
end
"""


class WrkError(RuntimeError):
    """wrk failed, or said nothing the benchmark can use."""


@dataclass(frozen=True)
class WrkResult:
    requests: int
    """Responses received (whatever their status)."""
    errors: int
    """Connect, read, write and timeout errors, plus responses with a status of 400 or more (wrk's "non-2xx or
    3xx": its `status` count)."""
    seconds: float
    requests_per_s: float
    median_ms: float
    p99_ms: float
    max_ms: float


def script_text(script: str | None) -> str:
    """The Lua that wrk runs: the caller's script (`wrk.method`, `wrk.body`, `request()`...), then the reporter."""
    return (script or "") + "\n" + REPORTER


def command(url: str, script_path: str, *, connections: int, seconds: float, threads: int,
            timeout_s: int) -> list[str]:
    """wrk's command line. wrk takes whole seconds only (`-d 2s`, not `2.5s`): the duration given is `seconds`
    rounded up, and `run_wrk` interrupts wrk earlier when `seconds` is not whole."""
    if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or not 0 < seconds < math.inf:
        raise ValueError(f"wrk's seconds must be a number > 0, not {seconds!r}")
    for name, value in (("timeout_s", timeout_s), ("threads", threads)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(f"wrk's {name} must be a whole number >= 1, not {value!r}")
    if connections < threads:
        raise ValueError(f"wrk needs at least one connection per thread: {connections} connections, {threads} threads")
    return ["wrk", "--threads", str(threads), "--connections", str(connections), "--duration",
            f"{math.ceil(seconds)}s", "--timeout", f"{timeout_s}s", "--script", script_path, url]


def read_result(args: list[str], returncode: int, output: str) -> WrkResult:
    """The result from wrk's exit code and output (stdout and stderr together); a WrkError naming the command, its
    exit code and its output when wrk failed or printed no result line."""
    lines = [line for line in output.splitlines() if line.startswith(MARKER)]
    if returncode != 0 or len(lines) != 1:
        why = f"exited with {returncode}" if returncode != 0 else f"printed {len(lines)} result lines, not 1"
        raise WrkError(f"wrk {why}: {' '.join(args)}\n{output}")
    try:
        figures = json.loads(lines[0][len(MARKER):])
        seconds = figures["duration_us"] / 1e6
        errors = sum(figures[kind] for kind in ("connect", "read", "write", "timeout", "status"))
        return WrkResult(
            requests=figures["requests"],
            errors=errors,
            seconds=seconds,
            requests_per_s=figures["requests"] / seconds if seconds > 0 else 0.0,
            median_ms=figures["median_us"] / 1000,
            p99_ms=figures["p99_us"] / 1000,
            max_ms=figures["max_us"] / 1000,
        )
    except (ValueError, KeyError, TypeError) as error:
        raise WrkError(f"wrk's result line is not what the reporter prints ({error}): {' '.join(args)}\n"
                       f"{output}") from error


def run_wrk(url: str, *, connections: int, seconds: float, threads: int = 1, script: str | None = None,
            timeout_s: int = DEFAULT_TIMEOUT_S) -> WrkResult:
    """Load `url` with wrk for `seconds` over `connections` keep-alive connections (wrk reuses each connection for
    request after request), a request counting as an error once it took `timeout_s` seconds.

    For a duration that is not a whole number of seconds, wrk is interrupted (SIGINT) once `seconds` have passed:
    wrk then stops its connections and reports as at the end of its own duration."""
    executable = shutil.which("wrk")
    if executable is None:
        raise WrkError("wrk is not installed (./scripts/environment.sh installs it: ensure_wrk)")
    with tempfile.TemporaryDirectory(prefix="wrk-") as folder:
        path = Path(folder) / "script.lua"
        path.write_text(script_text(script), encoding="utf-8")
        args = command(url, str(path), connections=connections, seconds=seconds, threads=threads,
                       timeout_s=timeout_s)
        args[0] = executable
        process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
        try:
            output = _output(process, seconds, math.ceil(seconds) + timeout_s + GRACE_S)
        except BaseException as error:
            process.kill()
            said = process.communicate()[0]
            if isinstance(error, subprocess.TimeoutExpired):
                raise WrkError(f"wrk was still running after {error.timeout}s and was killed: {' '.join(args)}\n"
                               f"{said}") from None
            raise
    return read_result(args, process.returncode, output)


def _output(process: subprocess.Popen[str], seconds: float, limit_s: float) -> str:
    """wrk's output once it has exited, interrupted after `seconds` unless that is its own duration."""
    if seconds != math.ceil(seconds):
        try:
            return process.communicate(timeout=seconds)[0]
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGINT)
    return process.communicate(timeout=limit_s)[0]


@contextlib.contextmanager
def server(app: str) -> Iterator[str]:
    """`uvicorn MODULE:app` in a process of its own (`tests.processes.uvicorn`), without its access log: a line per
    request would load the server and this process. Yields its base URL."""
    from tests.processes import uvicorn  # here: the servers import the benchmark modules, and need no test machinery

    with uvicorn(app, "--no-access-log") as (url, _):
        yield url


def http_client(timeout_s: float) -> httpx2.Client:
    """A client for requests of the benchmark's own, any number at once, without httpx2's log line per request
    (building a Lilya app, as importing a benchmark module does, sets the root logger to INFO, with a handler)."""
    logging.getLogger("httpx2").setLevel(logging.WARNING)
    unlimited = httpx2.Limits(max_connections=None, max_keepalive_connections=None)
    return httpx2.Client(timeout=timeout_s, limits=unlimited)


def poll(condition: Callable[[], bool], deadline_s: float, what: str) -> float:
    """Wait until `condition()` holds, asking every POLL_EVERY_S; the seconds it took, or a TimeoutError naming
    `what` after `deadline_s`."""
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > deadline_s:
            raise TimeoutError(f"{what}: not done after {deadline_s}s")
        time.sleep(POLL_EVERY_S)  # the pause between two looks
    return time.perf_counter() - started
