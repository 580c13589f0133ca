"""Record a case: serve its example with uvicorn on 127.0.0.1, send its requests, and note when everything happened.

uvicorn runs in a thread of this process, so the client, the server and the tasks share one clock. Nothing is held
or slowed down: the times are those of a plain run.
"""

from __future__ import annotations

import importlib
import platform
from importlib.metadata import version

import httpx2

from docs_tools.asgi_timeline import Event, TaskRecorder, Timeline, observed_app
from docs_tools.lines import TIMEOUT
from docs_tools.serving import serve
from docs_tools.timelines.cases import Case
from docs_tools.timelines.recording import RecordedEvent, Recording, check_client_order

FINISHED = ("app", "task-end", "task-error", "task-cancelled")


def _finished(events: list[Event]) -> bool:
    """Every app call has ended and every task that started has ended."""
    calls = [event.source for event in events if event.kind == "request"]
    ended = [event.source for event in events if event.kind == "app"]
    started = [event.source for event in events if event.kind == "task-start"]
    tasks_ended = [event.source for event in events if event.kind in FINISHED[1:]]
    return sorted(calls) == sorted(ended) and sorted(started) == sorted(tasks_ended)


def record(case: Case) -> Recording:
    app = importlib.import_module(case.module).app
    timeline = Timeline()
    with TaskRecorder(timeline).patched(), serve(observed_app(app, timeline)) as served:
        with httpx2.Client(base_url=served.url, timeout=TIMEOUT) as client:
            for request in case.requests:
                timeline.add(Event("client", "request", source=request.label))
                client.request(request.method, request.path, content=request.body, headers=request.headers)
                timeline.add(Event("client", "response", source=request.label))
        timeline.wait_until(_finished)
    start = timeline.events[0].at
    events = tuple(
        RecordedEvent(round((event.at - start) * 1000, 3), event.kind, event.name, event.source, event.more_body)
        for event in timeline.events
    )
    check_client_order(events, case.name)
    versions = {name: version(name) for name in ("lilya", "uvicorn", "anyio")}
    return Recording(case.name, case.example, {"python": platform.python_version(), **versions}, events)
