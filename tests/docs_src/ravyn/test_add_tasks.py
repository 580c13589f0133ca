import json

import pytest

from docs_src.ravyn import add_tasks
from tests.proof import call_asgi, logged_by, prove_end_to_end

HEADERS = {"content-type": "application/json"}


def body(**data) -> bytes:
    return json.dumps({"email": "ana@example.com", **data}).encode()


@pytest.fixture(autouse=True)
def empty_state():
    add_tasks.outbox.clear()
    add_tasks.newsletter.clear()


def test_only_the_confirmation_without_opt_in(recorder):
    result = call_asgi(add_tasks.app, recorder.timeline, "POST", "/register", body(), HEADERS)
    assert result.status == 201
    recorder.timeline.assert_tasks_after_response(["send_confirmation"])
    assert add_tasks.newsletter == []


def test_added_tasks_run_in_the_order_they_were_added(recorder):
    with logged_by(add_tasks) as logged:
        result = call_asgi(add_tasks.app, recorder.timeline, "POST", "/register", body(newsletter=True), HEADERS)
    assert result.status == 201
    recorder.timeline.assert_tasks_after_response(["send_confirmation", "subscribe"])
    recorder.timeline.assert_sequential()
    assert add_tasks.outbox == [{"to": "ana@example.com", "subject": "Confirm your account"}]
    assert add_tasks.newsletter == ["ana@example.com:releases"]
    assert logged.lines == ["e-mail sent to ana@example.com", "ana@example.com subscribed to releases"]


def test_served_client_has_the_response_before_the_tasks_run(recorder):
    response = prove_end_to_end(
        add_tasks.app,
        recorder,
        "POST",
        "/register",
        ["send_confirmation", "subscribe"],
        content=body(newsletter=True),
        headers=HEADERS,
    )
    assert response.status_code == 201
