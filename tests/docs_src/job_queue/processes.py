"""The job-queue example run as a reader runs it: the web app under uvicorn and dramatiq workers, each a process of
its own, on the suite's Redis server, with the scanner the test chooses."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator

import redis

from docs_src.job_queue.storage import NOTIFICATIONS
from tests.mkdocs_site import ROOT
from tests.processes import Running, running, uvicorn
from tests.proof import TIMEOUT

WORKER = "docs_src.job_queue.worker"
HELD_WORKER = "tests.docs_src.job_queue.held_worker"
WORKER_READY = "Worker process is ready for action."
THREADS = 4
POLL = {"dramatiq_worker_timeout": "100"}
"""An idle worker asks Redis for new jobs at least every 100 ms, instead of dramatiq's 1 s: the proofs wait less for
each pick-up, and assert nothing about its delay (the upload benchmark measures it with dramatiq's default)."""


def environment(redis_url: str, scanner_url: str = "http://127.0.0.1:9/scan") -> dict[str, str]:
    """What the example reads from its environment; the default scanner address refuses connections (port 9)."""
    return {**os.environ, "REDIS_URL": redis_url, "SCANNER_URL": scanner_url, "PYTHONDONTWRITEBYTECODE": "1"}


def web_app(redis_url: str) -> contextlib.AbstractContextManager[tuple[str, Running]]:
    """`uvicorn docs_src.job_queue.web:app` on an ephemeral 127.0.0.1 port, once its startup has connected to Redis;
    yields its base URL and the process."""
    return uvicorn("docs_src.job_queue.web:app", env=environment(redis_url))


@contextlib.contextmanager
def worker(redis_url: str, scanner_url: str, module: str = WORKER,
           changed: threading.Condition | None = None, poll: dict[str, str] = POLL,
           threads: int = THREADS) -> Iterator[Running]:
    """`dramatiq docs_src.job_queue.worker` (or the held worker) with one worker process of `threads` threads, once that
    process is ready; `changed` is shared by workers whose output one wait spans; `poll={}` leaves dramatiq's own
    polling delay. The command's process forks the
    worker process: both lead a process group of their own, which a kill ends as a crash of the machine would."""
    command = [sys.executable, "-m", "dramatiq", module, "--processes", "1", "--threads", str(threads)]
    with running(command, WORKER_READY, changed=changed, cwd=ROOT, env=environment(redis_url, scanner_url) | poll,
                 start_new_session=True) as process:
        yield process


def notifications(redis_url: str, count: int, timeout: float = TIMEOUT) -> list[str]:
    """The next `count` notifications the jobs push, taken off the list as they come (each wait bounded)."""
    taken: list[str] = []
    with redis.Redis.from_url(redis_url, decode_responses=True) as client:
        for _ in range(count):
            popped = client.blpop([NOTIFICATIONS], timeout=timeout)
            assert popped is not None, f"{len(taken)} of {count} notifications came within {timeout}s each: {taken}"
            taken.append(popped[1])
    return taken
