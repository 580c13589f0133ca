"""uvicorn serving an app from a thread of this process, on an ephemeral 127.0.0.1 port: the clock and the
memory are shared with the caller, which is what a recorded timeline needs."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import uvicorn

from docs_tools.serving.lines import TIMEOUT, LoggedLines, logged


@dataclass
class Served:
    url: str
    server: uvicorn.Server
    thread: threading.Thread
    log: LoggedLines
    """What uvicorn logs (its "uvicorn.error" logger) while it serves."""


def listening_socket(backlog: int = 512) -> socket.socket:
    """A socket on an ephemeral 127.0.0.1 port, already listening, for a server to take over.

    Made with the TCP protocol number, not 0: asyncio turns Nagle's algorithm off only on connections whose socket
    says it is TCP, and with it on, a response on a kept-alive connection waits for the client's delayed
    acknowledgement (about 40 ms on Linux)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    sock.listen(backlog)
    return sock


@contextlib.contextmanager
def serve(app: Any, **settings: Any) -> Iterator[Served]:
    """Run uvicorn in a thread on an ephemeral 127.0.0.1 port (`settings` as uvicorn.Config takes them, e.g.
    `lifespan="on"` to run the app's startup hooks).

    The socket is bound and listening before the server starts, so a client may connect at once:
    the kernel queues the connection until uvicorn accepts it.
    """
    sock = listening_socket()
    port = sock.getsockname()[1]
    options = {"lifespan": "off", "log_level": "info", "access_log": False, "log_config": None, **settings}
    config = uvicorn.Config(app, **options)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    with logged("uvicorn.error") as log:
        thread.start()
        try:
            yield Served(f"http://127.0.0.1:{port}", server, thread, log)
        finally:
            server.should_exit = True
            thread.join(TIMEOUT)
            sock.close()
    assert not thread.is_alive(), "uvicorn did not stop"
