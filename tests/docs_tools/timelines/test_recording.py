"""A recording's JSON: read back as written, and every bad value named with its file."""

from __future__ import annotations

import json

import pytest

from docs_tools.timelines.recording import RecordedEvent, Recording, RecordingError, load, parse

EVENTS = [
    {"ms": 0.0, "kind": "client", "name": "request", "source": "GET /"},
    {"ms": 0.5, "kind": "request", "name": "http", "source": "GET /"},
    {"ms": 0.7, "kind": "send", "name": "http.response.start", "source": "GET /"},
    {"ms": 0.9, "kind": "send", "name": "http.response.body", "source": "GET /"},
    {"ms": 1.0, "kind": "task-start", "name": "audit", "source": "audit#1"},
    {"ms": 1.1, "kind": "client", "name": "response", "source": "GET /"},
    {"ms": 2.0, "kind": "task-end", "name": "audit", "source": "audit#1"},
    {"ms": 2.1, "kind": "app", "name": "returned", "source": "GET /"},
]


def text(events=EVENTS) -> str:
    return json.dumps({"case": "c", "example": "docs_src/x.py", "recorded_with": {}, "events": events})


def test_a_recording_reads_back_what_it_wrote():
    recording = parse(text(), "c.json")
    assert parse(recording.to_json(), "again.json") == recording


def test_the_server_order_leaves_the_client_out():
    order = parse(text(), "c.json").server_order()
    assert [step[0] for step in order] == ["request", "send", "send", "task-start", "task-end", "app"]


def test_the_server_order_tells_two_task_orders_apart():
    swapped = [dict(e) for e in EVENTS]
    swapped[4], swapped[6] = {**swapped[4], "kind": "task-end"}, {**swapped[6], "kind": "task-start"}
    assert parse(text(swapped), "a").server_order() != parse(text(), "b").server_order()


def test_the_lanes_are_in_order_of_their_first_event():
    assert parse(text(), "c.json").lanes() == [("client", "GET /"), ("server", "GET /"), ("task", "audit#1")]


@pytest.mark.parametrize(("change", "message"), [
    (lambda e: e.__setitem__(2, {**e[2], "kind": "shout"}), "c.json: event 3: unknown kind 'shout'"),
    (lambda e: e.__setitem__(2, {"kind": "send"}), "c.json: event 3: an event needs ms, kind, name and source"),
    (lambda e: e.__setitem__(2, {**e[2], "ms": 9.0}), "c.json: events must be in time order"),
    (lambda e: e.__setitem__(5, {**e[5], "ms": 0.8}) or e.sort(key=lambda x: x["ms"]),
     "c.json: GET /: the client held the response before its last body message was sent"),
    (lambda e: e.pop(5), "c.json: GET /: the client's request must come first and its response must be recorded"),
])
def test_a_bad_event_is_named_with_its_file(change, message):
    events = [dict(e) for e in EVENTS]
    change(events)
    with pytest.raises(RecordingError, match="^" + message.replace("(", r"\(").replace("?", r"\?")):
        parse(text(events), "c.json")


def test_a_file_that_is_not_json_names_its_line():
    with pytest.raises(RecordingError, match=r"^c.json:2: not JSON"):
        parse('{"events": []\n,,}', "c.json")


def test_a_missing_recording_says_how_to_make_it(tmp_path):
    with pytest.raises(RecordingError, match=r"timelines/nothing.json: cannot be read .*record-timelines.sh"):
        load(tmp_path, "nothing")


def test_an_event_belongs_to_the_row_of_its_client_server_or_task():
    assert RecordedEvent(0, "client", "request", "GET /").lane == ("client", "GET /")
    assert RecordedEvent(0, "send", "http.response.start", "GET /").lane == ("server", "GET /")
    assert RecordedEvent(0, "task-error", "audit", "audit#1").lane == ("task", "audit#1")
    assert isinstance(parse(text(), "c.json"), Recording)
