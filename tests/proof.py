"""Proof machinery: when do an example's background tasks start, relative to its response?

Every `Task` that Lilya runs goes through `Task.__call__` (a `Tasks` container calls each of
its tasks in turn), so patching that one method observes every example the same way, however
its tasks were declared. Two views are recorded on one timeline:

* ASGI level: the messages the app sends (`send` is wrapped) and each task's start and end.
* End to end: the app is served by uvicorn on 127.0.0.1; each task first waits on a gate
  that the test opens only once the HTTP client holds the complete response. A task that
  ran before the response was sent would block it, and the request would time out.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import anyio
import anyio.to_thread
import httpx2
import pytest
import uvicorn
from lilya.background import Task

TIMEOUT = 10.0
STILL = 0.5
"""How long a request must stay unanswered to count as held up: a bounded wait for an answer that must not come."""


@dataclass(frozen=True)
class Event:
    kind: str  # "send", "client", "app", "task-start", "task-end", "task-error", "task-cancelled"
    name: str  # ASGI message type, how the app call ended, or the task function's name
    more_body: bool = False


def task_name(task: Task) -> str:
    func = getattr(task.func, "_callable", task.func)  # sync functions are wrapped by Lilya
    return getattr(func, "__name__", repr(func))


@dataclass
class Timeline:
    """Ordered events from the event loop and worker threads, with waiting by condition."""

    events: list[Event] = field(default_factory=list)
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def add(self, event: Event) -> None:
        with self._changed:
            self.events.append(event)
            self._changed.notify_all()

    def wait_until(self, predicate: Callable[[list[Event]], bool], timeout: float = TIMEOUT) -> None:
        with self._changed:
            if not self._changed.wait_for(lambda: predicate(self.events), timeout):
                raise AssertionError(f"timed out after {timeout}s; events so far: {self.events}")

    def wait_for(self, kind: str, names: list[str], timeout: float = TIMEOUT) -> None:
        """Wait until the events of `kind` are exactly `names`, e.g. ("task-end", ["send_confirmation"])."""
        self.wait_until(lambda events: self.of(kind) == names, timeout)

    def of(self, kind: str) -> list[str]:
        return [event.name for event in self.events if event.kind == kind]

    def final_body_index(self) -> int:
        finals = [
            i
            for i, e in enumerate(self.events)
            if e.kind == "send" and e.name == "http.response.body" and not e.more_body
        ]
        assert len(finals) == 1, f"expected one final http.response.body, got {self.events}"
        return finals[0]

    def assert_sequential(self) -> None:
        """Each task started only after the one before it had ended."""
        task_events = [e for e in self.events if e.kind.startswith("task-")]
        for before, after in zip(task_events, task_events[1:]):
            if after.kind == "task-start":
                assert before.kind != "task-start", f"{after.name} started while {before.name} ran"

    def assert_tasks_after_response(self, expected: list[str] | None = None) -> list[str]:
        """Every task started after the final body message; returns the tasks in start order."""
        final = self.final_body_index()
        started = [(i, e.name) for i, e in enumerate(self.events) if e.kind == "task-start"]
        assert started, f"no background task ran: {self.events}"
        early = [name for i, name in started if i < final]
        assert early == [], f"tasks started before the response was complete: {early}"
        names = [name for _, name in started]
        if expected is not None:
            assert names == expected
        return names


@dataclass
class TaskRecorder:
    """Patches `Task.__call__`; optionally holds every task at a gate until the test opens it."""

    timeline: Timeline = field(default_factory=Timeline)
    gate: threading.Event | None = None
    barrier: threading.Barrier | None = None

    def hold_tasks(self) -> threading.Event:
        self.gate = threading.Event()
        return self.gate

    def meet_at_barrier(self, parties: int, timeout: float = TIMEOUT / 5) -> None:
        """Each task waits until `parties` tasks are running at once: only concurrent tasks pass; a task still alone
        after `timeout` seconds breaks the barrier."""
        self.barrier = threading.Barrier(parties, timeout=timeout)

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        original = Task.__call__
        recorder = self

        async def observed(task: Task) -> None:
            name = task_name(task)
            recorder.timeline.add(Event("task-start", name))
            try:
                if recorder.gate is not None:
                    opened = await anyio.to_thread.run_sync(recorder.gate.wait, TIMEOUT, abandon_on_cancel=True)
                    assert opened, f"task {name} waited {TIMEOUT}s for the response to be received"
                if recorder.barrier is not None:
                    await anyio.to_thread.run_sync(recorder.barrier.wait)
                await original(task)
            except anyio.get_cancelled_exc_class():
                recorder.timeline.add(Event("task-cancelled", name))
                raise
            except BaseException:
                recorder.timeline.add(Event("task-error", name))
                raise
            recorder.timeline.add(Event("task-end", name))

        monkeypatch.setattr(Task, "__call__", observed)


def observed_app(app: Any, timeline: Timeline, sent: list[dict[str, Any]] | None = None) -> Any:
    """The app, recording on the timeline every message it sends and how its call ended ("app": "returned" or the
    exception's name), for requests served by a real server; the messages themselves go to `sent` too."""

    async def observed(scope: dict[str, Any], receive: Any, send: Any) -> None:
        async def recorded(message: dict[str, Any]) -> None:
            timeline.add(Event("send", message["type"], bool(message.get("more_body", False))))
            if sent is not None:
                sent.append(message)
            await send(message)

        try:
            await app(scope, receive, recorded)
        except BaseException as error:
            timeline.add(Event("app", type(error).__name__))
            raise
        timeline.add(Event("app", "returned"))

    return observed


@dataclass
class AsgiResult:
    status: int
    headers: dict[str, str]
    body: bytes
    error: BaseException | None


def call_asgi(
    app: Any,
    timeline: Timeline,
    method: str = "GET",
    path: str = "/",
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    disconnect_after_chunks: int | None = None,
) -> AsgiResult:
    """Call the app once with a hand-written receive/send, recording every message sent.

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
    client_left: anyio.Event | None = None

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

    async def run() -> BaseException | None:
        nonlocal client_left
        client_left = anyio.Event()
        with anyio.fail_after(TIMEOUT):
            try:
                await app(scope, receive, send)
            except Exception as error:  # noqa: BLE001 - a failing task is part of what is observed
                return error
        return None

    error = anyio.run(run)
    return AsgiResult(status, response_headers, b"".join(chunks), error)


class Lines:
    """Lines arriving from other threads (a log, a process's output), in order, with waiting by condition."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.ended = False
        self._changed = threading.Condition()

    def add(self, line: str) -> None:
        with self._changed:
            self.lines.append(line)
            self._changed.notify_all()

    def end(self) -> None:
        with self._changed:
            self.ended = True
            self._changed.notify_all()

    def wait_until(self, predicate: Callable[[list[str]], bool], timeout: float = TIMEOUT) -> bool:
        """Whether the lines meet `predicate` within `timeout` seconds; stops waiting early once no line can come."""
        with self._changed:
            self._changed.wait_for(lambda: self.ended or predicate(self.lines), timeout)
            return predicate(self.lines)

    def wait_for(self, line: str, timeout: float = TIMEOUT) -> None:
        assert self.wait_until(lambda lines: line in lines, timeout), (line, self.lines)

    def wait_for_end(self, timeout: float = TIMEOUT) -> bool:
        """Whether the source said its last line (a process's output closed) within `timeout` seconds."""
        self.wait_until(lambda lines: False, timeout)
        return self.ended

    def __str__(self) -> str:
        return "\n".join(self.lines)


def read_lines(stream: Any) -> Lines:
    """The lines of a process's text output, read in a thread of their own until the stream ends."""
    lines = Lines()

    def pump() -> None:
        for line in stream:
            lines.add(line.rstrip("\n"))
        lines.end()

    threading.Thread(target=pump, daemon=True).start()
    return lines


class LoggedLines(Lines, logging.Handler):
    """What one logger said: for an example's logger, how a reader running it with uvicorn sees that its tasks ran."""

    def __init__(self) -> None:
        Lines.__init__(self)
        logging.Handler.__init__(self, logging.INFO)

    def emit(self, record: logging.LogRecord) -> None:
        self.add(record.getMessage())


@contextlib.contextmanager
def logged(name: str) -> Iterator[LoggedLines]:
    """The INFO lines of the logger called `name`, for as long as the block runs."""
    logger = logging.getLogger(name)
    handler = LoggedLines()
    level = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def logged_by(module: Any) -> contextlib.AbstractContextManager[LoggedLines]:
    """The INFO lines of the logger an example names after its module (`logging.getLogger(__name__)`)."""
    return logged(module.__name__)


@dataclass
class Served:
    url: str
    server: uvicorn.Server
    thread: threading.Thread
    log: LoggedLines
    """What uvicorn logs (its "uvicorn.error" logger) while it serves."""


def listening_socket(backlog: int = 512) -> socket.socket:
    """A socket on an ephemeral 127.0.0.1 port, already listening, for a server to take over."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
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


def _ended(events: list[Event]) -> int:
    return sum(1 for event in events if event.kind in ("task-end", "task-error", "task-cancelled"))
