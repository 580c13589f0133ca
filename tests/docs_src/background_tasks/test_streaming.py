from collections.abc import AsyncIterator

import anyio
import pytest

from docs_src.background_tasks import streaming
from tests.proof import call_asgi, logged_by, prove_end_to_end


@pytest.fixture(autouse=True)
def no_exports():
    streaming.exports.clear()


def test_the_task_runs_after_the_last_chunk(recorder):
    with logged_by(streaming) as logged:
        result = call_asgi(streaming.app, recorder.timeline, "GET", "/reports/2026.csv")
    assert result.status == 200
    assert result.body.decode().splitlines() == ["month,orders", *(f"2026-{m:02d},{m * 10}" for m in range(1, 13))]
    chunks = [e for e in recorder.timeline.events if e.name == "http.response.body"]
    assert [c.more_body for c in chunks] == [True] * 12 + [False]  # the last row travels in the final message
    recorder.timeline.assert_tasks_after_response(["record_export"])
    assert streaming.exports == ["2026"]
    assert logged.lines == ["export of 2026 recorded"]


def test_a_client_that_disconnects_stops_the_stream_and_the_task_still_runs(recorder, monkeypatch):
    async def endless_rows(year: str) -> AsyncIterator[str]:
        yield "month,orders\n"
        yield f"{year}-01,10\n"
        await anyio.sleep_forever()  # rows that never come: only the disconnect ends this stream
        yield "unreachable"  # pragma: no cover

    monkeypatch.setattr(streaming, "report_rows", endless_rows)
    result = call_asgi(streaming.app, recorder.timeline, "GET", "/reports/2026.csv", disconnect_after_chunks=1)
    assert result.error is None
    assert result.body == b"month,orders\n"
    kinds = [(e.kind, e.name) for e in recorder.timeline.events]
    assert kinds.index(("client", "http.disconnect")) < kinds.index(("task-start", "record_export"))
    assert recorder.timeline.of("task-end") == ["record_export"]
    assert streaming.exports == ["2026"]


def test_served_client_has_the_whole_stream_before_the_task_runs(recorder):
    response = prove_end_to_end(streaming.app, recorder, "GET", "/reports/2025.csv", ["record_export"])
    assert response.text.endswith("2025-12,120\n")
    assert streaming.exports == ["2025"]
