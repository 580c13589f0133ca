"""Processes a test starts (a server, a worker), with their output read as it comes, and stopped whatever happens:
the one way the suite runs a program of its own, so that none is left running."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from tests.mkdocs_site import ROOT
from tests.proof import TIMEOUT, Lines, read_lines


@dataclass
class Running:
    process: subprocess.Popen[str]
    output: Lines
    """Its standard output and error, one line at a time."""
    group: bool = False
    """Whether it leads a process group of its own (started with `start_new_session`), whose members it forks: then
    a crash, or a stop that has to force, ends them all."""

    def said(self, text: str, timeout: float = TIMEOUT) -> bool:
        """Whether a line containing `text` came within `timeout` seconds (False at once if the process ended)."""
        return self.output.wait_until(lambda lines: any(text in line for line in lines), timeout)

    def kill(self) -> None:
        """End it as a crash would: SIGKILL, no chance to clean up (for a group, every process of it)."""
        self._kill()
        self.process.wait(TIMEOUT)

    def _kill(self) -> None:
        if self.group:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        else:
            self.process.kill()

    def stop(self, graceful: bool = True) -> None:
        """SIGTERM (or SIGKILL when not `graceful`), SIGKILL if it is still running after TIMEOUT seconds; then read
        its output to the end."""
        if self.process.poll() is None:
            if graceful:
                self.process.terminate()
            else:
                self._kill()
            try:
                self.process.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                self._kill()
                self.process.wait(TIMEOUT)
        if self.group:
            self._kill()  # whatever of the group outlived its leader
        self.output.wait_for_end()
        self.process.stdout.close()


def start(args: Sequence[str], changed: threading.Condition | None = None, **popen: Any) -> Running:
    """Start `args` (`popen` as subprocess.Popen takes it: cwd, env, pass_fds), reading its output from now on;
    `changed` is shared with other processes' output when one wait spans them (see Lines)."""
    process = subprocess.Popen(
        list(args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **popen
    )
    return Running(process, read_lines(process.stdout, changed), group=popen.get("start_new_session", False))


@contextlib.contextmanager
def running(args: Sequence[str], ready: str, timeout: float = TIMEOUT, graceful: bool = True,
            changed: threading.Condition | None = None, **popen: Any) -> Iterator[Running]:
    """The process, once a line of its output contains `ready`; stopped when the block ends."""
    started = start(args, changed, **popen)
    try:
        if not started.said(ready, timeout):
            if started.output.ended:
                why = f"exited with {started.process.wait(TIMEOUT)}"
            else:
                why = f"did not say it in {timeout}s"
            raise AssertionError(f"{args[0]} was to say {ready!r} and {why}:\n{started.output}")
        yield started
    finally:
        started.stop(graceful)


@contextlib.contextmanager
def uvicorn(app: str, *options: str, **popen: Any) -> Iterator[tuple[str, Running]]:
    """`uvicorn MODULE:app` from the project root on an ephemeral 127.0.0.1 port, once it listens (its lifespan
    startup done); yields its base URL and the process. `options` go to uvicorn's command line.

    uvicorn binds the port itself (`--port 0`), as a deployment does. Handed a socket with `--fd`, it would wrap it
    as a Unix socket, asyncio would leave Nagle's algorithm on, and a response on a kept-alive connection would wait
    for the client's delayed acknowledgement (about 40 ms on Linux).
    """
    command = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", "0", *options]
    with running(command, "Uvicorn running on", cwd=ROOT, **popen) as process:
        found = re.search(r"Uvicorn running on (http://127\.0\.0\.1:\d+)", str(process.output))
        if found is None:
            raise AssertionError(f"uvicorn did not say which port it listens on:\n{process.output}")
        yield found.group(1), process
