import gzip
import json

import pytest

from docs_src.background_tasks import middleware
from tests.proof import Event, call_asgi, logged_by, observed_app, prove_end_to_end

PATH = "/reports/june"
GZIP = {"accept-encoding": "gzip"}


@pytest.fixture(autouse=True)
def no_reports():
    middleware.reports.clear()


def test_through_both_middlewares_the_response_is_complete_before_the_task_starts(recorder):
    with logged_by(middleware) as logged:
        result = call_asgi(middleware.app, recorder.timeline, "GET", PATH, headers=GZIP)
    assert (result.status, result.error) == (200, None)
    assert result.headers["Content-Encoding"] == "gzip"
    assert result.headers["server-timing"].startswith("app;dur=")
    assert json.loads(gzip.decompress(result.body))["report"] == "june"
    recorder.timeline.assert_tasks_after_response(["store_report"])
    assert middleware.reports == ["june"]
    assert logged.lines == ["report june stored"]


def test_a_middlewares_call_returns_only_once_the_tasks_have_ended(recorder):
    """Code a middleware runs after `await self.app(...)` runs after the tasks, not when the response is sent."""
    app = observed_app(middleware.app, recorder.timeline)
    result = call_asgi(app, recorder.timeline, "GET", PATH, headers=GZIP)
    assert result.error is None
    events = recorder.timeline.events
    assert events.index(Event("task-end", "store_report")) < events.index(Event("app", "returned"))


def test_served_the_client_has_the_compressed_response_before_the_task_runs(recorder):
    response = prove_end_to_end(middleware.app, recorder, "GET", PATH, ["store_report"], headers=GZIP)
    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["rows"][0] == {"day": 1, "orders": 3}


def test_without_gzip_the_response_is_timed_and_plain(recorder):
    result = call_asgi(middleware.app, recorder.timeline, "GET", PATH)
    assert "Content-Encoding" not in result.headers and "server-timing" in result.headers
    assert json.loads(result.body)["rows"][-1] == {"day": 30, "orders": 90}
    recorder.timeline.assert_tasks_after_response(["store_report"])
