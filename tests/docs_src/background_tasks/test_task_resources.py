import gc
import json
import threading
from dataclasses import dataclass, field

import httpx2
import pytest
from lilya.apps import Lilya
from lilya.background import Task
from lilya.dependencies import Provide
from lilya.requests import ClientDisconnect, Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from docs_src.background_tasks import task_resources
from tests.proof import STILL, TIMEOUT, TaskRecorder, call_asgi, logged_by, prove_end_to_end, serve

BODY = json.dumps({"email": "ana@example.com"}).encode()
HEADERS = {"content-type": "application/json", "user-agent": "curl/8.14"}


@pytest.fixture(autouse=True)
def empty_table():
    task_resources.table.clear()


@pytest.fixture
def sessions(monkeypatch) -> list[task_resources.Session]:
    """Every session the example opens, to see which are closed."""
    opened: list[task_resources.Session] = []

    class Tracked(task_resources.Session):
        def __init__(self) -> None:
            super().__init__()
            opened.append(self)

    monkeypatch.setattr(task_resources, "Session", Tracked)
    return opened


def test_the_task_gets_plain_values_and_opens_and_closes_its_own_session(recorder, sessions):
    with logged_by(task_resources) as logged:
        result = call_asgi(task_resources.app, recorder.timeline, "POST", "/users", BODY, HEADERS)
    assert (result.status, result.error) == (201, None)
    recorder.timeline.assert_tasks_after_response(["record_sign_up"])
    assert task_resources.table == [
        {"event": "user created", "email": "ana@example.com"},
        {"event": "signed up", "email": "ana@example.com", "agent": "curl/8.14"},
    ]
    assert len(sessions) == 2  # the request's, from the dependency, and the task's own
    assert sessions[1].closed, "the task left its session open"
    assert logged.lines == ["sign-up of ana@example.com recorded"]


def test_a_closed_session_refuses_work():
    session = task_resources.Session()
    session.closed = True
    with pytest.raises(RuntimeError, match="closed"):
        session.add({"event": "too late"})
    assert task_resources.table == []


def test_served_client_has_the_response_before_the_task_runs(recorder):
    response = prove_end_to_end(
        task_resources.app, recorder, "POST", "/users", ["record_sign_up"], content=BODY, headers=HEADERS
    )
    assert response.status_code == 201
    assert task_resources.table[-1] == {"event": "signed up", "email": "ana@example.com", "agent": "curl/8.14"}


@dataclass
class HandedSession:
    """An app whose handler hands its task the session a dependency opened, and can keep the request alive."""

    recorder: TaskRecorder
    keep_request: bool
    closed: threading.Event = field(default_factory=threading.Event)
    tasks_ended_when_closed: list[str] | None = None
    kept: list[Request] = field(default_factory=list)

    def app(self) -> Lilya:
        async def watched_session():
            try:
                async with task_resources.open_session() as session:
                    yield session
            finally:
                self.tasks_ended_when_closed = self.recorder.timeline.of("task-end")
                self.closed.set()

        async def use_late(session: task_resources.Session) -> None:
            session.add({"event": "added by the task"})

        async def sign_up(request: Request, session: task_resources.Session) -> JSONResponse:
            if self.keep_request:
                self.kept.append(request)
            return JSONResponse({}, 201, background=Task(use_late, session))

        return Lilya(
            routes=[Path("/users", sign_up, methods=["POST"])],
            dependencies={"session": Provide(watched_session)},
        )


def test_a_dependencys_session_handed_to_a_task_is_still_open_for_it_and_closes_right_after_it(recorder):
    handed = HandedSession(recorder, keep_request=False)
    with serve(handed.app()) as served:
        assert httpx2.post(served.url + "/users", timeout=TIMEOUT).status_code == 201
        assert handed.closed.wait(TIMEOUT)
    assert task_resources.table == [{"event": "added by the task"}]  # the session was open for the task
    assert handed.tasks_ended_when_closed == ["use_late"]


def test_lilya_closes_a_dependencys_session_only_when_python_discards_the_request(recorder, monkeypatch):
    """Lilya 0.29 registers the dependency's teardown with the request but never calls `Request.close()`: the session
    stays open after the response and the task for as long as anything holds the request."""
    closes: list[Request] = []
    monkeypatch.setattr(Request, "close", lambda request: closes.append(request))
    handed = HandedSession(recorder, keep_request=True)
    with serve(handed.app()) as served:
        assert httpx2.post(served.url + "/users", timeout=TIMEOUT).status_code == 201
        recorder.timeline.wait_for("task-end", ["use_late"])
        assert not handed.closed.wait(STILL), "the session was closed while the request was still held"
        handed.kept.clear()
        gc.collect()
        assert handed.closed.wait(TIMEOUT), "the session was not closed once the request was discarded"
    assert closes == []


def test_on_uvicorn_a_task_can_read_what_the_request_already_read_but_not_a_body_the_handler_left_unread(recorder):
    seen: dict[str, object] = {}

    async def read_later(request: Request) -> None:
        seen[request.path_params["name"]] = (request.headers["user-agent"], request.query_params["tag"])
        try:
            seen["body"] = await request.body()
        except ClientDisconnect as error:
            seen["body"] = error

    async def upload(request: Request) -> JSONResponse:
        if request.path_params["name"] == "read.txt":
            await request.body()
        return JSONResponse({}, 202, background=Task(read_later, request))

    app = Lilya(routes=[Path("/files/{name}", upload, methods=["PUT"])])
    with serve(app) as served:
        for done, name in enumerate(("read.txt", "unread.txt"), start=1):
            url = f"{served.url}/files/{name}?tag=x"
            response = httpx2.put(url, content=b"data", headers=HEADERS, timeout=TIMEOUT)
            assert response.status_code == 202
            recorder.timeline.wait_for("task-end", ["read_later"] * done)
            seen[f"{name} body"] = seen.pop("body")
    assert seen["read.txt"] == seen["unread.txt"] == ("curl/8.14", "x")
    assert seen["read.txt body"] == b"data"  # read by the handler, kept by the request
    assert isinstance(seen["unread.txt body"], ClientDisconnect)
