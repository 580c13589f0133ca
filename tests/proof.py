"""Proof machinery: when do an example's background tasks start, relative to its response?

The timeline itself (`docs_tools.timelines.asgi_timeline`) is shared with the pages' figures. Two views are recorded on it:

* ASGI level: the messages the app sends (`send` is wrapped) and each task's start and end.
* End to end: the app is served by uvicorn on 127.0.0.1; each task first waits on a gate
  that the test opens only once the HTTP client holds the complete response. A task that
  ran before the response was sent would block it, and the request would time out.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import anyio
import httpx2

from docs_tools.serving.gate import opened
from docs_tools.serving.lines import TIMEOUT, Lines, LoggedLines, logged, logged_by, read_lines
from docs_tools.serving.server import Served, listening_socket, serve
from docs_tools.timelines.asgi_timeline import Event, TaskRecorder, Timeline, observed_app, task_name

__all__ = [
    "TIMEOUT", "STILL", "Event", "TaskRecorder", "Timeline", "observed_app", "task_name", "Lines", "LoggedLines",
    "logged", "logged_by", "read_lines", "opened", "Served", "listening_socket", "serve", "AsgiResult", "call_asgi",
    "Pending", "get_in_background", "prove_end_to_end", "call_asgi_in_loop", "wait_until_cancelled",
]
STILL = 0.5
"""How long a request must stay unanswered to count as held up: a bounded wait for an answer that must not come."""


@dataclass
class AsgiResult:
    status: int
    headers: dict[str, str]
    body: bytes
    error: BaseException | None


def call_asgi(app: Any, timeline: Timeline, *request: Any, **options: Any) -> AsgiResult:
    """Call the app once, as `call_asgi_in_loop` does (the same arguments), in an event loop of its own that ends with
    the call."""

    async def run() -> AsgiResult:
        with anyio.fail_after(TIMEOUT):
            return await call_asgi_in_loop(app, timeline, *request, **options)

    return anyio.run(run)


async def call_asgi_in_loop(
    app: Any,
    timeline: Timeline,
    method: str = "GET",
    path: str = "/",
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    disconnect_after_chunks: int | None = None,
) -> AsgiResult:
    """Call the app once with a hand-written receive/send, recording every message sent, in the running event loop:
    what the call leaves running goes on after it returns.

    With `disconnect_after_chunks`, the client disconnects once that many body messages arrived.
    """
    path, _, query = path.partition("?")
    raw_headers = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    if body:
        raw_headers.append((b"content-length", str(len(body)).encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": raw_headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
        "state": {},
    }
    request_sent = False
    status, response_headers, chunks = 0, {}, []
    client_left = anyio.Event()

    async def receive() -> dict[str, Any]:
        nonlocal request_sent
        if not request_sent:
            request_sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        if disconnect_after_chunks is not None:
            await client_left.wait()
            timeline.add(Event("client", "http.disconnect"))
            return {"type": "http.disconnect"}
        await anyio.sleep_forever()  # the client stays connected
        raise AssertionError("unreachable")  # pragma: no cover

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        timeline.add(Event("send", message["type"], bool(message.get("more_body", False))))
        if message["type"] == "http.response.start":
            status = message["status"]
            response_headers.update((k.decode(), v.decode()) for k, v in message.get("headers", []))
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
            if disconnect_after_chunks is not None and len(chunks) >= disconnect_after_chunks:
                client_left.set()

    error = None
    try:
        await app(scope, receive, send)
    except Exception as caught:  # noqa: BLE001 - a failing task is part of what is observed
        error = caught
    return AsgiResult(status, response_headers, b"".join(chunks), error)


@dataclass
class Pending:
    """A request made from another thread, so that the test can watch whether and when it is answered."""

    answered: threading.Event = field(default_factory=threading.Event)
    responses: list[Any] = field(default_factory=list)


def get_in_background(url: str, on_answer: Callable[[Any], None] | None = None) -> Pending:
    """GET `url` from a new thread; `on_answer(response)` runs in that thread as soon as the answer arrives."""
    pending = Pending()

    def ask() -> None:
        response = httpx2.get(url, timeout=TIMEOUT)
        if on_answer is not None:
            on_answer(response)
        pending.responses.append(response)
        pending.answered.set()

    threading.Thread(target=ask, daemon=True).start()
    return pending


def prove_end_to_end(
    app: Any,
    recorder: TaskRecorder,
    method: str,
    path: str,
    expected_tasks: list[str],
    response_timeout: float = TIMEOUT / 2,
    **request: Any,
) -> Any:
    """Serve the app; the tasks are held until the client holds the whole response.

    Returns the client's response once every expected task has ended. If the response does not arrive
    within `response_timeout` (a task ran first and holds it), the client's timeout error propagates.
    """
    gate = recorder.hold_tasks()
    with serve(app) as served:
        try:
            response = httpx2.request(method, served.url + path, timeout=response_timeout, **request)
            assert recorder.timeline.of("task-end") == [], "a task ended before its gate was opened"
        finally:
            gate.set()  # also on failure, so that the server can stop
        recorder.timeline.wait_until(lambda events: _ended(events) >= len(expected_tasks))
    assert recorder.timeline.of("task-start") == expected_tasks
    assert recorder.timeline.of("task-end") == expected_tasks
    return response


async def wait_until_cancelled(said: list[str], what: str = "cancelled") -> None:
    """Await for ever, standing for work that never ends; once cancelled, append `what` to `said`, and let the
    cancellation go on."""
    try:
        await anyio.sleep_forever()
    except anyio.get_cancelled_exc_class():
        said.append(what)
        raise


def _ended(events: list[Event]) -> int:
    return sum(1 for event in events if event.kind in ("task-end", "task-error", "task-cancelled"))
