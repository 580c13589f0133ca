import logging

import anyio.lowlevel
import pytest

from docs_src.background_tasks import retry
from tests.proof import call_asgi, logged_by, prove_end_to_end

PATH = "/orders/42/pay"


@pytest.fixture(autouse=True)
def waits(monkeypatch) -> list[float]:
    """The delays the task waits between attempts, recorded instead of waited."""
    retry.receipts.clear()
    retry.failures["mail"] = 0
    delays: list[float] = []

    async def recorded(seconds: float) -> None:
        delays.append(seconds)
        await anyio.lowlevel.checkpoint()

    monkeypatch.setattr(retry.anyio, "sleep", recorded)
    return delays


def test_a_task_that_fails_twice_succeeds_on_its_third_attempt_after_the_response(recorder, waits):
    retry.failures["mail"] = 2
    with logged_by(retry) as logged:
        result = call_asgi(retry.app, recorder.timeline, "POST", PATH)
    assert (result.status, result.error) == (200, None)
    recorder.timeline.assert_tasks_after_response(["send_receipt"])
    assert waits == [0.5, 1.0]  # twice as long each time
    assert retry.receipts == ["42"]
    assert logged.lines == ["receipt sent for 42"]


def test_after_the_last_attempt_the_error_is_logged_with_its_traceback_and_raised(recorder, waits, caplog):
    retry.failures["mail"] = 5
    with caplog.at_level(logging.ERROR, logger=retry.__name__):
        result = call_asgi(retry.app, recorder.timeline, "POST", PATH)
    assert result.status == 200  # the client had its answer long before
    assert isinstance(result.error, ConnectionError)
    assert waits == [0.5, 1.0]
    (record,) = [r for r in caplog.records if r.name == retry.__name__]
    assert record.getMessage() == "gave up on send_receipt" and record.exc_info[0] is ConnectionError
    assert retry.receipts == [] and retry.failures["mail"] == 2  # three attempts were made


def test_served_the_client_has_its_answer_before_the_first_attempt(recorder):
    retry.failures["mail"] = 1
    response = prove_end_to_end(retry.app, recorder, "POST", PATH, ["send_receipt"])
    assert response.json() == {"order": "42", "status": "paid"}
    assert retry.receipts == ["42"]
