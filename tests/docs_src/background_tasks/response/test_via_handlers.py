import json

import pytest

from docs_src.background_tasks.response import via_handlers
from tests.proof import call_asgi, prove_end_to_end

BODY = json.dumps({"email": "ana@example.com"}).encode()
HEADERS = {"content-type": "application/json"}


@pytest.fixture(autouse=True)
def empty_outbox():
    via_handlers.outbox.clear()


def test_confirmation_is_sent_after_the_response(recorder):
    result = call_asgi(via_handlers.app, recorder.timeline, "POST", "/register", BODY, HEADERS)
    assert result.status == 201
    assert json.loads(result.body) == {"registered": "ana@example.com"}
    recorder.timeline.assert_tasks_after_response(["send_confirmation"])
    assert via_handlers.outbox == [{"to": "ana@example.com", "subject": "Confirm your account"}]


def test_served_client_has_the_response_before_the_task_runs(recorder):
    response = prove_end_to_end(
        via_handlers.app, recorder, "POST", "/register", ["send_confirmation"], content=BODY, headers=HEADERS
    )
    assert response.status_code == 201
    assert via_handlers.outbox == [{"to": "ana@example.com", "subject": "Confirm your account"}]
