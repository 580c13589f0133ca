"""An `EventStreamResponse` with `send_timeout` also ends its stream when its source has no next event within that
many seconds; then it does not run its tasks: the call raises an exception group holding `TimeoutError("SSE send
timed out")`. The timeout is what is tested, not a way of ordering events: the source waits on nothing that ends."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import anyio
import lilya.responses as responses
from lilya.background import Task

from tests.proof import call_asgi


async def job() -> None:
    """The background task of the response."""


async def one_event_then_none() -> AsyncIterator[dict[str, Any]]:
    yield {"event": "tick", "data": 1}
    await anyio.sleep_forever()  # no second event, ever


def test_an_event_stream_ended_by_its_send_timeout_runs_no_task_and_raises_a_timeout_error_group(recorder):
    response = responses.EventStreamResponse(one_event_then_none(), send_timeout=0.2, ping_interval=0,
                                             background=Task(job))
    result = call_asgi(response, recorder.timeline, "GET", "/")
    assert isinstance(result.error, BaseExceptionGroup)
    assert [repr(error) for error in result.error.exceptions] == ["TimeoutError('SSE send timed out')"]
    assert b"event: tick\ndata: 1\n\n" in result.body
    sent = [(event.name, event.more_body) for event in recorder.timeline.events if event.kind == "send"]
    assert sent[-1] == ("http.response.body", False)  # the stream was ended
    assert recorder.timeline.of("task-start") == []
