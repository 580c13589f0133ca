"""A recorded run, as committed under `timelines/`: its events with their times, read and written as JSON.

The order a figure depends on is the server's: what the app sent and when each task started and ended, all on one
event loop. The client's two events (request sent, complete response held) are ordered only against its own
request's messages, since the client reads a response while the tasks that follow it already run: whether a task
starts before or after the client has the last byte is a race, and not part of what a figure claims.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

FOLDER = "timelines"
"""Where the recordings live, from the project root."""
KINDS = ("client", "request", "send", "app", "task-start", "task-end", "task-error", "task-cancelled")
CLIENT_NAMES = ("request", "response")


class RecordingError(ValueError):
    """A recording that cannot be read or drawn; the message names the file and the value."""


@dataclass(frozen=True)
class RecordedEvent:
    ms: float
    """Milliseconds since the client sent its first request."""
    kind: str
    name: str
    source: str
    """The request ("POST /orders") or the task ("notify#2") the event belongs to."""
    more_body: bool = False

    @property
    def lane(self) -> tuple[str, str]:
        """Where the figure draws it: the client's, the server's or a task's row."""
        if self.kind == "client":
            return ("client", self.source)
        if self.kind.startswith("task-"):
            return ("task", self.source)
        return ("server", self.source)

    @property
    def step(self) -> tuple[str, str, str, bool]:
        return (self.kind, self.name, self.source, self.more_body)


@dataclass(frozen=True)
class Recording:
    case: str
    example: str
    recorded_with: dict[str, str]
    events: tuple[RecordedEvent, ...]

    def server_order(self) -> list[tuple[str, str, str, bool]]:
        """What the server did, in the order it did it: the part of a figure a fresh recording must repeat."""
        return [event.step for event in self.events if event.kind != "client"]

    def lanes(self) -> list[tuple[str, str]]:
        """The rows of the figure, in the order of their first event."""
        seen: dict[tuple[str, str], None] = {}
        for event in self.events:
            seen.setdefault(event.lane, None)
        return list(seen)

    def to_json(self) -> str:
        data = {"case": self.case, "example": self.example, "recorded_with": self.recorded_with,
                "events": [asdict(event) for event in self.events]}
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def check_client_order(events: tuple[RecordedEvent, ...], where: str) -> None:
    """Each request's client events bracket its server events: sent before the app saw it, held after the last body
    message went out. A recording that breaks this was not made by this project's recorder."""
    for source in {event.source for event in events if event.kind == "client"}:
        own = [event for event in events if event.source == source]
        kinds = [(event.kind, event.name) for event in own]
        if kinds[0] != ("client", "request") or ("client", "response") not in kinds:
            raise RecordingError(f"{where}: {source}: the client's request must come first and its response must "
                                 f"be recorded, found {kinds}")
        held = kinds.index(("client", "response"))
        finals = [i for i, event in enumerate(own) if event.kind == "send" and event.name == "http.response.body"
                  and not event.more_body]
        if not finals or finals[0] > held:
            raise RecordingError(f"{where}: {source}: the client held the response before its last body message "
                                 "was sent")


def _event(item: Any, where: str) -> RecordedEvent:
    if not isinstance(item, dict):
        raise RecordingError(f"{where}: an event must be an object, found {item!r}")
    try:
        event = RecordedEvent(float(item["ms"]), str(item["kind"]), str(item["name"]), str(item["source"]),
                              bool(item.get("more_body", False)))
    except (KeyError, TypeError, ValueError) as error:
        raise RecordingError(f"{where}: an event needs ms, kind, name and source ({error}): {item!r}") from None
    if event.kind not in KINDS:
        raise RecordingError(f"{where}: unknown kind {event.kind!r}; one of {', '.join(KINDS)}")
    if event.kind == "client" and event.name not in CLIENT_NAMES:
        raise RecordingError(f"{where}: a client event is 'request' or 'response', found {event.name!r}")
    return event


def parse(text: str, where: str) -> Recording:
    """A recording from its JSON; every problem names `where` and the value."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise RecordingError(f"{where}:{error.lineno}: not JSON: {error.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise RecordingError(f"{where}: needs 'case', 'example', 'recorded_with' and a list of 'events'")
    events = tuple(_event(item, f"{where}: event {number}") for number, item in enumerate(data["events"], 1))
    times = [event.ms for event in events]
    if times != sorted(times):
        raise RecordingError(f"{where}: events must be in time order")
    if not events:
        raise RecordingError(f"{where}: no events")
    check_client_order(events, where)
    return Recording(str(data.get("case", "")), str(data.get("example", "")), dict(data.get("recorded_with", {})),
                     events)


def path_of(root: Path, case: str) -> Path:
    return root / FOLDER / f"{case}.json"


def load(root: Path, case: str) -> Recording:
    path = path_of(root, case)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RecordingError(f"{FOLDER}/{case}.json: cannot be read ({error.strerror}); record it with "
                             "./scripts/record-timelines.sh") from None
    return parse(text, f"{FOLDER}/{case}.json")
