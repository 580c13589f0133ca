import asyncio
import json
from collections import Counter

import httpx2
import pytest

from docs_src.background_tasks.response import via_list
from tests.proof import TIMEOUT, call_asgi, logged_by, prove_end_to_end, serve

BODY = json.dumps({"email": "ana@example.com"}).encode()
HEADERS = {"content-type": "application/json"}
ORDER = ["send_confirmation", "write_audit_entry"]
CONCURRENT_REQUESTS = 200


@pytest.fixture(autouse=True)
def empty_state():
    via_list.outbox.clear()
    via_list.audit_log.clear()


def test_tasks_run_in_list_order_after_the_response(recorder):
    with logged_by(via_list) as logged:
        result = call_asgi(via_list.app, recorder.timeline, "POST", "/register", BODY, HEADERS)
    assert result.status == 201
    recorder.timeline.assert_tasks_after_response(ORDER)
    recorder.timeline.assert_sequential()
    assert via_list.outbox == [{"to": "ana@example.com", "subject": "Confirm your account"}]
    assert via_list.audit_log == ["registered ana@example.com"]
    assert logged.lines == ["e-mail sent to ana@example.com", "audit entry written: registered ana@example.com"]


def test_served_client_has_the_response_before_the_tasks_run(recorder):
    response = prove_end_to_end(via_list.app, recorder, "POST", "/register", ORDER, content=BODY, headers=HEADERS)
    assert response.status_code == 201
    assert via_list.audit_log == ["registered ana@example.com"]


def test_under_load_every_task_runs_exactly_once(recorder):
    emails = [f"user{n}@example.com" for n in range(CONCURRENT_REQUESTS)]

    async def register_all(url: str) -> list[int]:
        limits = httpx2.Limits(max_connections=CONCURRENT_REQUESTS)
        async with httpx2.AsyncClient(base_url=url, limits=limits, timeout=TIMEOUT * 3) as client:
            responses = await asyncio.gather(*(client.post("/register", json={"email": e}) for e in emails))
        return [r.status_code for r in responses]

    with serve(via_list.app) as served:
        statuses = asyncio.run(register_all(served.url))
        expected_ends = CONCURRENT_REQUESTS * len(ORDER)
        recorder.timeline.wait_until(lambda events: sum(e.kind == "task-end" for e in events) >= expected_ends)
    assert statuses == [201] * CONCURRENT_REQUESTS
    assert Counter(mail["to"] for mail in via_list.outbox) == Counter(emails)
    assert Counter(via_list.audit_log) == Counter(f"registered {e}" for e in emails)
    assert len(recorder.timeline.of("task-start")) == expected_ends
