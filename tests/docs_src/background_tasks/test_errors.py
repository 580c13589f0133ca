import logging

import anyio
import anyio.lowlevel
import httpx2
import pytest

from docs_src.background_tasks import errors
from tests.proof import TIMEOUT, call_asgi, logged_by, serve

PATH = "/orders/42/pay"


@pytest.fixture(autouse=True)
def nothing_done():
    errors.done.clear()


def test_in_sequence_a_failing_task_stops_the_ones_after_it(recorder):
    with logged_by(errors) as logged:
        result = call_asgi(errors.app, recorder.timeline, "POST", PATH)
    assert result.status == 200  # the client already has its response
    assert isinstance(result.error, ConnectionError)
    recorder.timeline.assert_tasks_after_response(["reserve_stock", "send_receipt"])
    assert recorder.timeline.of("task-error") == ["send_receipt"]
    assert errors.done == ["stock reserved for 42"]
    assert logged.lines == ["stock reserved for 42"]


def test_as_group_a_failing_task_cancels_its_running_siblings(recorder):
    result = call_asgi(errors.app, recorder.timeline, "POST", PATH + "?mode=group")
    assert result.status == 200
    assert isinstance(result.error, ExceptionGroup)
    assert [type(e) for e in result.error.exceptions] == [ConnectionError]
    started = recorder.timeline.assert_tasks_after_response()
    assert sorted(started) == ["reserve_stock", "send_receipt", "update_recommendations"]
    assert recorder.timeline.of("task-cancelled") == ["update_recommendations"]
    assert "recommendations updated for 42" not in errors.done


def test_served_client_gets_200_and_the_server_logs_the_failure(recorder, caplog):
    with caplog.at_level(logging.ERROR, logger="uvicorn.error"), serve(errors.app) as served:
        response = httpx2.post(served.url + PATH, timeout=TIMEOUT)
        recorder.timeline.wait_for("task-error", ["send_receipt"])
    assert response.json() == {"order": "42", "status": "paid"}
    failure = [r for r in caplog.records if r.exc_info and r.exc_info[0] is ConnectionError]
    assert [r.getMessage().strip() for r in failure] == ["Exception in ASGI application"], caplog.records


def test_the_cancelled_sibling_does_its_work_when_left_to_finish(monkeypatch):
    """What the group cancels is real work: run alone (its wait shortened), the task completes."""
    monkeypatch.setattr(errors.anyio, "sleep", lambda seconds: anyio.lowlevel.checkpoint())
    anyio.run(errors.update_recommendations, "42")
    assert errors.done == ["recommendations updated for 42"]
