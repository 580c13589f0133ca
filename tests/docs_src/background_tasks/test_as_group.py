import json

import pytest
from lilya.background import Tasks

from docs_src.background_tasks import as_group
from tests.proof import call_asgi, logged_by, prove_end_to_end

BODY = json.dumps({"id": "A-7"}).encode()
HEADERS = {"content-type": "application/json"}
SERVICES = ["warehouse", "billing", "analytics"]


@pytest.fixture(autouse=True)
def nothing_notified():
    as_group.notified.clear()


def test_the_three_notifications_run_at_the_same_time(recorder):
    recorder.meet_at_barrier(len(SERVICES))  # passes only if all three run at once
    with logged_by(as_group) as logged:
        result = call_asgi(as_group.app, recorder.timeline, "POST", "/orders", BODY, HEADERS)
    assert result.status == 201
    assert result.error is None
    recorder.timeline.assert_tasks_after_response(["notify"] * 3)
    assert sorted(as_group.notified) == sorted(f"{service}:A-7" for service in SERVICES)
    assert sorted(logged.lines) == sorted(f"{service} notified of order A-7" for service in SERVICES)


def test_the_same_tasks_without_as_group_cannot_meet(recorder, monkeypatch):
    """The barrier is a real test of concurrency: one after another, the first task never meets the others.

    Run in sequence, the first task waits alone whatever the timeout, so a short one proves the same as a long one.
    """
    monkeypatch.setattr(as_group, "Tasks", lambda as_group: Tasks(as_group=False))
    recorder.meet_at_barrier(len(SERVICES), timeout=0.1)
    result = call_asgi(as_group.app, recorder.timeline, "POST", "/orders", BODY, HEADERS)
    assert result.status == 201
    assert type(result.error).__name__ == "BrokenBarrierError"
    assert as_group.notified == []


def test_served_client_has_the_response_before_the_tasks_run(recorder):
    response = prove_end_to_end(as_group.app, recorder, "POST", "/orders", ["notify"] * 3, content=BODY, headers=HEADERS)
    assert response.status_code == 201
    assert len(as_group.notified) == 3
