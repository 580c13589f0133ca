import json

import pytest

from docs_src.ravyn import via_handlers
from tests.proof import call_asgi, logged_by, prove_end_to_end

BODY = json.dumps({"email": "ana@example.com"}).encode()
HEADERS = {"content-type": "application/json"}


@pytest.fixture(autouse=True)
def empty_log():
    via_handlers.audit_log.clear()


def test_the_decorators_task_runs_after_the_response(recorder):
    with logged_by(via_handlers) as logged:
        result = call_asgi(via_handlers.app, recorder.timeline, "POST", "/register", BODY, HEADERS)
    assert result.status == 201
    assert json.loads(result.body) == {"registered": "ana@example.com"}
    recorder.timeline.assert_tasks_after_response(["write_audit_entry"])
    assert via_handlers.audit_log == ["user registered"]
    assert logged.lines == ["audit entry written: user registered"]


def test_served_client_has_the_response_before_the_task_runs(recorder):
    response = prove_end_to_end(
        via_handlers.app, recorder, "POST", "/register", ["write_audit_entry"], content=BODY, headers=HEADERS
    )
    assert response.status_code == 201
    assert via_handlers.audit_log == ["user registered"]


def test_every_request_runs_the_same_task_with_the_same_arguments(recorder):
    """The decorator's task is made once, at import: two different sign-ups write the same entry."""
    for email in ("ana@example.com", "bo@example.com"):
        body = json.dumps({"email": email}).encode()
        assert call_asgi(via_handlers.app, recorder.timeline, "POST", "/register", body, HEADERS).status == 201
    assert via_handlers.audit_log == ["user registered", "user registered"]
    (task,) = {event.source for event in recorder.timeline.events if event.kind == "task-start"}
    assert task == "write_audit_entry#1"
