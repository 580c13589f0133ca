import json

import pytest

from docs_src.background_tasks import via_list
from tests.proof import call_asgi, logged_by, prove_end_to_end

BODY = json.dumps({"email": "ana@example.com"}).encode()
HEADERS = {"content-type": "application/json"}
ORDER = ["send_confirmation", "write_audit_entry", "count_registration"]


@pytest.fixture(autouse=True)
def empty_state():
    via_list.outbox.clear()
    via_list.audit_log.clear()
    via_list.stats["registrations"] = 0


def test_response_task_then_declared_tasks_one_after_another(recorder):
    with logged_by(via_list) as logged:
        result = call_asgi(via_list.app, recorder.timeline, "POST", "/register", BODY, HEADERS)
    assert result.status == 201
    recorder.timeline.assert_tasks_after_response(ORDER)
    recorder.timeline.assert_sequential()
    assert via_list.outbox == [{"to": "ana@example.com", "subject": "Confirm your account"}]
    assert via_list.audit_log == ["user registered"]
    assert via_list.stats == {"registrations": 1}
    assert logged.lines == ["e-mail sent to ana@example.com", "audit entry written: user registered", "registrations: 1"]


def test_served_client_has_the_response_before_the_tasks_run(recorder):
    response = prove_end_to_end(via_list.app, recorder, "POST", "/register", ORDER, content=BODY, headers=HEADERS)
    assert response.json() == {"registered": "ana@example.com"}
    assert via_list.stats == {"registrations": 1}
