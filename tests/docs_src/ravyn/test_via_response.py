import json

import pytest
from ravyn.testclient import RavynTestClient

from docs_src.ravyn import via_response
from tests.proof import call_asgi, logged_by, prove_end_to_end

BODY = json.dumps({"email": "ana@example.com"}).encode()
HEADERS = {"content-type": "application/json"}
SENT = [{"to": "ana@example.com", "subject": "Confirm your account"}]


@pytest.fixture(autouse=True)
def empty_outbox():
    via_response.outbox.clear()


def test_the_responses_task_runs_after_the_response(recorder):
    with logged_by(via_response) as logged:
        result = call_asgi(via_response.app, recorder.timeline, "POST", "/register", BODY, HEADERS)
    assert result.status == 201
    assert json.loads(result.body) == {"registered": "ana@example.com"}
    recorder.timeline.assert_tasks_after_response(["send_confirmation"])
    assert via_response.outbox == SENT
    assert logged.lines == ["e-mail sent to ana@example.com"]


def test_served_client_has_the_response_before_the_task_runs(recorder):
    response = prove_end_to_end(
        via_response.app, recorder, "POST", "/register", ["send_confirmation"], content=BODY, headers=HEADERS
    )
    assert response.status_code == 201
    assert via_response.outbox == SENT


def test_ravyns_test_client_returns_only_after_the_task_ran():
    response = RavynTestClient(via_response.app).post("/register", content=BODY, headers=HEADERS)
    assert via_response.outbox == SENT
    assert response.status_code == 201
