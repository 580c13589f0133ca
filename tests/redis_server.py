"""A Redis server of the suite's own, for the job-queue proofs: started in a temporary folder on a free 127.0.0.1
port, and stopped (killed if it must be) when the block ends, so that nothing is left running."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.processes import Running, start
from tests.proof import TIMEOUT

READY = "Ready to accept connections"
PORT_TAKEN = "Address already in use"


@dataclass
class RedisServer:
    folder: Path
    port: int
    running: Running

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def kill(self) -> None:
        """Stop the server as a crash would: SIGKILL, no chance to save anything."""
        self.running.kill()


def free_port() -> int:
    """A port the kernel has just handed out and taken back; another process may take it first (the caller retries)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(folder: Path, appendfsync: str | None) -> RedisServer | None:
    """A started server, or None when another process took the port first."""
    port = free_port()
    persistence = ["--appendonly", "yes", "--appendfsync", appendfsync, "--save", ""] if appendfsync else []
    running = start(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--dir", str(folder), *persistence]
    )
    if not running.said(READY):
        running.stop(graceful=False)
        if any(PORT_TAKEN in line for line in running.output.lines):
            return None
        why = "exited" if running.output.ended else f"was not ready in {TIMEOUT}s"
        raise AssertionError(f"redis-server {why}:\n{running.output}")
    return RedisServer(folder, port, running)


@contextlib.contextmanager
def redis_server(folder: Path, appendfsync: str | None = "always") -> Iterator[RedisServer]:
    """A Redis server keeping its data in `folder`, in an append-only file synced to disk before each write is
    acknowledged (`appendfsync` "always"), once a second ("everysec"), or, with None, as Redis does by default: no
    append-only file, a snapshot now and then."""
    folder.mkdir(parents=True, exist_ok=True)
    server = None
    for _ in range(5):
        server = _start(folder, appendfsync)
        if server is not None:
            break
    assert server is not None, "five free ports in a row were taken before redis-server could listen"
    try:
        yield server
    finally:
        server.running.stop()
