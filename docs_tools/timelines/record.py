"""Record a case: serve its example with uvicorn on 127.0.0.1, send its requests from a client process, and note
when everything happened.

uvicorn runs in a thread of this process, where the app's messages and its tasks are observed; the client runs in a
process of its own (`docs_tools.timelines.client`), on the same clock. Nothing is held or slowed down: the times
are those of a plain run.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import platform
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

from docs_tools.serving.lines import TIMEOUT
from docs_tools.serving.server import serve
from docs_tools.timelines.asgi_timeline import Event, TaskRecorder, Timeline, observed_app
from docs_tools.timelines.cases import Case
from docs_tools.timelines.client import check_clock
from docs_tools.timelines.recording import RecordedEvent, Recording, check_client_order

FINISHED = ("app", "task-end", "task-error", "task-cancelled")


def _finished(events: list[Event]) -> bool:
    """Every app call has ended and every task that started has ended."""
    calls = [event.source for event in events if event.kind == "request"]
    ended = [event.source for event in events if event.kind == "app"]
    started = [event.source for event in events if event.kind == "task-start"]
    tasks_ended = [event.source for event in events if event.kind in FINISHED[1:]]
    return sorted(calls) == sorted(ended) and sorted(started) == sorted(tasks_ended)


def _client(url: str, case: Case) -> list[Event]:
    """The client's events, from a process of its own: each request sent, and its response held in full."""
    order = {"url": url, "requests": [
        {"label": r.label, "method": r.method, "path": r.path, "headers": r.headers,
         "body": base64.b64encode(r.body).decode()} for r in case.requests]}
    done = subprocess.run([sys.executable, "-m", "docs_tools.timelines.client"], input=json.dumps(order),
                          capture_output=True, text=True, timeout=TIMEOUT * 3)
    if done.returncode != 0:
        raise RuntimeError(f"the client of {case.name} exited with {done.returncode}:\n{done.stderr}")
    events = []
    for answer in json.loads(done.stdout):
        events.append(Event("client", "request", source=answer["label"], at=answer["sent"]))
        events.append(Event("client", "response", source=answer["label"], at=answer["held"]))
    return events


def _app(case: Case, root: Path) -> Any:
    """The example's `app`, loaded from its file under `root` with its usual module name (its loggers' names),
    whatever folder the tool runs from."""
    spec = importlib.util.spec_from_file_location(case.module, root / case.example)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"{case.example}: not a Python file under {root}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.app


def _run(case: Case, root: Path) -> list[Event]:
    app = _app(case, root)
    timeline = Timeline()
    with TaskRecorder(timeline).patched(), serve(observed_app(app, timeline)) as served:
        client = _client(served.url, case)
        timeline.wait_until(_finished)
    return sorted([*timeline.events, *client], key=lambda event: event.at)


def record(case: Case, root: Path) -> Recording:
    """The second of two runs: the first pays for what a process does once (imports on first use, a first task
    group: some 15 ms), which a figure of a server at work should not show."""
    check_clock()
    _run(case, root)
    merged = _run(case, root)
    start = merged[0].at
    events = tuple(
        RecordedEvent(round((event.at - start) * 1000, 3), event.kind, event.name, event.source, event.more_body)
        for event in merged
    )
    check_client_order(events, case.name)
    versions = {name: version(name) for name in ("lilya", "uvicorn", "anyio")}
    return Recording(case.name, case.example, {"python": platform.python_version(), **versions}, events)
