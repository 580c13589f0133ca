"""How Ravyn 0.4.3 runs the tasks of its handlers and responses, beyond its examples: a failing task in a decorator's
list, the answer Ravyn sends to a failing task, `as_group`, streaming and file responses, a crash of the server,
which handlers have the request's body read, and that a `BackgroundTask` calls its function only when run."""

import json
from collections.abc import AsyncIterator

import anyio
import httpx2
import pytest
from pydantic import BaseModel
from ravyn import BackgroundTask, BackgroundTasks, JSONResponse, Ravyn, Request, get, post
from ravyn.responses import FileResponse, StreamingResponse

from docs_src.ravyn import errors
from tests.behaviour.test_ravyn import read_by
from tests.processes import uvicorn
from tests.proof import TIMEOUT, Timeline, call_asgi, observed_app

ran: list[str] = []


@pytest.fixture(autouse=True)
def nothing_ran():
    ran.clear()
    errors.sales.clear()


def fails() -> None:
    raise ConnectionError("mail server down")


async def runs_after() -> None:
    ran.append("runs_after")


def notify(service: str) -> None:
    ran.append(service)


def test_a_failing_task_in_a_decorators_list_stops_the_ones_after_it(recorder):
    @post("/", background=BackgroundTasks(tasks=[BackgroundTask(fails), BackgroundTask(runs_after)]))
    async def handler() -> dict[str, str]:
        return {"ok": "yes"}

    call_asgi(Ravyn(routes=[handler]), recorder.timeline, "POST", "/")
    assert [(e.kind, e.name) for e in recorder.timeline.events][:4] == [
        ("send", "http.response.start"),
        ("send", "http.response.body"),
        ("task-start", "fails"),
        ("task-error", "fails"),
    ]
    assert recorder.timeline.of("task-start") == ["fails"]  # runs_after never starts
    assert ran == []


def test_after_a_failing_task_ravyns_second_response_is_a_500_whose_body_names_the_error(recorder):
    sent: list[dict] = []
    result = call_asgi(observed_app(errors.app, Timeline(), sent), recorder.timeline, "POST", "/orders/7/pay")
    assert result.error is None  # caught inside Ravyn's application
    starts = [message["status"] for message in sent if message["type"] == "http.response.start"]
    assert starts == [201, 500]
    bodies = [message["body"] for message in sent if message["type"] == "http.response.body"]
    assert json.loads(bodies[0]) == {"order": "7", "status": "paid"}
    answer = json.loads(bodies[1])
    assert answer["status_code"] == 500
    assert answer["detail"].startswith("ConnectionError('mail server down")
    assert [(e.kind, e.name) for e in recorder.timeline.events] == [
        ("send", "http.response.start"),
        ("send", "http.response.body"),
        ("task-start", "send_receipt"),
        ("task-error", "send_receipt"),
        ("send", "http.response.start"),  # the 500, once the first response has been sent in full
        ("send", "http.response.body"),
    ]


def app_with_three_tasks(**options) -> Ravyn:
    @post("/orders")
    async def order() -> JSONResponse:
        tasks = BackgroundTasks(tasks=[BackgroundTask(notify, s) for s in ("warehouse", "billing", "analytics")],
                                **options)
        return JSONResponse({"order": "A-7"}, background=tasks)

    return Ravyn(routes=[order])


def test_on_a_ravyn_response_tasks_with_as_group_true_run_at_the_same_time(recorder):
    recorder.meet_at_barrier(3)  # passes only if all three run at once
    result = call_asgi(app_with_three_tasks(as_group=True), recorder.timeline, "POST", "/orders")
    assert result.error is None
    recorder.timeline.assert_tasks_after_response(["notify"] * 3)
    assert sorted(ran) == ["analytics", "billing", "warehouse"]


def test_on_a_ravyn_response_tasks_run_one_after_another_by_default(recorder):
    result = call_asgi(app_with_three_tasks(), recorder.timeline, "POST", "/orders")
    assert result.error is None
    recorder.timeline.assert_tasks_after_response(["notify"] * 3)
    recorder.timeline.assert_sequential()
    assert ran == ["warehouse", "billing", "analytics"]


async def rows() -> AsyncIterator[str]:
    for row in ("month,orders\n", "2026-01,10\n", "2026-02,20\n"):
        yield row


