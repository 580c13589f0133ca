import json

import pytest

from docs_src.background_tasks import via_handlers
from tests.proof import call_asgi, logged_by, prove_end_to_end

BODY = json.dumps({"email": "ana@example.com"}).encode()
HEADERS = {"content-type": "application/json"}


@pytest.fixture
def example():
    """The example these proofs are about; Ravyn's decorator example makes the same promises and reuses them."""
    return via_handlers


@pytest.fixture(autouse=True)
def empty_log(example):
    example.audit_log.clear()


def test_declared_task_runs_after_the_response(recorder, example):
    with logged_by(example) as logged:
        result = call_asgi(example.app, recorder.timeline, "POST", "/register", BODY, HEADERS)
    assert result.status == 201
    assert json.loads(result.body) == {"registered": "ana@example.com"}
    recorder.timeline.assert_tasks_after_response(["write_audit_entry"])
    assert example.audit_log == ["user registered"]
    assert logged.lines == ["audit entry written: user registered"]


def test_served_client_has_the_response_before_the_task_runs(recorder, example):
    response = prove_end_to_end(
        example.app, recorder, "POST", "/register", ["write_audit_entry"], content=BODY, headers=HEADERS
    )
    assert response.status_code == 201
    assert example.audit_log == ["user registered"]
