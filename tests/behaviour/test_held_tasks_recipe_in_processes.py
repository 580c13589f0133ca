"""The Performance page's recipe (docs_src/performance/held_tasks.py) on uvicorn, where what it changes shows: its
lifespan waits for the held work only once uvicorn has stopped serving requests; with several worker processes, each
holds its own work and waits for it at shutdown; and a crash loses the held work, as it loses a response's tasks that
have not run yet. Beside it, what a stop does to a response's tasks that have not run yet: a graceful stop runs them
still, and one that stops waiting (`--timeout-graceful-shutdown`) loses them."""

from __future__ import annotations

import re
import threading

import httpx2

from docs_src.performance import held_tasks
from tests.processes import uvicorn
from tests.proof import TIMEOUT, logged_by, opened, serve

APP = "tests.behaviour.perf_recipe_process_app:app"


def test_at_shutdown_the_lifespan_waits_for_the_held_work_once_uvicorn_has_stopped_serving_requests(monkeypatch):
    gate, asked = threading.Event(), []

    async def held_sleep(seconds: float) -> None:
        asked.append(seconds)
        assert await opened(gate), "the gate was never opened"

    monkeypatch.setattr(held_tasks.anyio, "sleep", held_sleep)
    with logged_by(held_tasks) as logged, serve(held_tasks.app, lifespan="on") as served:
        try:
            assert httpx2.post(served.url + "/orders/5", timeout=TIMEOUT).status_code == 202
            served.server.should_exit = True
            assert served.log.wait_until(lambda lines: "Waiting for application shutdown." in lines), served.log
            try:
                httpx2.post(served.url + "/orders/6", timeout=TIMEOUT)
                raise AssertionError("a request was served while the lifespan waited for the held work")
            except httpx2.ConnectError:
                pass
            assert served.thread.is_alive() and len(held_tasks.held) == 1 and logged.lines == []
        finally:
            gate.set()
        served.thread.join(TIMEOUT)
    assert asked == [2] and logged.lines == ["warehouse notified of order 5"] and not held_tasks.held


def answered_by(response: httpx2.Response) -> int:
    assert response.status_code == 202, response.text
    return int(response.headers["x-process"])


def test_with_two_worker_processes_each_holds_its_own_work_and_waits_for_it_at_shutdown():
    """Orders are sent, each on a new connection, until both workers have taken some; then uvicorn is stopped
    (SIGTERM), long before the 2 s of the warehouse calls are over."""
    orders: dict[int, int] = {}
    with uvicorn(APP, "--workers", "2") as (url, server):
        # the workers listen once their startup is complete: before that, a connection is refused
        assert server.output.wait_until(
            lambda lines: sum("Application startup complete" in line for line in lines) == 2)
        for order in range(1, 201):
            orders[order] = answered_by(httpx2.post(f"{url}/orders/{order}", timeout=TIMEOUT))
            if len(set(orders.values())) == 2 and order >= 4:
                break
        server.stop()
        lines = server.output.lines
    assert len(set(orders.values())) == 2, orders
    said: dict[int, list[str]] = {}
    for line in lines:
        if found := re.fullmatch(r"process (\d+): (.*)", line):
            said.setdefault(int(found[1]), []).append(found[2])
    for process in set(orders.values()):
        own = {order for order, answering in orders.items() if answering == process}
        told = said[process]
        assert told[0] == "lifespan shutdown", told
        assert sorted(told[1:]) == sorted(f"warehouse notified of order {order}" for order in own), told


def test_a_crash_loses_the_held_work_and_a_responses_task_that_has_not_run_yet():
    """SIGKILL right after the answers, while the warehouse calls wait (2 s): then a new process on the same port,
    which knows nothing of them."""
    with uvicorn(APP) as (url, server):
        assert answered_by(httpx2.post(f"{url}/orders/8", timeout=TIMEOUT)) == server.process.pid
        assert answered_by(httpx2.post(f"{url}/sequence", timeout=TIMEOUT)) == server.process.pid
        server.kill()
        server.output.wait_for_end()
        crashed = list(server.output.lines)
    with uvicorn(APP) as (_, restarted):
        restarted.stop()
        after_restart = list(restarted.output.lines)
    for line in crashed + after_restart:
        assert "warehouse notified" not in line and "second task ran" not in line, line


def sequence_after_a_stop(*options: str) -> list[str]:
    """What the process says after answering `POST /sequence` (a 2 s warehouse call, then a second task) and being
    stopped at once with SIGTERM, as a graceful shutdown."""
    with uvicorn(APP, *options) as (url, server):
        assert answered_by(httpx2.post(f"{url}/sequence", timeout=TIMEOUT)) == server.process.pid
        server.stop()
        return list(server.output.lines)


def test_a_graceful_stop_runs_even_a_responses_task_that_had_not_started():
    said = [line.split(": ", 1)[1] for line in sequence_after_a_stop() if line.startswith("process ")]
    assert said == ["warehouse notified of order 0", "second task ran", "lifespan shutdown"], said


def test_a_stop_that_stops_waiting_loses_a_responses_task_that_has_not_run_yet():
    lines = sequence_after_a_stop("--timeout-graceful-shutdown", "1")
    assert any("timeout graceful shutdown exceeded" in line for line in lines), lines
    said = [line.split(": ", 1)[1] for line in lines if line.startswith("process ")]
    assert said == ["lifespan shutdown"], said
