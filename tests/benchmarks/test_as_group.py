"""The as_group benchmark's app: it runs the tasks it is asked for, in the way it is asked, and reports a run's end
only once its last task ended."""

from __future__ import annotations

import time

import anyio
import httpx2
import pytest
from lilya.testclient import TestClient

from benchmarks import as_group
from tests.proof import TIMEOUT

TASK_S = 0.01


@pytest.mark.parametrize(("kind", "tasks", "at_once"), [("sequence", 5, 1), ("group", 5, 5), ("group", 1, 1)])
def test_a_run_ends_all_its_tasks_and_runs_them_in_sequence_or_at_once(kind: str, tasks: int, at_once: int) -> None:
    client = TestClient(as_group.app)
    started = client.post(f"/runs/{kind}-{tasks}", params={"tasks": tasks, "kind": kind, "seconds": TASK_S})
    assert started.status_code == 202, started.text
    finished = client.get(f"/runs/{kind}-{tasks}", params={"timeout": TIMEOUT})
    assert finished.status_code == 200, finished.text
    run = finished.json()
    assert (run["kind"], run["tasks"], run["ended_tasks"], run["most_running"]) == (kind, tasks, tasks, at_once)
    assert run["arrived"] <= run["ended"] <= time.monotonic()


def test_the_end_of_a_run_is_reported_only_after_its_last_task_ended() -> None:
    async def scenario() -> None:
        transport = httpx2.ASGITransport(app=as_group.app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://benchmark") as client:
            started: list[httpx2.Response] = []

            async def start() -> None:
                query = {"tasks": 3, "kind": "sequence", "seconds": 0.05}
                started.append(await client.post("/runs/watched", params=query))

            async with anyio.create_task_group() as group:
                group.start_soon(start)
                with anyio.fail_after(TIMEOUT):
                    while as_group.runs.get("watched") is None or as_group.runs["watched"].running == 0:
                        await anyio.sleep(0.001)
                early = await client.get("/runs/watched", params={"timeout": 0})
                final = await client.get("/runs/watched", params={"timeout": TIMEOUT})
        assert started[0].status_code == 202, started[0].text
        assert early.status_code == 504, early.text
        assert early.json()["ended"] is None and early.json()["ended_tasks"] < 3
        assert final.status_code == 200, final.text
        assert final.json()["ended_tasks"] == 3 and final.json()["ended"] is not None

    anyio.run(scenario)


def test_the_run_is_done_when_its_last_task_ends_and_not_before() -> None:
    async def scenario() -> None:
        run = as_group.Run(tasks=3, kind="group", arrived=time.monotonic())
        for _ in range(3):
            run.task_started()
        run.task_ended()
        run.task_ended()
        assert not run.done.is_set() and run.ended is None
        run.task_ended()
        assert run.done.is_set() and run.ended is not None and run.most_running == 3

    anyio.run(scenario)


@pytest.mark.parametrize("query", [{"kind": "parallel"}, {"tasks": 0}, {"tasks": "many"}, {"tasks": 101},
                                   {"seconds": 5}])
def test_a_run_asked_for_out_of_bounds_is_refused_with_the_reason(query: dict) -> None:
    response = TestClient(as_group.app).post("/runs/refused", params=query)
    assert response.status_code == 400
    assert next(iter(query)) in response.json()["error"]
    assert "refused" not in as_group.runs


def test_a_run_id_is_taken_once_and_an_unknown_one_is_not_found() -> None:
    client = TestClient(as_group.app)
    assert client.post("/runs/twice", params={"seconds": TASK_S}).status_code == 202
    assert client.post("/runs/twice", params={"seconds": TASK_S}).status_code == 409
    assert client.get("/runs/twice").status_code == 200
    assert client.get("/runs/twice").status_code == 404
