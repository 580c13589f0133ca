import json

import pytest

from docs_src.ravyn import via_response_list
from tests.proof import call_asgi, logged_by, prove_end_to_end

BODY = json.dumps({"email": "ana@example.com"}).encode()
HEADERS = {"content-type": "application/json"}
ORDER = ["send_confirmation", "write_audit_entry"]


@pytest.fixture(autouse=True)
def empty_state():
    via_response_list.outbox.clear()
    via_response_list.audit_log.clear()


def test_the_responses_tasks_run_in_list_order_after_the_response(recorder):
    with logged_by(via_response_list) as logged:
        result = call_asgi(via_response_list.app, recorder.timeline, "POST", "/register", BODY, HEADERS)
    assert result.status == 201
    recorder.timeline.assert_tasks_after_response(ORDER)
    recorder.timeline.assert_sequential()
    assert via_response_list.outbox == [{"to": "ana@example.com", "subject": "Confirm your account"}]
    assert via_response_list.audit_log == ["user registered"]
    assert logged.lines == ["e-mail sent to ana@example.com", "audit entry written: user registered"]


def test_served_client_has_the_response_before_the_tasks_run(recorder):
    response = prove_end_to_end(
        via_response_list.app, recorder, "POST", "/register", ORDER, content=BODY, headers=HEADERS
    )
    assert response.status_code == 201
    assert via_response_list.audit_log == ["user registered"]
