import logging
import traceback

import httpx2
import pytest
from ravyn.testclient import RavynTestClient

from docs_src.ravyn import errors
from tests.proof import TIMEOUT, Event, call_asgi, observed_app, serve

PATH = "/orders/7/pay"


@pytest.fixture(autouse=True)
def no_sales():
    errors.sales.clear()


def test_after_a_failing_task_ravyn_sends_a_second_response_and_the_next_task_never_runs(recorder):
    result = call_asgi(errors.app, recorder.timeline, "POST", PATH)
    sent = [(e.kind, e.name) for e in recorder.timeline.events]
    assert sent == [
        ("send", "http.response.start"),
        ("send", "http.response.body"),
        ("task-start", "send_receipt"),
        ("task-error", "send_receipt"),
        ("send", "http.response.start"),  # Ravyn's 500, after the response was complete
        ("send", "http.response.body"),
    ]
    assert result.error is None  # Ravyn's exception middleware caught the task's error
    assert b"ConnectionError" in result.body.split(b"}", 1)[1]
    assert errors.sales == []


def test_served_client_keeps_its_response_and_uvicorn_logs_both_errors(recorder, caplog):
    with caplog.at_level(logging.ERROR, logger="uvicorn.error"):
        with serve(observed_app(errors.app, recorder.timeline)) as served:
            response = httpx2.post(served.url + PATH, timeout=TIMEOUT)
            recorder.timeline.wait_until(lambda events: Event("app", "RuntimeError") in events)
    assert response.status_code == 201
    assert response.json() == {"order": "7", "status": "paid"}
    (failure,) = [r for r in caplog.records if r.exc_info]
    assert failure.getMessage().strip() == "Exception in ASGI application"
    error = failure.exc_info[1]
    assert isinstance(error, RuntimeError)
    assert "after response already completed" in str(error)
    assert isinstance(error.__context__, ConnectionError)
    logged = "".join(traceback.format_exception(error))
    assert logged.index("ConnectionError: mail server down") < logged.index("RuntimeError: Unexpected ASGI message")
    recorder.timeline.assert_tasks_after_response(["send_receipt"])
    assert errors.sales == []


def test_the_task_that_never_ran_records_the_sale_when_called():
    """What the failure kept from running is real work: run alone, the task records the sale."""
    errors.record_sale("7")
    assert errors.sales == ["7"]


def test_in_ravyns_test_client_a_failing_task_raises_unless_it_is_told_to_return_the_response():
    """The second response is what the test client refuses: with raise_server_exceptions=False it returns the first."""
    with pytest.raises(AssertionError, match='multiple "http.response.start" messages'):
        RavynTestClient(errors.app).post(PATH)
    response = RavynTestClient(errors.app, raise_server_exceptions=False).post(PATH)
    assert (response.status_code, response.json()) == (201, {"order": "7", "status": "paid"})
    assert errors.sales == []
