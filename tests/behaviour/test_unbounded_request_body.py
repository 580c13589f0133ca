"""Neither uvicorn nor Lilya limits the size of a request body: on a uvicorn process with its default settings, a
Lilya handler that awaits `request.body()` gets a 300 MiB body whole, and holds all of it in memory."""

from collections.abc import Iterator

import httpx2
from lilya.apps import Lilya
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from tests.large_bodies import CHUNK, peak_memory
from tests.processes import uvicorn
from tests.proof import TIMEOUT

SIZE = 300 * 1024 * 1024


async def measure(request: Request) -> JSONResponse:
    body = await request.body()
    return JSONResponse({"length": len(body)})


app = Lilya(routes=[Path("/measure", measure, methods=["POST"])])
"""Served in its own uvicorn process, by its import string."""


def body(size: int) -> Iterator[bytes]:
    """`size` bytes, chunked: no declared length for anything to refuse up front."""
    block = b"x" * CHUNK
    for start in range(0, size, CHUNK):
        yield block[: min(CHUNK, size - start)]


def test_on_uvicorn_a_300_mib_body_reaches_request_body_whole_and_raises_the_servers_memory_by_at_least_its_size():
    with uvicorn(f"{__name__}:app") as (url, server):
        before = peak_memory(server.process.pid)
        answer = httpx2.post(url + "/measure", content=body(SIZE), timeout=TIMEOUT * 3)
        grown = peak_memory(server.process.pid) - before
    assert (answer.status_code, answer.json()) == (200, {"length": SIZE}), server.output
    assert grown >= SIZE, grown