@pytest.mark.parametrize("kind", ["streaming", "file"])
def test_a_ravyn_handlers_streaming_or_file_response_runs_its_task_after_the_last_chunk(recorder, tmp_path, kind):
    path = tmp_path / "export.csv"
    path.write_bytes(b"x" * (3 * 65536 + 5))  # four chunks of a FileResponse

    @get("/export")
    async def streaming() -> StreamingResponse:
        return StreamingResponse(rows(), background=BackgroundTask(notify, "recorded"))

    @get("/export")
    async def file() -> FileResponse:
        return FileResponse(path, background=BackgroundTask(notify, "recorded"))

    app = Ravyn(routes=[streaming if kind == "streaming" else file])
    result = call_asgi(app, recorder.timeline, "GET", "/export")
    assert result.status == 200
    bodies = [e for e in recorder.timeline.events if e.name == "http.response.body"]
    assert len(bodies) >= 3 and all(e.more_body for e in bodies[:-1]) and not bodies[-1].more_body
    recorder.timeline.assert_tasks_after_response(["notify"])
    assert ran == ["recorded"]


CRASHING_APP = '''\
import anyio
from ravyn import BackgroundTask, BackgroundTasks, JSONResponse, Ravyn, get


def say(text: str) -> None:
    print(text, flush=True)


async def first() -> None:
    say("first task started")
    await anyio.sleep_forever()  # still running when the process is killed
    say("first task ended")


def second() -> None:
    say("second task ran")


@get("/order")
async def order() -> JSONResponse:
    tasks = BackgroundTasks(tasks=[BackgroundTask(first), BackgroundTask(second)])
    return JSONResponse({"order": "7"}, background=tasks)


@get("/health")
async def health() -> JSONResponse:
    return JSONResponse({"ok": True})


app = Ravyn(routes=[order, health])
'''


def test_a_crash_loses_a_ravyn_responses_running_task_and_the_one_after_it_even_after_a_restart(tmp_path):
    (tmp_path / "crashing_ravyn_app.py").write_text(CRASHING_APP, encoding="utf-8")
    served = ("crashing_ravyn_app:app", "--app-dir", str(tmp_path))
    with uvicorn(*served) as (url, server):
        assert httpx2.get(f"{url}/order", timeout=TIMEOUT).json() == {"order": "7"}
        assert server.said("first task started")
        server.kill()  # SIGKILL, as a crash
        assert server.output.wait_for_end()
        crashed = list(server.output.lines)
    with uvicorn(*served) as (url, restarted):
        assert httpx2.get(f"{url}/health", timeout=TIMEOUT).status_code == 200
    assert restarted.output.ended  # read to its end once the restarted server stopped
    task_lines = [line for line in crashed + restarted.output.lines if "task" in line]
    assert task_lines == ["first task started"], task_lines


class Order(BaseModel):
    id: str


def handler_taking(kind: str):
    if kind == "a path parameter":
        @post("/orders/{order_id}")
        async def pay(order_id: str) -> dict[str, str]:
            return {"order": order_id}
    elif kind == "a query parameter":
        @post("/orders/7")
        async def pay(receipt: bool = False) -> dict[str, str]:
            return {"order": "7"}
    elif kind == "the request":
        @post("/orders/7")
        async def pay(request: Request) -> dict[str, str]:
            return {"order": "7"}
    else:
        @post("/orders/7")
        async def pay(data: Order) -> dict[str, str]:
            return {"order": data.id}
    return pay


@pytest.mark.parametrize("kind", ["a path parameter", "a query parameter", "the request", "a body model"])
def test_a_handler_taking_any_parameter_has_the_whole_body_read_and_a_body_that_is_not_json_gets_500(kind):
    status, body, read = read_by(Ravyn(routes=[handler_taking(kind)]), chunks=64)
    assert read == 64  # 4 MiB, every chunk of it
    assert status == 500
    assert b"JSONDecodeError" in body


@pytest.mark.parametrize("kind", ["def", "async def"])
def test_a_background_task_keeps_its_function_and_arguments_and_calls_it_only_when_run(kind):
    calls: list[tuple] = []

    def record(*args, **kwargs) -> None:
        calls.append((args, kwargs))

    async def record_async(*args, **kwargs) -> None:
        calls.append((args, kwargs))

    task = BackgroundTask(record if kind == "def" else record_async, "ana@example.com", topic="releases")
    assert calls == []
    assert (task.args, task.kwargs) == (("ana@example.com",), {"topic": "releases"})
    anyio.run(task)
    assert calls == [(("ana@example.com",), {"topic": "releases"})]
