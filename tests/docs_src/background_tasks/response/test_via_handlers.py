import json
import socket

import httpx2
import pytest
from lilya.testclient import TestClient

from docs_src.background_tasks.response import via_handlers
from tests.proof import TIMEOUT, call_asgi, logged_by, observed_app, prove_end_to_end, serve

BODY = json.dumps({"email": "ana@example.com"}).encode()
HEADERS = {"content-type": "application/json"}


@pytest.fixture(autouse=True)
def empty_outbox():
    via_handlers.outbox.clear()


def test_confirmation_is_sent_after_the_response(recorder):
    with logged_by(via_handlers) as logged:
        result = call_asgi(via_handlers.app, recorder.timeline, "POST", "/register", BODY, HEADERS)
    assert result.status == 201
    assert json.loads(result.body) == {"registered": "ana@example.com"}
    recorder.timeline.assert_tasks_after_response(["send_confirmation"])
    assert via_handlers.outbox == [{"to": "ana@example.com", "subject": "Confirm your account"}]
    assert logged.lines == ["e-mail sent to ana@example.com"]


def test_served_client_has_the_response_before_the_task_runs(recorder):
    response = prove_end_to_end(
        via_handlers.app, recorder, "POST", "/register", ["send_confirmation"], content=BODY, headers=HEADERS
    )
    assert response.status_code == 201
    assert via_handlers.outbox == [{"to": "ana@example.com", "subject": "Confirm your account"}]


def test_client_gone_while_the_body_is_read_means_no_response_from_the_handler_and_no_task(recorder):
    """The client sends half the body and leaves: reading it raises ClientDisconnect, so the handler returns nothing;
    Lilya's answer is a 500 error without tasks, and no task runs. A complete request to the same server then runs
    its task, so tasks could have run."""
    sent: list[dict] = []
    with serve(observed_app(via_handlers.app, recorder.timeline, sent)) as served:
        host, port = served.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=TIMEOUT) as client:
            client.sendall(
                b"POST /register HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\n"
                b"content-length: 100\r\n\r\n" + BODY[:10]
            )
        recorder.timeline.wait_for("app", ["ClientDisconnect"])
        assert [(message["type"], message.get("status")) for message in sent] == [
            ("http.response.start", 500),
            ("http.response.body", None),
        ]
        assert recorder.timeline.of("task-start") == []
        with httpx2.Client(base_url=served.url, timeout=TIMEOUT) as client:
            assert client.post("/register", content=BODY, headers=HEADERS).status_code == 201
        recorder.timeline.wait_for("task-end", ["send_confirmation"])
    assert recorder.timeline.of("app") == ["ClientDisconnect", "returned"]
    assert recorder.timeline.of("task-start") == ["send_confirmation"]
    assert via_handlers.outbox == [{"to": "ana@example.com", "subject": "Confirm your account"}]


def test_lilyas_test_client_returns_only_after_the_task_ran():
    response = TestClient(via_handlers.app).post("/register", content=BODY, headers=HEADERS)
    assert via_handlers.outbox == [{"to": "ana@example.com", "subject": "Confirm your account"}]
    assert response.status_code == 201
