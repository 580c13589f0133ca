import json
import logging

import pytest

from docs_src.ravyn import decorator_and_response as example
from tests.proof import call_asgi, logged_by, prove_end_to_end

BODY = json.dumps({"email": "ana@example.com"}).encode()
HEADERS = {"content-type": "application/json"}


@pytest.fixture(autouse=True)
def empty_state():
    example.outbox.clear()
    example.audit_log.clear()


def test_only_the_responses_task_runs_and_the_decorators_is_dropped_without_a_word(recorder, caplog):
    with caplog.at_level(logging.DEBUG), logged_by(example) as logged:
        result = call_asgi(example.app, recorder.timeline, "POST", "/register", BODY, HEADERS)
    assert result.status == 201
    assert result.error is None
    recorder.timeline.assert_tasks_after_response(["send_confirmation"])
    assert example.outbox == [{"to": "ana@example.com", "subject": "Confirm your account"}]
    assert example.audit_log == []
    assert logged.lines == ["e-mail sent to ana@example.com"]
    assert {r.name for r in caplog.records} - {"asyncio"} == {example.__name__}  # asyncio: anyio.run's loop


def test_served_the_decorators_task_never_runs_either(recorder):
    """prove_end_to_end waits for the tasks it expects and then checks that no other task started."""
    response = prove_end_to_end(
        example.app, recorder, "POST", "/register", ["send_confirmation"], content=BODY, headers=HEADERS
    )
    assert response.status_code == 201
    assert example.audit_log == []


def test_the_dropped_task_does_its_work_when_called():
    """What the decorator's task would have done, had it run: so its absence above is the task's, not its effect's."""
    example.write_audit_entry("user registered")
    assert example.audit_log == ["user registered"]
