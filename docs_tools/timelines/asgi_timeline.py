"""A timeline of what an ASGI app did, for the suite's proofs and the pages' figures: the messages it sent, each
background task's start and end, and when each happened.

Every `Task` that Lilya runs goes through `Task.__call__` (a `Tasks` container calls each of its tasks in turn), so
patching that one method observes every example the same way, however its tasks were declared.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import anyio
import anyio.to_thread
from lilya.background import Task

from docs_tools.serving.gate import opened
from docs_tools.serving.lines import TIMEOUT


@dataclass(frozen=True)
class Event:
    kind: str  # "request", "send", "client", "app", "task-start", "task-end", "task-error", "task-cancelled"
    name: str  # ASGI message type, how the app call ended, or the task function's name
    more_body: bool = False
    source: str = field(default="", compare=False)
    """Which request ("POST /orders") or which task ("notify#2", the second Task object seen) it belongs to."""
    at: float = field(default=0.0, compare=False)
    """`time.perf_counter()` when the timeline received it; tests compare events without it."""


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
            self.events.append(replace(event, at=time.perf_counter()))
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
    _numbers: dict[int, int] = field(default_factory=dict)

    def source(self, task: Task) -> str:
        """The task's name and its number in the order Task objects were first seen: `notify#2`."""
        number = self._numbers.setdefault(id(task), len(self._numbers) + 1)
        return f"{task_name(task)}#{number}"

    def hold_tasks(self) -> threading.Event:
        self.gate = threading.Event()
        return self.gate

    def meet_at_barrier(self, parties: int, timeout: float = TIMEOUT / 5) -> None:
        """Each task waits until `parties` tasks are running at once: only concurrent tasks pass; a task still alone
        after `timeout` seconds breaks the barrier."""
        self.barrier = threading.Barrier(parties, timeout=timeout)

    def install(self, monkeypatch: Any) -> None:
        """Patch through `monkeypatch` (pytest's, or `patched()`), which undoes it."""
        original = Task.__call__
        recorder = self

        async def observed(task: Task) -> None:
            name = task_name(task)
            source = recorder.source(task)
            recorder.timeline.add(Event("task-start", name, source=source))
            try:
                if recorder.gate is not None:
                    assert await opened(recorder.gate), f"task {name} waited {TIMEOUT}s for the response to be received"
                if recorder.barrier is not None:
                    await anyio.to_thread.run_sync(recorder.barrier.wait)
                await original(task)
            except anyio.get_cancelled_exc_class():
                recorder.timeline.add(Event("task-cancelled", name, source=source))
                raise
            except BaseException:
                recorder.timeline.add(Event("task-error", name, source=source))
                raise
            recorder.timeline.add(Event("task-end", name, source=source))

        monkeypatch.setattr(Task, "__call__", observed)

    @contextlib.contextmanager
    def patched(self) -> Iterator[TaskRecorder]:
        """Installed for as long as the block runs, outside pytest."""
        original = Task.__call__
        self.install(_Setter())
        try:
            yield self
        finally:
            Task.__call__ = original


class _Setter:
    def setattr(self, target: Any, name: str, value: Any) -> None:
        setattr(target, name, value)


def observed_app(app: Any, timeline: Timeline, sent: list[dict[str, Any]] | None = None) -> Any:
    """The app, recording on the timeline every message it sends and how its call ended ("app": "returned" or the
    exception's name), for requests served by a real server; the messages themselves go to `sent` too."""

    async def observed(scope: dict[str, Any], receive: Any, send: Any) -> None:
        query = scope.get("query_string", b"").decode("latin-1")
        source = f"{scope.get('method', '')} {scope.get('path', '')}" + (f"?{query}" if query else "")
        timeline.add(Event("request", scope["type"], source=source))

        async def recorded(message: dict[str, Any]) -> None:
            timeline.add(Event("send", message["type"], bool(message.get("more_body", False)), source))
            if sent is not None:
                sent.append(message)
            await send(message)

        try:
            await app(scope, receive, recorded)
        except BaseException as error:
            timeline.add(Event("app", type(error).__name__, source=source))
            raise
        timeline.add(Event("app", "returned", source=source))

    return observed
