"""The recording's client: requests sent one after another, times on the clock the server reads too."""

from __future__ import annotations

import base64
import time

import pytest
from lilya.apps import Lilya
from lilya.responses import PlainText
from lilya.routing import Path

from docs_tools.serving.server import serve
from docs_tools.timelines import client


async def echo(request) -> PlainText:
    return PlainText((await request.body()).decode())


def test_each_request_is_timed_from_sending_to_holding_its_response():
    with serve(Lilya(routes=[Path("/", echo, methods=["POST"])])) as served:
        before = time.perf_counter()
        times = client.send_all(served.url, [
            {"label": f"POST / {n}", "method": "POST", "path": "/", "headers": {}, "body": base64.b64encode(b"x")}
            for n in (1, 2)])
    assert [answer["status"] for answer in times] == [200, 200]
    assert before < times[0]["sent"] < times[0]["held"] <= times[1]["sent"] < times[1]["held"]


def test_a_clock_that_two_processes_cannot_share_is_refused(monkeypatch):
    class Info:
        implementation = "QueryPerformanceCounter()"

    monkeypatch.setattr(client.time, "get_clock_info", lambda name: Info)
    with pytest.raises(client.ClockError, match="recording needs clock_gettime"):
        client.check_clock()
