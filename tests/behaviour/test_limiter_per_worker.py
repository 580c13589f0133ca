"""The limit of the `limited` example is per process: served by uvicorn with two worker processes, each worker lets
its own four invoices through at once, so eight are sent at the same time, and never more than four in one worker.

Each worker process imports this module (its import string is the app); told so by the environment, it replaces the
example's mail call with a probe that connects to the test, says which process it is in, and waits until the test
closes the connection."""

import os
import socket
import threading
import types
from collections import Counter

import anyio
import httpx2

from docs_src.background_tasks import limited
from tests.processes import uvicorn
from tests.proof import STILL, TIMEOUT

PROBE_PORT = "LIMITER_PROBE_PORT"
REQUESTS = 20
"""Sent in any case: enough for both workers to have more than four, as a rule."""
MOST_REQUESTS = 200
"""Sent at most, while one worker still has fewer than four."""
WORKERS = 2


async def probe(seconds: float) -> None:
    """Stands in for the mail call, inside `async with mail_slots`."""
    async with await anyio.connect_tcp("127.0.0.1", int(os.environ[PROBE_PORT])) as stream:
        await stream.send(f"{os.getpid()}\n".encode())
        try:
            await stream.receive()  # until the test closes the connection
        except (anyio.EndOfStream, anyio.BrokenResourceError):
            pass


if PROBE_PORT in os.environ:  # in a worker process of the test's uvicorn
    limited.anyio = types.SimpleNamespace(sleep=probe)
app = limited.app


class Probes:
    """The probes connected to the test until it releases them: how many are inside `mail_slots` in each process.
    None leaves before the release, so the count is both how many are inside now and the most there have been."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=MOST_REQUESTS)
        self.changed = threading.Condition()
        self.inside: Counter[str] = Counter()
        self.connections: list[socket.socket] = []
        self.released = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def port(self) -> int:
        return self.listener.getsockname()[1]

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return  # closed
            connection.settimeout(TIMEOUT)
            pid = connection.makefile().readline().strip()
            with self.changed:
                if self.released:  # the counting is over: let it through at once
                    connection.close()
                    continue
                self.inside[pid] += 1
                self.connections.append(connection)
                self.changed.notify_all()

    def wait_until(self, predicate, timeout: float = TIMEOUT) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: predicate(self.inside), timeout)

    def release(self) -> None:
        """Ends every probe's wait, and from now on each new probe's as soon as it connects."""
        with self.changed:
            self.released = True
            for connection in self.connections:
                connection.close()

    def close(self) -> None:
        self.release()
        self.listener.close()


def full(inside: Counter[str]) -> bool:
    """Both workers have four invoices inside their slots."""
    return sorted(inside.values()) == [limited.MAX_AT_ONCE] * WORKERS


def test_with_two_uvicorn_workers_each_sends_its_own_four_invoices_at_once():
    probes = Probes()
    environment = {**os.environ, PROBE_PORT: str(probes.port)}
    try:
        with uvicorn(f"{__name__}:app", "--workers", str(WORKERS), env=environment) as (url, server):
            try:
                started = server.output.wait_until(  # a worker listens once its startup is complete
                    lambda lines: sum("Application startup complete" in line for line in lines) == WORKERS)
                assert started, server.output
                sent = 0
                while sent < MOST_REQUESTS and not (sent >= REQUESTS and probes.wait_until(full, timeout=0)):
                    sent += 1  # which worker takes a connection is the kernel's choice: send until both have four
                    answer = httpx2.post(f"{url}/orders/{sent}/close", timeout=TIMEOUT)
                    assert answer.status_code == 202, server.output
                assert probes.wait_until(full), (sent, probes.inside, server.output)
                assert not probes.wait_until(lambda inside: max(inside.values()) > limited.MAX_AT_ONCE, STILL), \
                    probes.inside  # the other invoices wait for a slot in their own worker
            finally:
                probes.release()  # before uvicorn stops: it waits for the tasks
            assert server.output.wait_until(
                lambda lines: sum("invoice for order" in line for line in lines) == sent), server.output
    finally:
        probes.close()
    assert sorted(probes.inside.values()) == [limited.MAX_AT_ONCE] * WORKERS  # never more than four in one
