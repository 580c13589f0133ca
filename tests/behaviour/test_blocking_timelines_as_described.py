"""The two recorded runs of the blocking example, as the page describes them: each sends a 2 KiB upload, then
`GET /health` as soon as it holds the upload's response; with the `async def` task the app receives `/health` only
once the checksum has ended; with the `def` task `/health` is answered while the checksum still runs, about a
millisecond after it was sent. (That a fresh recording still puts the server's events in the same order is
`test_record.py`'s proof.)"""

from __future__ import annotations

from docs_tools.timelines.cases import CASES
from docs_tools.timelines.recording import Recording, load
from tests.mkdocs_site import ROOT

UPLOADS = {"blocking_on_loop": "PUT /blocking/scan.pdf", "blocking_in_thread": "PUT /files/scan.pdf"}
HEALTH = "GET /health"


def at(recording: Recording, kind: str, name: str, source: str) -> float:
    [ms] = [event.ms for event in recording.events if (event.kind, event.name, event.source) == (kind, name, source)]
    return ms


def test_each_run_uploads_2_kib_then_asks_for_health_as_soon_as_it_holds_the_uploads_response():
    for name, upload in UPLOADS.items():
        case = CASES[name]
        assert [(request.label, len(request.body)) for request in case.requests] == [(upload, 2048), (HEALTH, 0)]
        recording = load(ROOT, name)
        clients = [(event.name, event.source) for event in recording.events if event.kind == "client"]
        assert clients[:3] == [("request", upload), ("response", upload), ("request", HEALTH)], name
        sent = at(recording, "client", "request", HEALTH) - at(recording, "client", "response", upload)
        assert 0 <= sent < 0.1, (name, sent)


def test_with_the_async_def_task_the_app_receives_health_only_once_the_checksum_has_ended():
    recording = load(ROOT, "blocking_on_loop")
    ended = at(recording, "task-end", "store_checksum_on_loop", "store_checksum_on_loop#1")
    assert at(recording, "request", "http", HEALTH) > ended
    assert at(recording, "client", "request", HEALTH) < ended  # it had been sent while the checksum ran


def test_with_the_def_task_health_is_answered_during_the_checksum_about_a_millisecond_after_it_was_sent():
    recording = load(ROOT, "blocking_in_thread")
    started = at(recording, "task-start", "store_checksum", "store_checksum#1")
    ended = at(recording, "task-end", "store_checksum", "store_checksum#1")
    answered = at(recording, "client", "response", HEALTH)
    assert started < at(recording, "request", "http", HEALTH) < answered < ended
    assert 0.5 <= answered - at(recording, "client", "request", HEALTH) <= 1.5
