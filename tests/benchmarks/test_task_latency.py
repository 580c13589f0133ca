import anyio
import pytest
from lilya.requests import Request
from lilya.testclient import TestClient

from benchmarks import task_latency
from benchmarks.task_latency import TASK_SECONDS, app, path, summarize, work
from benchmarks.wrk import WrkResult


def handled(query: str):
    """The handler's response to GET /work?QUERY, called directly: its background task is not run."""
    scope = {"type": "http", "method": "GET", "path": "/work", "query_string": query.encode(), "headers": []}
    return anyio.run(work, Request(scope))


@pytest.fixture
def paused(monkeypatch) -> list[float]:
    """The durations the tasks were asked to await, instead of awaiting them."""
    durations: list[float] = []

    async def pause(seconds: float) -> None:
        durations.append(seconds)

    monkeypatch.setattr(task_latency, "pause", pause)
    return durations


def test_a_task_of_0_1_s_is_exactly_one_pause_of_0_1_s():
    response = handled("task=0.1")
    assert response.status_code == 200
    assert response.background.func is task_latency.pause
    assert response.background.args == (0.1,)


def test_without_a_task_the_response_carries_no_background():
    assert handled("").background is None


def test_served_the_task_runs_once_with_the_duration_asked(paused):
    client = TestClient(app)
    assert client.get("/work?task=2.0").text == "done"
    assert paused == [2.0]
    client.get("/work")
    assert paused == [2.0]


@pytest.mark.parametrize("asked", ["abc", "-1", "nan", "inf"])
def test_a_task_that_is_not_a_duration_is_refused_and_nothing_scheduled(paused, asked):
    response = TestClient(app).get("/work", params={"task": asked})
    assert response.status_code == 400
    assert paused == []


def test_the_variants_are_no_task_then_tasks_of_0_0_1_1_and_2_s_at_their_paths():
    assert TASK_SECONDS == (None, 0.0, 0.1, 1.0, 2.0)
    assert [path(task_s) for task_s in TASK_SECONDS] == [
        "/work", "/work?task=0.0", "/work?task=0.1", "/work?task=1.0", "/work?task=2.0"]


def result(median_ms: float, p99_ms: float, requests: int = 100, errors: int = 0) -> WrkResult:
    return WrkResult(requests=requests, errors=errors, seconds=2.0, requests_per_s=requests / 2, median_ms=median_ms,
                     p99_ms=p99_ms, max_ms=p99_ms * 2)


def test_a_variant_reports_the_median_over_rounds_of_medians_and_p99s_and_sums_the_counts():
    rounds = [result(1.0, 9.0, 100, 1), result(3.0, 4.0, 200), result(2.0, 5.12345, 300, 2)]
    assert summarize(0.1, rounds) == {"task_s": 0.1, "median_ms": 2.0, "p99_ms": 5.123, "requests": 600, "errors": 3}
