"""Served by uvicorn, the registration example sends its last body message before its task starts, the client has
the whole response while the task is still held, and the app's call goes on until the task has ended."""

import json

import httpx2

from docs_src.background_tasks.response import via_handlers
from tests.proof import TIMEOUT, Event, observed_app, serve

BODY = json.dumps({"email": "ana@example.com"}).encode()
HEADERS = {"content-type": "application/json"}


def test_on_uvicorn_the_apps_call_ends_only_after_the_task_that_starts_once_the_response_is_sent(recorder):
    gate = recorder.hold_tasks()
    timeline = recorder.timeline
    with serve(observed_app(via_handlers.app, timeline)) as served:
        try:
            response = httpx2.post(served.url + "/register", content=BODY, headers=HEADERS, timeout=TIMEOUT / 2)
            assert (response.status_code, response.json()) == (201, {"registered": "ana@example.com"})
            timeline.wait_for("task-start", ["send_confirmation"])
            assert timeline.of("app") == [], "the app's call ended while its task was still held"
        finally:
            gate.set()
        timeline.wait_for("app", ["returned"])
    timeline.assert_tasks_after_response(["send_confirmation"])
    events = timeline.events
    assert events.index(Event("task-end", "send_confirmation")) < events.index(Event("app", "returned"))
    via_handlers.outbox.clear()
