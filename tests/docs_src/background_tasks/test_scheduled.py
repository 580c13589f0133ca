import logging
import threading

import anyio
import httpx2
import pytest
import uvicorn as uvicorn_server
from anyio.lowlevel import checkpoint

from docs_src.background_tasks import scheduled
from tests.processes import uvicorn
from tests.proof import STILL, TIMEOUT, get_in_background, listening_socket, logged, opened, serve, wait_until_cancelled


@pytest.fixture(autouse=True)
def no_rates():
    scheduled.rates.clear()
    yield
    scheduled.rates.clear()


class Runs:
    """Stands in for `refresh_rates`: counts its runs, fails or never ends the runs it is told to, and says when
    `until` were made."""

    def __init__(self, until: int, failing: tuple[int, ...] = (), stuck: tuple[int, ...] = ()) -> None:
        self.count, self.until, self.failing, self.stuck = 0, until, failing, stuck
        self.done = anyio.Event()
        self.__name__ = "refresh_rates"

    async def __call__(self) -> None:
        self.count += 1
        if self.count >= self.until:
            self.done.set()
        if self.count in self.failing:
            raise ConnectionError("rates service unreachable")
        if self.count in self.stuck:
            await anyio.sleep_forever()


def run_lifespan(monkeypatch, runs: Runs) -> int:
    """The app's lifespan, with a schedule of 10 ms, until `runs` says enough; the runs made by the time it ended."""
    monkeypatch.setattr(scheduled, "REFRESH_EVERY_S", 0.01)
    monkeypatch.setattr(scheduled, "refresh_rates", runs)

    async def scenario() -> int:
        with anyio.fail_after(TIMEOUT):
            async with scheduled.lifespan(scheduled.app):
                assert runs.count >= 1  # the run at startup, before the app serves
                await runs.done.wait()
        return runs.count

    return anyio.run(scenario)


def test_served_a_request_sent_during_startup_is_answered_once_the_rates_are_there(monkeypatch):
    """uvicorn on a socket already listening: the request is sent while the startup refresh waits at a gate, and
    stays unanswered until the gate opens."""
    gate = threading.Event()
    refresh = scheduled.refresh_rates

    async def slow_refresh() -> None:
        assert await opened(gate)
        await refresh()

    monkeypatch.setattr(scheduled, "refresh_rates", slow_refresh)
    with serve(scheduled.app, lifespan="on") as served:
        try:
            asked = get_in_background(served.url + "/rates/USD")
            assert not asked.answered.wait(STILL), "answered before the startup had finished"
        finally:
            gate.set()
        assert asked.answered.wait(TIMEOUT)
    [answer] = asked.responses
    assert (answer.status_code, answer.json()) == (200, {"currency": "USD", "rate": 1.08})


def test_when_the_startup_refresh_fails_uvicorn_exits_with_status_3_without_serving(monkeypatch):
    async def failing_refresh() -> None:
        raise ConnectionError("rates service unreachable")

    monkeypatch.setattr(scheduled, "refresh_rates", failing_refresh)
    server = uvicorn_server.Server(uvicorn_server.Config(scheduled.app, lifespan="on", log_config=None))
    with logged("uvicorn.error") as log, listening_socket() as sock, pytest.raises(SystemExit) as exited:
        server.run(sockets=[sock])
    assert exited.value.code == 3 and not server.started
    assert "Application startup failed. Exiting." in log.lines


def test_the_rates_are_refreshed_at_startup_then_every_interval_and_the_schedule_ends_with_the_app(monkeypatch):
    """Four runs: the one at startup, then three on the schedule; the lifespan then ends within the test's bound, its
    schedule cancelled (were it not, the task group would wait for `every`, which never returns)."""
    assert run_lifespan(monkeypatch, Runs(until=4)) >= 4


def test_each_run_comes_after_the_wait_that_follows_the_run_before(monkeypatch):
    """The waits and the runs, in order: a wait begins only once the run before it has ended."""
    events: list[str] = []

    async def recorded_sleep(seconds: float) -> None:
        events.append(f"wait {seconds:g} s")
        await checkpoint()

    class Job(Runs):
        async def __call__(self) -> None:
            events.append("run starts")
            await checkpoint()
            await super().__call__()
            events.append("run ends")

    monkeypatch.setattr(scheduled.anyio, "sleep", recorded_sleep)
    run_lifespan(monkeypatch, Job(until=3))
    assert events[:8] == ["run starts", "run ends", "wait 0.01 s", "run starts", "run ends", "wait 0.01 s",
                          "run starts", "run ends"]


def test_a_run_that_outlasts_its_timeout_is_cancelled_and_logged_and_the_schedule_goes_on(monkeypatch, caplog):
    monkeypatch.setattr(scheduled, "RUN_TIMEOUT_S", 0.05)
    with caplog.at_level(logging.ERROR, logger=scheduled.__name__):
        run_lifespan(monkeypatch, Runs(until=3, stuck=(2,)))
    [record] = caplog.records
    assert record.getMessage() == "refresh_rates failed" and isinstance(record.exc_info[1], TimeoutError)


def test_a_failed_run_is_logged_with_its_traceback_and_the_schedule_goes_on(monkeypatch, caplog):
    with caplog.at_level(logging.ERROR, logger=scheduled.__name__):
        run_lifespan(monkeypatch, Runs(until=4, failing=(2,)))
    [record] = caplog.records
    assert record.getMessage() == "refresh_rates failed"
    assert str(record.exc_info[1]) == "rates service unreachable"


def test_served_a_run_in_progress_when_the_server_stops_is_cancelled(monkeypatch):
    """On uvicorn: the scheduled run (the second) is inside the job, at an `await` that never returns, when the server
    is told to stop."""
    monkeypatch.setattr(scheduled, "REFRESH_EVERY_S", 0.01)
    inside, outcome = threading.Event(), []

    async def refresh_rates() -> None:
        if not outcome:
            outcome.append("at startup")
            return
        inside.set()
        await wait_until_cancelled(outcome)

    monkeypatch.setattr(scheduled, "refresh_rates", refresh_rates)
    with serve(scheduled.app, lifespan="on"):
        assert inside.wait(TIMEOUT)
    assert outcome == ["at startup", "cancelled"]


def test_with_two_worker_processes_each_runs_its_own_lifespan_and_schedule():
    with uvicorn("docs_src.background_tasks.scheduled:app", "--workers", "2") as (_, server):
        assert server.output.wait_until(lambda lines: sum("rates refreshed" in line for line in lines) == 2), \
            str(server.output)


def test_an_unknown_currency_is_404():
    with serve(scheduled.app, lifespan="on") as served:
        answer = httpx2.get(served.url + "/rates/XYZ", timeout=TIMEOUT)
    assert (answer.status_code, answer.json()) == (404, {"detail": "unknown currency"})
