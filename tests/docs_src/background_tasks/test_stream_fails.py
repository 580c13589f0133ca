import logging

import httpx2
import pytest

from docs_src.background_tasks import stream_fails
from tests.proof import TIMEOUT, call_asgi, serve

PATH = "/reports/2026.csv"


@pytest.fixture(autouse=True)
def nothing_recorded():
    stream_fails.exports.clear()
    stream_fails.broken.clear()


def test_a_stream_that_fails_ends_without_its_final_message_and_its_task_never_runs(recorder):
    result = call_asgi(stream_fails.app, recorder.timeline, "GET", PATH)
    assert result.status == 200  # sent with the first row, before anything failed
    failures = result.error.exceptions if isinstance(result.error, ExceptionGroup) else [result.error]
    assert [type(error) for error in failures] == [ConnectionError]
    bodies = [e.more_body for e in recorder.timeline.events if e.name == "http.response.body"]
    assert bodies and all(bodies), "a final body message was sent"
    assert result.body == b"month,orders\n"  # the row held back to mark the end is never sent
    assert recorder.timeline.of("task-start") == []
    assert stream_fails.exports == []
    assert stream_fails.broken == ["2026"]  # seen where it happened, in the iterator


def test_served_the_client_gets_a_cut_response_and_the_server_logs_the_failure(recorder, caplog):
    with caplog.at_level(logging.ERROR, logger="uvicorn.error"), serve(stream_fails.app) as served:
        with pytest.raises(httpx2.RemoteProtocolError):
            httpx2.get(served.url + PATH, timeout=TIMEOUT)
    logged = [r for r in caplog.records if r.exc_info]
    assert logged, [r.getMessage() for r in caplog.records]
    assert recorder.timeline.of("task-start") == []
    assert stream_fails.exports == [] and stream_fails.broken == ["2026"]


def test_when_every_row_arrives_the_task_runs_after_the_last_one(recorder, monkeypatch):
    """The same response, with rows that all arrive: what the failure took away is the task's run."""

    async def all_rows(year: str):
        yield "month,orders\n"
        yield f"{year}-01,10\n"

    monkeypatch.setattr(stream_fails, "report_rows", all_rows)
    result = call_asgi(stream_fails.app, recorder.timeline, "GET", PATH)
    assert (result.status, result.error) == (200, None)
    assert result.body == b"month,orders\n2026-01,10\n"
    recorder.timeline.assert_tasks_after_response(["record_export"])
    assert stream_fails.exports == ["2026"] and stream_fails.broken == []
