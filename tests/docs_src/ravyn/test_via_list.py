import json

import pytest

from docs_src.ravyn import via_list
from tests.proof import call_asgi, logged_by, prove_end_to_end

BODY = json.dumps({"email": "ana@example.com"}).encode()
HEADERS = {"content-type": "application/json"}
ORDER = ["write_audit_entry", "count_registration"]


@pytest.fixture(autouse=True)
def empty_state():
    via_list.audit_log.clear()
    via_list.registrations["count"] = 0


def test_the_decorators_tasks_run_in_list_order_after_the_response(recorder):
    with logged_by(via_list) as logged:
        result = call_asgi(via_list.app, recorder.timeline, "POST", "/register", BODY, HEADERS)
    assert result.status == 201
    recorder.timeline.assert_tasks_after_response(ORDER)
    recorder.timeline.assert_sequential()
    assert via_list.audit_log == ["user registered"]
    assert logged.lines == ["audit entry written: user registered", "registrations so far: 1"]


def test_served_client_has_the_response_before_the_tasks_run(recorder):
    response = prove_end_to_end(via_list.app, recorder, "POST", "/register", ORDER, content=BODY, headers=HEADERS)
    assert response.json() == {"registered": "ana@example.com"}
    assert via_list.registrations["count"] == 1
