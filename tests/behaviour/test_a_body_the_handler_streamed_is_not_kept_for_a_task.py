"""A body the handler read with `request.stream()` is not kept by the request, as one read with `request.body()` is:
a task that then calls `await request.body()` gets `RuntimeError("Stream consumed")`, before it asks the server for
anything."""

from __future__ import annotations

import pytest
from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from tests.proof import Timeline, call_asgi


@pytest.mark.parametrize(("reading", "expected"), [("body", b"data"), ("stream", "RuntimeError: Stream consumed")],
                         ids=["read-with-body", "read-with-stream"])
def test_a_task_reads_a_body_the_handler_read_with_body_but_not_one_it_read_with_stream(reading, expected):
    seen: list[object] = []

    async def read_later(request: Request) -> None:
        try:
            seen.append(await request.body())
        except RuntimeError as error:
            seen.append(f"RuntimeError: {error}")

    async def upload(request: Request) -> JSONResponse:
        if reading == "body":
            await request.body()
        else:
            assert b"".join([chunk async for chunk in request.stream()]) == b"data"
        return JSONResponse({}, 202, background=Task(read_later, request))

    app = Lilya(routes=[Path("/files/{name}", upload, methods=["PUT"])])
    result = call_asgi(app, Timeline(), "PUT", "/files/report.txt", b"data")
    assert (result.status, result.error) == (202, None)
    assert seen == [expected]
